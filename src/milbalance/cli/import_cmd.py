"""``milbalance import …``: turn a publisher's file into rows under data/ (thin wrapper)."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from milbalance import config
from milbalance.cli import data_cmd
from milbalance.cli.output import console, print_json, progress

if TYPE_CHECKING:
    from milbalance.importers import ImportResult

app = typer.Typer(
    help="Import a publisher's file (SIPRI, OMB, CBO, World Bank, NATO) into data/; "
    "re-importing the same file gives the same bytes, a newer edition sits beside the older one.",
    no_args_is_help=True,
)

FileArg = Annotated[Path, typer.Argument(help="The file as downloaded from the publisher.",
                                         show_default=False)]
DataOpt = Annotated[Path | None, typer.Option(
    "--data", help="Data folder to write into (default: the repository's data/).",
    show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a summary.")]
SHOWN_SKIPS = 8


def _run(importer: Callable[[Path, Path], ImportResult], file: Path, data: Path | None,
         as_json: bool) -> None:
    with progress(f"importing {file.name}"):
        result = importer(file, config.data_dir(data or data_cmd.state.data))
    if as_json:
        print_json(result)
        return
    table = Table(title=f"{result.source_id} → {result.output}", show_edge=False)
    table.add_column("metric")
    table.add_column("rows", justify="right")
    table.add_column("gaps", justify="right")
    gaps = dict(result.gaps_by_metric)
    for metric, rows in result.rows_by_metric:
        table.add_row(metric, str(rows), str(gaps.get(metric, 0)))
    table.add_row("total", str(result.rows), str(len(result.gaps)), style="bold")
    console.print(table)
    if result.not_a_state:
        console.print(f"{result.not_a_state} cells marked 'xxx' (state did not exist): no rows")
    if result.skipped:
        console.print(f"skipped {len(result.skipped)}:", highlight=False)
        for item in result.skipped[:SHOWN_SKIPS]:
            console.print(f"  {item.name}: {item.reason}", markup=False, highlight=False)
        if len(result.skipped) > SHOWN_SKIPS:
            console.print(f"  … and {len(result.skipped) - SHOWN_SKIPS} more (--json lists all)")
    for note in result.notes:
        console.print(note, markup=False, highlight=False)


def _importer(name: str) -> Callable[[Path, Path], ImportResult]:
    """The importer function, imported when a command runs (openpyxl and dateutil are slow
    to import, and every `milbalance` call imports this module)."""
    func: Callable[[Path, Path], ImportResult] = getattr(import_module("milbalance.importers"),
                                                          name)
    return func


@app.command()
def sipri(file: FileArg, data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """SIPRI Military Expenditure Database workbook (SIPRI-Milex-data-1949-<year>.xlsx)."""
    _run(_importer("import_sipri"), file, data, as_json)


@app.command()
def omb(file: FileArg, data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """OMB Historical Table 3.1 (hist03z1.xlsx): national-defense outlays and share of GDP."""
    _run(_importer("import_omb"), file, data, as_json)


@app.command()
def cbo(file: FileArg, data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """CBO Historical Budget Data workbook: discretionary defense outlays and share of GDP."""
    _run(_importer("import_cbo"), file, data, as_json)


@app.command()
def worldbank(file: FileArg, data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """World Bank indicator CSV (API_<indicator>_DS2_en_csv_v2.csv)."""
    _run(_importer("import_worldbank"), file, data, as_json)


@app.command()
def nato(file: FileArg, data: DataOpt = None, as_json: JsonOpt = False) -> None:
    """NATO's Defence Expenditure of NATO Countries tables (<yymmdd>-def-exp-<year>-TABLES-en)."""
    _run(_importer("import_nato"), file, data, as_json)

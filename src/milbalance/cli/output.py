"""How the CLI shows results: Rich tables for people, JSON for machines, progress on stderr,
and the options every table command shares to write its rows (CSV, XLSX) or a chart."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from milbalance.formatting import FLAG_LEGEND, FLAG_MARKS, number, span, to_jsonable
from milbalance.model import Source
from milbalance.tables import Rows

__all__ = ["FLAG_LEGEND", "FLAG_MARKS", "ChartOpt", "CsvOpt", "XlsxOpt", "console", "errors",
           "number", "print_json", "print_source", "progress", "span", "to_jsonable",
           "write_rows"]

console = Console(soft_wrap=False)
errors = Console(stderr=True, soft_wrap=True)



def _file(*suffixes: str) -> Callable[[Path | None], Path | None]:
    """An option callback: the file must end in one of ``suffixes`` and its folder exist,
    checked before any work is done."""
    def check(path: Path | None) -> Path | None:
        if path is None:
            return None
        if path.suffix.lower() not in suffixes:
            raise typer.BadParameter(f"{str(path)!r} must end in {' or '.join(suffixes)}")
        if not path.parent.is_dir():
            raise typer.BadParameter(f"folder {str(path.parent)!r} does not exist")
        return path
    return check


CsvOpt = Annotated[Path | None, typer.Option(
    "--csv", help="Also write the table's rows (numbers unrounded, with source ids) to FILE.csv.",
    metavar="FILE", show_default=False, callback=_file(".csv"))]
XlsxOpt = Annotated[Path | None, typer.Option(
    "--xlsx", help="Also write the table's rows to FILE.xlsx, with a sheet of the sources.",
    metavar="FILE", show_default=False, callback=_file(".xlsx"))]
ChartOpt = Annotated[Path | None, typer.Option(
    "--chart", help="Also draw a chart to FILE.png or FILE.svg.", metavar="FILE",
    show_default=False, callback=_file(".png", ".svg"))]


def print_json(value: Any) -> None:
    console.print_json(json.dumps(to_jsonable(value), ensure_ascii=False), indent=2)


def print_source(source: Source) -> None:
    """One source as a line below a table: never broken inside a word, so an id or an
    address is never cut (a narrow terminal wraps it on screen; a pipe gets it whole)."""
    console.print(f"{source.id}: {source.title} — {source.publisher}, {source.published}. "
                  f"{source.url}", style="dim", markup=False, highlight=False, soft_wrap=True)


@contextmanager
def progress(description: str, total: float | None = None
             ) -> Iterator[Callable[[float], None]]:
    """A progress bar on stderr while a long job runs; yields ``advance(steps)``.

    Without ``total`` the bar pulses with the time elapsed. It is drawn only when stderr is
    a terminal and removed when the job ends, so pipes, logs and ``--json`` output never
    hold progress text.
    """
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                   TimeElapsedColumn(), console=errors, transient=True, redirect_stdout=False,
                   redirect_stderr=False,
                   disable=not errors.is_terminal)
    with bar:
        task = bar.add_task(description, total=total)

        def advance(steps: float = 1.0) -> None:
            bar.advance(task, steps)

        yield advance


def write_rows(rows: Rows, csv_path: Path | None, xlsx_path: Path | None,
               sources: Sequence[Source] = ()) -> list[Path]:
    """Write a command's :class:`milbalance.tables.Rows` to the files asked for (and the
    sources its rows name); say so on stderr, so ``--json`` output stays JSON."""
    if csv_path is None and xlsx_path is None:
        return []
    from milbalance import tables

    rows.sources = tables.used_sources(sources, rows)
    written = tables.write(rows, csv_path, xlsx_path)
    for path in written:
        errors.print(f"wrote {path} ({len(rows.rows)} rows)", markup=False, highlight=False)
    return written


def verdict_cells(v: Any) -> tuple[str, str]:
    """A verdict's P and its 'why' cell in a claims table: the reading, the summary, the
    caveats and the sources, one per line."""
    p = "–" if v.probability is None else f"{v.probability:.2f}"
    why = (f"read as: {v.reading}\n" if v.reading else "") + v.summary + "".join(
        f"\n· {x}" for x in v.caveats)
    sources = sorted({e.source_id for e in v.evidence})
    if sources:
        why += "\nsources: " + ", ".join(sources)
    return p, why

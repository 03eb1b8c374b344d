"""Corpus commands: `read PATH… --out FILE` and `read` of a long text (both called from `read`
in claims_cmd), and `track-record FILE`."""

from __future__ import annotations

import bisect
import csv
import json
import re
from datetime import date
from pathlib import Path
from typing import IO, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from milbalance.claims import Checker, Reading
from milbalance.cli.data_cmd import open_store
from milbalance.cli.output import (
    console,
    errors,
    print_json,
    progress,
    to_jsonable,
    verdict_cells,
)
from milbalance.corpus import articles, blocks, data_ref, engine, run
from milbalance.corpus.inputs import MAX_CHARS, count
from milbalance.corpus.track import BY, VERDICTS, chart, track_record
from milbalance.errors import UserError

OutOpt = Annotated[Path | None, typer.Option(
    "--out", help="Write one row per claim to FILE.parquet or FILE.csv (reruns resume).")]
WorkersOpt = Annotated[int, typer.Option(
    "--workers", help="Worker processes (1: in this process).")]
DaskOpt = Annotated[str, typer.Option(
    "--dask", help="Run on Dask: 'local' (a LocalCluster of --workers processes) or a "
    "scheduler address, tcp://HOST:8786.")]
BatchOpt = Annotated[int, typer.Option("--batch", help="Articles per batch sent to a worker.")]
MaxOpt = Annotated[int, typer.Option(
    "--max-chars", help="Longest article read; longer ones become error rows.")]
ProgressOpt = Annotated[bool, typer.Option("--progress/--no-progress",
                                           help="Show a progress bar on stderr.")]


def read_corpus(paths: list[Path], out: Path, on: str, workers: int = 1, dask: str = "",
                batch: int = 16, max_chars: int = MAX_CHARS, progress: bool = True) -> None:
    """Every article under PATHS into OUT, with a progress bar (rate and ETA) on stderr."""
    if batch < 1:
        raise UserError(f"--batch {batch}: give 1 or more")
    with open_store() as store:  # built here once; workers open it by its content hash
        ref = data_ref(store)
    total = count(paths)
    bar = Progress(TextColumn("reading"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(),
                   TextColumn("ETA"), TimeRemainingColumn(), console=errors,
                   disable=not progress, transient=False)
    with bar:
        task = bar.add_task("read", total=total, rate="–")

        def advance(done: int, skipped: int) -> None:
            elapsed = bar.tasks[task].elapsed or 0.0
            rate = f"{done / elapsed:.1f}" if elapsed else "–"
            bar.update(task, completed=done + skipped, rate=rate)

        stats = run(articles(paths, on, max_chars, batch), out, ref, engine(workers, dask),
                    batch, advance)
    rate = stats.articles / stats.seconds if stats.seconds else 0.0
    labels = ", ".join(f"{n} {k}" for k, n in sorted(stats.labels.items()))
    errors.print(f"{stats.articles} articles read ({rate:.1f}/s), {stats.skipped} done before, "
                 f"{stats.errors} errors; {stats.claims} claims ({labels or 'none'}) → {out}",
                 markup=False, highlight=False)


def is_long(text: str) -> bool:
    """Whether ``read`` reads the text in blocks (see ``milbalance.corpus.blocks``)."""
    return len(text) > blocks.LONG_TEXT


def read_long(name: str, text: str, on: date | None, as_json: bool, as_html: bool,
              workers: int = 1) -> None:
    """``read`` of a long text: block by block (on ``workers`` processes) with a progress
    bar on stderr (drawn only on a terminal), then the reading printed. JSON lists every
    claim with its span into the whole text, written as it is encoded; the table groups
    identical claims."""
    from milbalance.claims.report import reading_html

    if workers < 1:
        raise UserError(f"--workers {workers}: give 1 or more")
    starts = blocks.cuts(text, blocks.BLOCK_CHARS)
    what = f"reading {Path(name).name}: {len(starts)} blocks"
    if workers > 1:
        with open_store() as store:  # built here once; workers open it by its content hash
            ref = data_ref(store)
        with progress(what, total=len(starts)) as advance:
            reading = blocks.read_blocks_in_pool(ref, workers, text, on, starts=starts,
                                                 advance=advance)
    else:
        with open_store() as store, progress(what, total=len(starts)) as advance:
            reading = blocks.read_blocks(Checker(store), text, on, starts=starts,
                                         advance=advance)
    errors.print(f"{name}: {len(text):,} characters read in {len(starts)} blocks of whole "
                 f"paragraphs; {len(reading.claims):,} claims", markup=False, highlight=False)
    if as_json:
        write_json(console.file, {"file": name}, reading)
    elif as_html:
        console.file.write(reading_html(reading, Path(name).name))
    else:
        _show_grouped(reading, text)


def write_json(out: IO[str], head: dict[str, Any], reading: Reading) -> None:
    """``{**head, **reading_json(reading, spans=True)}`` as ``print_json`` writes it off a
    terminal (indent 2), one claim and one skipped sentence at a time: the whole document
    is never held, only the reading."""
    from milbalance.claims.report import reading_json

    def dump(value: Any, depth: int) -> str:
        text = json.dumps(to_jsonable(value), ensure_ascii=False, indent=2)
        return text.replace("\n", "\n" + "  " * depth)

    def one(claims: tuple[Any, ...], skipped: tuple[Any, ...], key: str) -> Any:
        return reading_json(Reading(claims, skipped, reading.on), spans=True)[key][0]

    top = {**head, **reading_json(Reading((), (), reading.on), spans=True)}
    items = {"claims": (one((c,), (), "claims") for c in reading.claims),
             "skipped": (one((), (s,), "skipped") for s in reading.skipped)}
    out.write("{")
    for n, (key, value) in enumerate(top.items()):
        out.write(("," if n else "") + f"\n  {json.dumps(key, ensure_ascii=False)}: ")
        if key not in items:
            out.write(dump(value, 1))
            continue
        first = True
        for item in items[key]:
            out.write(("[" if first else ",") + "\n    " + dump(item, 2))
            first = False
        out.write("[]" if first else "\n  ]")
    out.write("\n}\n")


def _show_grouped(reading: Reading, text: str) -> None:
    """The claims of a long text, one row per distinct claim with how often and the line it
    is first on; skipped sentences counted by reason (``--json`` has every one)."""
    lines = [m.start() for m in re.finditer("\n", text)]
    groups: dict[tuple[str, ...], list[int]] = {}
    for c in reading.claims:
        v = c.verdict
        p, why = verdict_cells(v)
        groups.setdefault((v.claim.text, str(v.claim.kind), str(v.label), p, why),
                          []).append(c.start)
    table = Table(title=f"{len(reading.claims):,} claims, {len(groups):,} distinct")
    for name in ("claim", "kind", "verdict", "P", "times", "first on line", "why"):
        table.add_column(name, overflow="fold")
    for (claim, kind, label, p, why), at in groups.items():
        table.add_row(claim, kind, label, p, str(len(at)),
                      str(bisect.bisect_left(lines, at[0]) + 1), why)
    console.print(table)
    reasons: dict[str, int] = {}
    for s in reading.skipped:
        reasons[s.reason] = reasons.get(s.reason, 0) + 1
    for reason, n in sorted(reasons.items(), key=lambda x: -x[1]):
        console.print(f"skipped {n:,} sentences: {reason}", style="dim", markup=False,
                      highlight=False)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def track_record_cmd(
    file: Annotated[Path, typer.Argument(help="A claims file from `read … --out`.")],
    by: Annotated[str, typer.Option("--by", help=f"Group by {', '.join(BY)}.")] = "speaker",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")
                       ] = False,
    csv_out: Annotated[Path | None, typer.Option("--csv", help="Write the table to a CSV file.")
                       ] = None,
    chart_out: Annotated[Path | None, typer.Option(
        "--chart", help="Draw shares supported and refuted over time (.png or .svg).")] = None,
) -> None:
    """Each claimant's track record over time: checkable claims, the shares supported,
    contested and refuted, and the claims they repeat most."""
    records = track_record(file, by)
    rows = [r.as_dict() for r in records]
    if chart_out is not None:
        chart(records, chart_out)
    if csv_out is not None:
        with csv_out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["claimant", "year", "claims", "checkable", *VERDICTS,
                             *(f"share_{v}" for v in VERDICTS), "most_repeated"])
            for row in rows:
                writer.writerow([row["claimant"], row["year"], row["claims"], row["checkable"],
                                 *(row[v] for v in VERDICTS),
                                 *(row[f"share_{v}"] for v in VERDICTS),
                                 "; ".join(f"{x['reading']} (×{x['times']})"
                                           for x in row["most_repeated"])])
    if as_json:
        print_json({"by": by, "file": str(file), "records": rows})
        return
    if csv_out is not None or chart_out is not None:
        return
    table = Table(title=f"track record by {by}: {file.name}")
    for name in (by, "year", "checkable", "supported", "contested", "refuted", "most repeated"):
        table.add_column(name, overflow="fold")
    for r in records:
        repeated = "\n".join(f"{x['reading']} ×{x['times']}" for x in r.as_dict()["most_repeated"])
        table.add_row(r.claimant, r.year, str(r.checkable),
                      *(_pct(r.share(v)) for v in VERDICTS), repeated,
                      end_section=r.year == "all")
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("track-record")(track_record_cmd)

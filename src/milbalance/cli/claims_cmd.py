"""Commands that check claims: `check` one sentence, `read` a whole article."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from milbalance.claims import Checker, Reading
from milbalance.claims.report import reading_html, reading_json
from milbalance.cli import corpus_cmd
from milbalance.cli.data_cmd import open_store
from milbalance.cli.output import console, print_json, verdict_cells
from milbalance.corpus.inputs import MAX_CHARS, TABLE_SUFFIXES
from milbalance.errors import UserError

DateOpt = Annotated[str | None, typer.Option(
    "--date", help="The article's date, YYYY-MM-DD: the year of claims that name none.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"--date {text!r} is not a date; write YYYY-MM-DD") from exc


def _show(reading: Reading) -> None:
    table = Table(title=f"{len(reading.claims)} claims")
    for name in ("claim", "kind", "verdict", "P", "why"):
        table.add_column(name, overflow="fold")  # a reading's long metric ids wrap, never cut
    for c in reading.claims:
        v = c.verdict
        p, why = verdict_cells(v)
        table.add_row(v.claim.text, str(v.claim.kind), str(v.label), p, why)
    console.print(table)
    for s in reading.skipped:
        console.print(f"[dim]skipped: {s.text} — {s.reason}[/dim]", markup=True,
                      highlight=False)


def check(
    sentence: Annotated[str, typer.Argument(help="The sentence to check, in quotes.")],
    on: DateOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Check one sentence: its claims, each with a verdict, probability and evidence."""
    day = _day(on)
    if not sentence.strip():
        raise UserError("the sentence is empty: give the text to check in quotes")
    with open_store() as store:
        reading = Checker(store).check(sentence, day)
    if as_json:
        print_json(reading_json(reading))
        return
    _show(reading)


def read(
    paths: Annotated[list[Path], typer.Argument(
        help="A text or Markdown file with the article; or, with --out, files, folders and "
        "JSONL/CSV/Parquet tables with one article a row (id, url, date, outlet, text).")],
    on: DateOpt = None,
    as_json: JsonOpt = False,
    as_html: Annotated[bool, typer.Option("--html", help="Print a standalone HTML page.")] = False,
    out: corpus_cmd.OutOpt = None,
    workers: corpus_cmd.WorkersOpt = 1,
    dask: corpus_cmd.DaskOpt = "",
    batch: corpus_cmd.BatchOpt = 16,
    max_chars: corpus_cmd.MaxOpt = MAX_CHARS,
    progress: corpus_cmd.ProgressOpt = True,
) -> None:
    """Read an article: every checkable claim with its verdict; other sentences skipped
    with the reason. With --out, read a corpus into one row per claim."""
    day = _day(on)
    if out is not None or len(paths) > 1 or paths[0].is_dir() or \
            paths[0].suffix.lower() in TABLE_SUFFIXES:
        if out is None:
            raise UserError("several articles: give --out FILE.parquet or FILE.csv")
        if as_json or as_html:
            raise UserError("--json and --html show one article; --out writes a corpus")
        corpus_cmd.read_corpus(paths, out, on or "", workers, dask, batch, max_chars, progress)
        return
    file = paths[0]
    if as_json and as_html:
        raise UserError("choose one of --json and --html")
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"cannot read {file}: {exc}") from exc
    if not text.strip():
        raise UserError(f"{file} is empty: nothing to read")
    if corpus_cmd.is_long(text):  # in blocks of whole paragraphs, with a progress bar
        corpus_cmd.read_long(str(file), text, day, as_json, as_html, workers)
        return
    with open_store() as store:
        reading = Checker(store).read(text, day)
    if as_json:
        print_json({"file": str(file), **reading_json(reading, spans=True)})
    elif as_html:
        console.file.write(reading_html(reading, file.name))
    else:
        _show(reading)


def register(app: typer.Typer) -> None:
    for command in (check, read):
        app.command()(command)

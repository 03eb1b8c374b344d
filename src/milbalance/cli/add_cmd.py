"""``milbalance add observation|statement|source``: append one sourced row to data/.

Fields come from flags; in a terminal, a required field left out is asked for (with the
column's description from the schema). The whole data folder is checked with the new row
before anything is written — the same messages as ``milbalance validate``, exit code 2 —
and on success the rows written are printed with their file and line.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Annotated, Any

import typer

from milbalance import add as adding
from milbalance import config, schema
from milbalance.cli import data_cmd
from milbalance.cli.output import console, errors, print_json, progress
from milbalance.errors import DataError, UserError

app = typer.Typer(
    help="Add a sourced observation, statement or source to data/ (checked before it is "
    "written; nothing is written when the data would not validate).",
    no_args_is_help=True,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def _opt(help: str) -> Any:
    return typer.Option(help=help, show_default=False)


def interactive() -> bool:
    """Prompts only when a person is at a terminal (never in pipes, scripts or tests)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _complete(spec: schema.FileSpec, given: dict[str, str | None],
              default: Callable[[str, dict[str, str]], str | None] | None = None,
              either: tuple[str, ...] = ()) -> dict[str, str]:
    """The row: given fields, prompted (in a terminal, in column order) or refused when
    required ones are missing. ``either``: fields of which at least one is needed (a value
    or a range; the first is asked for); ``default(name, row)``: a prompt's default."""
    row = {k: v.strip() for k, v in given.items() if v is not None and v.strip()}
    lacking = bool(either) and not any(n in row for n in either)
    need = [c for c in spec.columns if c.name not in row and (
        c.required or (lacking and c.name == either[0]))]
    if need and not interactive():
        flags = ", ".join(f"--{c.name.replace('_', '-')}" for c in need)
        raise UserError(f"missing {flags} (prompts only in a terminal; "
                        f"see `milbalance add {_kind(spec)} --help`)")
    for c in need:
        answer = typer.prompt(f"{c.name} ({c.description})",
                              default=(default(c.name, row) if default else None) or None)
        if str(answer).strip():
            row[c.name] = str(answer).strip()
    return row


def _kind(spec: schema.FileSpec) -> str:
    return next(k for k, v in adding.KINDS.items() if v.pattern == spec.pattern)


def _write(kind: str, row: dict[str, str], file: str | None, as_json: bool) -> None:
    root = config.data_dir(data_cmd.state.data)
    try:
        with progress(f"checking {root} with the new {kind}"):
            done = adding.append_rows(root, kind, [row], file)
    except DataError as exc:
        if as_json:
            print_json({"ok": False, "written": False, "issues": [
                {"path": i.path, "line": i.line, "field": i.field, "value": i.value,
                 "problem": i.problem, "fix": i.fix} for i in exc.issues]})
            raise typer.Exit(2) from exc
        errors.print(f"nothing written: the data would not validate with this {kind}",
                     markup=False, highlight=False)
        raise
    shown = adding.shown(done.path)
    if as_json:
        print_json({"ok": True, "written": True, "path": shown, "line": done.line,
                    "rows": list(done.rows)})
        return
    console.print(f"added {len(done.rows)} {kind} to {shown} (checked: the data folder "
                  "validates)", markup=False, highlight=False, soft_wrap=True)
    for i, text in enumerate(done.text):
        console.print(f"{shown}:{done.line + i}: {text}", markup=False, highlight=False,
                      soft_wrap=True)


def _metric_unit(metric: str | None) -> str | None:
    """The metric's canonical unit as a default (not 'LCU', which stands for a currency)."""
    if not metric:
        return None
    root = config.data_dir(data_cmd.state.data)
    path = root / schema.METRICS.pattern
    if not path.is_file():
        return None
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for r in csv.DictReader(handle):
            if r.get("id") == metric and r.get("unit") and "LCU" not in r["unit"]:
                return r["unit"]
    return None


@app.command()
def observation(
    entity: Annotated[str | None, _opt("Entity id (RUS, NATO, rheinmetall).")] = None,
    metric: Annotated[str | None, _opt("Metric id (artillery_shells.output).")] = None,
    period: Annotated[str | None, _opt("2024, FY2024, 2024-Q1, 2024-03, a/b range.")] = None,
    value: Annotated[str | None, _opt("Point value or central estimate.")] = None,
    low: Annotated[str | None, _opt("Low end of a range (with --high).")] = None,
    high: Annotated[str | None, _opt("High end of a range (with --low).")] = None,
    confidence: Annotated[str | None, _opt("P(true value in low–high), e.g. 0.9.")] = None,
    shape: Annotated[str | None, _opt("point, uniform, normal, lognormal, triangular.")]
    = None,
    unit: Annotated[str | None, _opt("Unit id (default: the metric's unit).")] = None,
    source: Annotated[str | None, _opt("Source id from sources.csv.")] = None,
    claimant: Annotated[str | None, _opt("Who is quoted, when not the publisher.")] = None,
    claimant_type: Annotated[str | None, _opt("Overrides the source's claimant type.")]
    = None,
    flags: Annotated[str | None, _opt("';'-separated: estimate, projection, …")] = None,
    notes: Annotated[str | None, _opt("Definition, caveats, where in the source.")] = None,
    file: Annotated[str | None, _opt("File under observations/ (default munitions.csv).")]
    = None,
    as_json: JsonOpt = False,
) -> None:
    """Append a sourced figure to data/observations/ (checked before it is written).

    An entity × metric × period × value (or low–high) from a source in sources.csv; the
    whole data folder is checked with it, as `milbalance validate` does."""
    given = {"entity": entity, "metric": metric, "period": period, "value": value,
             "low": low, "high": high, "confidence": confidence, "shape": shape,
             "unit": unit or _metric_unit(metric), "source": source, "claimant": claimant,
             "claimant_type": claimant_type, "flags": flags, "notes": notes}
    row = _complete(schema.OBSERVATIONS, given, either=("value", "low", "high"),
                    default=lambda name, row: _metric_unit(row.get("metric"))
                    if name == "unit" else None)
    _write("observation", row, file, as_json)


_STATEMENT_ID_DERIVED = replace(schema.STATEMENTS, columns=tuple(
    replace(c, required=False) if c.name == "id" else c for c in schema.STATEMENTS.columns))
"""Statements whose id, when not given, is made from the claimant and the date."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@app.command()
def statement(
    claimant: Annotated[str | None, _opt("Person or body making the claim.")] = None,
    claimant_type: Annotated[str | None, _opt("official-nato, intelligence, media, …")]
    = None,
    date: Annotated[str | None, _opt("Date the claim was made, YYYY-MM-DD.")] = None,
    about: Annotated[str | None, _opt("Entity ids, ';'-separated (NATO;RUS).")] = None,
    summary: Annotated[str | None, _opt("What was claimed, in your own words.")] = None,
    source: Annotated[str | None, _opt("Source id from sources.csv.")] = None,
    metric: Annotated[str | None, _opt("Metric id the claim is about, if one fits.")] = None,
    quote: Annotated[str | None, _opt("The words as reported.")] = None,
    notes: Annotated[str | None, _opt("Anything a reviewer should know.")] = None,
    id: Annotated[str | None, _opt("Unique id (default: <claimant>-<date>).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Append a statement (who claimed what, when) to data/statements.csv (checked first).

    The id defaults to <claimant>-<date>; the whole data folder is checked with the new
    row, as `milbalance validate` does."""
    given = {"id": id, "date": date, "claimant": claimant, "claimant_type": claimant_type,
             "about": about, "metric": metric, "summary": summary, "quote": quote,
             "source": source, "notes": notes}
    row = _complete(_STATEMENT_ID_DERIVED, given)
    if "id" not in row:
        row["id"] = f"{_slug(row.get('claimant', ''))}-{row.get('date', '')}"
    _write("statement", row, None, as_json)


@app.command()
def source(
    id: Annotated[str | None, _opt("Short id, lower case with dashes.")] = None,
    title: Annotated[str | None, _opt("Title of the publication or page.")] = None,
    publisher: Annotated[str | None, _opt("Organisation or outlet.")] = None,
    url: Annotated[str | None, _opt("Address (https://…).")] = None,
    published: Annotated[str | None, _opt("YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    claimant_type: Annotated[str | None, _opt("Who stands behind its figures.")] = None,
    edition: Annotated[str | None, _opt("Edition or vintage.")] = None,
    licence: Annotated[str | None, _opt("Licence or terms of use.")] = None,
    notes: Annotated[str | None, _opt("Anything a reviewer should know.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Append a source (a publication figures cite) to data/sources.csv (checked first)."""
    given = {"id": id, "title": title, "publisher": publisher, "url": url,
             "published": published, "claimant_type": claimant_type, "edition": edition,
             "licence": licence, "notes": notes}
    _write("source", _complete(schema.SOURCES, given), None, as_json)

"""Commands that show the data: validate, entities, metrics, sources, series, members,
statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from milbalance import config
from milbalance.cli.output import FLAG_LEGEND, FLAG_MARKS, console, print_json, span
from milbalance.errors import DataError
from milbalance.loader import load
from milbalance.store import ObservationRow, Store


@dataclass
class _State:
    data: Path | None = None


state = _State()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def options(
    data: Annotated[
        Path | None,
        typer.Option("--data", help=f"Data folder (default: ${config.ENV_DATA}, ./data or the "
                     "repository's data/).", show_default=False),
    ] = None,
) -> None:
    """Sourced, uncertainty-aware model of the defense-industrial balance between blocs."""
    state.data = data


def open_store() -> Store:
    """The store for the chosen data folder, rebuilt first if the data changed."""
    return Store.open(state.data)


def validate(as_json: JsonOpt = False) -> None:
    """Check every data file and list all problems, each with file, line and field."""
    folder = config.data_dir(state.data)
    try:
        dataset = load(folder)
    except DataError as exc:
        if as_json:
            print_json({"ok": False, "issues": [
                {"path": i.path, "line": i.line, "field": i.field, "value": i.value,
                 "problem": i.problem, "fix": i.fix} for i in exc.issues]})
            raise typer.Exit(2) from exc
        raise
    counts = {
        "sources": len(dataset.sources), "entities": len(dataset.entities),
        "memberships": len(dataset.memberships), "metrics": len(dataset.metrics),
        "observations": len(dataset.observations), "statements": len(dataset.statements),
    }
    if as_json:
        print_json({"ok": True, "data": str(folder), **counts})
        return
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    console.print(f"[green]ok[/green] {folder}: {summary}")


def entities(
    kind: Annotated[str | None, typer.Option(help="country, company, facility or bloc")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List countries, companies, facilities and blocs with their aliases."""
    with open_store() as store:
        found = store.entities(kind)
    if as_json:
        print_json(found)
        return
    table = Table("id", "kind", "name", "aliases", "in", title=f"{len(found)} entities")
    for e in found:
        table.add_row(e.id, e.kind, e.name, "; ".join(e.aliases), e.company or e.country)
    console.print(table)


def metrics(as_json: JsonOpt = False) -> None:
    """List the metrics with their unit, kind and definition."""
    with open_store() as store:
        found = store.metrics()
    if as_json:
        print_json(found)
        return
    table = Table("id", "kind", "unit", "description", title=f"{len(found)} metrics")
    for m in found:
        table.add_row(m.id, m.kind, m.unit, m.description)
    console.print(table)


def sources(
    claimant: Annotated[str | None, typer.Option(help="Only this claimant type.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List every source with its publisher, date, claimant type and address."""
    with open_store() as store:
        found = store.sources(claimant)
    if as_json:
        print_json(found)
        return
    table = Table("id", "claimant", "publisher", "published", "title / address",
                  title=f"{len(found)} sources")
    for s in found:
        table.add_row(s.id, s.claimant_type, s.publisher, s.published, f"{s.title}\n{s.url}")
    console.print(table)


def _column(o: ObservationRow) -> str:
    who = o.claimant or o.source
    return f"{who} ({o.claimant_type})" if o.claimant else f"{o.source} ({o.claimant_type})"


def _marks(o: ObservationRow) -> str:
    marks = "".join(FLAG_MARKS[f] for f in o.flags)
    return marks + ("a" if o.rescaled and o.unit.startswith(("rounds", "missiles", "drones"))
                    else "")


def series(
    entity: Annotated[str, typer.Argument(help="Entity id, name or alias (RUS, Russia, NATO).")],
    metric: Annotated[str, typer.Argument(help="Metric id (see `milbalance metrics`).")],
    start: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Only this claimant type.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source id.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every observation of ENTITY × METRIC, side by side by source and claimant."""
    with open_store() as store:
        who = store.entity(entity)
        what = store.metric(metric)
        rows = store.observations(who.id, what.id, start_year=start, end_year=end,
                                  claimant_type=claimant, source=source)
        used = {s.id: s for s in store.sources() if s.id in {o.source for o in rows}}
    if as_json:
        print_json({"entity": who.id, "metric": what.id, "unit": rows[0].unit if rows else "",
                    "observations": rows, "sources": used})
        return
    if not rows:
        console.print(f"no observations of {what.id} for {who.id} in that range — a gap in the "
                      "data, not a zero")
        return
    columns = list(dict.fromkeys(_column(o) for o in rows))
    periods = list(dict.fromkeys(o.period.label for o in rows))
    cells: dict[tuple[str, str], str] = {}
    for o in rows:
        cells[(o.period.label, _column(o))] = span(o.value, o.low, o.high, o.unit) + (
            f" {_marks(o)}" if _marks(o) else "")
    unit = rows[0].unit
    table = Table("period", *columns, title=f"{who.name} — {what.id} ({unit})",
                  caption=what.description)
    for p in periods:
        table.add_row(p, *(cells.get((p, c), "") for c in columns))
    console.print(table)
    console.print(f"[dim]{FLAG_LEGEND}[/dim]")
    for s in used.values():
        console.print(f"[dim]{s.id}: {s.title} — {s.publisher}, {s.published}. {s.url}[/dim]",
                      highlight=False)


def members(
    bloc: Annotated[str, typer.Argument(help="Bloc id or alias (NATO, EU, RUS_SUPPLIERS).")],
    on: Annotated[str | None, typer.Option("--on", help="Date YYYY-MM-DD (default today).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Members of a bloc on a date, with the source for each membership."""
    day = _day(on)
    with open_store() as store:
        found = store.members(bloc, day)
    if as_json:
        print_json({"bloc": bloc, "on": day, "members": found})
        return
    table = Table("member", "role", "from", "to", "source", title=f"{bloc} on {day}: {len(found)}")
    for m in found:
        table.add_row(m.member, m.role, str(m.start), str(m.end or ""), m.source)
    console.print(table)


def statements(
    about: Annotated[str | None, typer.Option(help="Only statements about this entity.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Only this claimant type.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The timeline of who claimed what, when."""
    with open_store() as store:
        entity_id = store.entity(about).id if about else None
        found = store.statements(entity_id, claimant)
    if as_json:
        print_json(found)
        return
    table = Table("date", "claimant", "about", "claim", "source", title="statements")
    for s in found:
        table.add_row(str(s.date), f"{s.claimant}\n({s.claimant_type})", ", ".join(s.about),
                      s.summary, s.source)
    console.print(table)


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{text!r} is not a date; write YYYY-MM-DD") from exc


def register(app: typer.Typer) -> None:
    for command in (validate, entities, metrics, sources, series, members, statements):
        app.command()(command)

"""Commands that show the data: validate, entities, metrics, sources, series, members,
statements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from milbalance import __version__, config
from milbalance.cli.output import (
    FLAG_LEGEND,
    FLAG_MARKS,
    ChartOpt,
    CsvOpt,
    XlsxOpt,
    console,
    errors,
    print_json,
    print_source,
    progress,
    span,
    write_rows,
)
from milbalance.errors import DataError
from milbalance.loader import load
from milbalance.store import ObservationRow, Store, content_hash
from milbalance.store import _recorded_hash as recorded_hash
from milbalance.tables import Rows


@dataclass
class _State:
    data: Path | None = None


state = _State()

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _version(value: bool) -> None:
    if value:
        console.print(f"milbalance {__version__}", markup=False, highlight=False)
        raise typer.Exit()


def options(
    data: Annotated[
        Path | None,
        typer.Option("--data", help=f"Data folder (default: ${config.ENV_DATA}, ./data or the "
                     "repository's data/).", show_default=False),
    ] = None,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.",
                                          callback=_version, is_eager=True)] = False,
) -> None:
    """Sourced, uncertainty-aware model of the defense-industrial balance between blocs."""
    state.data = data


def open_store() -> Store:
    """The store for the chosen data folder, rebuilt first (with a progress bar) if the
    data changed."""
    data = config.data_dir(state.data)
    if recorded_hash(config.store_path(data)) == content_hash(data):
        return Store.open(state.data)
    with progress(f"building the store from {data} (the data changed)"):
        return Store.open(state.data)  # Store.open rebuilds it, aside and atomically


def validate(as_json: JsonOpt = False) -> None:
    """Check every data file and list all problems, each with file, line and field."""
    folder = config.data_dir(state.data)
    try:
        with progress(f"checking {folder}"):
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
    console.print(f"{len(found)} sources", style="bold")
    for s in found:  # one entry each, not a table: ids and addresses are never cut
        console.print(f"{s.id} ({s.claimant_type})", style="bold", markup=False,
                      highlight=False, soft_wrap=True)
        console.print(f"  {s.title} — {s.publisher}, {s.published}", markup=False,
                      highlight=False, soft_wrap=True)
        console.print(f"  {s.url}", style="dim", markup=False, highlight=False, soft_wrap=True)


def _column(o: ObservationRow, with_metric: bool) -> str:
    who = o.claimant or o.source
    label = f"{who} ({o.claimant_type})"
    return f"{label}\n{o.metric}" if with_metric else label


def _marks(o: ObservationRow) -> str:
    marks = "".join(FLAG_MARKS[f] for f in o.flags)
    return marks + ("a" if o.rescaled and o.unit.startswith(("rounds", "missiles", "drones"))
                    else "")


def _cell(o: ObservationRow) -> str:
    """A value with its flags, and its period when that is not the calendar year."""
    text = span(o.value, o.low, o.high, o.unit)
    if o.period.label != str(o.period.year):
        text += f" [{o.period.label}]"
    marks = _marks(o)
    return f"{text} {marks}" if marks else text


def series(
    entity: Annotated[str, typer.Argument(help="Entity id, name or alias (RUS, Russia, NATO).")],
    metrics: Annotated[list[str], typer.Argument(
        help="One or more metric ids (see `milbalance metrics`); several definitions of one "
             "quantity are shown side by side, never merged.", show_default=False)],
    start: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    claimant: Annotated[str | None, typer.Option(help="Only this claimant type.")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source id.")] = None,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    chart: ChartOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Every observation of ENTITY × METRIC, side by side by source and claimant.

    --csv and --xlsx write one row per figure (the table's cells); --chart draws each
    claimant's figures over the years, ranges as bars."""
    with open_store() as store:
        who = store.entity(entity)
        what = [store.metric(m) for m in metrics]
        rows = [o for m in what for o in store.observations(
            who.id, m.id, start_year=start, end_year=end, claimant_type=claimant, source=source)]
        used = {s.id: s for s in store.sources() if s.id in {o.source for o in rows}}
    rows.sort(key=lambda o: (o.period.year, o.period.end, o.metric, o.source))
    names = ", ".join(m.id for m in what)
    write_rows(series_rows(rows, f"{who.name} — {names}"), csv, xlsx, list(used.values()))
    if chart is not None and rows:
        from milbalance.cli.charts import series_chart  # matplotlib: only here

        errors.print(f"chart written to {series_chart(rows, who.name, names, chart)}",
                     markup=False, highlight=False)
    if as_json:
        print_json({"entity": who.id, "metric": what[0].id, "metrics": [m.id for m in what],
                    "unit": rows[0].unit if rows else "", "observations": rows,
                    "sources": used})
        return
    if not rows:
        console.print(f"no observations of {names} for {who.id} in that range — a gap in the "
                      "data, not a zero")
        return
    several = len(what) > 1
    columns = list(dict.fromkeys(_column(o, several) for o in rows))
    cells: dict[tuple[int, str], list[str]] = {}
    for o in rows:
        cells.setdefault((o.period.year, _column(o, several)), []).append(_cell(o))
    units = ", ".join(dict.fromkeys(o.unit for o in rows))
    table = Table("year", *columns, title=f"{who.name} — {names} ({units})",
                  caption="\n".join(m.description for m in what))
    for year in dict.fromkeys(o.period.year for o in rows):
        table.add_row(str(year), *("; ".join(cells.get((year, c), [])) for c in columns))
    console.print(table)
    console.print(f"[dim]{FLAG_LEGEND}[/dim]")
    for s in used.values():
        print_source(s)


def series_rows(rows: list[ObservationRow], title: str) -> Rows:
    """The table's figures, one row per observation, for --csv and --xlsx."""
    out = Rows(title, ("year", "period", "entity", "metric", "claimant", "claimant_type",
                       "value", "low", "high", "unit", "flags"))
    for o in rows:
        out.add(o.period.year, o.period.label, o.entity, o.metric, o.claimant,
                str(o.claimant_type), o.value, o.low, o.high, o.unit,
                ";".join(str(f) for f in o.flags), sources=(o.source,))
    return out


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

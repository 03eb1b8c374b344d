"""What the pages, the API and the report show, gathered from the store in one place.

Only glue: names are resolved and rows fetched with the store's query API; nothing is
computed here that the library computes elsewhere.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from milbalance.coverage import coverage as library_coverage
from milbalance.errors import UserError
from milbalance.model import Entity, Metric, Source
from milbalance.store import ObservationRow, Store
from milbalance.web import limits


class InputError(UserError):
    """A request the web app will not serve as asked (a text too long or empty)."""


def span(start: int, end: int, most: int) -> tuple[int, int, str]:
    """The years ``start``–``end`` as answered (first, last) and a note saying how they were
    read ('' when as asked): the two in either order (2030–2022 is 2022–2030), and at most
    ``most`` of them, the first ones (the rest is asked for again from the year after). Every
    pair a request may name is answered so: none is refused."""
    first, last = min(start, end), max(start, end)
    notes = []
    if start > end:
        notes.append(f"years {start}–{end} read as {first}–{last}")
    if last - first + 1 > most:
        cut = first + most - 1
        notes.append(f"{first}–{last} is {last - first + 1} years: answered {first}–{cut}, "
                     f"the first {most}; ask again from {cut + 1} for the rest")
        last = cut
    return first, last, "; ".join(notes)


def open_span(start: int | None, end: int | None, most: int = limits.YEAR_SPAN_MAX
              ) -> tuple[int | None, int | None, str]:
    """``span`` where either end may be open (None): an open range is answered as asked."""
    if start is None or end is None:
        return start, end, ""
    return span(start, end, most)


@dataclass(frozen=True)
class SeriesView:
    """Every observation of one entity × metric in a year range, with the sources used."""

    entity: Entity
    metric: Metric
    start: int | None
    end: int | None
    observations: list[ObservationRow]
    sources: dict[str, Source]
    note: str = ""
    """How the years asked for were read ('' when as asked; see ``span``)."""

    @property
    def unit(self) -> str:
        """The unit most rows are in (the store converts to the metric's unit where it can)."""
        if not self.observations:
            return self.metric.unit
        return Counter(o.unit for o in self.observations).most_common(1)[0][0]

    @property
    def claimants(self) -> list[str]:
        return list(dict.fromkeys(claimant_label(o) for o in self.observations))


def claimant_label(o: ObservationRow) -> str:
    """Who stands behind a figure: the claimant named on the row, else the source id."""
    return o.claimant or o.source


def series_view(store: Store, entity: str, metric: str, *, start: int | None = None,
                end: int | None = None, claimant_type: str | None = None,
                source: str | None = None) -> SeriesView:
    """Resolve the names and fetch the observations, as ``milbalance series`` does; start and
    end in either order."""
    start, end, note = open_span(start, end)
    who = store.entity(entity)
    what = store.metric(metric)
    rows = store.observations(who.id, what.id, start_year=start, end_year=end,
                              claimant_type=claimant_type, source=source)
    used = {s.id: s for s in store.sources() if s.id in {o.source for o in rows}}
    return SeriesView(who, what, start, end, rows, used, note)


@dataclass(frozen=True)
class CoverageRow:
    """One entity × metric present in the data, with how many figures and sources back it."""

    entity: str
    entity_name: str
    metric: str
    kind: str
    observations: int
    sources: int
    first_year: int
    last_year: int


def coverage(store: Store) -> list[CoverageRow]:
    """Every entity × metric that has observations (what Explore can show), from the
    library's coverage, with the names and kinds a page shows beside the ids."""
    names = {e.id: e.name for e in store.entities()}
    kinds = {m.id: str(m.kind) for m in store.metrics()}
    rows = [CoverageRow(c.entity, names.get(c.entity, c.entity), c.metric,
                        kinds.get(c.metric, ""), c.observations, len(c.sources), c.first_year,
                        c.last_year) for c in library_coverage(store)]
    return sorted(rows, key=lambda r: (r.entity, r.metric))


@dataclass
class SourceUse:
    """A source and what it supports: observations (by entity × metric), statements, memberships."""

    source: Source
    observations: Counter[tuple[str, str]] = field(default_factory=Counter)
    statements: int = 0
    memberships: int = 0

    @property
    def total(self) -> int:
        return sum(self.observations.values()) + self.statements + self.memberships


def source_uses(store: Store, claimant_type: str | None = None) -> list[SourceUse]:
    """Every source (optionally of one claimant type) with what it supports."""
    uses = {s.id: SourceUse(s) for s in store.sources(claimant_type)}
    for o in store.observations():
        if o.source in uses:
            uses[o.source].observations[(o.entity, o.metric)] += 1
    for st in store.statements():
        if st.source in uses:
            uses[st.source].statements += 1
    for m in store.memberships():
        if m.source in uses:
            uses[m.source].memberships += 1
    return list(uses.values())


CSV_COLUMNS = ("entity", "metric", "period", "period_start", "period_end", "value", "low", "high",
               "unit", "confidence", "shape", "source", "claimant", "claimant_type", "flags",
               "notes", "source_title", "source_publisher", "source_url", "source_licence",
               "data_file", "data_line")


def _cell(value: object) -> str:
    """A CSV cell; text that a spreadsheet would run as a formula is quoted with a '."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def series_csv(view: SeriesView) -> str:
    """The series as CSV, one row per observation, with its source and licence on the row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for o in view.observations:
        s = view.sources.get(o.source)
        writer.writerow([_cell(v) for v in (
            o.entity, o.metric, o.period.label, o.period.start.isoformat(),
            o.period.end.isoformat(), o.value, o.low, o.high, o.unit, o.confidence,
            str(o.shape) if o.shape else "", o.source, o.claimant, str(o.claimant_type),
            ";".join(o.flags), o.notes, s.title if s else "", s.publisher if s else "",
            s.url if s else "", s.licence if s else "", o.path, o.line)])
    return out.getvalue()

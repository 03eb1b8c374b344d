"""Overview: NATO against Russia and its suppliers, by year, from the engine's estimates.

Each point is ``engine.estimate(store, bloc, metric, year)``: the 5–50–95 % quantiles of the
bloc's total, with the members that have no figure listed as gaps (never zeros). Years with
no figure at all for a side are listed as missing. Beside them, the production model's
capacity projections 2022–2030 (``production_view``). Nothing is computed here but the loop.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, replace
from datetime import date

from milbalance.engine import EngineOptions, Estimate, estimate
from milbalance.engine.blocs import NoDataError
from milbalance.model import Statement
from milbalance.store import Store
from milbalance.web import charts, limits
from milbalance.web.production_view import Projection, projections
from milbalance.web.views import span

SIDES = ("NATO", "RUS_SUPPLIERS")
"""The two blocs the overview sets against each other (ids in data/blocs.csv)."""
METRICS = ("artillery_shells.output", "artillery_shells.capacity",
           "military_expenditure.usd_current")
"""What the overview shows: shell output, shell capacity, spending in current US$."""
TITLES = {"artillery_shells.output": "Artillery shells produced per year",
          "artillery_shells.capacity": "Artillery-shell production capacity per year",
          "military_expenditure.usd_current": "Military spending per year, in current US dollars"}
"""Each panel's title in words (the metric id is given beside it)."""
SIDE_NAMES = {"NATO": "NATO", "RUS_SUPPLIERS": "Russia and its suppliers"}
WIDE = (1240, 400)
"""The overview's charts: the page's full width at about their natural type size."""
GAP_NAMES_MAX = 12
"""Members named in a partial total's note before "and N more"."""
FIRST_YEAR = 2014
"""Default first year: the year before and after Crimea's annexation frames the build-up."""


def default_end() -> int:
    return date.today().year + 1


@dataclass(frozen=True)
class SideSeries:
    """One bloc's estimates of one metric by year, and the years with nothing to estimate."""

    entity: str
    estimates: tuple[Estimate, ...]
    missing: tuple[int, ...]


@dataclass(frozen=True)
class Panel:
    metric: str
    description: str
    kind: str
    unit: str
    sides: tuple[SideSeries, ...]
    svg: str
    title: str = ""
    unit_words: str = ""
    partial: tuple[str, ...] = ()
    """One note per partial total: the bloc, the year and the members without a figure."""

    @property
    def sources(self) -> list[str]:
        return sorted({s for side in self.sides for e in side.estimates
                       for c in e.contributions for s in c.sources})


@dataclass(frozen=True)
class Overview:
    start: int
    end: int
    samples: int
    seed: int
    panels: tuple[Panel, ...]
    statements: tuple[Statement, ...]
    capacity: tuple[Projection, ...] = ()
    """Capacity projections from the production model (``production_view.PAIRS``)."""
    note: str = ""
    """How the years asked for were read ('' when as asked; see ``views.span``)."""


def _options(samples: int, seed: int) -> EngineOptions:
    return EngineOptions(samples=samples, seed=seed, sensitivity_samples=0, by_claimant=False)


def _side(store: Store, entity: str, metric: str, start: int, end: int,
          options: EngineOptions) -> SideSeries:
    found: list[Estimate] = []
    missing: list[int] = []
    for year in range(start, end + 1):
        try:
            found.append(estimate(store, entity, metric, year, options))
        except NoDataError:
            missing.append(year)
    return SideSeries(entity, tuple(found), tuple(missing))


def names(members: list[str], limit: int = GAP_NAMES_MAX) -> str:
    """"ALB, CAN, GBR" or "ALB, …, GBR and 15 more"."""
    shown = ", ".join(members[:limit])
    return shown + (f" and {len(members) - limit} more" if len(members) > limit else "")


def _counted(e: Estimate) -> set[str]:
    """Members the member sum counts (a figure filed on the bloc itself is an alternative
    estimate of the whole, not a count of its members)."""
    return {m for c in e.contributions if c.level != "bloc" for m in (c.member, *c.covers)}


def partial_years(side: SideSeries) -> dict[int, list[str]]:
    """Years whose total misses members that an adjacent year counts: {year: those members}.

    A member with no figure in the neighbouring years either leaves each of them short by the
    same part (drawn hollow, said in the table); a year that misses members its neighbours
    count is a partial total, drawn apart so that it never reads as a fall (or a rise)."""
    by_year = {int(e.period): e for e in side.estimates}
    out: dict[int, list[str]] = {}
    for year, e in by_year.items():
        near = set().union(*(_counted(by_year[y]) for y in (year - 1, year + 1) if y in by_year))
        missing = [g.member for g in e.gaps]
        if set(missing) & near:
            out[year] = missing
    return out


def partial_note(label: str, year: int, members: list[str]) -> str:
    noun = "member has" if len(members) == 1 else "members have"
    return (f"{label} {year} is a partial total: {len(members)} {noun} no figure yet "
            f"({names(members)}), not counted — drawn apart, not a fall")


def _panel(store: Store, metric: str, start: int, end: int, options: EngineOptions) -> Panel:
    what = store.metric(metric)
    sides = tuple(_side(store, entity, metric, start, end, options) for entity in SIDES)
    unit = next((e.unit for s in sides for e in s.estimates), what.unit)
    known = store.units().get(unit)
    unit_words = known.description if known is not None and known.description else unit
    title = TITLES.get(what.id, what.description or what.id)
    bands = []
    notes = []
    for s in sides:
        partial = partial_years(s)
        label = SIDE_NAMES.get(s.entity, s.entity)
        bands.append(charts.Band(
            label, [(int(e.period), e.quantiles.p5, e.quantiles.p50, e.quantiles.p95)
                    for e in s.estimates if e.unit == unit],
            frozenset(int(e.period) for e in s.estimates if e.gaps), frozenset(partial)))
        notes += [partial_note(label, year, members) for year, members in sorted(partial.items())]
    svg = charts.bands_svg(bands, unit, f"{title} ({unit_words})", unit_words, WIDE)
    return Panel(what.id, what.description, str(what.kind), unit, sides, svg, title,
                 unit_words, tuple(notes))


_lock = threading.Lock()


@functools.lru_cache(maxsize=16)
def _cached(store: Store, content_hash: str, start: int, end: int, samples: int,
            seed: int) -> Overview:
    options = _options(samples, seed)
    panels = tuple(_panel(store, m, start, end, options) for m in METRICS)
    return Overview(start, end, samples, seed, panels, tuple(store.statements()),
                    projections(store))


def overview(store: Store, start: int | None = None, end: int | None = None,
             samples: int = limits.SAMPLES_DEFAULT, seed: int | None = None) -> Overview:
    """The overview for a year range (same data, samples and seed: same numbers, cached).

    A missing start is ``FIRST_YEAR``, a missing end next year; the two in either order, and
    at most ``limits.OVERVIEW_SPAN_MAX`` years, the first ones, with a ``note`` saying how the
    years asked for were read."""
    start = FIRST_YEAR if start is None else start
    end = default_end() if end is None else end
    first, last, note = span(start, end, limits.OVERVIEW_SPAN_MAX)
    seed = EngineOptions().seed if seed is None else seed
    with _lock:  # one computation per key, not one per concurrent request
        found = _cached(store, store.content_hash, first, last, samples, seed)
    return replace(found, note=note) if note else found

"""Where a value ranks in an entity's history: "highest since 1990", "highest in the series".

Ranks are computed over one source's series (the one covering most years, unless a source is
named), so a record is never an artefact of switching sources between years. Projections
(plans, budget laws, forecasts: OMB's estimate years FY2024–2028) are left out unless asked
for: an outturn is never ranked against a plan by default (see ``rows``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from milbalance.errors import UserError
from milbalance.spending.derive import Lookup
from milbalance.spending.rows import is_projection
from milbalance.store import Store

if TYPE_CHECKING:
    from milbalance.spending.series import Series


@dataclass(frozen=True)
class Record:
    """``value`` of ``year`` against the series ``first``–``last`` (``count`` years).

    ``rank``: 1 = highest of all years. ``higher_before``: the latest earlier year with a value
    at least as high (None: highest in the series up to then — a record). ``lower_before``:
    the same for lows.
    """

    entity: str
    metric: str
    source: str
    year: int
    value: float
    rank: int
    count: int
    first: int
    last: int
    higher_before: int | None
    lower_before: int | None
    peak_year: int
    peak_value: float

    @property
    def highest_in_series(self) -> bool:
        return self.rank == 1

    @property
    def summary(self) -> str:
        """A short phrase: 'highest in the series', 'highest since 1990 · #3 of 33', …"""
        if self.highest_in_series:
            return f"highest in the series ({self.first}–{self.last})"
        parts: list[str] = []
        if self.year != self.first and self.higher_before is None:
            parts.append(f"highest since the series began ({self.first})")
        elif self.higher_before is not None and self.higher_before < self.year - 1:
            parts.append(f"highest since {self.higher_before}")
        elif self.year != self.first and self.lower_before is None:
            parts.append(f"lowest since the series began ({self.first})")
        elif self.lower_before is not None and self.lower_before < self.year - 1:
            parts.append(f"lowest since {self.lower_before}")
        parts.append(f"#{self.rank} of {self.count}")
        return " · ".join(parts)


def rank_in_history(points: Sequence[tuple[int, float]], year: int, *, entity: str = "",
                    metric: str = "", source: str = "") -> Record:
    """Rank the value of ``year`` among ``points`` (year, value); ties rank equal."""
    series = sorted(dict(points).items())
    values = dict(series)
    if year not in values:
        years = [y for y, _ in series]
        span = f"{years[0]}–{years[-1]}" if years else "none"
        raise UserError(f"{entity or 'the series'} {metric} has no value for {year} "
                        f"(years with values: {span})")
    value = values[year]
    higher = [y for y, v in series if y < year and v >= value]
    lower = [y for y, v in series if y < year and v <= value]
    peak_year, peak_value = max(series, key=lambda p: (p[1], -p[0]))
    return Record(entity, metric, source, year, value,
                  1 + sum(1 for _, v in series if v > value), len(series), series[0][0],
                  series[-1][0], max(higher) if higher else None,
                  max(lower) if lower else None, peak_year, peak_value)


def record(store: Store, entity: str, metric: str, year: int, source: str | None = None,
           lookup: Lookup | None = None, include_projections: bool = False) -> Record:
    """The record standing of ``entity`` × ``metric`` in ``year`` within one source's series,
    projections left out unless ``include_projections`` (a ``lookup`` given decides itself)."""
    lk = lookup or Lookup(store, include_projections)
    who = store.entity(entity).id
    what = store.metric(metric).id
    counts = lk.coverage(who, what)
    if not counts:
        raise UserError(f"no observations of {what} for {who}: nothing to rank")
    chosen = source or counts.most_common(1)[0][0]
    if chosen not in counts:
        raise UserError(f"source {chosen!r} has no {what} for {who}; sources with figures: "
                        f"{', '.join(sorted(counts))}")
    points = [(r.period.year, r.central) for r in lk.rows(who, what) if r.source == chosen]
    if not lk.include_projections and year not in dict(points) and any(
            is_projection(r) for r in lk.store.base.observations(who, what, start_year=year,
                                                                  end_year=year)):
        raise UserError(f"{who} {what} for {year} is a projection (plan, budget law or "
                        "forecast), left out of records; include projections to rank it "
                        "(--include-projections)")
    return rank_in_history(points, year, entity=who, metric=what, source=chosen)


def standings(lookup: Lookup, series: Series) -> dict[int, str]:
    """Each year's standing ("highest since 1994") in the full series of the source and
    claimant its published figure was read from; empty for blocs and derived-only series."""
    out: dict[int, str] = {}
    if series.is_bloc or series.metric is None:
        return out
    for f in series.figures:
        if f.published is None:
            continue
        points = [(r.period.year, r.central) for r in lookup.rows(series.entity, series.metric)
                  if r.source == f.published.source and r.claimant == f.published.claimant]
        out[f.year] = rank_in_history(points, f.year).summary
    return out

"""Model against reports: capacity modelled from lines, beside reported capacity and output.

Three different things, shown side by side and never merged:

    modelled           finished-round capacity bound from the rows of data/production (lines
                       and stated totals), P5–P50–P95, for the plants the data holds
    reported capacity  observations of ``<item>.capacity`` (and its calibres), by claimant
    reported output    observations of ``<item>.output`` (and ``output_incl_refurbished``)

Coverage of the line data. Where a reported capacity figure exists for the same scope (the
bloc or country itself) and year, coverage = modelled median ÷ the figure's central value
(its value, else the midpoint of low–high): how much of the reported total the modelled
lines account for. Below 1 the line data are incomplete for that scope (plants with no
sourced row count for nothing), so the modelled figure is *not* that scope's capacity. A
figure that a line row restates (same source) is marked: its coverage says nothing about
completeness.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from milbalance.production.capacity import Network, in_item
from milbalance.store import ObservationRow, Store

Array = np.ndarray[Any, np.dtype[np.float64]]

REPORTED_KINDS = ("capacity", "output", "output_incl_refurbished")


@dataclass(frozen=True)
class Reported:
    """A reported figure shown beside the model (capacity or output), with its claimant."""

    entity: str
    metric: str
    kind: str  # capacity | output | output_incl_refurbished
    period: str
    value: float | None
    low: float | None
    high: float | None
    source: str
    claimant: str
    claimant_type: str
    flags: tuple[str, ...]
    restated_by_lines: bool  # a production row cites this source: not independent of the model

    @property
    def central(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return self.low if self.low is not None else self.high


@dataclass(frozen=True)
class Coverage:
    """How much of a reported capacity figure the modelled lines account for."""

    scope: str
    year: int
    metric: str
    period: str
    reported: float
    source: str
    claimant: str
    modelled_median: float
    share: float  # modelled median / reported central figure
    restated_by_lines: bool


def item_metrics(store: Store, item: str, kinds: Iterable[str] = REPORTED_KINDS) -> set[str]:
    """Metric ids of ``item``'s family (the item, its calibres, or the item it is a calibre
    of) whose kind suffix is one of ``kinds``."""
    wanted = set(kinds)
    return {m.id for m in store.metrics()
            if (in_item(m.item, item) or in_item(item, m.item))
            and m.id.split(".")[-1] in wanted}


def reported(store: Store, scopes: Sequence[str], item: str, year: int,
             line_sources: set[str], kinds: Iterable[str] = REPORTED_KINDS
             ) -> tuple[Reported, ...]:
    """Reported figures for ``scopes`` (entities) whose period ends in ``year``."""
    metrics = item_metrics(store, item, kinds)
    out = []
    for entity in dict.fromkeys(scopes):
        for o in store.observations(entity, start_year=year, end_year=year):
            if o.metric in metrics:
                out.append(as_reported(o, line_sources))
    return tuple(out)


def as_reported(o: ObservationRow, line_sources: set[str]) -> Reported:
    return Reported(o.entity, o.metric, o.metric.split(".")[-1], o.period.label, o.value,
                    o.low, o.high, o.source, o.claimant, str(o.claimant_type),
                    tuple(str(f) for f in o.flags), o.source in line_sources)


def country_bounds(net: Network) -> Array:
    """[n, c, y] finished-round bound per country with no trade (min over its constraining
    stages); +inf where no stage constrains it, 0 where it has no lap capacity."""
    out: Array = np.moveaxis(net.rounds, 3, 1).min(axis=-1)  # [n, y, c]
    return np.moveaxis(out, 1, 2)


def coverage(store: Store, net: Network, bound: Array, item: str, line_sources: set[str]
             ) -> dict[int, tuple[Coverage, ...]]:
    """Coverage per year against reported capacity of the network's own scope (its bloc or
    country) and of each member country with a reported figure.

    ``bound`` is the scope's modelled bound [n, y]."""
    metrics = item_metrics(store, item, ("capacity",))
    per_country = country_bounds(net) if net.stages else None
    out: dict[int, tuple[Coverage, ...]] = {}
    for yi, y in enumerate(net.years):
        rows: list[Coverage] = []
        for ci, scope in [(-1, net.bloc), *enumerate(net.countries)]:
            if ci >= 0 and scope == net.bloc:
                continue
            obs = [o for o in store.observations(scope, start_year=y, end_year=y)
                   if o.metric in metrics]
            if not obs:
                continue
            if ci < 0:
                modelled = float(np.median(bound[:, yi])) if bound.size else 0.0
            elif per_country is not None:
                col = per_country[:, ci, yi]
                modelled = float(np.median(np.where(np.isfinite(col), col, 0.0)))
            else:
                modelled = 0.0
            for o in obs:
                r = as_reported(o, line_sources)
                central = r.central
                if central is None or central <= 0:
                    continue
                rows.append(Coverage(scope, y, o.metric, o.period.label, central, o.source,
                                     o.claimant, modelled, modelled / central,
                                     r.restated_by_lines))
        out[y] = tuple(rows)
    return out

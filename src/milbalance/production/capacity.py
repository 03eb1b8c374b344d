"""Stage capacity per country, stage, year and Monte Carlo sample, from lines and their ramps.

For a line k with capacity draw c_k (stage units a year), start s_k + delay d_k and ramp R_k:

    cap[n, k, y] = c_k[n] · f(s_k + d_k[n], R_k, y)          (f: ramp.year_fraction)

A ``total`` row counts c_k in every year from the year it was stated until a later total of
the same owner replaces it; years before the owner's first total are gaps. Rows without a
published capacity are gaps. Gaps are reported, never counted as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from milbalance.engine.options import DEFAULT_RANGE_CONFIDENCE
from milbalance.production import assumptions as A
from milbalance.production.ramp import month_of, year_fraction
from milbalance.production.records import (
    MASS_STAGES,
    Basis,
    BomEntry,
    LineStatus,
    ProductionLine,
    Stage,
)
from milbalance.production.sampling import dedupe, draw, figure, min_max

Array = np.ndarray[Any, np.dtype[np.float64]]


@dataclass(frozen=True)
class Gap:
    """Capacity that exists or may exist but has no usable figure in a year."""

    year: int
    country: str
    stage: Stage
    line: str
    reason: str


def in_item(line_item: str, item: str) -> bool:
    """True when a line's item is ``item`` or one of its calibres (item + '_…')."""
    return line_item == item or line_item.startswith(item + "_")


@dataclass
class Network:
    """Per-sample stage capacity of one bloc for one item (see module docstring).

    ``capacity[n, c, s, y]`` is in the stage's unit per year (rounds or tonnes);
    ``per_round[n, s]`` is the stage's quantity per round in that unit (1 for counted stages,
    tonnes for explosive and propellant); ``rounds`` = capacity / per_round.
    """

    bloc: str
    item: str
    years: tuple[int, ...]
    countries: tuple[str, ...]
    roles: tuple[str, ...]
    stages: tuple[Stage, ...]
    capacity: Array
    per_round: Array
    lines: list[ProductionLine] = field(default_factory=list)
    bom: list[BomEntry] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    unknown_stages: dict[Stage, str] = field(default_factory=dict)
    assumptions: list[A.Assumption] = field(default_factory=list)
    line_share: dict[str, tuple[float, ...]] = field(default_factory=dict)
    """Per line and year: share of samples in which the line adds capacity (0: not active)."""
    line_median: dict[str, tuple[float, ...]] = field(default_factory=dict)
    """Per line and year: median capacity it adds (stage units a year; 0 inside a total)."""
    level: np.ndarray[Any, np.dtype[np.int8]] = field(
        default_factory=lambda: np.zeros((0, 0, 0), dtype=np.int8))
    """[c, s, y]: 0 no quantified row, 1 individual lines only, 2 a total in effect."""

    @property
    def constrains(self) -> np.ndarray[Any, np.dtype[np.bool_]]:
        """[c, s, y]: whether a stage limits a country's finished rounds (``coverage``).

        Finished rounds need known load-assemble-pack capacity (lap: always constrains); any
        other stage constrains a country only where its data is at least as complete as the
        country's lap data (a total against a total; lines against lines)."""
        if Stage.LAP not in self.stages:
            return np.zeros(self.level.shape, dtype=bool)
        lap = self.level[:, self.stages.index(Stage.LAP), :][:, None, :]
        out = (self.level >= np.maximum(lap, 1))
        out[:, self.stages.index(Stage.LAP), :] = True
        return out

    @property
    def rounds(self) -> Array:
        """Round-equivalents [n, c, s, y] a country's stage capacity supports; +inf where the
        stage does not constrain that country (unknown or less complete than its lap data)."""
        raw = self.capacity / self.per_round[:, None, :, None]
        out: Array = np.where(self.constrains[None], raw, np.inf)
        return out


def _start_months(root: int, line: ProductionLine, n: int, delays: bool) -> Array:
    """Start month per sample: the stated start plus a delay ~ Uniform(0, D) by status."""
    if line.start is None:
        return np.full(n, -1e9)
    base = month_of(line.start)
    top = A.DELAY_MONTHS[line.status] if delays and line.basis is Basis.LINE else 0.0
    if top <= 0:
        return np.full(n, base)
    out: Array = base + draw(min_max(0.0, top), "delay:" + line.id, root, n)
    return out


def capacity_draws(root: int, line: ProductionLine, n: int,
                   range_confidence: float = DEFAULT_RANGE_CONFIDENCE
                   ) -> tuple[Array, tuple[A.Assumption, ...]]:
    """n draws of a row's full capacity in stage units a year (NaN: not published), read by
    the engine's rules, and the assumptions that reading needed."""
    dist, used = figure(f"line {line.id}", line.value, line.low, line.high, line.path,
                        line.line, range_confidence)
    if dist is None:
        return np.full(n, np.nan), ()
    out: Array = draw(dist, "line:" + line.id, root, n) * line.per_year
    return out, used


def line_capacity(root: int, lines: Sequence[ProductionLine], years: Sequence[int], n: int,
                  delays: bool = True, range_confidence: float = DEFAULT_RANGE_CONFIDENCE
                  ) -> Array:
    """cap[n, k, y] for ``line``-basis rows, in stage units per year (vectorised over k)."""
    if not lines:
        return np.zeros((n, 0, len(years)))
    caps = np.stack([capacity_draws(root, ln, n, range_confidence)[0] for ln in lines], axis=1)
    starts = np.stack([_start_months(root, ln, n, delays) for ln in lines], axis=1)
    ramps = np.array([ln.ramp_months or 0.0 for ln in lines], dtype=float)
    frac = year_fraction(starts, np.broadcast_to(ramps, starts.shape), np.array(years))
    out: Array = caps[..., None] * frac
    return out


def _bom_draws(root: int, bom: Sequence[BomEntry], item: str, stage: Stage, n: int,
               range_confidence: float) -> tuple[Array | None, list[BomEntry],
                                                 tuple[A.Assumption, ...]]:
    """Tonnes per round for a mass stage: the item's own row (read like an observation), else
    the min–max span of its own or its calibres' rows (uniform); None when no row fits."""
    rows = [b for b in bom if b.stage is stage and b.munition == item]
    if not rows:
        rows = [b for b in bom if b.stage is stage and in_item(b.munition, item)]
    if not rows:
        return None, [], ()
    key = f"bom:{item}:{stage}"
    if len(rows) == 1 and rows[0].munition == item:
        b = rows[0]
        dist, used = figure(f"bill of materials {b.munition} {b.stage}", b.value, b.low,
                            b.high, b.path, b.line, range_confidence)
        if dist is None:
            return None, [], ()
        return draw(dist, key, root, n) * b.kg_factor / 1000.0, rows, used
    kg = [v * b.kg_factor for b in rows for v in (b.value, b.low, b.high) if v is not None]
    low, high = min(kg), max(kg)
    span = min_max(low, high) if high > low else min_max(low, low)
    return draw(span, key, root, n) / 1000.0, rows, ()


def build_network(root: int, lines: Sequence[ProductionLine], bom: Sequence[BomEntry],
                  members: dict[int, dict[str, str]], bloc: str, item: str,
                  years: Sequence[int], n: int, delays: bool = True,
                  range_confidence: float = DEFAULT_RANGE_CONFIDENCE) -> Network:
    """Capacity of ``bloc`` for ``item``: ``members[year]`` maps country → role that year.

    ``root`` is the run's root entropy (``sampling.root_entropy(seed)``): each row is drawn
    from its own stream, so the same row has the same draws in every network of the run."""
    years = tuple(years)
    countries = tuple(sorted({c for y in years for c in members.get(y, {})}))
    roles = tuple(next(members[y][c] for y in years if c in members.get(y, {}))
                  for c in countries)
    chosen = [ln for ln in lines if in_item(ln.item, item) and ln.country in countries]
    stages = tuple(s for s in Stage if any(ln.stage is s and ln.quantified for ln in chosen))
    net = Network(bloc, item, years, countries, roles, stages,
                  np.zeros((n, len(countries), len(stages), len(years))),
                  np.ones((n, len(stages))), lines=chosen,
                  assumptions=[A.YEAR_AVERAGE, A.FAMILY, A.UNCONSTRAINED])
    for s in Stage:
        if s not in stages:
            net.unknown_stages[s] = "no quantified line in the bloc"
    for j, s in enumerate(stages):
        if s in MASS_STAGES:
            draws, rows, used = _bom_draws(root, bom, item, s, n, range_confidence)
            if draws is None:
                net.unknown_stages[s] = f"no bill of materials for {item}"
            else:
                net.per_round[:, j] = draws
                net.bom.extend(rows)
                net.assumptions.extend(used)
    _fill(root, net, chosen, members, delays, range_confidence)
    keep = [j for j, s in enumerate(stages) if s not in net.unknown_stages]
    net.stages = tuple(stages[j] for j in keep)
    net.capacity = net.capacity[:, :, keep, :]
    net.per_round = net.per_round[:, keep]
    net.level = net.level[:, keep, :]
    if Stage.LAP not in net.stages:
        net.unknown_stages.setdefault(Stage.LAP, "no quantified line in the bloc")
    net.assumptions.append(A.COVERAGE)
    net.assumptions = dedupe(net.assumptions)
    return net


def _record(net: Network, line: ProductionLine, added: Array) -> None:
    """Keep a line's share of samples with capacity, and its median, per year."""
    net.line_share[line.id] = tuple(float(v) for v in np.mean(added > 0, axis=0))
    net.line_median[line.id] = tuple(float(v) for v in np.median(added, axis=0))


def _fill(root: int, net: Network, chosen: Sequence[ProductionLine],
          members: dict[int, dict[str, str]], delays: bool, range_confidence: float) -> None:
    n = net.capacity.shape[0]
    ci = {c: i for i, c in enumerate(net.countries)}
    si = {s: i for i, s in enumerate(net.stages)}
    active = np.array([[c in members.get(y, {}) for y in net.years] for c in net.countries])
    totals: dict[tuple[str, Stage, str], list[ProductionLine]] = {}
    for ln in chosen:
        if ln.basis is Basis.TOTAL and ln.quantified and ln.start is not None:
            totals.setdefault((ln.owner, ln.stage, ln.country), []).append(ln)
    used: set[A.Assumption] = set()
    net.level = np.zeros((len(net.countries), len(net.stages), len(net.years)), dtype=np.int8)
    for ln in chosen:
        if ln.quantified and ln.stage in si:
            for yi, y in enumerate(net.years):
                if ln.start is None or ln.start.year <= y:
                    lvl = 2 if ln.basis is Basis.TOTAL else 1
                    cell = net.level[ci[ln.country], si[ln.stage], yi]
                    net.level[ci[ln.country], si[ln.stage], yi] = max(cell, lvl)
    for ln in chosen:
        if ln.start is None and ln.status is LineStatus.OPERATING and ln.basis is Basis.LINE:
            used.add(A.START_UNKNOWN)
        if not ln.quantified:
            first = ln.start.year if ln.start else net.years[0]
            net.gaps.extend(Gap(y, ln.country, ln.stage, ln.id, "capacity not published")
                            for y in net.years if y >= first)
            continue
        c, s = ci[ln.country], si[ln.stage]
        own = sorted(totals.get((ln.owner, ln.stage, ln.country), []),
                     key=lambda t: t.start or date.min)
        if ln.basis is Basis.TOTAL:
            used.add(A.TOTAL)
            full, read = capacity_draws(root, ln, n, range_confidence)
            net.assumptions.extend(read)
            later = [t.start.year for t in own if t.start and ln.start and t.start > ln.start]
            added = np.zeros((n, len(net.years)))
            for yi, y in enumerate(net.years):
                if ln.start and y >= ln.start.year and (not later or y < min(later)):
                    added[:, yi] = full * active[c, yi]
            net.capacity[:, c, s, :] += added
            _record(net, ln, added)
            continue
        if ln.ramp_months is None and ln.start is not None:
            used.add(A.RAMP_UNKNOWN)
        if ln.status is not LineStatus.OPERATING and delays:
            used.add(A.DELAY)
        net.assumptions.extend(capacity_draws(root, ln, 1, range_confidence)[1])
        contrib = line_capacity(root, [ln], net.years, n, delays, range_confidence)[:, 0, :]
        added = np.zeros((n, len(net.years)))
        for yi, y in enumerate(net.years):
            in_total = [t for t in own if t.start and y >= t.start.year]
            if in_total and ln.status is LineStatus.OPERATING and (
                    ln.start is None or (in_total[-1].start and ln.start <= in_total[-1].start)):
                continue  # inside the total in effect
            added[:, yi] = contrib[:, yi] * active[c, yi]
        net.capacity[:, c, s, :] += added
        _record(net, ln, added)
    for (owner, stage, country), rows in totals.items():
        first = min(t.start.year for t in rows if t.start)
        for y in net.years:
            if y < first and stage in si:
                net.gaps.append(Gap(y, country, stage, rows[0].id,
                                    f"{owner}'s total before {first} not published"))
    net.assumptions.extend(a for a in (A.DELAY, A.RAMP_UNKNOWN, A.START_UNKNOWN, A.TOTAL)
                           if a in used)

"""Answers for the CLI: capacity per year, the binding stage, and crossover between blocs.

Output bound per sample and year (closed form with free trade within the bloc):

    Q[n, y] = min_s Σ_c capacity[n, c, s, y] / per_round[n, s]

With a trade share τ < 1 the HiGHS LP (network.NetworkLp) replaces the closed form.
P(A > B) in year y is the share of samples with Q_A > Q_B (same seed, independent draws).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from milbalance.errors import UserError
from milbalance.model import EntityKind
from milbalance.production import assumptions as A
from milbalance.production.capacity import Gap, Network, build_network, in_item
from milbalance.production.network import NetworkLp, pooled
from milbalance.production.records import Stage
from milbalance.store import ObservationRow, Store

Array = np.ndarray[Any, np.dtype[np.float64]]
DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 20240101
QUANTILES = (0.05, 0.5, 0.95)


@dataclass(frozen=True)
class Reported:
    """A reported figure shown beside the model (output, capacity or target)."""

    entity: str
    metric: str
    period: str
    value: float | None
    low: float | None
    high: float | None
    source: str
    claimant: str


@dataclass(frozen=True)
class YearCapacity:
    year: int
    p5: float | None
    median: float | None
    p95: float | None
    stage_median: dict[str, float]  # round-equivalents of known capacity per stage (pooled)
    binding: dict[str, float]  # share of samples in which each stage binds
    covered: tuple[str, ...]  # countries with quantified capacity that year
    gaps: tuple[Gap, ...]
    reported: tuple[Reported, ...]


@dataclass(frozen=True)
class CapacityResult:
    bloc: str
    item: str
    unit: str
    samples: int
    seed: int
    years: tuple[YearCapacity, ...]
    unknown_stages: dict[str, str]
    lines: tuple[str, ...]
    sources: tuple[str, ...]
    assumptions: tuple[str, ...]


@dataclass(frozen=True)
class StageShadow:
    stage: str
    capacity_rounds: float  # median round-equivalents of known capacity (pooled)
    constrains: tuple[str, ...]  # countries where this stage limits output (coverage rule)
    shadow_price: float  # median rounds per extra unit of the stage's capacity
    unit: str
    binding_share: float
    lines: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class BottleneckResult:
    bloc: str
    item: str
    year: int
    trade_share: float
    samples: int
    lp_samples: int
    seed: int
    output_median: float | None
    binding_stage: str | None
    stages: tuple[StageShadow, ...]
    lp_vs_closed_form_max_gap: float | None
    unknown_stages: dict[str, str]
    gaps: tuple[Gap, ...]
    assumptions: tuple[str, ...]


@dataclass(frozen=True)
class CrossYear:
    year: int
    p_a_greater: float | None
    a_median: float | None
    b_median: float | None


@dataclass(frozen=True)
class CrossoverResult:
    a: str
    b: str
    item: str
    samples: int
    seed: int
    years: tuple[CrossYear, ...]
    first_year_p50: int | None
    first_year_p90: int | None
    gaps: dict[str, tuple[Gap, ...]] = field(default_factory=dict)
    assumptions: tuple[str, ...] = ()


def parse_years(text: str) -> tuple[int, ...]:
    """'2022-2030' or '2026' → the years, inclusive."""
    left, _, right = text.partition("-")
    try:
        first, last = int(left), int(right or left)
    except ValueError as exc:
        raise UserError(f"years must look like 2022-2030 or 2026, got {text!r}") from exc
    if last < first or first < 1990 or last > 2060:
        raise UserError(f"years must run forwards within 1990-2060, got {text!r}")
    return tuple(range(first, last + 1))


def members_by_year(store: Store, who: str, years: Sequence[int]) -> tuple[str, dict[int,
                                                                                 dict[str, str]]]:
    """Resolve a bloc or country; countries in it on 1 July of each year, with their role."""
    entity = store.entity(who)
    if entity.kind is EntityKind.COUNTRY:
        return entity.id, {y: {entity.id: "member"} for y in years}
    if entity.kind is not EntityKind.BLOC:
        raise UserError(f"{who!r} is a {entity.kind}; give a bloc (NATO, RUS_SUPPLIERS) or a "
                        "country (RUS, USA)")
    return entity.id, {y: {m.member: m.role for m in store.members(entity.id, date(y, 7, 1))}
                       for y in years}


def network(store: Store, who: str, item: str, years: Sequence[int], samples: int,
            rng: np.random.Generator) -> Network:
    bloc, members = members_by_year(store, who, years)
    if not any(in_item(ln.item, item) for ln in store.production_lines()):
        items = sorted({ln.item for ln in store.production_lines()})
        raise UserError(f"no production line serves {item!r}; items with lines: "
                        f"{', '.join(items)}")
    return build_network(rng, store.production_lines(), store.bom(), members, bloc, item,
                         years, samples)


def _q(x: Array) -> tuple[float | None, ...]:
    if x.size == 0 or not np.isfinite(x).all():
        return (None,) * len(QUANTILES)
    return tuple(float(v) for v in np.quantile(x, QUANTILES))


def _reported(store: Store, net: Network, year: int) -> tuple[Reported, ...]:
    found = []
    metrics = {m.id for m in store.metrics() if in_item(m.item, net.item) or
               in_item(net.item, m.item)}
    for entity in (net.bloc, *net.countries):
        for o in store.observations(entity, start_year=year, end_year=year):
            if o.metric in metrics and o.metric.split(".")[-1] in ("output", "capacity",
                                                                   "output_incl_refurbished"):
                found.append(_rep(o))
    return tuple(found)


def _rep(o: ObservationRow) -> Reported:
    return Reported(o.entity, o.metric, o.period.label, o.value, o.low, o.high, o.source,
                    o.claimant)


def capacity(store: Store, who: str, item: str, years: Sequence[int],
             samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> CapacityResult:
    """Modelled capacity of ``who`` for ``item`` per year, beside reported figures."""
    rng = np.random.default_rng(seed)
    net = network(store, who, item, years, samples, rng)
    R = net.rounds  # [n, c, s, y]
    pooled_s = R.sum(axis=1)  # [n, s, y]; inf where a stage does not constrain
    known = (net.capacity / net.per_round[:, None, :, None]).sum(axis=1)
    out = []
    for yi, y in enumerate(net.years):
        gaps = tuple(g for g in net.gaps if g.year == y)
        covered = tuple(c for ci, c in enumerate(net.countries)
                        if net.capacity[:, ci, :, yi].max() > 0)
        if not net.stages or not covered:
            out.append(YearCapacity(y, None, None, None, {}, {}, covered, gaps,
                                    _reported(store, net, y)))
            continue
        q = pooled_s[:, :, yi].min(axis=1)
        arg = pooled_s[:, :, yi].argmin(axis=1)
        p5, p50, p95 = _q(q)
        out.append(YearCapacity(
            y, p5, p50, p95,
            {str(s): float(np.median(known[:, j, yi])) for j, s in enumerate(net.stages)},
            {str(s): float(np.mean(arg == j)) for j, s in enumerate(net.stages)},
            covered, gaps, _reported(store, net, y)))
    return CapacityResult(
        net.bloc, item, "rounds_per_year", samples, seed, tuple(out),
        {str(k): v for k, v in net.unknown_stages.items()},
        tuple(ln.id for ln in net.lines),
        tuple(sorted({ln.source for ln in net.lines} | {b.source for b in net.bom})),
        tuple(str(a) for a in (*net.assumptions, A.POOLED)))


def bottleneck(store: Store, who: str, item: str, year: int, samples: int = DEFAULT_SAMPLES,
               seed: int = DEFAULT_SEED, trade_share: float = 1.0,
               lp_samples: int = 500) -> BottleneckResult:
    """The binding stage in ``year`` with its shadow price, from an LP per sample."""
    if not 0 <= trade_share <= 1:
        raise UserError(f"trade share must be in [0, 1], got {trade_share!r}")
    rng = np.random.default_rng(seed)
    net = network(store, who, item, [year], samples, rng)
    gaps = tuple(net.gaps)
    unknown = {str(k): v for k, v in net.unknown_stages.items()}
    assumptions = [str(a) for a in net.assumptions]
    if not net.stages:
        return BottleneckResult(net.bloc, item, year, trade_share, samples, 0, seed, None, None,
                                (), None, unknown, gaps, tuple(assumptions))
    R = net.rounds[:, :, :, 0]  # [n, c, s]
    closed = pooled(R)
    tau = np.full(len(net.countries), trade_share)
    lp = NetworkLp(len(net.countries), len(net.stages), tau)
    k = min(lp_samples, samples)
    totals, shadows = np.empty(k), np.empty((k, len(net.stages)))
    for i in range(k):
        sol = lp.solve(R[i])
        totals[i] = sol.rounds
        shadows[i] = sol.shadow.max(axis=1) / net.per_round[i]
    binding = shadows > 1e-12
    gap = float(np.max(np.abs(totals - closed[:k]))) if trade_share == 1 else None
    stages = []
    for j, s in enumerate(net.stages):
        lines = tuple(ln.id for ln in net.lines if ln.stage is s and ln.quantified)
        srcs = {ln.source for ln in net.lines if ln.stage is s}
        srcs |= {b.source for b in net.bom if b.stage is s}
        unit = "rounds per round" if net.per_round[0, j] == 1 and s in (
            Stage.SHELL_BODIES, Stage.FUZES, Stage.LAP) else "rounds per tonne"
        raw = net.capacity[:, :, j, 0] / net.per_round[:, j, None]
        stages.append(StageShadow(str(s), float(np.median(raw.sum(axis=1))),
                                  tuple(c for ci, c in enumerate(net.countries)
                                        if net.constrains[ci, j, 0]
                                        and net.level[ci, j, 0] > 0),
                                  float(np.median(shadows[:, j])), unit,
                                  float(binding[:, j].mean()), lines, tuple(sorted(srcs))))
    stages.sort(key=lambda x: -x.binding_share)
    assumptions.append(str(A.POOLED) if trade_share == 1 else
                       f"[trade-share] each country may export {trade_share:g} of each stage's "
                       "capacity to other members (LP)")
    return BottleneckResult(net.bloc, item, year, trade_share, samples, k, seed,
                            float(np.median(totals)), stages[0].stage, tuple(stages), gap,
                            unknown, gaps, tuple(assumptions))


def crossover(store: Store, a: str, b: str, item: str, years: Sequence[int],
              samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> CrossoverResult:
    """P(capacity of A > capacity of B) per year, and the first years it passes 0.5 and 0.9."""
    rng = np.random.default_rng(seed)
    na = network(store, a, item, years, samples, rng)
    nb = network(store, b, item, years, samples, rng)
    qa, qb = _bound(na), _bound(nb)
    rows, first50, first90 = [], None, None
    for yi, y in enumerate(years):
        if qa is None or qb is None or not (qa[:, yi] > 0).any() or not (qb[:, yi] > 0).any():
            rows.append(CrossYear(y, None, None, None))
            continue
        p = float(np.mean(qa[:, yi] > qb[:, yi]))
        rows.append(CrossYear(y, p, float(np.median(qa[:, yi])), float(np.median(qb[:, yi]))))
        if p > 0.5 and first50 is None:
            first50 = y
        if p > 0.9 and first90 is None:
            first90 = y
    notes = sorted({str(x) for x in (*na.assumptions, *nb.assumptions, A.POOLED)})
    notes.append("[no-data-years] a year where either side has no quantified capacity gets "
                 "no probability (a gap, not a zero)")
    return CrossoverResult(na.bloc, nb.bloc, item, samples, seed, tuple(rows), first50,
                           first90, {na.bloc: tuple(na.gaps), nb.bloc: tuple(nb.gaps)},
                           tuple(notes))


def _bound(net: Network) -> Array | None:
    if not net.stages:
        return None
    out: Array = pooled(np.moveaxis(net.rounds, 3, 1))  # [n, y, c, s] → [n, y]
    return out

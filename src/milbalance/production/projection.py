"""Answers for the CLI: capacity per year, the binding stage, and crossover between blocs.

Output bound per sample and year (closed form with free trade within the bloc):

    Q[n, y] = min_s Σ_c capacity[n, c, s, y] / per_round[n, s]

With export shares τ < 1 (``member_share`` for members, ``supplier_share`` for a bloc's
suppliers) the HiGHS LP (network.NetworkLp) replaces the closed form.

Crossover on two bases, each stated, never mixed:
  lines     Q_A vs Q_B modelled from each side's production rows (P(A > B) = share of samples
            with Q_A > Q_B; every row keeps its own draws, so a row on both sides cancels).
            Each side says what its rows cover (country-wide totals, company totals, single
            lines) and, where a reported capacity exists, the share of it they account for.
  reported  the sides' own reported ``<item>.capacity`` figures (each a mixture of its
            claimants' figures, read and drawn as the engine reads observations).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from milbalance.engine.mixture import mixture
from milbalance.engine.options import DEFAULT_RANGE_CONFIDENCE
from milbalance.errors import UserError
from milbalance.model import EntityKind
from milbalance.production import assumptions as A
from milbalance.production.capacity import Gap, Network, build_network, in_item
from milbalance.production.network import NetworkLp, pooled
from milbalance.production.records import Basis, Stage
from milbalance.production.reports import Coverage, Reported, coverage, reported
from milbalance.production.sampling import dedupe, draw_quantity, root_entropy
from milbalance.store import Store

Array = np.ndarray[Any, np.dtype[np.float64]]
DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 20240101
QUANTILES = (0.05, 0.5, 0.95)


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
    reported: tuple[Reported, ...]  # reported capacity and output: a different thing
    coverage: tuple[Coverage, ...] = ()  # share of reported capacity the lines account for


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
class ActiveLine:
    """A production row adding capacity in the year solved (all samples, or some)."""

    id: str
    country: str
    stage: str
    basis: str
    status: str
    share: float  # share of samples in which it adds capacity that year (ramping counts)
    median: float  # median capacity it adds, stage units a year
    source: str


@dataclass(frozen=True)
class StageShadow:
    stage: str
    capacity_rounds: float  # median round-equivalents of known capacity (pooled)
    constrains: tuple[str, ...]  # countries where this stage limits output (coverage rule)
    shadow_price: float  # median rounds per extra unit of the stage's capacity
    unit: str
    binding_share: float
    lines: tuple[ActiveLine, ...]  # only rows active (or ramping) in the year
    sources: tuple[str, ...]


@dataclass(frozen=True)
class BottleneckResult:
    bloc: str
    item: str
    year: int
    member_share: float
    supplier_share: float
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
class SideYear:
    """One side of one basis in one year: its quantiles and what they stand for."""

    p5: float | None
    median: float | None
    p95: float | None
    basis: str  # what the figure is made of, in words
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class BasisYear:
    basis: str  # "lines" | "reported capacity"
    p_a_greater: float | None  # None: a side has no figure (a gap, not a zero)
    a: SideYear
    b: SideYear
    p_tie: float | None = None  # P(A = B): point figures can tie; reported, not split


@dataclass(frozen=True)
class CrossYear:
    year: int
    lines: BasisYear
    reported: BasisYear
    coverage_a: tuple[Coverage, ...]
    coverage_b: tuple[Coverage, ...]


@dataclass(frozen=True)
class CrossoverResult:
    a: str
    b: str
    item: str
    samples: int
    seed: int
    years: tuple[CrossYear, ...]
    first_year: dict[str, dict[str, int | None]]  # basis → {"0.5": year, "0.9": year}
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
            root: int, range_confidence: float = DEFAULT_RANGE_CONFIDENCE) -> Network:
    bloc, members = members_by_year(store, who, years)
    if not any(in_item(ln.item, item) for ln in store.production_lines()):
        items = sorted({ln.item for ln in store.production_lines()})
        raise UserError(f"no production line serves {item!r}; items with lines: "
                        f"{', '.join(items)}")
    return build_network(root, store.production_lines(), store.bom(), members, bloc, item,
                         years, samples, range_confidence=range_confidence)


def _q(x: Array) -> tuple[float | None, ...]:
    if x.size == 0 or not np.isfinite(x).all():
        return (None,) * len(QUANTILES)
    return tuple(float(v) for v in np.quantile(x, QUANTILES))


def _line_sources(store: Store) -> set[str]:
    return {ln.source for ln in store.production_lines()}


def capacity(store: Store, who: str, item: str, years: Sequence[int],
             samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> CapacityResult:
    """Modelled capacity of ``who`` for ``item`` per year, beside reported capacity and output
    (a different thing) and the share of reported capacity the lines account for."""
    net = network(store, who, item, years, samples, root_entropy(seed))
    R = net.rounds  # [n, c, s, y]
    pooled_s = R.sum(axis=1)  # [n, s, y]; inf where a stage does not constrain
    known = (net.capacity / net.per_round[:, None, :, None]).sum(axis=1)
    bound = _bound(net)
    srcs = _line_sources(store)
    cover = coverage(store, net, bound if bound is not None else np.zeros((0, len(years))),
                     item, srcs)
    out = []
    for yi, y in enumerate(net.years):
        gaps = tuple(g for g in net.gaps if g.year == y)
        covered = tuple(c for ci, c in enumerate(net.countries)
                        if net.capacity[:, ci, :, yi].max() > 0)
        rep = reported(store, (net.bloc, *net.countries), item, y, srcs)
        if not net.stages or not covered:
            out.append(YearCapacity(y, None, None, None, {}, {}, covered, gaps, rep,
                                    cover.get(y, ())))
            continue
        q = pooled_s[:, :, yi].min(axis=1)
        arg = pooled_s[:, :, yi].argmin(axis=1)
        p5, p50, p95 = _q(q)
        out.append(YearCapacity(
            y, p5, p50, p95,
            {str(s): float(np.median(known[:, j, yi])) for j, s in enumerate(net.stages)},
            {str(s): float(np.mean(arg == j)) for j, s in enumerate(net.stages)},
            covered, gaps, rep, cover.get(y, ())))
    return CapacityResult(
        net.bloc, item, "rounds_per_year", samples, seed, tuple(out),
        {str(k): v for k, v in net.unknown_stages.items()},
        tuple(ln.id for ln in net.lines),
        tuple(sorted({ln.source for ln in net.lines} | {b.source for b in net.bom})),
        tuple(str(a) for a in (*net.assumptions, A.POOLED, REPORTS)))


REPORTS = A.Assumption(
    "model-vs-reports",
    "modelled capacity (from the production rows) and reported capacity or output are "
    "different things shown side by side; coverage = modelled median ÷ a reported capacity "
    "of the same scope and year, below 1 where plants lack sourced rows")


def trade_shares(net: Network, member_share: float, supplier_share: float) -> Array:
    """τ per country of the network: ``supplier_share`` for a bloc's suppliers, else
    ``member_share``."""
    for name, v in (("member share", member_share), ("supplier share", supplier_share)):
        if not 0 <= v <= 1:
            raise UserError(f"{name} must be in [0, 1], got {v!r}")
    return np.array([supplier_share if role == "supplier" else member_share
                     for role in net.roles], dtype=float)


def _active_lines(net: Network, stage: Stage, yi: int) -> tuple[ActiveLine, ...]:
    out = []
    for ln in net.lines:
        share = net.line_share.get(ln.id)
        if ln.stage is not stage or share is None or share[yi] <= 0:
            continue
        out.append(ActiveLine(ln.id, ln.country, str(ln.stage), str(ln.basis),
                              str(ln.status), share[yi], net.line_median[ln.id][yi],
                              ln.source))
    return tuple(sorted(out, key=lambda x: -x.median))


def bottleneck(store: Store, who: str, item: str, year: int, samples: int = DEFAULT_SAMPLES,
               seed: int = DEFAULT_SEED, member_share: float = 1.0,
               lp_samples: int | None = None, supplier_share: float | None = None
               ) -> BottleneckResult:
    """The binding stage in ``year`` with its shadow price, from a HiGHS LP per sample
    (``lp_samples`` of them; None: all). Only rows active (or ramping) that year are listed."""
    supplier = member_share if supplier_share is None else supplier_share
    net = network(store, who, item, [year], samples, root_entropy(seed))
    tau = trade_shares(net, member_share, supplier)
    gaps = tuple(net.gaps)
    unknown = {str(k): v for k, v in net.unknown_stages.items()}
    assumptions = [str(a) for a in net.assumptions]
    if not net.stages:
        return BottleneckResult(net.bloc, item, year, member_share, supplier, samples, 0, seed,
                                None, None, (), None, unknown, gaps, tuple(assumptions))
    R = net.rounds[:, :, :, 0]  # [n, c, s]
    closed = pooled(R)
    lp = NetworkLp(len(net.countries), len(net.stages), tau)
    k = samples if lp_samples is None else min(lp_samples, samples)
    totals, shadows = np.empty(k), np.empty((k, len(net.stages)))
    for i in range(k):
        sol = lp.solve(R[i])
        totals[i] = sol.rounds
        shadows[i] = sol.shadow.max(axis=1) / net.per_round[i]
    binding = shadows > 1e-12
    free = bool((tau == 1).all())
    gap = float(np.max(np.abs(totals - closed[:k]))) if free else None
    stages = []
    for j, s in enumerate(net.stages):
        active = _active_lines(net, s, 0)
        srcs = {x.source for x in active} | {b.source for b in net.bom if b.stage is s}
        unit = "rounds per round" if s in (Stage.SHELL_BODIES, Stage.FUZES, Stage.LAP) \
            else "rounds per tonne"
        raw = net.capacity[:, :, j, 0] / net.per_round[:, j, None]
        stages.append(StageShadow(str(s), float(np.median(raw.sum(axis=1))),
                                  tuple(c for ci, c in enumerate(net.countries)
                                        if net.constrains[ci, j, 0]
                                        and net.level[ci, j, 0] > 0),
                                  float(np.median(shadows[:, j])), unit,
                                  float(binding[:, j].mean()), active, tuple(sorted(srcs))))
    stages.sort(key=lambda x: -x.binding_share)
    if free:
        assumptions.append(str(A.POOLED))
    else:
        assumptions.append(f"[trade-share] each member may export {member_share:g} and each "
                           f"supplier {supplier:g} of each stage's capacity to other "
                           "countries of the bloc (LP)")
    assumptions.append("[active-lines] the table lists only rows adding capacity in "
                       f"{year} in some samples (ramping and delayed lines included, with the "
                       "share of samples); rows not yet started are left out")
    return BottleneckResult(net.bloc, item, year, member_share, supplier, samples, k, seed,
                            float(np.median(totals)), stages[0].stage, tuple(stages), gap,
                            unknown, gaps, tuple(assumptions))


def _lap_basis(net: Network, yi: int) -> str:
    """What a side's finished-round (lap) capacity is made of in a year, in words."""
    parts: dict[str, list[str]] = {"country-wide total": [], "company totals": [],
                                   "single lines": []}
    for c in net.countries:
        rows = [ln for ln in net.lines if ln.country == c and ln.stage is Stage.LAP
                and net.line_share.get(ln.id, (0.0,) * len(net.years))[yi] > 0]
        if not rows:
            continue
        if any(r.basis is Basis.TOTAL and not r.company for r in rows):
            parts["country-wide total"].append(c)
        elif any(r.basis is Basis.TOTAL for r in rows):
            parts["company totals"].append(c)
        else:
            parts["single lines"].append(c)
    n_members = len(net.countries)
    said = [f"{k} ({', '.join(v)})" for k, v in parts.items() if v]
    covered = sum(len(v) for v in parts.values())
    if not said:
        return "no quantified load-assemble-pack row"
    tail = "" if covered == n_members else \
        f"; {n_members - covered} of {n_members} members have no row (count for nothing)"
    return "lap from " + "; ".join(said) + tail


def _reported_side(store: Store, who: str, item: str, year: int, samples: int, root: int,
                   used: list[A.Assumption]) -> tuple[Array | None, SideYear]:
    """The side's own reported ``<item>.capacity`` in ``year``, as an engine mixture."""
    metric = f"{item}.capacity"
    entity = store.entity(who)
    rows = store.observations(entity.id, metric, start_year=year, end_year=year)
    if not rows:
        return None, SideYear(None, None, None, f"no {metric} reported for {entity.id} itself")
    q, assumed = mixture(f"reported|{entity.id}|{metric}|{year}", entity.id, rows, {},
                         DEFAULT_RANGE_CONFIDENCE)
    if q is None:
        return None, SideYear(None, None, None, "all figures weighted 0")
    used.extend(assumed)
    x = draw_quantity(q, root, samples)
    p5, p50, p95 = _q(x)
    who_said = "; ".join(f"{o.claimant} ({o.period.label}"
                         + (", " + ", ".join(str(f) for f in o.flags) if o.flags else "")
                         + ")" for o in rows)
    return x, SideYear(p5, p50, p95, f"reported {metric}: {who_said}", q.sources)


def _p(a: Array | None, b: Array | None) -> float | None:
    if a is None or b is None:
        return None
    return float(np.mean(a > b))


def _tie(a: Array | None, b: Array | None) -> float | None:
    if a is None or b is None:
        return None
    return float(np.mean(a == b))


def _first(rows: Sequence[float | None], years: Sequence[int], level: float) -> int | None:
    return next((y for p, y in zip(rows, years, strict=True) if p is not None and p > level),
                None)


def crossover(store: Store, a: str, b: str, item: str, years: Sequence[int],
              samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> CrossoverResult:
    """P(A > B) per year on two comparable bases — modelled from lines on both sides, and
    reported capacity on both sides — each with what it stands for, and the line data's
    coverage of each side's reported capacity."""
    root = root_entropy(seed)
    na = network(store, a, item, years, samples, root)
    nb = network(store, b, item, years, samples, root)
    qa, qb = _bound(na), _bound(nb)
    srcs = _line_sources(store)
    empty = np.zeros((0, len(years)))
    cov_a = coverage(store, na, qa if qa is not None else empty, item, srcs)
    cov_b = coverage(store, nb, qb if qb is not None else empty, item, srcs)
    used: list[A.Assumption] = []
    rows = []
    for yi, y in enumerate(years):
        sides = []
        for q, net in ((qa, na), (qb, nb)):
            x = None if q is None or not (q[:, yi] > 0).any() else q[:, yi]
            p5, p50, p95 = _q(x) if x is not None else (None, None, None)
            sides.append((x, SideYear(p5, p50, p95, _lap_basis(net, yi),
                                      tuple(sorted({ln.source for ln in net.lines
                                                    if net.line_share.get(
                                                        ln.id, (0.0,) * len(years))[yi] > 0
                                                    })))))
        lines = BasisYear("lines", _p(sides[0][0], sides[1][0]), sides[0][1], sides[1][1],
                          _tie(sides[0][0], sides[1][0]))
        ra, sa = _reported_side(store, a, item, y, samples, root, used)
        rb, sb = _reported_side(store, b, item, y, samples, root, used)
        rep = BasisYear("reported capacity", _p(ra, rb), sa, sb, _tie(ra, rb))
        rows.append(CrossYear(y, lines, rep, cov_a.get(y, ()), cov_b.get(y, ())))
    first = {basis: {str(level): _first([getattr(r, attr).p_a_greater for r in rows], years,
                                        level) for level in (0.5, 0.9)}
             for basis, attr in (("lines", "lines"), ("reported capacity", "reported"))}
    notes = sorted({str(x) for x in (*na.assumptions, *nb.assumptions, A.POOLED,
                                     *dedupe(used))})
    notes += [
        "[no-data-years] a year where either side has no figure on a basis gets no "
        "probability on that basis (a gap, not a zero)",
        "[bases] 'lines' compares capacity modelled from each side's production rows: a sum "
        "over the plants the data holds, so a side whose rows are single plants is a lower "
        "bound of its capacity (see each side's 'lap from' and coverage); 'reported "
        "capacity' compares the sides' own reported totals (each sample takes one "
        "claimant's figure). Output figures are not capacity and are not compared here",
        "[shared-draws] each data row is drawn once per sample from its own stream (engine "
        "semantics): a row used on both sides, or in both bases, has the same draw",
    ]
    return CrossoverResult(na.bloc, nb.bloc, item, samples, seed, tuple(rows), first,
                           {na.bloc: tuple(na.gaps), nb.bloc: tuple(nb.gaps)}, tuple(notes))


def _bound(net: Network) -> Array | None:
    if not net.stages:
        return None
    out: Array = pooled(np.moveaxis(net.rounds, 3, 1))  # [n, y, c, s] → [n, y]
    return out

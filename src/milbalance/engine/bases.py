"""Bases: one comparison of an item read on several definitions side by side.

"Is A producing more artillery shells than B?" turns on what is counted. A basis is one
definition, with a list of candidate metrics per side (the first with figures is used, and
the answer says which):

    new-output               <item>.output
    capacity                 <item>.capacity
    output-incl-refurbished  <item>.output_incl_refurbished, else <item>.output (a lower
                             bound of what is made or repaired, stated)
    output-plus-supplies     <item>.output with suppliers' <item>.deliveries added for the
                             receiving side, year by year (``blocs`` supply level)
    155mm-only               <item>_155mm.output, else <item>_152mm.output (the counterpart
                             calibre, stated)

Time (each side on its own; never silently another year): the year asked, counting run-rates
measured in it (monthly figures annualised by the store; the months are stated); else the
side's capacity in that year as an upper bound of its output (P(A > B) becomes a bound, and
is marked so); else the side's latest earlier year with figures, carried forward with its
uncertainty widened by ``EngineOptions.carry_widen`` (log-scale σ) per year.

Each basis answers P(A > B), both sides' quantiles, the figures used and the gaps.
``engine.verdict`` turns the bases into one verdict and a headline (docs/methodology.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from milbalance.engine.blocs import NoDataError, Side, gather, members_in_year
from milbalance.engine.compare import _answer
from milbalance.engine.hypotheses import sample
from milbalance.engine.mixture import Component, Quantity
from milbalance.engine.options import EngineOptions, Sampler
from milbalance.engine.quoted import BOUND_KEY
from milbalance.engine.results import Quantiles
from milbalance.errors import UserError
from milbalance.model import EntityKind, Shape
from milbalance.periods import PeriodKind
from milbalance.store import Store

BASIS_SAMPLES = 20_000
"""Samples per basis, plain Monte Carlo (P(A > B) to ±0.007 at 95%, binomial): RQMC would
need scipy.stats, whose import alone takes over a second from a cold start."""
COVERAGE = 0.5
"""A bloc side whose member sum leaves more than half its members uncovered is not read."""
CARRY_YEARS = 6
"""How far back a side's latest year with figures is looked for."""

MEASURED = "measured"
RUN_RATE = "run-rate"
CAPACITY_BOUND = "capacity-upper-bound"
CARRIED = "carried-forward"


@dataclass(frozen=True)
class BasisSpec:
    name: str
    description: str
    candidates: tuple[str, ...]  # metric ids, by suffix on the item: "{item}.output"
    supply: bool = False
    capacity_bound: bool = True  # may a side's capacity stand in as an upper bound


BASES: tuple[BasisSpec, ...] = (
    BasisSpec("new-output", "newly made, all calibres", ("{item}.output",)),
    BasisSpec("capacity", "what can be made in a year", ("{item}.capacity",)),
    BasisSpec("output-incl-refurbished", "made or refurbished from stock",
              ("{item}.output_incl_refurbished", "{item}.output"), capacity_bound=False),
    BasisSpec("output-plus-supplies", "made, plus suppliers' deliveries to the side",
              ("{item}.output",), supply=True, capacity_bound=False),
    BasisSpec("155mm-only", "155 mm only (152 mm, the counterpart calibre, where a side has "
              "no 155 mm figure)", ("{item}_155mm.output", "{item}_152mm.output")),
)
MAIN_BASIS = "new-output"


@dataclass(frozen=True)
class Figure:
    """One data row a basis used."""

    side: str
    entity: str
    metric: str
    period: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    source: str
    claimant: str
    claimant_type: str
    level: str


@dataclass(frozen=True)
class SideUse:
    """How one side of a basis was read: the metric and year used, and how time was
    resolved (``measured``, ``run-rate``, ``capacity-upper-bound``, ``carried-forward``)."""

    entity: str
    metric: str
    year: int
    resolution: str
    note: str
    quantiles: Quantiles


@dataclass(frozen=True)
class Basis:
    """One definition's answer. ``bound``: "" (P is an estimate), "lower" or "upper" (one side
    is a capacity standing in for output, so P only bounds the answer)."""

    basis: str
    description: str
    p_a_gt_b: float | None
    bound: str
    a: SideUse | None
    b: SideUse | None
    figures: tuple[Figure, ...]
    gaps: tuple[str, ...]
    notes: tuple[str, ...]
    p_error: float | None = None
    uncovered: tuple[float, float] = (0.0, 0.0)  # share of each side's members with no figure
    p_carried: float | None = None  # with a capacity stand-in replaced by carried-forward output


@dataclass(frozen=True)
class BasesAnswer:
    """Every basis, the verdict by the rule in ``engine.verdict`` and the headline;
    ``main`` is the basis the verdict leads with."""

    a: str
    b: str
    item: str
    year: int
    bases: tuple[Basis, ...]
    verdict: str
    headline: str
    reasons: tuple[str, ...]
    seed: int
    samples: int
    main: str = MAIN_BASIS


def default_options(**changes: Any) -> EngineOptions:
    """The options a bases answer uses unless told otherwise: plain MC, BASIS_SAMPLES."""
    return replace(EngineOptions(samples=BASIS_SAMPLES, estimator=Sampler.MC), **changes)


def metric_ids(store: Store) -> set[str]:
    return {m.id for m in store.metrics()}


def _widen(side: Side, sigma: float) -> Side:
    """Each input's log-scale σ widened by ``sigma`` (a point becomes a lognormal)."""
    def comp(c: Component) -> Component:
        d = c.dist
        if d.shape is Shape.POINT and d.a > 0:
            return replace(c, dist=replace(d, shape=Shape.LOGNORMAL, a=math.log(d.a), b=sigma))
        if d.shape is Shape.LOGNORMAL:
            return replace(c, dist=replace(d, b=math.hypot(d.b, sigma)))
        if d.shape is Shape.NORMAL:
            return replace(c, dist=replace(d, b=math.hypot(d.b, d.a * sigma)))
        return c  # uniform and triangular ranges keep their width (stated by the caller)

    def qty(q: Quantity) -> Quantity:
        return replace(q, components=tuple(comp(c) for c in q.components))

    return replace(side, quantities=tuple(qty(q) for q in side.quantities),
                   whole=qty(side.whole) if side.whole is not None else None,
                   key=side.key + f"|widened{sigma:.4f}")


def _run_rate_note(side: Side) -> tuple[bool, str]:
    """(every figure used is a run-rate, a note naming the months annualised)."""
    used = [c.observation for q in side.used for c in q.components]
    rows = [o for o in used if o.period.kind is not PeriodKind.YEAR and o.rescaled]
    if not rows:
        return False, ""
    months = sorted({o.period.label for o in rows})
    who = sorted({o.entity for o in rows})
    o = rows[0]
    factor = f" ×{o.value / o.raw_value:g}" if o.value and o.raw_value else ""
    return len(rows) == len(used), (
        f"{', '.join(who)}: run-rates measured in {side.year}, annualised from "
        f"{o.raw_unit}{factor} (periods: {', '.join(months)})")


Cache = dict[tuple[str, str, int, bool], Side | NoDataError]


def _gather(store: Store, entity: str, metric: str, year: int, options: EngineOptions,
            cache: Cache | None) -> Side:
    """``blocs.gather``, remembered within one bases answer (the bases share many sides;
    their options differ only in ``supply``)."""
    key = (entity, metric, year, options.supply)
    found = cache.get(key) if cache is not None else None
    if found is None:
        try:
            found = gather(store, entity, metric, year, options)
        except NoDataError as exc:
            found = exc
        if cache is not None:
            cache[key] = found
    if isinstance(found, NoDataError):
        raise found
    return found


def resolve(store: Store, entity: str, candidates: Sequence[str], item: str, year: int,
            options: EngineOptions, capacity_bound: bool = True,
            cache: Cache | None = None) -> tuple[Side, str, str]:
    """The side for ``entity`` on the first candidate metric with figures, with the time rule
    (see the module docstring): (side, resolution, note). NoDataError when nothing is found."""
    known = metric_ids(store)
    metrics = [m for m in candidates if m in known]
    for metric in metrics:
        try:
            side = _gather(store, entity, metric, year, options, cache)
        except NoDataError:
            continue
        only_rates, note = _run_rate_note(side)
        return side, RUN_RATE if only_rates else MEASURED, note
    capacity = (metrics[0] if metrics else f"{item}.output").rpartition(".")[0] + ".capacity"
    if capacity_bound and capacity in known and capacity not in metrics:
        try:
            side = _gather(store, entity, capacity, year, options, cache)
            return side, CAPACITY_BOUND, (
                f"no {' or '.join(metrics)} figure for {entity} in {year}: its {year} "
                "capacity stands in as an upper bound of output")
        except NoDataError:
            pass
    for back in range(1, CARRY_YEARS + 1):
        for metric in metrics:
            try:
                side = _gather(store, entity, metric, year - back, options, cache)
            except NoDataError:
                continue
            sigma = options.carry_widen * back
            rates = _run_rate_note(side)[1]
            return _widen(side, sigma), CARRIED, (
                f"no {metric} figure for {entity} in {year}: its {year - back} figures are "
                f"carried forward, uncertainty widened by σ = {sigma:.2f} (log scale)"
                + (f"; they include {rates.partition(': ')[2]}" if rates else ""))
    raise NoDataError(f"no {' or '.join(metrics) or 'figure'} for {entity} in {year} or the "
                      f"{CARRY_YEARS} years before, and no {year} capacity")


def _uncovered(store: Store, side: Side, options: EngineOptions) -> float:
    """Share of the side's members (suppliers apart) that nothing covers in the answer."""
    if side.entity.kind is not EntityKind.BLOC or side.parts_weight == 0:
        return 0.0
    members = [m for m, _, _ in members_in_year(store, side.entity, side.year,
                                                options.membership)]
    gaps = {g.member for g in side.open_gaps} & set(members)
    return len(gaps) / len(members) if members else 0.0


def _figures(label: str, side: Side) -> list[Figure]:
    out = []
    for q in side.used:
        for c in q.components:
            o = c.observation
            out.append(Figure(label, o.entity, o.metric, o.period.label, o.value, o.low,
                              o.high, o.unit, o.source, o.claimant, str(o.claimant_type),
                              q.level))
    return out


def _carried_instead(store: Store, who: tuple[str, str], res: tuple[str, str],
                     sides: tuple[Side, Side], cands: tuple[str, ...], item: str, year: int,
                     opts: EngineOptions, cache: Cache | None) -> tuple[str, float | None]:
    """Context for a side whose capacity stood in: P with its latest output carried forward
    instead (the next step of the time rule), said beside the bound, never in its place."""
    if CAPACITY_BOUND not in res:
        return "", None
    alt = list(sides)
    for i, r in enumerate(res):
        if r == CAPACITY_BOUND:
            try:
                alt[i] = resolve(store, who[i], cands, item, year, opts, False, cache)[0]
            except NoDataError:
                return "", None
    ans = _answer(sample(alt[0], alt[1], opts, {}, 0), opts)
    used = [f"{s.entity.id} {s.year}" for s, r in zip(alt, res, strict=True)
            if r == CAPACITY_BOUND]
    return (f"for context, with the latest output carried forward instead of the capacity "
            f"({', '.join(used)}, widened): P(A > B) = {ans.p_gt:.2f}, medians "
            f"{ans.run.stats.a.summary().p50:,.0f} against {ans.run.stats.b.summary().p50:,.0f}",
            ans.p_gt)


def basis(store: Store, spec: BasisSpec, a: str, b: str, item: str, year: int,
          options: EngineOptions, cache: Cache | None = None) -> Basis:
    """One basis (see the module docstring)."""
    opts = replace(options, supply=spec.supply, suppliers=None, allow_mixed_kinds=True,
                   allow_narrower=True, by_claimant=False, assumption_reruns=False,
                   sensitivity_samples=0)
    cands = tuple(c.format(item=item) for c in spec.candidates)
    sides: list[tuple[Side, str, str]] = []
    gaps: list[str] = []
    for who in (a, b):
        try:
            sides.append(resolve(store, who, cands, item, year, opts, spec.capacity_bound,
                                 cache))
        except (NoDataError, UserError) as exc:
            gaps.append(str(exc))
    if gaps:
        return Basis(spec.name, spec.description, None, "", None, None, (), tuple(gaps), ())
    (sa, ra, na), (sb, rb, nb) = sides
    ans = _answer(sample(sa, sb, opts, {}, 0), opts)
    stats = ans.run.stats
    bound = ("lower" if rb == CAPACITY_BOUND and ra != CAPACITY_BOUND else
             "upper" if ra == CAPACITY_BOUND and rb != CAPACITY_BOUND else "")
    notes = [n for n in (na, nb) if n]
    alt, p_carried = _carried_instead(store, (a, b), (ra, rb), (sa, sb), cands, item, year,
                                      opts, cache)
    if alt:
        notes.append(alt)
    if ra == rb == CAPACITY_BOUND:
        notes.append("both sides are capacities standing in for output: P compares capacities")
    for side, res in ((sa, ra), (sb, rb)):
        if side.metric.id != cands[0] and res != CAPACITY_BOUND:
            notes.append(f"{side.entity.id}: no {cands[0]} figure; {side.metric.id} is used")
        if spec.name == "output-incl-refurbished" and side.metric.id == f"{item}.output":
            notes.append(f"{side.entity.id}: new output only, a lower bound of what it makes "
                         "or refurbishes")
    notes.extend(str(x) for x in dict.fromkeys(sa.assumptions + sb.assumptions)
                 if x.key.startswith(("said-before", "cumulative", BOUND_KEY))
                 or (spec.supply and x.key.startswith("supply")))
    gap_text = [str(g) for g in sa.open_gaps + sb.open_gaps]
    for side in (sa, sb):
        share = _uncovered(store, side, opts)
        if share > COVERAGE:
            notes.append(f"{side.entity.id}: {share:.0%} of its members have no figure on "
                         f"{side.metric.id} in {side.year}; the sum covers too little of the "
                         "bloc to read (undetermined)")
    uses = [SideUse(s.entity.id, s.metric.id, s.year, r, n, q) for s, r, n, q in
            ((sa, ra, na, stats.a.summary()), (sb, rb, nb, stats.b.summary()))]
    return Basis(spec.name, spec.description, ans.p_gt, bound, uses[0], uses[1],
                 tuple(_figures("a", sa) + _figures("b", sb)), tuple(gap_text),
                 tuple(dict.fromkeys(notes)), ans.info.half_width,
                 (_uncovered(store, sa, opts), _uncovered(store, sb, opts)), p_carried)


def bases(store: Store, a: str, b: str, item: str, year: int,
          options: EngineOptions | None = None,
          specs: Sequence[BasisSpec] = BASES, main: str = MAIN_BASIS) -> BasesAnswer:
    """Every basis for ``item`` in ``year``, A against B, with one verdict and a headline."""
    from milbalance.engine.verdict import decide, headline

    options = options or default_options()
    ea, eb = store.entity(a), store.entity(b)
    if not any(m.startswith(item + ".") for m in metric_ids(store)):
        raise UserError(f"no metrics for item {item!r}; items are the part of a metric id "
                        "before the dot (artillery_shells)")
    cache: Cache = {}
    found = tuple(basis(store, s, ea.id, eb.id, item, year, options, cache) for s in specs)
    verdict, reasons = decide(found, main)
    names = tuple(e.id if e.kind is EntityKind.BLOC else e.name or e.id for e in (ea, eb))
    assert len(names) == 2
    return BasesAnswer(ea.id, eb.id, item, year, found, verdict,
                       headline(found, verdict, (names[0], names[1]), item, year, main),
                       tuple(reasons), options.seed, options.samples, main)

"""The engine's two questions: how big is X (``estimate``), and is A bigger than B
(``compare``), each with the same answer per claimant type, the parts' contributions, the
member sum and the bloc's own figures side by side, the coverage gaps and the assumptions.

Estimator (``EngineOptions.estimator``, recorded as ``EstimatorInfo`` in every answer).
With ``rqmc`` (default) the samples are RQMC points (``sampling``): quantiles come from them,
and P(A > B) is smoothed (``estimators``: Φ(−t*) along the direction of the independent,
single-figure lognormal inputs, from the same R × ⌈n/R⌉ points) where such an input exists
and no sample ties; its error comes from the spread of the R replicate estimates. Otherwise
P(A > B), P(B > A) and P(A = B) are counts over all samples divided by the sample count, so
they sum to 1 exactly; a tie (possible with point figures) is reported, not split. A smoothed
P is rounded to a multiple of 2^-40 and P(B > A) = 1 − P, so the three still sum to 1
exactly. Sides that mix the member sum with bloc-level figures as hypotheses are sampled by
plain MC (``hypotheses``), and the answer says so. RQMC is valid with correlated inputs
(a Gaussian copula of the RQMC normals); smoothing leaves them, and mixtures, out.

Which assumptions flip the answer is found by rerunning the comparison with one choice
changed (same seed, same estimator, ``EngineOptions.reruns`` samples: 4,096 with RQMC,
20,000 with MC, unless ``rerun_samples`` says otherwise; P(A > B) under the alternative
against P as answered):
- ``levels``: members-only and bloc-only instead of the rule used (where a side has both);
- ``carry-forward`` of gaps switched on (where there are gaps) or off (where it filled one);
- ``capacity instead of output`` (an output metric whose ``<item>.capacity`` exists);
- each supplier's deliveries counted or not (``counting PRK deliveries to RUS``);
- ``--companies`` and ``--allow-narrower`` switched on where there are gaps, or off;
- ``--cumulative`` switched on where a multi-year total was left out, or off.
"""

from __future__ import annotations

import math
import sys
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from milbalance.engine import sensitivity
from milbalance.engine.blocs import NoDataError, Side, gather, suppliers_of, without_whole
from milbalance.engine.estimators import EstimatorOptions, p_a_gt_b, smoothing_model, t_quantile
from milbalance.engine.hypotheses import Correlation, Sampled, sample
from milbalance.engine.options import EngineOptions, LevelRule, Sampler
from milbalance.engine.results import (
    Assumption,
    ClaimantAnswer,
    Comparison,
    Contribution,
    Driver,
    DriverKind,
    Estimate,
    EstimatorInfo,
    Level,
    LevelSummary,
    Quantiles,
)
from milbalance.engine.sampling import RunStats
from milbalance.errors import UserError
from milbalance.model import ClaimantType, MetricKind
from milbalance.store import Store

Z95 = 1.959963984540054
QUANTUM = 2.0**40


@dataclass(frozen=True)
class _Answer:
    """A run and its P(A > B), P(B > A), P(A = B), with how they were estimated."""

    run: Sampled
    p_gt: float
    p_lt: float
    p_eq: float
    info: EstimatorInfo


def _spread(estimates: Sequence[float]) -> tuple[float | None, float | None]:
    """(standard error, 95% half-width) of the mean of replicate estimates (t, R − 1 df)."""
    r = len(estimates)
    if r < 2:
        return None, None
    mean = math.fsum(estimates) / r
    se = math.sqrt(math.fsum((x - mean) ** 2 for x in estimates) / (r - 1) / r)
    return se, t_quantile(0.975, r - 1) * se


def _answer(run: Sampled, options: EngineOptions) -> _Answer:
    """P(A > B) from a run, by smoothing or counting (see the module docstring)."""
    stats = run.stats
    n = stats.samples
    p_gt, p_lt, p_eq = stats.gt / n, stats.lt / n, stats.eq / n
    asked = str(options.estimator)
    if stats.sampler is Sampler.MC:
        se = math.sqrt(p_gt * (1 - p_gt) / n)
        return _Answer(run, p_gt, p_lt, p_eq, EstimatorInfo(asked, "mc", run.note, 0, se,
                                                            Z95 * se))
    reps = options.replicates
    per = -(-n // reps)
    sizes = [min(per, n - r * per) for r in range(reps)]
    se_, half = _spread([g / k for g, k in zip(stats.replicate_gt, sizes, strict=True)
                         if k > 0])
    info = EstimatorInfo(asked, "rqmc", f"P(A > B) by counting over {reps} RQMC replicates",
                         reps, se_, half)
    if not options.smooth:
        return _Answer(run, p_gt, p_lt, p_eq, info)
    model = smoothing_model(run.plan)
    k = int(model.smooth_idx.size)
    if k == 0 or stats.eq:
        why = ("some samples tie" if k else "no independent, single-figure lognormal input "
               "with a net weight in A − B")
        return _Answer(run, p_gt, p_lt, p_eq, replace(info, note=info.note + f"; not "
                                                      f"smoothed: {why}"))
    est = p_a_gt_b(run.plan, stats.seed, per, EstimatorOptions(Sampler.RQMC, reps, True),
                   model=model)
    p = round(est.p * QUANTUM) / QUANTUM
    return _Answer(run, p, 1.0 - p, 0.0, EstimatorInfo(
        asked, "rqmc+smooth", f"P(A > B) smoothed along {k} lognormal input(s) over the same "
        f"{reps} × {per} RQMC points (conditional Monte Carlo); quantiles from those points",
        reps, est.standard_error, est.half_width, k))


def _contributions(side: Side, stats: RunStats) -> tuple[Contribution, ...]:
    """Each part's mean; shares are within its hypothesis (the member sum, or the bloc's own
    figures, which are the whole: share 1)."""
    means = {q.key: stats.quantity_sums[q.key] / stats.samples for q in side.sampled}
    total = sum(means[q.key] for q in side.quantities)
    out = [Contribution(q.member, means[q.key],
                        means[q.key] / total if total else float("nan"), len(q.components),
                        q.sources, q.flags, q.level, q.covers, q.metric)
           for q in side.quantities]
    if side.whole is not None:
        w = side.whole
        out.append(Contribution(w.member, means[w.key], 1.0, len(w.components), w.sources,
                                w.flags, w.level, w.covers, w.metric))
    return tuple(sorted(out, key=lambda c: (c.level == Level.BLOC, -c.mean)))


def _levels(side: Side, options: EngineOptions) -> tuple[LevelSummary, ...]:
    """The member sum and the bloc's own figures side by side, when the side has both."""
    if side.whole is None or not side.quantities:
        return ()
    probe = replace(options, sensitivity_samples=0)
    parts = sample(without_whole(side), None, probe, {}, 0).stats.a.summary()
    whole = sample(replace(side, quantities=(), parts_weight=0.0, whole_weight=1.0), None,
                   probe, {}, 0).stats.a.summary()
    p = side.p_parts if side.mixed else (1.0 if side.parts_weight > 0 else 0.0)
    gaps = len(side.open_gaps)
    return (LevelSummary("member sum", parts, p, len(side.quantities), gaps,
                         f"{gaps} member(s) uncovered" if gaps else "every member covered"),
            LevelSummary("bloc-level figures", whole, 1.0 - p, len(side.whole.components), 0,
                         f"figures filed on {side.entity.id} itself"))


def _estimate(side: Side, summary: Quantiles, stats: RunStats, options: EngineOptions,
              by_claimant: dict[str, Quantiles]) -> Estimate:
    inputs = sum(len(q.components) for q in side.sampled)
    return Estimate(side.entity.id, side.metric.id, str(side.year), side.unit,
                    str(side.metric.kind), summary, _contributions(side, stats), side.gaps,
                    side.assumptions, inputs, options.seed, options.samples, by_claimant,
                    _levels(side, options))


def _claimant_types(*sides: Side) -> list[str]:
    found = {str(c.observation.claimant_type) for s in sides for q in s.sampled
             for c in q.components}
    return [c.value for c in ClaimantType if c.value in found]


def _probe_options(options: EngineOptions) -> EngineOptions:
    """Options for a rerun: same seed and samples, no nested breakdown or reruns."""
    return replace(options, by_claimant=False, sensitivity_samples=0, assumption_reruns=False)


def _rerun_options(options: EngineOptions) -> EngineOptions:
    """A probe with ``options.reruns`` samples."""
    return replace(_probe_options(options), samples=options.reruns)


def estimate(store: Store, entity: str, metric: str, year: int,
             options: EngineOptions | None = None) -> Estimate:
    """The distribution of ``entity``'s ``metric`` in ``year`` (a bloc: from every level of
    data, see ``blocs``)."""
    options = options or EngineOptions()
    side = gather(store, entity, metric, year, options)
    run = sample(side, None, options, {}, 0)
    stats = run.stats
    by: dict[str, Quantiles] = {}
    if options.by_claimant and options.claimant_type is None:
        for ctype in _claimant_types(side):
            try:
                sub = gather(store, entity, metric, year, options, ctype)
            except NoDataError:
                continue
            by[ctype] = sample(sub, None, options, {}, 0).stats.a.summary()
    info = EstimatorInfo(str(options.estimator), str(stats.sampler), run.note,
                         options.replicates if stats.sampler is Sampler.RQMC else 0)
    return replace(_estimate(side, stats.a.summary(), stats, options, by), estimator=info)


def _kinds(a: Side, b: Side, allow: bool) -> tuple[bool, tuple[Assumption, ...]]:
    ma, mb = a.metric, b.metric
    if ma.id == mb.id:
        return False, ()
    base = ma.unit.partition("_per_")[0], mb.unit.partition("_per_")[0]
    what = (f"{a.entity.id} {ma.id} (kind {ma.kind}: {ma.description}) against {b.entity.id} "
            f"{mb.id} (kind {mb.kind}: {mb.description})")
    if a.unit != b.unit and base[0] != base[1]:
        raise UserError(f"cannot compare {what}: units {a.unit} and {b.unit} differ")
    if not allow:
        raise UserError(f"refusing to compare {what}: different quantities; pass "
                        "--allow-mixed-kinds (allow_mixed_kinds=True) to compare them anyway")
    return True, (Assumption("mixed-kinds", f"compares {what}, which are different kinds or "
                             "definitions of quantity (asked for)"),)


def _p(store: Store, a: str, b: str, metric: str, metric_b: str, year: int,
       options: EngineOptions, correlation: Correlation) -> float:
    """P(A > B) alone, for reruns."""
    sa = gather(store, a, metric, year, options)
    sb = gather(store, b, metric_b, year, options)
    _kinds(sa, sb, options.allow_mixed_kinds)
    return _answer(sample(sa, sb, options, correlation, 0), options).p_gt


def compare(store: Store, a: str, b: str, metric: str, year: int,
            options: EngineOptions | None = None, metric_b: str | None = None,
            correlation: dict[tuple[str, str], float] | None = None) -> Comparison:
    """A versus B on ``metric`` (B on ``metric_b`` if given, only with allow_mixed_kinds).

    ``correlation`` maps pairs of input keys (data rows, "path:line") to a correlation of
    their normal drivers (Gaussian copula).
    """
    options = options or EngineOptions()
    corr = correlation or {}
    side_a = gather(store, a, metric, year, options)
    side_b = gather(store, b, metric_b or metric, year, options)
    mixed, kind_notes = _kinds(side_a, side_b, options.allow_mixed_kinds)
    answer = _answer(sample(side_a, side_b, options, corr, options.sensitivity_samples),
                     options)
    run, stats = answer.run, answer.run.stats
    p_gt, p_lt, p_eq = answer.p_gt, answer.p_lt, answer.p_eq
    drivers = list(_drivers(side_a, side_b, run, p_gt)) if options.sensitivity_samples else []
    answers: list[ClaimantAnswer] = []
    if options.by_claimant and options.claimant_type is None:
        answers = _by_claimant(store, a, b, metric, metric_b or metric, year, options)
        drivers.extend(_claimant_drivers(answers, p_gt))
    if options.assumption_reruns:
        drivers.extend(_assumption_drivers(store, a, b, metric, metric_b or metric, year,
                                           options, corr, (side_a, side_b), p_gt))
    drivers.sort(key=lambda d: not d.flips)
    quantiles = {"a": stats.a.summary(), "b": stats.b.summary(), "a-b": stats.diff.summary(),
                 "a/b": stats.ratio.summary()}
    est_a = _estimate(side_a, quantiles["a"], stats, options, {})
    est_b = _estimate(side_b, quantiles["b"], stats, options, {})
    assumptions = tuple(dict.fromkeys(side_a.assumptions + side_b.assumptions + kind_notes))
    return Comparison(est_a, est_b, p_gt, p_lt, p_eq, quantiles, tuple(answers),
                      tuple(drivers), assumptions, mixed, options.seed, options.samples,
                      answer.info)


def _drivers(a: Side, b: Side, run: Sampled, p_gt: float) -> tuple[Driver, ...]:
    stats = run.stats
    return sensitivity.drivers(a.sampled, b.sampled, run.raw, run.effective_a,
                               run.effective_b, stats.kept_a, stats.kept_b, p_gt)


def _by_claimant(store: Store, a: str, b: str, metric: str, metric_b: str, year: int,
                 options: EngineOptions) -> list[ClaimantAnswer]:
    probe = _probe_options(options)
    out: list[ClaimantAnswer] = []
    sides = [gather(store, a, metric, year, probe), gather(store, b, metric_b, year, probe)]
    for ctype in _claimant_types(*sides):
        try:
            sa = gather(store, a, metric, year, probe, ctype)
            sb = gather(store, b, metric_b, year, probe, ctype)
        except NoDataError:
            gaps = sum(len(s.sampled) for s in sides)
            out.append(ClaimantAnswer(ctype, None, None, gaps))
            continue
        ans = _answer(sample(sa, sb, probe, {}, 0), probe)
        out.append(ClaimantAnswer(ctype, ans.p_gt, ans.run.stats.diff.summary(),
                                  len(sa.gaps) + len(sb.gaps)))
    return out


def _claimant_drivers(answers: list[ClaimantAnswer], p_all: float) -> list[Driver]:
    out: list[Driver] = []
    for ans in answers:
        if ans.p_a_gt_b is None:
            continue
        flips = (ans.p_a_gt_b > 0.5) != (p_all > 0.5) and ans.p_a_gt_b != p_all
        out.append(Driver(f"only {ans.claimant_type} figures", DriverKind.ASSUMPTION, 0.0,
                          ans.p_a_gt_b, p_all, flips,
                          f"P(A>B) is {ans.p_a_gt_b:.3f} counting only {ans.claimant_type} "
                          f"figures, {p_all:.3f} with all"
                          + (" — that choice flips the answer" if flips else "")))
    return out


Rerun = tuple[str, str, EngineOptions, str, str]  # name, text, options, metric, metric_b


def _alternatives(store: Store, metric: str, metric_b: str, year: int,
                  options: EngineOptions, sides: tuple[Side, Side]) -> list[Rerun]:
    """The single changes of assumption worth rerunning (see the module docstring)."""
    probe = _rerun_options(options)
    out: list[Rerun] = []
    alt: Callable[..., EngineOptions] = lambda **kw: replace(probe, **kw)  # noqa: E731
    if any(s.whole is not None and s.quantities for s in sides):
        for rule in LevelRule:
            if rule is not options.levels:
                out.append((f"{rule} instead of {options.levels} (members vs bloc-level "
                            "figures)", f"with --levels {rule}", alt(levels=rule), metric,
                            metric_b))
    gaps = any(s.open_gaps for s in sides)
    filled = any(g.filled_by.startswith("carry-forward") for s in sides for g in s.gaps)
    if gaps or filled or options.carry_forward:
        out.append(("carry-forward of gaps " + ("off" if options.carry_forward else "on"),
                    "with carry-forward " + ("off" if options.carry_forward else "on"),
                    alt(carry_forward=not options.carry_forward), metric, metric_b))
    if gaps or options.companies:
        out.append(("company figures " + ("off" if options.companies else "on"),
                    "with --companies " + ("off" if options.companies else "on"),
                    alt(companies=not options.companies), metric, metric_b))
    if gaps or options.allow_narrower:
        out.append(("narrower metrics " + ("off" if options.allow_narrower else "on"),
                    "with --allow-narrower " + ("off" if options.allow_narrower else "on"),
                    alt(allow_narrower=not options.allow_narrower), metric, metric_b))
    if options.cumulative or any(a.key.startswith("cumulative") for s in sides
                                 for a in s.assumptions):
        out.append(("cumulative totals " + ("off" if options.cumulative else "on"),
                    "with --cumulative " + ("off" if options.cumulative else "on"),
                    alt(cumulative=not options.cumulative), metric, metric_b))
    ids = {m.id: m for m in store.metrics()}
    swap = {}
    for name in (metric, metric_b):
        m = ids[store.metric(name).id]
        cap = f"{m.item or m.id.partition('.')[0]}.capacity"
        if m.kind is MetricKind.OUTPUT and cap in ids:
            swap[name] = cap
    if swap:
        out.append(("capacity instead of output", "counting capacity instead of output",
                    probe, swap.get(metric, metric), swap.get(metric_b, metric_b)))
    for side in sides:
        if side.metric.kind is not MetricKind.OUTPUT:
            continue
        all_suppliers = suppliers_of(store, side.entity, year)
        counted = {q.member for q in side.quantities if q.level == str(Level.SUPPLY)}
        for s in all_suppliers:
            lead = side.entity.id
            if s in counted:
                keep = frozenset(counted - {s})
                out.append((f"counting {s} deliveries to {lead}", f"without {s}'s deliveries",
                            alt(supply=bool(keep), suppliers=keep), metric, metric_b))
            else:
                keep = frozenset(counted | {s})
                out.append((f"counting {s} deliveries to {lead}",
                            f"counting {s}'s deliveries to {lead}",
                            alt(supply=True, suppliers=keep), metric, metric_b))
    return out


def _assumption_drivers(store: Store, a: str, b: str, metric: str, metric_b: str,
                        year: int, options: EngineOptions, corr: Correlation,
                        sides: tuple[Side, Side], p_all: float) -> list[Driver]:
    """Rerun under each alternative; an alternative the data cannot answer is skipped."""
    out: list[Driver] = []
    seen: set[str] = set()
    for name, text, opts, m_a, m_b in _alternatives(store, metric, metric_b, year, options,
                                                    sides):
        if name in seen:
            continue
        seen.add(name)
        try:
            p = _p(store, a, b, m_a, m_b, year, opts, corr)
        except UserError:
            continue
        out.append(sensitivity.rerun_driver(name, p, p_all, text))
    return out



class _CallableModule(types.ModuleType):
    """This module, callable as ``compare``: importing ``milbalance.engine.compare`` binds the
    package's ``compare`` to the module (the import system sets the attribute after the lazy
    ``engine.__getattr__`` has put the function there), so ``engine.compare(...)`` must work
    whichever of the two it finds."""

    def __call__(self, *args: Any, **kwargs: Any) -> Comparison:
        return compare(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule

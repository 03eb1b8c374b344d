"""The engine's two questions: how big is X (``estimate``), and is A bigger than B
(``compare``), each with the same answer per claimant type, the members' contributions, the
coverage gaps and the assumptions used.

P(A > B), P(B > A) and P(A = B) are counts over all samples divided by the sample count, so
they sum to 1 exactly; a tie (possible with point figures) is reported, not split.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from milbalance.engine import sensitivity
from milbalance.engine.blocs import NoDataError, Side, gather
from milbalance.engine.options import EngineOptions
from milbalance.engine.results import (
    Assumption,
    ClaimantAnswer,
    Comparison,
    Contribution,
    Driver,
    DriverKind,
    Estimate,
    Quantiles,
)
from milbalance.engine.sampling import Plan, RunStats, run
from milbalance.errors import UserError
from milbalance.model import ClaimantType
from milbalance.store import Store


def _rng(options: EngineOptions) -> np.random.Generator:
    return np.random.default_rng(options.seed)


def _contributions(side: Side, stats: RunStats) -> tuple[Contribution, ...]:
    means = {q.key: stats.quantity_sums[q.key] / stats.samples for q in side.quantities}
    total = sum(means.values())
    return tuple(sorted((Contribution(q.member, means[q.key],
                                      means[q.key] / total if total else float("nan"),
                                      len(q.components), q.sources, q.flags)
                         for q in side.quantities), key=lambda c: -c.mean))


def _estimate(side: Side, stats: StreamSide, options: EngineOptions,
              by_claimant: dict[str, Quantiles]) -> Estimate:
    summary, run_stats = stats
    inputs = sum(len(q.components) for q in side.quantities)
    return Estimate(side.entity.id, side.metric.id, str(side.year), side.unit,
                    str(side.metric.kind), summary, _contributions(side, run_stats), side.gaps,
                    side.assumptions, inputs, options.seed, options.samples, by_claimant)


StreamSide = tuple[Quantiles, RunStats]


def _claimant_types(*sides: Side) -> list[str]:
    found = {str(c.observation.claimant_type) for s in sides for q in s.quantities
             for c in q.components}
    return [c.value for c in ClaimantType if c.value in found]


def _probe_options(options: EngineOptions) -> EngineOptions:
    """Options for a per-claimant rerun: same seed and samples, no nested breakdown."""
    return replace(options, by_claimant=False, sensitivity_samples=0)


def estimate(store: Store, entity: str, metric: str, year: int,
             options: EngineOptions | None = None) -> Estimate:
    """The distribution of ``entity``'s ``metric`` in ``year`` (a bloc: summed over members)."""
    options = options or EngineOptions()
    side = gather(store, entity, metric, year, options)
    stats = run(Plan(side.quantities, (), {}), _rng(options), options.samples,
                options.chunk_size, 0, options.seed)
    by: dict[str, Quantiles] = {}
    if options.by_claimant and options.claimant_type is None:
        for ctype in _claimant_types(side):
            try:
                sub = gather(store, entity, metric, year, options, ctype)
            except NoDataError:
                continue
            by[ctype] = run(Plan(sub.quantities, (), {}), _rng(options), options.samples,
                            options.chunk_size, 0, options.seed).a.summary()
    return _estimate(side, (stats.a.summary(), stats), options, by)


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


def compare(store: Store, a: str, b: str, metric: str, year: int,
            options: EngineOptions | None = None, metric_b: str | None = None,
            correlation: dict[tuple[str, str], float] | None = None) -> Comparison:
    """A versus B on ``metric`` (B on ``metric_b`` if given, only with allow_mixed_kinds).

    ``correlation`` maps pairs of input keys (data rows, "path:line") to a correlation of
    their normal drivers (Gaussian copula).
    """
    options = options or EngineOptions()
    side_a = gather(store, a, metric, year, options)
    side_b = gather(store, b, metric_b or metric, year, options)
    mixed, kind_notes = _kinds(side_a, side_b, options.allow_mixed_kinds)
    stats = run(Plan(side_a.quantities, side_b.quantities, correlation or {}), _rng(options),
                options.samples, options.chunk_size, options.sensitivity_samples, options.seed)
    n = stats.samples
    p_gt, p_lt, p_eq = stats.gt / n, stats.lt / n, stats.eq / n
    drivers = list(sensitivity.drivers(side_a.quantities, side_b.quantities,
                                       stats.kept_quantities, stats.kept_a, stats.kept_b,
                                       p_gt)) if options.sensitivity_samples else []
    answers: list[ClaimantAnswer] = []
    if options.by_claimant and options.claimant_type is None:
        answers = _by_claimant(store, a, b, metric, metric_b or metric, year, options)
        drivers.extend(_claimant_drivers(answers, p_gt))
    quantiles = {"a": stats.a.summary(), "b": stats.b.summary(), "a-b": stats.diff.summary(),
                 "a/b": stats.ratio.summary()}
    est_a = _estimate(side_a, (quantiles["a"], stats), options, {})
    est_b = _estimate(side_b, (quantiles["b"], stats), options, {})
    assumptions = tuple(dict.fromkeys(side_a.assumptions + side_b.assumptions + kind_notes))
    return Comparison(est_a, est_b, p_gt, p_lt, p_eq, quantiles, tuple(answers),
                      tuple(drivers), assumptions, mixed, options.seed, options.samples)


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
            gaps = sum(len(s.quantities) for s in sides)
            out.append(ClaimantAnswer(ctype, None, None, gaps))
            continue
        st = run(Plan(sa.quantities, sb.quantities, {}), _rng(options), options.samples,
                 options.chunk_size, 0, options.seed)
        out.append(ClaimantAnswer(ctype, st.gt / st.samples, st.diff.summary(),
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

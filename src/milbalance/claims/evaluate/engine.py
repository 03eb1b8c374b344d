"""One comparison through the engine's Monte Carlo: P(A > B), or P that A/B is within
RATIO_TOLERANCE of a stated ratio, with the evidence each side was summed from."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from milbalance.claims.evaluate.common import RATIO_TOLERANCE, EvaluatorBase, _evidence
from milbalance.claims.kinds import Comparison
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.errors import UserError

if TYPE_CHECKING:
    from milbalance.engine import EngineOptions
    from milbalance.engine.results import Estimate


def comparison_method(options: EngineOptions) -> str:
    """How a comparison's probability was computed, in words, for the verdict's caveats."""
    error = (0.25 / options.samples) ** 0.5
    return (f"{options.estimator} sampling, {options.samples:,} samples, seed {options.seed} "
            f"(standard error at most {error:.4f})")


def engine_comparison(data: EvaluatorBase, c: Comparison, metric: str,
                      caveats: list[str]) -> Verdict:
    """The verdict on ``c`` compared in ``metric`` (c.year must be set)."""
    assert c.year is not None
    from milbalance.engine.compare import compare as engine_compare

    year = c.year
    result = None
    errors: list[str] = []
    for back in (year, year - 1, year - 2):  # the latest year both sides have figures
        try:
            alt = engine_compare(data.store, c.subject, c.other, metric, back, data.options)
        except UserError as exc:
            errors.append(str(exc))
            continue
        if result is None:
            result, year = alt, back
        if alt.a.inputs and alt.b.inputs:
            result, year = alt, back
            break
    if result is None:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No {metric} figures for both {c.subject} and {c.other} in "
                       f"{c.year - 2}–{c.year}: the comparison cannot be made.",
                       gaps=tuple(dict.fromkeys(errors)), caveats=tuple(caveats))
    gaps = tuple(str(g) for g in result.gaps)
    if result.a.inputs == 0 or result.b.inputs == 0:
        missing = c.subject if result.a.inputs == 0 else c.other
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No {metric} figures for {missing} around {c.year}: the comparison "
                       "cannot be made.", gaps=gaps or (f"no {metric} for {missing}",),
                       caveats=tuple(caveats))
    ratio_q = result.quantiles["a/b"]
    if c.ratio is None:
        p = result.p_a_gt_b
        claim_text = f"{c.subject} > {c.other}"
    elif c.ratio_bound:
        p = _p_ratio_beyond(ratio_q.p5, ratio_q.p50, ratio_q.p95, c.ratio, c.ratio_bound)
        sign = "≥" if c.ratio_bound == "at-least" else "≤"
        claim_text = f"{c.subject} / {c.other} {sign} {c.ratio:g}"
    else:
        p = _p_ratio_within(ratio_q.p5, ratio_q.p50, ratio_q.p95, c.ratio)
        claim_text = f"{c.subject} / {c.other} ≈ {c.ratio:g}"
    if unsettled := _unsettled(c, label_for(p), result.a, result.b, ratio_q.p50):
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"{claim_text} in {metric} ({year}) cannot be settled: {unsettled}. With "
                       f"the figures there are, P = {p:.2f} (a bound, not an answer).",
                       _comparison_evidence(data, result, metric, year), gaps=gaps,
                       caveats=tuple(caveats))
    by_claimant = {}
    for ans in result.by_claimant:
        if ans.p_a_gt_b is not None:
            by_claimant[ans.claimant_type] = (
                f"P({c.subject} > {c.other}) = {ans.p_a_gt_b:.2f}")
    drivers = tuple(d.text or d.name for d in result.drivers if d.flips)[:5]
    assumptions = tuple(str(a) for a in result.assumptions)
    ev = _comparison_evidence(data, result, metric, year)
    if year != c.year:
        caveats.append(f"no figures for both sides in {c.year}: compared {year}, the "
                       "latest year with both")
    if result.mixed_kinds:
        caveats.append("the comparison mixes kinds of quantity")
    caveats.append(f"P from {comparison_method(data.options)}")
    summary = (f"{claim_text} in {metric} ({year}) is {label_for(p)}: P = {p:.2f}; "
               f"the {c.subject}/{c.other} ratio is {ratio_q.p50:.2g} "
               f"(90% interval {ratio_q.p5:.2g}–{ratio_q.p95:.2g}).")
    if gaps:
        summary += f" {len(gaps)} member(s) have no figure (coverage gaps, not zeros)."
    return Verdict(c, label_for(p), p, summary, ev, by_claimant, drivers + assumptions,
                   gaps, tuple(caveats), checked_period=str(year) if year != c.year else "")


def _comparison_evidence(data: EvaluatorBase, result: object, metric: str, year: int
                         ) -> tuple[Evidence, ...]:
    out: list[Evidence] = []
    for side in (getattr(result, "a"), getattr(result, "b")):  # noqa: B009
        for contrib in side.contributions:
            rows = data.store.observations(contrib.member, metric, start_year=year,
                                           end_year=year)
            out += [_evidence(r, None, f"counted for {side.entity}") for r in rows
                    if r.source in contrib.sources]
    return tuple(out)


def _p_ratio_within(p5: float, p50: float, p95: float, claimed: float) -> float:
    """P(claimed / RATIO_TOLERANCE ≤ A/B ≤ claimed × RATIO_TOLERANCE), reading A/B as
    lognormal through its median and 90% interval: σ = (ln p95 − ln p5) / (2 × 1.645)."""
    if p50 <= 0 or p5 <= 0 or p95 <= 0 or claimed <= 0:
        return 0.0
    sigma = (math.log(p95) - math.log(p5)) / (2 * 1.6448536269514722)
    mu = math.log(p50)
    lo, hi = math.log(claimed / RATIO_TOLERANCE), math.log(claimed * RATIO_TOLERANCE)
    if sigma <= 0:
        return 1.0 if lo <= mu <= hi else 0.0
    return _ndtr((hi - mu) / sigma) - _ndtr((lo - mu) / sigma)


def _unsettled(c: Comparison, label: Label, a: Estimate, b: Estimate, ratio: float) -> str:
    """Why coverage gaps leave the verdict open, or '' when they cannot change it.

    A member with no figure is never counted as zero, so a side with gaps is summed short: its
    true total can only be larger. A verdict stands when every gap can only push it further
    the same way: "A > B" (or "A ≥ k × B") supported with gaps in A, refuted with gaps in B;
    "A ≤ k × B" the other way round; "A ≈ k × B" refuted with gaps only on the side that
    already falls short. Any other verdict with gaps is not checkable."""
    if not a.gaps and not b.gaps:
        return ""
    side = " and ".join(f"{len(e.gaps)} member(s) of {e.entity}" for e in (a, b) if e.gaps)
    reason = (f"{side} have no figure, and a total with a member missing can only be larger")
    if a.gaps and b.gaps:
        return reason
    if c.ratio is not None and not c.ratio_bound:  # ≈ k
        short = (b.gaps and ratio < c.ratio) or (a.gaps and ratio > c.ratio)
        return "" if label is Label.REFUTED and short else reason
    wants_a_large = c.ratio_bound != "at-most"
    stands = Label.SUPPORTED if bool(a.gaps) == wants_a_large else Label.REFUTED
    return "" if label is stands else reason


def _p_ratio_beyond(p5: float, p50: float, p95: float, claimed: float, bound: str) -> float:
    """P(A/B ≥ claimed) for an "at-least" bound ("more than twice as many"), P(A/B ≤ claimed)
    for "at-most", reading A/B as lognormal as in ``_p_ratio_within``."""
    if p50 <= 0 or p5 <= 0 or p95 <= 0 or claimed <= 0:
        return 0.0
    sigma = (math.log(p95) - math.log(p5)) / (2 * 1.6448536269514722)
    z = math.log(claimed) - math.log(p50)
    above = (1.0 if z <= 0 else 0.0) if sigma <= 0 else 1.0 - _ndtr(z / sigma)
    return above if bound == "at-least" else 1.0 - above


def _ndtr(x: float) -> float:
    """Standard normal CDF, Φ(x) = ½ (1 + erf(x / √2)) (no SciPy import for one call)."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))

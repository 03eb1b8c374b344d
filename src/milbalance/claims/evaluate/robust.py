"""A refutation must hold under the readings next to the one made, and rest on a reading
the sentence writes out.

Reporting that a careful analyst calls right is refuted by the data most often because one
part was read a little off: a budget year for the calendar year, this year's estimate for
last year's outturn, a figure from an earlier edition that a later one revised. So a
refutation of a figure said for one year is tested against the year before and the year
after: when the claim holds for either, it is not refuted but not checkable, with both
readings named. And a refutation is given only on a reading whose subject and year the
sentence writes itself, in a sentence that announces no plan: a subject or year taken from
context, or a figure said with 'will', 'plans', 'announced', may be read off, and a figure that
disagrees is then more likely a misreading than a wrong claim (on the claims corpus, 3 of 25
refutations were right to the analyst before this rule). Supported and contested verdicts
are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from milbalance.claims.ambiguity import forward_cue
from milbalance.claims.evaluate.now import yearly_statistic
from milbalance.claims.kinds import (
    AttributionClaim,
    Claim,
    Comparison,
    Level,
    MemberCount,
    Rank,
    ShareOfGdp,
    ShareOfTotal,
)
from milbalance.claims.reading import SUBJECT_FROM_PREVIOUS
from milbalance.claims.verdict import Label, Verdict

NEIGHBOUR_YEARS = (-1, 1)
"""The years next to the one read that a refutation must also hold for."""


CLEAR_MARGIN = 0.2
"""How far (relative) a figure must lie from every figure in the data to be refuted."""


def _near_miss(claim: Claim, verdict: Verdict) -> float | None:
    """The relative distance from a refuted figure (a level or share of GDP said as a point,
    not a bound) to the nearest figure in the data, when it is under ``CLEAR_MARGIN``."""
    if not isinstance(claim, Level | ShareOfGdp) or claim.quantity.bound:
        return None
    q = claim.quantity
    said = [v for v in (q.low, q.high) if v is not None] or [q.value]
    gaps = [abs(x - e.value) / abs(e.value) for e in verdict.evidence for x in said
            if e.value is not None and e.value != 0]
    near = min(gaps, default=None)
    return near if near is not None and near < CLEAR_MARGIN else None


def _shiftable(claim: Claim) -> bool:
    if claim.year is None:
        return False
    if isinstance(claim, Level | ShareOfGdp):
        return claim.years is None  # a named period (the Korean War) is read at its peak
    if isinstance(claim, Comparison):
        return claim.subject_years is None and claim.other_years is None
    return isinstance(claim, MemberCount | Rank | ShareOfTotal)


def inferred_part(claim: Claim) -> str:
    """The first part of the reading the sentence does not write itself, or ''."""
    if claim.inferred:
        return claim.inferred[0][0]
    if any(c.startswith(SUBJECT_FROM_PREVIOUS) or "taken from context" in c
           for c in claim.caveats):
        return "subject"
    if not claim.year_from_text and not (isinstance(claim, MemberCount)
                                         and claim.threshold is None) and not (
            yearly_statistic(claim) and not any(p == "year" for p, _ in claim.inferred)):
        return "year"  # ('now', 'today' and a present tense are read by the ``now`` rule
        #                for yearly statistics, a bloc's size is a state on the day said; a
        #                year set by a dateline or an earlier sentence is inferred)
    if forward_cue(claim.text):
        return "tense (a plan or forecast)"
    return ""


def robust_refutation(claim: Claim, verdict: Verdict,
                      evaluate: Callable[[Claim], Verdict]) -> Verdict:
    """``verdict`` unless it refutes a claim that holds in a neighbouring year, or on a
    reading with a part the sentence does not write (``inferred_part``)."""
    if verdict.label is not Label.REFUTED:
        return verdict
    if not isinstance(claim, AttributionClaim) and (part := inferred_part(claim)):
        return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
            f"Not checkable: the data disagree, but the {part} is not written in the "
            f"sentence, and a refutation is not given on an inferred reading. "
            f"{verdict.summary}"), gaps=(*verdict.gaps, f"the {part}, written in the sentence"))
    if (miss := _near_miss(claim, verdict)) is not None:
        return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
            f"Not checkable: the figure is {miss:.0%} from the nearest figure in the data, "
            f"outside the tolerance but within {CLEAR_MARGIN:.0%}: a definition, an "
            f"edition later revised or a rate of exchange explains such gaps more often "
            f"than a wrong figure. {verdict.summary}"),
            gaps=(*verdict.gaps, "the figure on the claim's own definition and edition"))
    if not _shiftable(claim):
        return verdict
    assert claim.year is not None
    for step in NEIGHBOUR_YEARS:
        near = replace(claim, year=claim.year + step, year_from_text=True)
        other = evaluate(near)
        if other.label is Label.SUPPORTED:
            return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
                f"Not checkable: refuted for {claim.year}, but it holds for {near.year} "
                f"(a budget or fiscal year, an estimate later revised, or a year read off by "
                f"one could explain it). For {claim.year}: {verdict.summary} For {near.year}: "
                f"{other.summary}"), gaps=(*verdict.gaps, "which year the figure is for"))
    return verdict

"""A refutation must hold under the readings next to the one made.

Reporting that a careful analyst calls right is refuted by the data most often because one
part was read a little off: a budget year for the calendar year, this year's estimate for
last year's outturn, a figure from an earlier edition that a later one revised. So a
refutation of a figure said for one year is tested against the year before and the year
after: when the claim holds for either, it is not refuted but not checkable, with both
readings named. Supported and contested verdicts are left as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from milbalance.claims.kinds import (
    Claim,
    Comparison,
    Level,
    MemberCount,
    Rank,
    ShareOfGdp,
    ShareOfTotal,
)
from milbalance.claims.verdict import Label, Verdict

NEIGHBOUR_YEARS = (-1, 1)
"""The years next to the one read that a refutation must also hold for."""


def _shiftable(claim: Claim) -> bool:
    if claim.year is None:
        return False
    if isinstance(claim, Level | ShareOfGdp):
        return claim.years is None  # a named period (the Korean War) is read at its peak
    if isinstance(claim, Comparison):
        return claim.subject_years is None and claim.other_years is None
    return isinstance(claim, MemberCount | Rank | ShareOfTotal)


def robust_refutation(claim: Claim, verdict: Verdict,
                      evaluate: Callable[[Claim], Verdict]) -> Verdict:
    """``verdict`` unless it refutes a claim that holds in a neighbouring year."""
    if verdict.label is not Label.REFUTED or not _shiftable(claim):
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

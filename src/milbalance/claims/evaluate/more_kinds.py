"""Ranks, shares of a total and counts of members, each to its own module."""

from __future__ import annotations

from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.evaluate.count import member_count
from milbalance.claims.evaluate.rank import rank
from milbalance.claims.evaluate.share_total import share_of_total
from milbalance.claims.kinds import Claim, MemberCount, Rank, ShareOfTotal
from milbalance.claims.verdict import Verdict


def whole_table(claim: Claim) -> bool:
    """True for claims judged from every country's figure in a table (a rank, a count of
    members, a share of the world's or a bloc's total), not from one publication's figure:
    the two-source rule for refutations does not apply to them."""
    if isinstance(claim, ShareOfTotal):
        return claim.total != "budget"
    return isinstance(claim, Rank | MemberCount)


def more_kinds(data: EvaluatorBase, claim: Rank | ShareOfTotal | MemberCount) -> Verdict:
    if isinstance(claim, Rank):
        return rank(data, claim)
    if isinstance(claim, ShareOfTotal):
        return share_of_total(data, claim)
    return member_count(data, claim)

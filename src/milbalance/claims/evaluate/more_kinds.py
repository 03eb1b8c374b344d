"""Ranks, shares of a total and counts of members, each to its own module."""

from __future__ import annotations

from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.evaluate.count import member_count
from milbalance.claims.evaluate.rank import rank
from milbalance.claims.evaluate.share_total import share_of_total
from milbalance.claims.kinds import MemberCount, Rank, ShareOfTotal
from milbalance.claims.verdict import Verdict


def more_kinds(data: EvaluatorBase, claim: Rank | ShareOfTotal | MemberCount) -> Verdict:
    if isinstance(claim, Rank):
        return rank(data, claim)
    if isinstance(claim, ShareOfTotal):
        return share_of_total(data, claim)
    return member_count(data, claim)

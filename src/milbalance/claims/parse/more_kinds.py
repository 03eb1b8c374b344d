"""Ranks, shares of a total and counts of members, read after the other kinds; a share of GDP
that is only a count's threshold ("23 allies spend at least 2% of GDP") is not a claim of
its own and is dropped."""

from __future__ import annotations

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Claim, Comparison, MemberCount, Rank, ShareOfGdp
from milbalance.claims.parse.count import member_counts
from milbalance.claims.parse.rank import _ANY_OTHER, ranks
from milbalance.claims.parse.share_total import shares_of_total


def more_kinds(gaz: Gazetteer, text: str, mentions: list[Mention], common: dict[str, object],
               caveats: tuple[str, ...], ctx: Context, claims: list[Claim]) -> list[Claim]:
    """``claims`` with the sentence's ranks, shares of a total and counts added."""
    found = [*ranks(gaz, text, mentions, common, caveats, ctx),
             *shares_of_total(gaz, text, mentions, common, caveats, ctx),
             *member_counts(text, common, caveats, ctx)]
    ranked = {(c.subject, c.scope) for c in found if isinstance(c, Rank)}
    if ranked and _ANY_OTHER.search(text):  # 'more than any other NATO member': a rank
        claims = [c for c in claims if not (isinstance(c, Comparison)
                                            and (c.subject, c.other) in ranked)]
    thresholds = {c.threshold for c in found if isinstance(c, MemberCount)
                  and c.threshold is not None}
    if thresholds:
        claims = [c for c in claims if not (isinstance(c, ShareOfGdp)
                                            and c.quantity.value in thresholds)]
    return [*claims, *found]

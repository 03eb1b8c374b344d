"""'Now' in a statistic of a whole year: the current year or the latest complete one.

Said in July 2023, "seven allies currently meet 2%" may mean 2023 (NATO's estimates of a year
not over) or 2022 (the latest complete year, what most reporting cites). A claim about a yearly
spending statistic whose year is only the date it was said ('now', 'currently', a present
tense with no year) is checked for both years; when the two give different labels the claim
is not checkable, since the answer turns on which year was meant. A government speaking of its
own spending means its current budget year, and is read so. Production run-rates are
not read this way: they have months of their own (``rates``).
"""

from __future__ import annotations

from dataclasses import replace

from milbalance.claims.kinds import (
    Claim,
    MemberCount,
)
from milbalance.claims.reading import NOW_CAVEAT, said_now, yearly_statistic
from milbalance.model import Statement

__all__ = ["latest_complete", "own_current_year", "said_now", "yearly_statistic"]

_BODY_OF_TYPE = {"official-russia": "RUS", "official-nato": "NATO"}
"""The body an official speaks for, by the claimant type the statements timeline gives."""


def own_current_year(claim: Claim, statements: list[Statement]) -> bool:
    """A government speaking of its own spending ('Putin said 6.3% of Russia's GDP goes to
    defence') means its current budget year. The body is the attribution's, else the one the
    speaker's recorded statements are made for."""
    said = claim.attribution
    subject = str(getattr(claim, "subject", "") or "")
    if said is None or not subject:
        return False
    if said.entity:
        return said.entity == subject
    surname = said.speaker.split()[-1].lower() if said.speaker.split() else ""
    bodies = {_BODY_OF_TYPE.get(str(s.claimant_type), "") for s in statements
              if surname and surname in s.claimant.lower().split()}
    return subject in bodies


def latest_complete(claim: Claim) -> Claim:
    """The same claim read for the year before the one it was said in."""
    assert claim.year is not None
    earlier = replace(claim, year=claim.year - 1, year_from_text=True,
                      caveats=tuple(c for c in claim.caveats if not NOW_CAVEAT.match(c)))
    if isinstance(earlier, MemberCount):  # 'seven of 31 currently': 31 is today's membership
        earlier = replace(earlier, of=None)
    return earlier

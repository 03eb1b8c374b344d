"""Counts of members: how many of a bloc's members that year (the engine's membership rule)
spent at least the threshold share of GDP, from each member's figure for the year.

A member's figure is NATO's own estimate (``defence_expenditure_nato.share_gdp``) where the
data has it, else SIPRI's (``military_expenditure.share_gdp``), the median where sources
differ; a member at the threshold meets it. Members without a figure are gaps: the count is
a range [m, m + g]. The claim holds when the range is its figure alone, fails when the figure
is outside it, and is contested (P = ½) when the gaps could change the answer; with no
figure at all it is not checkable. "18 of 32" also states the membership: a wrong size
refutes it. Without a threshold the claim counts the members.
"""

from __future__ import annotations

import math
from datetime import date
from statistics import median

from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.kinds import MemberCount, QuantityUnit
from milbalance.claims.verdict import Label, Verdict, label_for

NATO_SHARE = "defence_expenditure_nato.share_gdp"
SIPRI_SHARE = "military_expenditure.share_gdp"
AT_THRESHOLD = 0.005
"""A figure rounded to the threshold (1.995 → 2.0) meets it."""
DEFINITION_MARGIN = 0.3
"""SIPRI's and NATO's shares of GDP differ by up to about 0.3 points (pensions, paramilitary
forces): a SIPRI figure this close to the threshold leaves the member undecided (a gap)."""


def _holds(c: MemberCount, low: int, high: int, size: int) -> float | None:
    """1 when the count range [low, high] makes the claim true, 0 when false, None when
    the gaps decide it."""
    if c.every:
        target_low = target_high = size
    elif c.quantity is None:
        return None
    elif c.quantity.unit is QuantityUnit.PERCENT:  # a share of the members
        x = c.quantity.value / 100 * size
        if c.quantity.bound == "at-least":
            target_low, target_high = math.floor(x) + 1 if c.quantity.strict else \
                math.ceil(x), size
        elif c.quantity.bound == "at-most":
            target_low, target_high = 0, math.ceil(x) - 1 if c.quantity.strict else \
                math.floor(x)
        else:  # 'two-thirds', 'about half': within one member of the share
            target_low, target_high = math.floor(x - 1), math.ceil(x + 1)
    else:
        x = round(c.quantity.value)
        strict = 1 if c.quantity.strict else 0
        if c.quantity.bound == "at-least":
            target_low, target_high = x + strict, size
        elif c.quantity.bound == "at-most":
            target_low, target_high = 0, x - strict
        elif c.quantity.approximate:
            target_low, target_high = x - 1, x + 1
        else:
            target_low = target_high = x
    if target_low <= low and high <= target_high:
        return 1.0
    if high < target_low or low > target_high:
        return 0.0
    return None


def _ever_reported(data: EvaluatorBase, member: str) -> bool:
    """Whether NATO or SIPRI give the member a share of GDP in any year at all."""
    return any(data._rows(member, metric, (1949, 2100)) for metric in (NATO_SHARE, SIPRI_SHARE))


def member_count(data: EvaluatorBase, c: MemberCount) -> Verdict:
    if c.year is None:
        return Verdict(c, Label.NOT_CHECKABLE, None, "Not checkable: no year.",
                       caveats=c.caveats, gaps=("no year in the text and no article date",))
    on = date(c.year, 7, 1)
    members = sorted({m.member for m in data.store.members(c.subject, on)})
    if not members:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"Not checkable: no member list for {c.subject} in {c.year}.",
                       caveats=c.caveats, gaps=(f"members of {c.subject}",))
    size = len(members)
    if c.threshold is None:
        x = c.quantity.value if c.quantity is not None else size
        p = 1.0 if round(x) == size else 0.0
        return Verdict(c, label_for(p), p,
                       f"{c.subject} had {size} members in mid-{c.year} (data/memberships.csv):"
                       f" the claim of {x:g} is {label_for(p)}.", caveats=c.caveats)
    if c.of is not None and c.of != size:
        return Verdict(c, Label.REFUTED, 0.0,
                       f"The claim counts {c.of} members, but {c.subject} had {size} in "
                       f"mid-{c.year}: refuted (P = 0.00).", caveats=c.caveats)
    meet: list[str] = []
    under: list[str] = []
    gaps: list[str] = []
    sipri_used = 0
    near: list[str] = []
    unreported: list[str] = []
    for m in members:
        values = [r.central for r in data._rows(m, NATO_SHARE, (c.year, c.year)) if r.value]
        if not values:
            values = [r.central for r in data._rows(m, SIPRI_SHARE, (c.year, c.year))
                      if r.value]
            sipri_used += bool(values)
            if values and abs(median(values) - c.threshold) <= DEFINITION_MARGIN:
                near.append(m)  # SIPRI's figure near the line: NATO's could be either side
                continue
        if not values and not _ever_reported(data, m):
            under.append(m)  # no figure in any year (Iceland: no armed forces)
            unreported.append(m)
            continue
        if not values:
            gaps.append(m)
            continue
        (meet if median(values) >= c.threshold - AT_THRESHOLD else under).append(m)
    gaps += near
    counted = under if c.below else meet
    low, high = len(counted), len(counted) + len(gaps)
    caveats = list(c.caveats)
    if unreported:
        caveats.append(f"{', '.join(unreported)}: no share of GDP in any year of NATO's or "
                       "SIPRI's series (no armed forces of its own): counted as below the "
                       "threshold, as NATO counts it")
    if sipri_used:
        caveats.append(f"{sipri_used} member(s) read from SIPRI's share of GDP (no NATO "
                       "estimate for them that year); definitions differ near the threshold")
    side = "below" if c.below else "at or above"
    found = (f"{low} of {size} {c.subject} members were {side} {c.threshold:g}% of GDP in "
             f"{c.year}" + (f", {len(gaps)} without a figure or near the line on SIPRI's "
                            f"definition ({', '.join(gaps[:8])})"
                            if gaps else ""))
    if 2 * len(gaps) > size:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"Not checkable: {found}; too few figures to count.",
                       caveats=tuple(caveats),
                       gaps=(f"share of GDP of {c.subject} members in {c.year}",))
    held = _holds(c, low, high, size)
    gap_list = tuple(f"no share of GDP for {g} in {c.year}" for g in gaps)
    if held is None:
        return Verdict(c, Label.CONTESTED, 0.5,
                       f"Contested (P = 0.50): {found}; the members without a figure could "
                       "change the answer.", caveats=tuple(caveats), gaps=gap_list)
    return Verdict(c, label_for(held), held,
                   f"The count is {label_for(held)} (P = {held:.2f}): {found}"
                   + ("; the members without a figure cannot change that" if gaps else "")
                   + ".", caveats=tuple(caveats), gaps=gap_list)

"""Readings the checker declines: a figure whose own clause says it is something other than
what the data measure, so any verdict would compare unlike with unlike.

Precision before recall (docs/claims.md): each class below is a way reporting writes a figure
that the parse alone does not tell apart from a plain measurement. When the words around the
figure belong to a class, the claim is not checkable and the reason names the class — better
"not checkable: a plan, not spending" than "refuted" against the year's actual outlays.

    forward      plans, drafts, forecasts, goals and commitments ("will reach", "calls for",
                 "is expected to", "plans to", "agreed to raise … to") — unless the claim is
                 itself read as a target
    conversion   a figure in brackets right after another figure of the same kind of unit
                 ("12.9 trillion rubles ($155 billion)"): the writer's conversion at an
                 unstated rate, not a second claim
    pairing      several local-currency sums in one sentence quoted with conversions: which
                 conversion belongs to which sum is not written, so their consistency is not
                 checked
    part         a sum for a part of the budget or something other than defence as a whole
                 (compensation payments, police, a fund, aid packages, contracts) or for a
                 wider aggregate ("defence and security", "total budget expenditure")
    ppp          a sum at purchasing-power parity, while the data compared are at market rates
    peak         a peak or a maximum rate ("at the peak", "up to … a day"), not an average
    hedged total a count with no period that "could contain"/"can hold"/"presumably": an
                 estimate of a running total, not a year's figure
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from milbalance.claims.kinds import (
    Claim,
    Comparison,
    Consistency,
    Level,
    Measure,
    MemberCount,
    Quantity,
    QuantityUnit,
    ShareOfGdp,
)
from milbalance.claims.verdict import Evidence

_WINDOW_BEFORE = 140
"""Characters before a figure searched for its clause (cut at the last clause break)."""
_WINDOW_AFTER = 60
"""Characters after a figure searched (cut at the first clause break)."""

_BREAK_BEFORE = re.compile(r"[;:—–]|\.\s|\b(?:but|while|whereas|although|compared (?:with|to)|"
                           r"against|versus)\b", re.I)
_BREAK_AFTER = re.compile(r"[;:,—–)]|\.\s|\b(?:but|while|whereas|although)\b", re.I)

FORWARD = re.compile(
    r"\b(?:will|shall|won't|'ll)\s+(?:(?:probably|likely|also|still|soon|then|now|"
    r"again|not)\s+)?[a-z]{2,20}\b|"
    r"\bwould\s+(?:\w+\s+){0,2}?(?:be|reach|rise|grow|increase|"
    r"climb|fall|drop|decrease|total|amount|hit|exceed|spend|produce|make|deliver|allocate|"
    r"receive|get|stand|go|cost|top)\b|"
    r"\b(?:expected|projected|forecast|poised|slated|likely)\s+to\b|"
    r"\b(?:is|are|was|were)\s+(?:expected|projected|forecast|set|planned|scheduled|slated|"
    r"due|poised|budgeted|earmarked|to be)\s+to\b|"
    r"\b(?:plans?|planned|planning|hopes?|hoped|aims?|aimed|intends?|intended|seeks?|"
    r"wants?|pledged?|promised?|vowed?|proposes?|proposed|proposal|envisages?|foresees?|"
    r"calls? for|called for|draft|ambitions?|goal|commitments?|committed|agreed|"
    r"requests?|requested|requesting|"
    r"potentially|on track|to be reached)\b|"
    r"\bto\s+(?:increase|raise|boost|lift|reach|hit|spend|cut|reduce|double|triple|"
    r"bring|ramp up)\b", re.I)
"""Words that make a figure a plan, draft, forecast or commitment rather than a measurement."""

_PART = re.compile(
    r"\b(?:compensation|payments?|pensions?|salar(?:y|ies)|wages?|police|law enforcement|"
    r"security forces|internal security|special services|national security|veterans?|"
    r"fund|funds|foundation|social|health|education|total (?:budget|spending|expenditure)|"
    r"(?:federal|state|government|overall|whole) (?:budget|spending|expenditure)|"
    r"all (?:federal|government|state) (?:spending|expenditure)|revenues?|deficit|debt|"
    r"aid|assistance|packages?|loans?|contracts?|orders?|deals?|investments? in|"
    r"reserve|sanctions|exports?|imports?|"
    r"defen[cs]e and (?:security|law enforcement)|security and defen[cs]e)\b", re.I)
"""Heads of money phrases that are a part of the budget, another flow, or a wider aggregate."""
_DEFENCE_TOTAL = re.compile(
    r"\b(?:defen[cs]e|military|armed forces)\s+(?:spending|budget|expenditures?|outlays?)\b|"
    r"\bnational defen[cs]e\b|\bspen(?:d|ds|t|ding)\b[^,;]{0,40}\b(?:on|for)\s+(?:its\s+|the\s+)?"
    r"(?:defen[cs]e|military|armed forces)\b", re.I)
"""Phrases that say a sum is defence spending as a whole (they outweigh a nearby part word only
when they sit closer to the figure)."""
_PPP = re.compile(r"\bpurchasing[\s-]power[\s-]parity\b|\bPPP\b|\binternational dollars\b",
                  re.I)
_PEAK = re.compile(r"\b(?:at (?:the|its|their) (?:peak|height)|peak(?:ed)?|at times|some days|"
                   r"(?:up to|as (?:many|much) as)\s+[\d,.]+\s*(?:\w+\s+){0,3}?"
                   r"(?:a|per|each)\s+day|daily)\b", re.I)
_HEDGED_TOTAL = re.compile(r"\b(?:could|can|may|might)\s+(?:hold|contain|carry)|"
                           r"\bpresumably\b|\bcontainers?\b", re.I)
_OPEN_BRACKET = re.compile(r"\(\s*(?:about|around|approximately|roughly|some|or|ca\.?|~)?\s*$",
                           re.I)


def _sides(text: str, start: int, end: int) -> tuple[str, str]:
    """The words before and after ``text[start:end]`` up to the nearest clause breaks."""
    before = text[max(0, start - _WINDOW_BEFORE):start]
    breaks = list(_BREAK_BEFORE.finditer(before))
    if breaks:
        before = before[breaks[-1].end():]
    after = text[end:end + _WINDOW_AFTER]
    stop = _BREAK_AFTER.search(after)
    if stop is not None:
        after = after[:stop.start()]
    return before, after


def _distance(pattern: re.Pattern[str], before: str, after: str) -> float:
    """Characters between the figure and the nearest match of ``pattern`` around it."""
    near = [len(before) - m.end() for m in pattern.finditer(before)]
    near += [m.start() for m in pattern.finditer(after)]
    return min(near, default=float("inf"))


def _figure_span(claim: Claim) -> tuple[int, int]:
    q = getattr(claim, "quantity", None)
    if isinstance(q, Quantity) and 0 <= q.start <= q.end <= len(claim.text):
        return q.start, q.end
    return 0, len(claim.text)


def _is_conversion(text: str, q: Quantity) -> bool:
    """``q`` sits in brackets right after another figure: the writer's own conversion."""
    head = text[:q.start]
    if not _OPEN_BRACKET.search(head):
        return False
    before = head[:head.rfind("(")].rstrip()
    return bool(re.search(r"(?:\d|\b(?:million|billion|trillion|bn|tn|m|rubles?|roubles?|"
                          r"dollars?|euros?|pounds?|hryvnias?|yuan|won|rupees?))\s*$", before,
                          re.I))


_PAST_RISE = re.compile(r"\b(?:rose|grew|increased|surged|jumped|climbed|soared|went up|fell|"
                        r"dropped|declined|decreased|shrank)\b[^.;]{0,40}$", re.I)
"""'surged 65 percent to reach $45 billion': 'to reach' after a past change is its result."""


def forward_cue(text: str) -> re.Match[str] | None:
    """The first word that makes a figure a plan or forecast, leaving out a 'to reach' /
    'to hit' that states where a past change ended."""
    for cue in FORWARD.finditer(text):
        if re.fullmatch(r"to\s+(?:reach|hit)", cue.group(0), re.I) and \
                _PAST_RISE.search(text, 0, cue.start()):
            continue
        return cue
    return None


def forward(claim: Claim, evidence: Sequence[Evidence] = (),
            is_plan: Callable[[Evidence], bool] = lambda e: False) -> list[str]:
    """The forward class: a plan, draft or forecast is compared only with plans — budget laws
    and drafts, targets, projections, estimates of a year not yet over — never with what was
    spent or made. Given the ``evidence`` a verdict rests on, it stands when ``is_plan`` holds
    for every figure. A count of members ("the 32-nation alliance agreed …") states the
    alliance's size, not a plan, and is not judged here."""
    if getattr(claim, "measure", None) is Measure.TARGET or isinstance(claim, MemberCount):
        return []
    start, end = _figure_span(claim)
    before, after = _sides(claim.text, start, end)
    cue = forward_cue(f"{before} {after}")
    if cue is None:
        return []
    if not claim.year_from_text:
        return [f"period (a plan or forecast, '{cue.group(0)}', with no year written: the "
                "article's own year is not assumed)"]
    if evidence and all(is_plan(e) for e in evidence):
        return []
    return [f"reading (a plan, draft or forecast: '{cue.group(0)}'; compared only with "
            "budget plans and targets, not with what was spent or made)"]


def part_of_budget(claim: Claim, evidence: Sequence[Evidence] = ()) -> list[str]:
    """The part class: a sum or share named for a part of the budget, another flow, or a
    wider aggregate than defence. It stands only when every figure it rests on is a budget
    line whose name holds every word of that part ('security and defence' against
    budget.security_and_defence, not 'internal security')."""
    q = getattr(claim, "quantity", None)
    if not isinstance(q, Quantity) or not (
            isinstance(claim, ShareOfGdp) or (isinstance(claim, Level)
                                              and q.unit is QuantityUnit.MONEY
                                              and claim.item == "military_expenditure")):
        return []
    before, after = _sides(claim.text, q.start, q.end)
    part = _PART.search(f"{before} {after}")
    if part is None or _distance(_PART, before, after) >= _distance(_DEFENCE_TOTAL, before,
                                                                     after):
        return []
    words = {w for w in re.findall(r"[a-z]+", part.group(0).lower()) if len(w) > 3}
    if evidence and all(e.metric.startswith("budget.") and words <= set(
            re.findall(r"[a-z]+", e.metric)) for e in evidence):
        return []
    return [f"metric (the figure is for '{part.group(0)}', not defence spending as a whole)"]


def declined(claim: Claim) -> list[str]:
    """Why the claim's figure cannot be compared with the data as read (empty: it can); the
    forward and part classes of levels, shares and changes are judged after evaluation
    (``forward``, ``part_of_budget``), against the figures found."""
    text = claim.text
    start, end = _figure_span(claim)
    before, after = _sides(text, start, end)
    clause = f"{before} {after}"
    reasons: list[str] = []
    if isinstance(claim, Comparison | Consistency):
        reasons += forward(claim)
    q = getattr(claim, "quantity", None)
    if isinstance(claim, Level) and isinstance(q, Quantity):
        if q.unit is QuantityUnit.MONEY and _is_conversion(text, q):
            reasons.append("figure (a conversion in brackets of the figure before it, at a "
                           "rate the text does not give)")
        if q.unit is QuantityUnit.MONEY and claim.item == "military_expenditure" \
                and _PPP.search(text):
            reasons.append("metric (a sum at purchasing-power parity; the data compared "
                           "are at market exchange rates)")
        if q.unit in (QuantityUnit.RATE, QuantityUnit.COUNT) and _PEAK.search(clause):
            reasons.append("period (a peak or maximum rate, not the period's average)")
        if q.unit is QuantityUnit.COUNT and not claim.year_from_text \
                and _HEDGED_TOTAL.search(text):
            reasons.append("period (an estimated running total with no period written, "
                           "not one year's figure)")
    if isinstance(claim, Consistency):
        local = [x for x in claim.quantities if x.unit is QuantityUnit.MONEY
                 and x.currency != "USD"]
        if len(local) > 1:
            reasons.append("figures (several sums with conversions: which belongs to which "
                           "is not written)")
        if _PART.search(text) and not _DEFENCE_TOTAL.search(text):
            reasons.append("metric (the sums are for a part of the budget, not defence as a "
                           "whole)")
    return reasons

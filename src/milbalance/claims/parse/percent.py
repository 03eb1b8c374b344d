"""What a percentage is OF, decided from its own noun phrase: "6.3% of GDP on defence" is
the defence share of GDP; "a budget deficit of 2.6% of GDP" a deficit; "37% of global
spending" a share of a total; "53% higher than planned" a change."""

from __future__ import annotations

import re

from milbalance.claims.kinds import Quantity
from milbalance.claims.parse.common import CLAUSE, DEFENCE

OTHER_QUANTITY = re.compile(
    r"\b(?:deficits?|debts?|surplus(?:es)?|growth|inflation|revenues?|income|tax(?:es)?|"
    r"investments?|exports?|imports?|interest|borrowing|pensions?|health(?:care)?|education|"
    r"social|welfare|unemployment|savings|reserves|oil and gas|energy|subsid(?:y|ies)|"
    r"aid|assistance|wages?|salar(?:y|ies)|output gap|current account|trade)\b", re.I)
"""Nouns a share of GDP is often about that are not defence spending."""
_ON_DEFENCE = re.compile(r"^\s*(?:on|for|to|into)\s+(?:the\s+|its\s+|their\s+)?(?:defen[cs]e|"
                         r"military|armed forces|arms|army|security|weapons|war)\b", re.I)
_NOT_BARE = re.compile(
    r"^\s*(?:of\b|higher|lower|more|less|fewer|above|below|over|under|increase|rise|jump|"
    r"drop|fall|decline|growth|up\b|down\b|than|in real terms|year[- ]on[- ]year|a year|"
    r"annually|per year|stake|share|owned)", re.I)
_CHANGE_BEFORE = re.compile(r"\b(?:grew|rose|up|increase[sd]?|growth|budget|jump(?:ed)?|"
                            r"climb(?:ed)?|fell|down|cut|decrease[sd]?|drop(?:ped)?|by)\b",
                            re.I)


def share_of(text: str, q: Quantity) -> str:
    """'defence' when the share of GDP is defence spending (the default in defence
    reporting), 'other' when its own noun phrase is another quantity (a deficit, debt)."""
    if _ON_DEFENCE.match(text[q.end:q.end + 40]):
        return "defence"
    sentence = text[:q.start]
    breaks = list(CLAUSE.finditer(sentence))
    # its own clause first; a clause naming neither ('…, making it only 0.9% of GDP') takes
    # the nearest noun of the sentence before it
    for head in ([sentence[breaks[-1].end():]] if breaks else []) + [sentence]:
        others = list(OTHER_QUANTITY.finditer(head))
        defence = list(DEFENCE.finditer(head))
        if not others and not defence:
            continue
        if not others or (defence and defence[-1].start() > others[-1].start()):
            return "defence"  # "the deficit rose as defence spending reached 7% of GDP"
        return "other"
    return "defence"


_NAMED_BRACKET = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*\(\s*$")
"""'exceeded only by Israel (4.5%)': a bracketed figure right after a name is that name's,
whatever change word stands before the name."""


def bare_percent(text: str, q: Quantity) -> bool:
    """A percentage with no noun phrase of its own ('10% in Vietnam'): it may share the 'of
    GDP' of a list it stands in; one followed by 'of …', 'higher', 'a year' may not."""
    if _NOT_BARE.match(text[q.end:q.end + 30]) is not None:
        return False
    return (_NAMED_BRACKET.search(text, max(0, q.start - 40), q.start) is not None
            or _CHANGE_BEFORE.search(text[max(0, q.start - 25):q.start]) is None)


_NORM_WORD = (r"(?:targets?|guidelines?|goals?|benchmarks?|thresholds?|commitments?|pledges?|"
              r"obligations?|minimum|requirements?|norms?|floor|mark|bar|line|objectives?)")
_NORM_BEFORE = re.compile(rf"\b{_NORM_WORD}\s+(?:of\s+)?(?:(?:at\s+least|spending|reaching|"
                          r"raising\s+\w+\s+to)\s+)?$", re.I)
_NORM_AFTER = re.compile(rf"^\s*(?:of\s+(?:their\s+|its\s+)?(?:GDP|gross domestic product|"
                         rf"economic output)\s+)?(?:defen[cs]e\s+|spending\s+)?{_NORM_WORD}\b",
                         re.I)


def is_norm(text: str, q: Quantity) -> bool:
    """'the alliance's guideline of 2%', 'the 2% of GDP target': a threshold or goal, not a
    level anybody spent."""
    return bool(_NORM_BEFORE.search(text[max(0, q.start - 40):q.start])
                or _NORM_AFTER.match(text[q.end:q.end + 50]))


_MET = re.compile(r"\b(?:met|meets?|meeting|reach(?:ed|es|ing)?|hit(?:s|ting)?|exceed(?:ed|s|ing)?|"
                  r"surpass(?:ed|es|ing)?|achiev(?:ed|es|ing)|fulfil+(?:ed|s|ing)?|above|over|"
                  r"beyond)\s+(?:(?:the|its|their|nato's|the\s+alliance's|\w+'s)\s+)?"
                  r"(?:\w+\s+){0,2}$", re.I)
_MISSED = re.compile(r"\b(?:miss(?:ed|es|ing)?|below|under|short\s+of|fall(?:s|ing)?\s+short\s+of|"
                     r"fell\s+short\s+of)\s+(?:(?:the|its|their|nato's|the\s+alliance's|\w+'s)\s+)?"
                     r"(?:\w+\s+){0,2}$", re.I)


def norm_reached(text: str, q: Quantity) -> str:
    """For a threshold ('the 2% target'): 'at-least' when the sentence says the subject met
    or passed it, 'at-most' when it says the subject missed it, '' otherwise."""
    before = text[max(0, q.start - 40):q.start]
    if _MISSED.search(before):
        return "at-most"
    if _MET.search(before):
        return "at-least"
    return ""


_CHANGE_BY = re.compile(r"\b(?:rais|increas|boost|lift|cut|reduc|add|grow|expand)\w*\b[^.;]{0,60}?"
                        r"\bby\s+(?:(?:about|around|some|roughly|another|an?\s+(?:extra|additional|"
                        r"further))\s+)?$", re.I)


def change_amount(text: str, q: Quantity) -> bool:
    """'raise defence spending by 1.5% of GDP': the size of a change in the share, not a
    share anybody spent."""
    return _CHANGE_BY.search(text, max(0, q.start - 80), q.start) is not None

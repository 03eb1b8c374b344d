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


def bare_percent(text: str, q: Quantity) -> bool:
    """A percentage with no noun phrase of its own ('10% in Vietnam'): it may share the 'of
    GDP' of a list it stands in; one followed by 'of …', 'higher', 'a year' may not."""
    return (_NOT_BARE.match(text[q.end:q.end + 30]) is None
            and _CHANGE_BEFORE.search(text[max(0, q.start - 25):q.start]) is None)

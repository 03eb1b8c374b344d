"""Changes listed country by country: "the countries with the largest increases in spending in
2024 were Israel (65%) and Russia (38%)". Each name followed by a per cent in brackets is a
change of that country's spending in the year the sentence writes, against the year before.

Read only when the sentence speaks of spending and of a rise or fall, and writes its year:
a bracketed per cent after a name is otherwise anything (a share of GDP, of a total, a vote).
"""

from __future__ import annotations

import re

from milbalance.claims.gazetteer import Mention
from milbalance.claims.kinds import Change, Claim, Measure

_BRACKETED = re.compile(r"\s{0,2}\(\s{0,2}(?P<sign>[+−-])?\s{0,2}(?P<n>\d{1,3}(?:\.\d{1,2})?)"
                        r"\s{0,2}(?:%|per\s?cent)\s{0,2}\)")
_CHANGE = re.compile(r"\b(?:increases?|rises?|growth|jumps?|surges?|grew|rose|increased|"
                     r"decreases?|falls?|declines?|cuts?|fell|dropped|declined)\b", re.I)
_FALL = re.compile(r"\b(?:decreases?|falls?|declines?|cuts?|fell|dropped|declined)\b", re.I)
_SPENDING = re.compile(r"\bspen[dt]|\bspending\b|\bbudgets?\b|\bexpenditures?\b", re.I)


def listed_changes(text: str, mentions: list[Mention], common: dict[str, object],
                   caveats: tuple[str, ...]) -> list[Claim]:
    """One Change per 'Name (N%)' in a sentence on rises or falls of spending in a year."""
    year = common.get("year")
    if not (_SPENDING.search(text) and _CHANGE.search(text) and common.get("year_from_text")
            and isinstance(year, int)):
        return []
    fall = bool(_FALL.search(text)) and not re.search(r"\bincreas|\brise|\bgrowth|\bgrew|\brose",
                                                       text, re.I)
    out: list[Claim] = []
    for m in mentions:
        if m.kind.value != "country" or (b := _BRACKETED.match(text, m.end)) is None:
            continue
        size = float(b["n"]) / 100
        negative = fall or b["sign"] in ("-", "−")
        factor = 1 - size if negative else 1 + size
        if factor <= 0:
            continue
        inferred = (*tuple(common.get("inferred", ())),  # type: ignore[arg-type]
                    ("since", "assumed: the year before"))
        out.append(Change(subject=m.entity, item="military_expenditure",
                          measure=Measure.EXPENDITURE, factor=factor, since=year - 1,
                          percent=True, **{**common, "inferred": inferred, "caveats": (
                              *caveats, f"'{m.text}{b.group(0)}' read as the change of "
                              f"{m.entity}'s spending from {year - 1} to {year}")}))  # type: ignore[arg-type]
    return out

"""How reporting writes a change without its base figure: "rose by more than half", "surged
almost 40 per cent in real terms", "more than halved", "up 14% year on year", "a 25% increase
on 2024", "fell for the first time since 2015", "nearly tripled", "several times".

``change_words`` returns the factor (new / old), its bound and approximation, whether it was
written as a per cent, the basis (real or nominal) and the base year where the text writes
one. Semantics (see docs/claims.md): "rose by more than half" is factor > 1.5; "fell by more
than 10%" is factor < 0.9 (a bound on a fall turns over); "more than halved" is factor < 0.5;
"several times" is factor ≥ 3, stated as a caveat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from milbalance.claims.parse.ratio_words import RATIO_BOUND, RatioWord, bound_before, ratio_word

_RISE = (r"rose|risen|rises?|rising|grew|grown|grows?|growing|increased|increases?|increasing|"
         r"climbed|climbs?|jumped|jumps?|surged|surges?|soared|soars?|went up|gone up|goes up|"
         r"expanded|raised|raises?|raising|boosted|boosts?|hiked|up")
_FALL = (r"fell|fallen|falls?|falling|dropped|drops?|declined|declines?|decreased|decreases?|"
         r"shrank|shrunk|shrinks?|slipped|slips?|cut|cuts|reduced|reduces?|down|slashed")
_RISE_NOUN = r"increase|rise|jump|growth|hike|surge|boost|gain"
_FALL_NOUN = r"decrease|fall|drop|cut|decline|reduction|contraction"
_PCT = r"(?<![\w.,])(?P<n>\d{1,4}(?:\.\d{1,3})?)\s*(?:%|per\s?cent\b|percent\b)"
_FRAC = r"(?P<frac>a half|half|a third|two-thirds|two thirds|a quarter|three-quarters)"
_FRAC_VALUE = {"a half": 0.5, "half": 0.5, "a third": 1 / 3, "two-thirds": 2 / 3,
               "two thirds": 2 / 3, "a quarter": 0.25, "three-quarters": 0.75}
_BOUNDW = rf"(?:(?P<bw>{RATIO_BOUND})\s+)?"
_VERB_BY = re.compile(
    rf"\b(?:(?P<rise>{_RISE})|(?P<fall>{_FALL}))\s+(?:(?:\w+ly|sharply|again)\s+)?"
    rf"(?:(?:[\w'’-]+\s+){{0,6}}?by\s+(?:an?\s+(?:staggering|whopping|estimated|further|"
    rf"additional|record|massive|hefty|remarkable|modest|mere)\s+)?)?{_BOUNDW}"
    rf"(?:{_PCT}|{_FRAC}(?!\s+of\b))", re.I)
"""'rose by more than half', 'surged almost 40 per cent', 'fell 3%'."""
_NOUN = re.compile(
    rf"\b(?:an?|the)\s+{_BOUNDW}(?:{_PCT}|{_FRAC})[\s-]+(?:(?:\w+ly|annual|real|"
    rf"year-on-year|nominal)\s+)?(?:(?P<rise>{_RISE_NOUN})|(?P<fall>{_FALL_NOUN}))\b|"
    rf"\b(?:(?P<rise2>{_RISE_NOUN})|(?P<fall2>{_FALL_NOUN}))\s+of\s+{_BOUNDW.replace('bw', 'bw2')}"
    rf"(?<![\w.,])(?P<n2>\d{{1,4}}(?:\.\d{{1,3}})?)\s*(?:%|per\s?cent\b|percent\b)", re.I)
"""'a 25% increase', 'an increase of 9.4%', 'a cut of about a third'."""
_FIRST_SINCE = re.compile(
    rf"\b(?:(?P<rise>{_RISE})|(?P<fall>{_FALL}))\b[^.;]{{0,40}}?\bfor the first time since\s+"
    r"(?P<since>[^,.;]+)|\bfirst\s+(?:(?:annual|real|year-on-year)\s+)?"
    rf"(?:(?P<rise2>{_RISE_NOUN})|(?P<fall2>{_FALL_NOUN}))\s+since\s+(?P<since2>[^,.;]+)",
    re.I)
"""'fell for the first time since 2015', 'the first increase since the end of the Cold War'."""
_REAL = re.compile(r"\bin real terms\b|\breal[- ]terms?\b|\badjusted for inflation\b|"
                   r"\binflation[- ]adjusted\b|\bat constant prices\b|\bin constant\b|"
                   r"\breal (?:growth|increase|rise)\b", re.I)
_NOMINAL = re.compile(r"\bnominal(?:ly)?\b|\bin cash terms\b|\bat current prices\b|"
                      r"\bin (?:rubles|roubles|local currency|national currency)\b", re.I)
_PREVIOUS = re.compile(r"\byear[- ]on[- ]year\b|\by/y\b|\byoy\b|\b(?:from|over|on|than)\s+"
                       r"(?:the\s+)?(?:previous|prior|preceding)\s+year\b|\b(?:from|than|compared\s+(?:with|to))\s+a\s+"
                       r"year\s+(?:earlier|before)\b|\bannual\s+(?:increase|rise|growth|decrease|fall|"
                       r"drop)\b|\bfor a (?:\w+ )?consecutive year\b", re.I)
_SPAN = re.compile(r"\b(?:between|from)\s+(?P<a>(?:19|20)\d\d)\s+(?:and|to|until|through)\s+"
                   r"(?P<b>(?:19|20)\d\d)\b")
_BASE_YEAR = re.compile(r"\b(?:on|over|from|compared\s+(?:with|to)|relative\s+to|than(?:\s+in)?|"
                        r"that\s+of|those\s+of|what\s+it\s+(?:was|spent|made|produced)\s+in|"
                        r"its(?=\s+(?:19|20)\d\d\s+(?:level|figure|total))|"
                        r"versus|vs\.?|above|below)\s+(?:(?:the|its|their)\s+)?(?:(?:level|figure|"
                        r"spending|budget|total)s?\s+(?:of|in|for)\s+)?(?P<y>(?:19|20)\d\d)\b"
                        r"(?!\s*(?:%|per))", re.I)
"""'a 25% increase on 2024', 'up 12% over 2023', 'compared with 2021'."""


STRONG = 0.10
"""'Rose sharply / significantly / rapidly' with no figure: read as at least +10 % (said)."""
_ADV = (r"sharply|significantly|rapidly|dramatically|substantially|considerably|massively|"
        r"markedly|steeply|strongly")
_ADJ = (r"significant|sharp|rapid|dramatic|substantial|considerable|massive|marked|steep|"
        r"strong")
_SUPERLATIVE = re.compile(r"\b(?:largest|biggest|highest|smallest|lowest|fastest|steepest|"
                          r"sharpest)\b[^.;,]*$", re.I)
_DIRECTION = re.compile(
    rf"\b(?:(?:an?\s+)?(?P<adv2>{_ADV}|{_ADJ})\s+)?(?:(?P<rise>rose|risen|rises|grew|grown|grows|increased|"
    r"increases|went\s+up|gone\s+up|climbed|soared|surged|jumped|expanded|(?:to\s+)?"
    r"(?:raise|increase|boost))|(?P<fall>fell|fallen|falls|dropped|declined|decreased|"
    r"shrank|slashed|(?:to\s+)?(?:cut|reduce)))\b(?!\s+(?:to|by|from)\b)"
    rf"(?:\s+(?:\w+\s+){{0,4}}?(?P<adv>{_ADV})\b)?", re.I)
"""A change written with its direction only ('rose sharply in 2024', 'plans to cut')."""


_UNREAD_SIZE = re.compile(r"\d[\d.,]*\s*(?:%|per\s?cent\b|percent\b|-?fold\b|times\b)", re.I)
"""A size of the change written next to its direction word that no pattern read: the
change is then not read as a direction only."""


@dataclass(frozen=True)
class ChangeWords:
    factor: float
    start: int
    bound: str = ""
    strict: bool = False
    approximate: bool = False
    percent: bool = False
    caveats: tuple[str, ...] = ()
    first_since_text: str = ""  # "fell for the first time since …": the words after since
    multiple: bool = False  # written as a multiple ('tripled'), not a per cent or a fraction
    direction: bool = False  # no figure at all ('rose sharply in 2024'): only its direction


def _bounded(rise: bool, value: float, bound: str) -> tuple[float, str]:
    """The factor of a rise or fall by ``value`` (a fraction), with the bound turned over for
    a fall: 'fell by more than 10%' is factor < 0.9."""
    if rise:
        return 1 + value, bound
    return 1 - value, {"at-least": "at-most", "at-most": "at-least"}.get(bound, bound)


def change_words(text: str) -> ChangeWords | None:
    """The first change the sentence writes without both of its figures, or None."""
    if (m := _FIRST_SINCE.search(text)) is not None:
        rise = bool(m["rise"] or m["rise2"])
        return ChangeWords(1.01 if rise else 0.99, m.start(),
                           first_since_text=m["since"] or m["since2"] or "")
    found: list[tuple[int, ChangeWords]] = []
    for pattern in (_VERB_BY, _NOUN):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            rise = bool(groups.get("rise") or groups.get("rise2"))
            n = groups.get("n") or groups.get("n2")
            if n is not None:
                value, percent = float(n) / 100, True
            elif groups.get("frac"):
                value, percent = _FRAC_VALUE[groups["frac"].lower()], True
            else:
                continue
            bound, strict, approx = bound_before(groups.get("bw") or groups.get("bw2") or "")
            if not rise and value >= 1:
                continue  # "fell 120%" is not a fall
            factor, bound = _bounded(rise, value, bound)
            found.append((m.start(), ChangeWords(factor, m.start(), bound, strict, approx,
                                                 percent)))
            break
    word = ratio_word(text)
    if word is not None and word.change:
        found.append((word.start, _from_ratio(word)))
    if not found:
        return direction_only(text)
    return min(found, key=lambda f: f[0])[1]


def direction_only(text: str) -> ChangeWords | None:
    """'Spending rose in 2024' (factor > 1), 'plans to cut spending in 2026' (< 1); with
    'sharply', 'significantly' … the rise is read as at least 10 % (said)."""
    m = _DIRECTION.search(text)
    if m is None or _SUPERLATIVE.search(text, max(0, m.start() - 40), m.start()):
        return None  # 'the largest budget increase in NATO': a rank of changes, not read
    if _UNREAD_SIZE.search(text, m.start(), m.end() + 60):
        return None  # 'a real increase at over 120%': a size written but not read
    rise = bool(m["rise"])
    strong = m["adv"] or m["adv2"]
    if strong:
        factor = 1 + STRONG if rise else 1 - STRONG
        caveat = (f"'{strong}' with no figure read as a {'rise' if rise else 'fall'} of at "
                  f"least {STRONG:.0%}")
        return ChangeWords(factor, m.start(), "at-least" if rise else "at-most", False,
                           False, True, (caveat,), direction=True)
    return ChangeWords(1.0, m.start(), "at-least" if rise else "at-most", True, False, True,
                       (f"no figure: read as a {'rise' if rise else 'fall'} only",),
                       direction=True)


def _from_ratio(word: RatioWord) -> ChangeWords:
    return ChangeWords(word.factor, word.start, word.bound, word.strict, word.approximate,
                       False, word.caveats, multiple=True)


def basis_of(text: str) -> str:
    """'real' (constant prices), 'nominal' (current prices) or '' when the text says neither."""
    if _REAL.search(text):
        return "real"
    if _NOMINAL.search(text):
        return "nominal"
    return ""


def span_years(text: str) -> tuple[int, int] | None:
    """'between 2021 and 2024', 'from 2014 to 2024': (the base year, the year)."""
    if (m := _SPAN.search(text)) is not None and int(m["a"]) < int(m["b"]):
        return int(m["a"]), int(m["b"])
    return None


def base_year(text: str) -> tuple[int | None, bool]:
    """(the base year the text writes, True when it says 'the previous year' instead)."""
    if (m := _BASE_YEAR.search(text)) is not None:
        return int(m["y"]), False
    return None, bool(_PREVIOUS.search(text))

"""Years, periods and dates in a sentence: the year a figure is about, the base year of a
change ("since 2022", "three years ago"), named periods ("during the Korean war"), events
changes are dated from ("since the full-scale invasion"), and the date a statement was made.

The year is the one written next to a figure, else in the sentence, else the article's date
(``Context.on``).
"""

from __future__ import annotations

import re
from datetime import date

NAMED_PERIODS: tuple[tuple[str, tuple[int, int]], ...] = (
    (r"(?<!North )(?<!South )(?:Korean\b|Korea\b)", (1950, 1953)),
    (r"Vietnam [Ww]ar|war in Vietnam|Vietnam\b", (1965, 1973)),
)
"""Wars named instead of years, with the years of US involvement as the research notes give
them (shared/research spending_facts F0186, F0187)."""

SINCE_EVENTS: tuple[tuple[str, int], ...] = (
    (r"(?:the )?(?:start|beginning) of (?:the|Russia's) (?:full-scale )?(?:war|invasion|"
     r"special military operation)|the full-scale invasion|February 2022|the invasion", 2022),
    (r"(?:the end of )?the Cold War|Soviet (?:times|era|days)|the (?:fall|collapse) of the "
     r"Soviet Union|the USSR", 1991),
)
"""Events reporters date changes and records from, as the year they happened."""

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_STATED_ON = re.compile(r"\b(?:(?P<day>\d{1,2})\s+)?(?P<month>" + "|".join(MONTHS)
                        + r")\s+(?:(?P<day2>\d{1,2}),?\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"(?<![\w$€£.,-])(19[4-9]\d|20[0-4]\d)(?![\w%-]|,\d|\.\d)")
_RELATIVE_YEAR = (
    (re.compile(r"\b(?:this|the current) year\b|\bnow\b|\bcurrently\b|\btoday\b|"
                r"\bat the moment\b|\bannually\b", re.I), 0),
    (re.compile(r"\blast year\b|\bthe past year\b|\ba year ago\b", re.I), -1),
    (re.compile(r"\bnext year\b", re.I), 1),
)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?P<year>19\d\d|20\d\d)\b|"
                    r"\b(?:than|compared (?:with|to)|from)\s+(?:in\s+)?(?:the whole of\s+)?"
                    r"(?P<year2>19\d\d|20\d\d)\b|\b(?P<ago>\w+) years? ago\b", re.I)
_IN_A_MONTH = re.compile(r"\s{0,3}(?:[\w-]{1,30}\s{1,3}){0,3}?in\s{1,3}(?:" + "|".join(MONTHS)
                         + r")\b(?:\s{1,3}(?:19|20)\d\d)?(?!\s{0,3}(?:and|to|-|–|through)\b)",
                         re.I)
_NOT_THE_YEAR = re.compile(r"(?:since|from|than|by|until|before|compared (?:with|to))"
                           r"\s{1,3}(?:\w{1,20}\s{1,3})?$", re.I)
"""Words that make a year a base or a deadline, not the year the sentence is about."""
_FROM_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")


def _span_free(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def stated_on(text: str) -> date | None:
    """The date a statement was made when the sentence reports one ('said on 12 June 2025')."""
    stated = _STATED_ON.search(text)
    if stated is None or not re.search(
            r"\b(?:said|says|told|stated|claimed|argued|reported|announced)\b", text):
        return None
    day = int(stated["day"] or stated["day2"] or 15)
    month = MONTHS.index(stated["month"].lower()) + 1
    return date(int(stated["year"]), month, min(max(day, 1), 28))


def years_in(sentence: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(year, position) for every year written in the sentence, outside figures."""
    return [(int(m.group(1)), m.start()) for m in _YEAR.finditer(sentence)
            if _span_free(m.start(), m.end(), taken)]


def sentence_year(sentence: str, years: list[tuple[int, int]],
                  on: date | None) -> tuple[int | None, bool]:
    in_years = [y for y, pos in years
                if not _NOT_THE_YEAR.search(sentence[max(0, pos - 40):pos])]
    if in_years:
        return in_years[-1], True
    for pattern, shift in _RELATIVE_YEAR:
        if pattern.search(sentence) and on is not None:
            return on.year + shift, True
    if on is not None:
        return on.year, False
    return None, False


def named_periods(sentence: str) -> list[tuple[tuple[int, int], int]]:
    out = []
    for pattern, years in NAMED_PERIODS:
        m = re.search(pattern, sentence)
        if m:
            out.append((years, m.start()))
    return sorted(out, key=lambda x: x[1])


def since(sentence: str, on: date | None) -> int | None:
    for pattern, year in SINCE_EVENTS:
        if re.search(r"\bsince\s+" + pattern, sentence, re.I):
            return year
    m = _SINCE.search(sentence)
    if not m:
        return None
    if m["year"] or m["year2"]:
        return int(m["year"] or m["year2"])
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "a": 1}
    n = words.get(m["ago"].lower()) if m["ago"] else None
    if n is None and m["ago"] and m["ago"].isdigit():
        n = int(m["ago"])
    return on.year - n if (on is not None and n is not None) else None


def since_event(since_text: str) -> int | None:
    """The year a record is dated from: an event ('the Cold War') or a written year."""
    rsince = None
    for pattern, year in SINCE_EVENTS:
        if re.search(pattern, since_text, re.I):
            rsince = year
    if rsince is None and (y := re.search(r"(19|20)\d\d", since_text)):
        rsince = int(y.group(0))
    return rsince


def year_near(text: str, start: int, end: int, years: list[tuple[int, int]],
              fallback: int | None) -> tuple[int | None, bool]:
    """The year written after a figure (within 40 characters), else before it."""
    after = [y for y, pos in years if pos >= end and pos - end < 40]
    if after:
        return after[0], True
    before = [y for y, pos in years if pos < start]
    if before:
        return before[-1], True
    return fallback, False


def in_a_month(text: str, pos: int = 0) -> bool:
    """'… in March': a count for one named month (``text`` from ``pos``, right after the
    figure)."""
    return _IN_A_MONTH.match(text, pos) is not None


def year_in(mid: str) -> int | None:
    """'in 2022' inside the stretch between a change's two figures."""
    y = _FROM_YEAR.search(mid)
    return int(y.group(1)) if y is not None else None

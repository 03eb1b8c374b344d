"""Years, periods and dates in a sentence: the year a figure is about, the base year of a
change ("since 2022", "three years ago"), named periods ("during the Korean war"), events
changes are dated from ("since the full-scale invasion"), and the date a statement was made.

The year is the one written next to a figure, else in the sentence, else the article's date
(``Context.on``).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

NAMED_PERIODS: tuple[tuple[str, tuple[int, int]], ...] = (
    (r"(?<!North )(?<!South )(?:Korean\b|Korea\b)", (1950, 1953)),
    (r"Vietnam [Ww]ar|war in Vietnam|Vietnam\b", (1965, 1973)),
)
"""Wars named instead of years, with the years of US involvement as the research notes give
them (shared/research spending_facts F0186, F0187)."""

SINCE_EVENTS: tuple[tuple[str, int], ...] = (
    (r"(?:the )?(?:start|beginning) of (?:the|Russia's) (?:full-scale )?(?:war|invasion|"
     r"special military operation)|the full-scale invasion|February 2022|the invasion|"
     r"(?:Russia|Moscow|the Kremlin|Putin) (?:invaded|attacked|launched (?:its|the) "
     r"(?:full-scale )?(?:invasion|war)(?: on| of| against)?) Ukraine|"
     r"(?:Russia's|Russia’s) (?:full-scale )?(?:invasion|war) (?:of|on|against|in) Ukraine|"
     r"the (?:(?:Ukraine|Ukrainian) )?war(?: in Ukraine)? (?:began|started|broke out)", 2022),
    (r"(?:the end of )?the Cold War|Soviet (?:times|era|days)|the (?:fall|collapse) of the "
     r"Soviet Union|the USSR", 1991),
)
"""Events reporters date changes and records from, as the year they happened."""

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_STATED_ON = re.compile(r"\b(?:(?P<day>\d{1,2})\s+)?(?P<month>" + "|".join(MONTHS)
                        + r")\s+(?:(?P<day2>\d{1,2}),?\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"(?:(?<=\b[Mm]id-)|(?<=\b[Ee]arly-)|(?<=\b[Ll]ate-)|(?<=\b[Ee]nd-)|"
                   r"(?<=\bFY)|(?<=\bFY-)|(?<![\w$€£.,-]))"
                   r"(19[4-9]\d|20[0-4]\d)(?![\w%-]|,\d|\.\d)")
"""A year written alone or as 'mid-2025', 'early-2024', 'FY2025' (a fiscal year is read as
its calendar year's number), not in '155-2024' or '$2024'."""
_RELATIVE_YEAR = (
    (re.compile(r"\b(?:this|the current) year\b|\bnow\b|\bcurrently\b|\btoday\b|"
                r"\bat the moment\b|\bannually\b", re.I), 0),
    (re.compile(r"\blast year\b|\bthe past year\b|\ba year ago\b", re.I), -1),
    (re.compile(r"\bnext year\b", re.I), 1),
)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?P<year>19\d\d|20\d\d)\b|"
                    r"\b(?:than|compared (?:with|to)|from)\s+(?:in\s+)?(?:the whole of\s+)?"
                    r"(?P<year2>19\d\d|20\d\d)\b|"
                    r"\b(?P<ago>\w{1,12}) (?:years?|(?P<decade>decades?)) ago\b|"
                    r"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous)\s+"
                    r"(?P<ago2>\w{1,12})\s+years\b", re.I)
_IN_A_MONTH = re.compile(r"\s{0,3}(?:[\w-]{1,30}\s{1,3}){0,3}?in\s{1,3}(?:" + "|".join(MONTHS)
                         + r")\b(?:\s{1,3}(?:19|20)\d\d)?(?!\s{0,3}(?:and|to|-|–|through)\b)",
                         re.I)
_NOT_THE_YEAR = re.compile(r"(?:since|from|than|by|until|before|compared (?:with|to))"
                           r"\s{1,3}(?:the\s{1,3})?(?:(?:end|middle|start|beginning)\s{1,3}of\s{1,3}|"
                           r"\w{1,20}[\s-]{1,3})?(?:FY-?)?$", re.I)
"""Words that make a year a base or a deadline, not the year the sentence is about."""
_SINCE_BEFORE = re.compile(r"\bsince\s{1,3}(?:the\s{1,3})?(?:(?:early|mid|late)[\s-]{1,3})?$",
                           re.I)
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


_FISCAL_SPAN = re.compile(r"(?<![\w$€£.,-])(20[0-4]\d)[-–/](\d\d)(?![\w%-]|,\d|\.\d)")
"""A fiscal year written as its two calendar years ('2025-26', 'FY 2024/25')."""


def fiscal_notes(sentence: str) -> tuple[str, ...]:
    """How each fiscal year written as two calendar years was read."""
    return tuple(f"'{m.group(0)}' read as the fiscal year ending in {int(m.group(1)) + 1}"
                 for m in _FISCAL_SPAN.finditer(sentence)
                 if int(m.group(2)) == (int(m.group(1)) + 1) % 100)


def years_in(sentence: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(year, position) for every year written in the sentence, outside figures. A fiscal
    year written as two ('2025-26') is the year it ends, as the data file fiscal years."""
    found = [(int(m.group(1)), m.start()) for m in _YEAR.finditer(sentence)
             if _span_free(m.start(), m.end(), taken)]
    found += [(int(m.group(1)) + 1, m.start()) for m in _FISCAL_SPAN.finditer(sentence)
              if int(m.group(2)) == (int(m.group(1)) + 1) % 100
              and _span_free(m.start(), m.end(), taken)]
    return sorted(found, key=lambda x: x[1])


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


def period_notes(sentence: str) -> list[str]:
    """How each period named in the sentence was read ("'the Korean War' read as …")."""
    return [f"'{t.text}' read as {t.note}" for t in time_expressions(sentence, None)
            if t.kind == RANGE]


def named_periods(sentence: str) -> list[tuple[tuple[int, int], int]]:
    """(years, position) of each period named instead of years (``PERIODS``)."""
    return [(t.years, t.start) for t in time_expressions(sentence, None) if t.kind == RANGE]


def since(sentence: str, on: date | None) -> int | None:
    """The base year of a change: 'since DATE' as ``time_expressions`` reads it (a year, a
    named period or event), else 'than / compared with / from YEAR', else 'N years ago' or
    'over the past N years'."""
    if on is not None:
        for t in _expressions(sentence, on):
            if t.kind == SINCE:
                return t.years[0]
    for pattern, year in SINCE_EVENTS:
        if re.search(r"\bsince\s+" + pattern, sentence, re.I):
            return year
    m = _SINCE.search(sentence)
    if not m:
        return None
    if m["year"] or m["year2"]:
        return int(m["year"] or m["year2"])
    words = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
             "nine": 9, "ten": 10, "a": 1}
    ago = m["ago"] or m["ago2"]
    n = words.get(ago.lower()) if ago else None
    if n is None and ago and ago.isdecimal():
        n = int(ago)
    if n is not None and m["decade"]:
        n *= 10  # 'a decade ago', 'two decades ago'
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


_ASIDE_FIGURE = re.compile(r"\s*[(\[]\s*(?:about|approximately|around|some|~)?\s*$", re.I)
YEAR_AFTER = 40
"""A year this close after a figure is the figure's ('4.5 million shells in 2024')."""
YEAR_AFTER_CLAUSE = 100
"""… and as far as this when no other figure stands between them ('12.9 trillion rubles
($155 billion) have been allocated for national defence in 2026')."""


def year_near(text: str, start: int, end: int, years: list[tuple[int, int]],
              fallback: int | None,
              figures: Sequence[tuple[int, int]] = ()) -> tuple[int | None, bool]:
    """The year written after a figure (within ``YEAR_AFTER`` characters, or before the next
    figure that is no aside in brackets within ``YEAR_AFTER_CLAUSE``), else before it."""
    stop = next((a for a, _ in sorted(figures) if a >= end
                 and not _ASIDE_FIGURE.fullmatch(text[end:a])), len(text))
    years = [(y, pos) for y, pos in years  # 'since 2021' starts a span: no figure's year
             if not _SINCE_BEFORE.search(text[max(0, pos - 12):pos])]
    after = [y for y, pos in years if pos >= end and (
        pos - end < YEAR_AFTER or (pos < stop and pos - end < YEAR_AFTER_CLAUSE))]
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


# --- time expressions: what a figure's time is, as data ----------------------------------

NOW, POINT, RANGE, SINCE, DEADLINE = "now", "point", "range", "since", "deadline"


@dataclass(frozen=True)
class TimeExpr:
    """A time written in a sentence and how it was read.

    ``kind``: ``now`` (now, currently, this year, today: the article's date), ``point`` (one
    year: '2024', 'mid-2025', 'the end of the Cold War'), ``range`` (a named period read at
    its peak year ``peak``: the Korean War), ``since`` (a running total from ``years[0]`` to
    ``years[1]``, the date said: not the level of the first year) or ``deadline`` ('by
    2030', 'by mid-2025': a target, not the level of that year). ``part`` is early, mid,
    late or end of the year where written; ``note`` says where the years come from."""

    kind: str
    years: tuple[int, int]
    text: str
    start: int
    end: int
    part: str = ""
    peak: int | None = None
    note: str = ""

    @property
    def year(self) -> int:
        """The one year a level is read at: the peak of a period, the end of a running
        total, the deadline of a target."""
        return self.peak if self.peak is not None else self.years[1]


_WWII_NOTE = ("the Second World War: 1939–1945, the conventional war years; read at 1944, "
              "the peak the research notes give: US defence outlays 37.0% of GDP, OMB, F0081")
PERIODS: tuple[tuple[str, tuple[int, int], int, str], ...] = (
    (r"\b(?:the\s+)?(?:Second World War|World War (?:II|2|Two)\b|WW ?(?:II|2)\b)",
     (1939, 1945), 1944, _WWII_NOTE),
    (r"\b(?:the\s+)?(?:war in Korea\b|(?<!North )(?<!South )Korean? [Ww]ar\b|"
     r"(?<!North )(?<!South )(?:Korean\b|Korea\b)(?!['’]s|\s+(?:Peninsula|peninsula)))",
     (1950, 1953), 1953,
     "the Korean War: 1950–1953, read at 1953: OMB FY1953 13.8% of GDP, research notes F0186"),
    (r"\b(?:the\s+)?(?:Vietnam [Ww]ars?|war in Vietnam|Vietnam)\b", (1965, 1973), 1968,
     "the Vietnam War: US involvement 1965–1973, read at 1968: OMB peak FY1968 9.1% of GDP, "
     "research notes F0187"),
    (r"\b(?:[Uu]nder (?:President )?(?:Ronald )?Reagan|(?:the )?Reagan(?:'s|’s)? "
     r"(?:build-?up|years|era|administration|presidency))\b", (1981, 1989), 1986,
     "the Reagan years 1981–1989, read at 1986, their peak: SIPRI 6.63% of GDP, F0070"),
)
"""Periods named instead of years: (pattern, years, the year a level is read at, note)."""
EVENTS: tuple[tuple[str, int, str], ...] = (
    (r"\b(?:the )?end of the Cold War\b|\bthe (?:fall|collapse|break-?up) of the Soviet Union\b",
     1991, "the end of the Cold War: 1991"),
    (r"\bwhen (?:Russia|Moscow|it|the Kremlin|Putin) (?:launched|began|started) (?:its|the) "
     r"(?:full-scale )?(?:invasion|war)"
     r"|\b(?:the )?(?:start|beginning|launch|outbreak) of (?:the|Russia's|Russia’s) "
     r"(?:full-scale )?(?:war|invasion|special military operation)(?: of Ukraine| in Ukraine)?"
     r"|\b(?:the|Russia's|Russia’s) "
     r"full-scale invasion(?: of Ukraine)?|\bFebruary 2022\b", 2022,
     "the full-scale invasion: February 2022"),
)
"""Events dated to one year."""
_PERIODS = tuple((re.compile(p), years, peak, note) for p, years, peak, note in PERIODS)
_EVENTS = tuple((re.compile(p, re.I), year, note) for p, year, note in EVENTS)
_MONTH_WORD = r"(?:" + "|".join(MONTHS) + r")"
_PART = r"(?P<part>early|mid|late)[- ]?"
_NOW = re.compile(r"\b(?:now|currently|at present|presently|today|nowadays|this year|"
                  r"the current year|at the moment|so far this year)\b", re.I)
_SHIFTED = re.compile(r"\b(?P<last>last year|the past year|a year ago)\b|\bnext year\b", re.I)
_SINCE_DATE = re.compile(rf"\bsince\s{{1,3}}(?:the\s)?(?:{_PART}\s?)?(?:{_MONTH_WORD}\s)?"
                         r"(?P<year>(?:19|20)\d\d)\b", re.I)
_ENDS = r"(?P<end>end|middle|start|beginning)(?:\sof\s|-)|year-?(?P<yearend>end)\s?"
_BY_DATE = re.compile(
    rf"\b(?:by|until|before)\s{{1,3}}(?:the\s)?(?:{_ENDS}|{_PART}\s?)?(?:{_MONTH_WORD}\s)?"
    r"(?:fiscal\s(?:year\s)?|FY-?)?"
    r"(?:(?P<year>(?:19|20)\d\d)\b|(?P<rel>this|the|next)\syear\b)", re.I)
"""'by 2030', 'by mid-2025', 'by end-2025', 'by the end of this year': a deadline."""
_PART_YEAR = re.compile(rf"\b(?:{_PART}|(?:the\s)?(?P<end>end|middle|start|beginning)(?:\sof\s|-)"
                        rf"|(?:the\s)?(?P<half>first|second) half of\s)"
                        r"(?P<year>(?:19|20)\d\d)\b", re.I)
_SINCE_WORD = re.compile(r"\bsince\s{1,3}$", re.I)
_CLAUSE_BREAK = re.compile(r"[;:–—]|,\s|\b(?:but|while|whereas|although|though)\b", re.I)
_PARTS = {"middle": "mid", "start": "early", "beginning": "early", "first": "first half",
          "second": "second half"}


def _part(m: re.Match[str]) -> str:
    groups = m.groupdict()
    word = (groups.get("part") or groups.get("end") or groups.get("yearend")
            or groups.get("half") or "").lower()
    return _PARTS.get(word, word)


def time_expressions(sentence: str, on: date | None) -> list[TimeExpr]:
    """Every time written in a sentence, left to right (earlier kinds win an overlap)."""
    now = on.year if on is not None else None
    said = f"from the article date {on.isoformat()}" if on is not None else ""
    found: list[TimeExpr] = []

    def add(t: TimeExpr) -> None:
        if all(t.end <= f.start or t.start >= f.end for f in found):
            found.append(t)

    def since_or(kind: str, years: tuple[int, int], m: re.Match[str], start: int,
                 peak: int | None = None, note: str = "") -> TimeExpr:
        word = _SINCE_WORD.search(sentence, max(0, start - 12), start)
        if word is not None and now is not None:
            return TimeExpr(SINCE, (years[0], max(now, years[0])),
                            sentence[word.start():m.end()], word.start(), m.end(),
                            note=f"since {years[0]}, to {now}, {said}")
        return TimeExpr(kind, years, m.group(0), start, m.end(), peak=peak, note=note)

    for m in _SINCE_DATE.finditer(sentence):
        y = int(m["year"])
        if now is not None:
            add(TimeExpr(SINCE, (y, max(now, y)), m.group(0), m.start(), m.end(), _part(m),
                         note=f"since {y}, to {now}, {said}"))
    for m in _BY_DATE.finditer(sentence):
        if m["rel"] and now is None:
            continue
        y = int(m["year"]) if m["year"] else (now or 0) + (m["rel"].lower() == "next")
        add(TimeExpr(DEADLINE, (y, y), m.group(0), m.start(), m.end(), _part(m),
                     note=f"'{m.group(0)}': a deadline, not the level of {y}"))
    for pattern, years, peak, note in _PERIODS:
        for m in pattern.finditer(sentence):
            add(since_or(RANGE, years, m, m.start(), peak=peak, note=note))
    for pattern, year, note in _EVENTS:
        for m in pattern.finditer(sentence):
            add(since_or(POINT, (year, year), m, m.start(), note=note))
    for m in _PART_YEAR.finditer(sentence):
        y = int(m["year"])
        add(TimeExpr(POINT, (y, y), m.group(0), m.start(), m.end(), _part(m)))
    for m in _YEAR.finditer(sentence):
        y = int(m.group(1))
        add(TimeExpr(POINT, (y, y), m.group(0), m.start(), m.end()))
    if now is not None:
        for m in _NOW.finditer(sentence):
            add(TimeExpr(NOW, (now, now), m.group(0), m.start(), m.end(),
                         note=f"{m.group(0).lower()}, {said}"))
        for m in _SHIFTED.finditer(sentence):
            y = now - 1 if m["last"] else now + 1
            add(TimeExpr(POINT, (y, y), m.group(0), m.start(), m.end(),
                         note=f"{m.group(0).lower()}, {said}"))
    return sorted(found, key=lambda t: t.start)


def reading(t: TimeExpr) -> str:
    """How a time was read, for the claim's reading: '2025 (now, from the article date
    2025-11-14)', '1944 (the Second World War: …)', '2022–2025 (a running total …)'."""
    years = f"{t.years[0]}–{t.years[1]}" if t.kind == SINCE else str(t.year)
    part = f"{t.part} " if t.part and t.kind != SINCE else ""
    return f"{part}{years}" + (f" ({t.note})" if t.note else "")


def _start(t: TimeExpr | tuple[int, int]) -> int:
    return t.start if isinstance(t, TimeExpr) else t[0]


def time_for(sentence: str, start: int, end: int, exprs: Sequence[TimeExpr],
             figures: Sequence[tuple[int, int]] = ()) -> TimeExpr | None:
    """The time written next to a figure at ``start:end``: the nearest following one within
    its clause, unless another figure stands between them ('12.8 trillion in 2026 and 13.1
    trillion in 2027': each figure takes its own year); else the nearest before it in the
    clause; else None. ``exprs`` and ``figures`` are sorted by start (as the readers give
    them); lookups bisect, so a sentence's figures cost O(log n) each."""
    def blocked(a: int, b: int) -> bool:
        k = bisect.bisect_left(figures, a, key=_start)
        while k < len(figures) and figures[k][0] < b:
            if figures[k] != (start, end):
                return True
            k += 1
        return _CLAUSE_BREAK.search(sentence, a, b) is not None

    def opening(t: TimeExpr) -> bool:  # 'In 2024, …', 'When Russia launched …, it …'
        return _CLAUSE_BREAK.search(sentence, 0, t.start) is None and \
            len(_CLAUSE_BREAK.findall(sentence, t.end, start)) == 1 and \
            not any(t.end <= s < start for s, _ in figures)

    i = bisect.bisect_left(exprs, end, key=_start)
    if i < len(exprs) and exprs[i].start - end < 60 and not blocked(end, exprs[i].start):
        return exprs[i]
    k = bisect.bisect_right(exprs, start, key=_start) - 1
    while k >= 0 and exprs[k].end > start:
        k -= 1
    if k >= 0 and (not blocked(exprs[k].end, start) or opening(exprs[k])):
        return exprs[k]
    return None


@functools.lru_cache(maxsize=16)
def _expressions(text: str, on: date | None) -> tuple[TimeExpr, ...]:
    return tuple(time_expressions(text, on))


def figure_time(text: str, start: int, end: int, on: date | None,
                figures: Sequence[tuple[int, int]] = ()) -> TimeExpr | None:
    """The time written next to the figure at ``start:end`` (see ``time_for``); a
    sentence's times are read once however many figures it has."""
    return time_for(text, start, end, _expressions(text, on), figures)


_PAST_VERB = re.compile(r"\b(?:was|were|had|spent|rose|fell|grew|hit|came|stood|made|saw|"
                        r"paid|put|went|got|(?!need|seed|feed|speed|breed|proceed|succeed)"
                        r"[a-z]{2,}ed)\b")
_NOT_PAST = re.compile(r"\b(?:is|are|am|has|have|remains?|spends?|accounts?|makes?|produces?|"
                       r"needs?|wants?|will|would|shall|could|can|may|might|must|should|"
                       r"plans?|planned|expects?|expected|aims?|intends?|projected|forecast|"
                       r"set to|due to|budgeted|draft|now|currently|today|nowadays|presently|"
                       r"at present|this year|next year|so far|to date|since|by the end)\b",
                       re.I)


def past_tense(sentence: str) -> bool:
    """The sentence reports what was, in a simple past ('Spending reached $31.6 billion'),
    with no present, perfect or future verb and no word that sets its own time: the mood
    in which a year written in the sentence before carries over."""
    return _PAST_VERB.search(sentence) is not None and _NOT_PAST.search(sentence) is None


def now_caveats(text: str, years: list[tuple[int, int]], on: date | None) -> tuple[str, ...]:
    """Said on a sentence whose year is the date it was said ('now', 'currently', 'this
    year'), when it writes no year of its own: '2025 (now, from the article date …)'."""
    if years:
        return ()
    now = [t for t in time_expressions(text, on) if t.kind == NOW]
    return (f"year read as {reading(now[0])}",) if now else ()


def running_total(t: TimeExpr | None) -> str:
    """Why a count written with 'since DATE' is no level of one year, or ''."""
    if t is None or t.kind != SINCE:
        return ""
    return (f"'{t.text}': a running total over {t.years[0]}–{t.years[1]}, not the level of "
            f"{t.years[0]}; the data hold yearly figures and their sum is not checked here")


_FROM_BEFORE = re.compile(r"\bfrom\s{1,3}(?:about\s{1,3}|some\s{1,3}|around\s{1,3}|"
                          r"(?:US)?\$|€|£)?$", re.I)


def level_at_since(text: str, start: int, t: TimeExpr | None) -> str:
    """'grown from 300,000 a year since 2022': the figure after 'from' is the level at the
    start of the span; '' when the figure is not written that way."""
    if t is None or t.kind != SINCE or t.start < start or \
            not _FROM_BEFORE.search(text, max(0, start - 16), start):
        return ""
    return (f"'from … {t.text}': the figure is the level at the start, read at "
            f"{t.years[0]}")


def held_since(t: TimeExpr | None) -> str:
    """For a rate or a share written with 'since DATE' ('250,000 shells a month since
    2023', '6% of GDP since 2023'): it has held from then to the date said, so it is read at
    the later year; '' for any other time."""
    if t is None or t.kind != SINCE:
        return ""
    return (f"'{t.text}': a rate or share held from {t.years[0]} to {t.years[1]}, read at "
            f"{t.years[1]}, the date said")


def event_reading(t: TimeExpr | None) -> str:
    """For a figure dated by an event or a relative year ('when Russia launched its
    full-scale invasion', 'last year'): how that date was read; '' for any other time."""
    if t is None or t.kind != POINT or not t.note:
        return ""
    return f"'{t.text}' read as {t.year} ({t.note})"


_UNREAD_SPAN = re.compile(
    r"\b(?:(?:each|every|all|any|both|either)\s+of\s+)?the\s+(?:last|past|previous|preceding|"
    r"next|coming|following|first)\s+(?:(?:few|several|two|three|four|five|six|seven|eight|"
    r"nine|ten|\d{1,2}|couple\s+of)\s+)?(?:years|decades?|months|quarters)\b|\bin recent (?:years|"
    r"months|decades)\b|\bfor (?:years|decades)\b|\bover (?:the )?(?:years|decades)\b|"
    r"\bin (?:the )?(?:coming|next) (?:years|decade)\b|\b(?:previously|formerly|"
    r"historically|in the past|at one time|once upon a time)\b", re.I)


def unread_span(sentence: str) -> str:
    """A stretch of time the sentence writes that no year reading takes in ('for each of the
    last three years', 'in recent years', 'over the next decade'), or ''. A figure said with
    one of these and no year of its own is not the level of the year it was said."""
    m = _UNREAD_SPAN.search(sentence)
    return m.group(0) if m else ""


_MONTH_ABBR = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
_PART_OF_YEAR = re.compile(
    rf"\b(?:the\s+)?first\s+(?:half|quarter|(?:\w{{1,12}}\s+)?(?:months|weeks|quarters))\b|"
    rf"\b(?:the\s+)?(?:second|third|fourth|last)\s+quarter\b|\bH[12]\b|\bQ[1-4]\b|"
    rf"\b(?:{_MONTH_WORD}|{_MONTH_ABBR})\s?[-–—]\s?(?:{_MONTH_WORD}|{_MONTH_ABBR})\b|"
    rf"\bso far (?:this|in)\b|\byear[- ]to[- ]date\b|\bin the (?:first|opening) (?:months|"
    rf"weeks)\b|\b(?:through|until|to the end of)\s+(?:{_MONTH_WORD})\b", re.I)


def part_of_year(sentence: str) -> str:
    """Part of a year the sentence writes ('in the first six months', 'January-August',
    'so far this year', 'Q3'), or '': money spent or rounds made in part of a year are not
    the year's total."""
    m = _PART_OF_YEAR.search(sentence)
    return m.group(0) if m else ""


def since_near(sentence: str, on: date | None, at: int) -> int | None:
    """``since`` when the sentence writes one base; when it writes several ('doubled over the
    past four years … since the 1991 collapse of the Soviet Union'), the one nearest the
    change at ``at``: each clause's 'since' belongs to its own verb."""
    found: list[tuple[int, int]] = []  # (position, year)
    if on is not None:
        found += [(t.start, t.years[0]) for t in _expressions(sentence, on) if t.kind == SINCE]
    for pattern, year in SINCE_EVENTS:
        found += [(m.start(), year) for m in re.finditer(r"\bsince\s+" + pattern, sentence,
                                                          re.I)]
    for m in _SINCE.finditer(sentence):
        if (y := since(m.group(0), on)) is not None:
            found.append((m.start(), y))
    if len({y for _, y in found}) <= 1:
        return since(sentence, on)
    return min(found, key=lambda f: (abs(f[0] - at), f[0] < at))[1]

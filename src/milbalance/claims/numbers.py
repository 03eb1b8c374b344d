"""How defence reporting writes numbers: "13.5 trillion rubles", "$151 billion", "6.3% of GDP",
"2 million shells a year", "40,000 rounds a month", "a third of its GDP", "four times as much",
"in three months".

The functions here only read numbers; which entity or item a number is about is the parser's
job (``parser``), with the item phrases from the gazetteer passed in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from milbalance.claims.kinds import Quantity, QuantityUnit

WORD_NUMBERS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "a hundred": 100, "half a": 0.5, "a dozen": 12,
}
SCALES = {
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6,
    "mln": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3,
}
CURRENCY_WORDS = {
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "rub": "RUB",
    "dollars": "USD", "dollar": "USD", "usd": "USD", "us$": "USD", "$": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR", "pounds": "GBP", "£": "GBP",
    "gbp": "GBP", "hryvnias": "UAH", "hryvnia": "UAH", "uah": "UAH", "zlotys": "PLN",
    "zloty": "PLN", "pln": "PLN", "yuan": "CNY", "cny": "CNY",
}
FRACTIONS = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
    "one-third": 100 / 3, "two-thirds": 200 / 3, "two thirds": 200 / 3, "a quarter": 25.0,
    "one quarter": 25.0, "a fifth": 20.0, "one fifth": 20.0, "a tenth": 10.0, "one tenth": 10.0,
}
PER_YEAR = {"year": 1.0, "annum": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}
DURATION_YEARS = {"year": 1.0, "years": 1.0, "month": 1 / 12, "months": 1 / 12,
                  "week": 1 / 52, "weeks": 1 / 52, "day": 1 / 365, "days": 1 / 365,
                  "quarter": 0.25}
MULTIPLIER_WORDS = {
    "doubled": 2.0, "double": 2.0, "doubling": 2.0, "tripled": 3.0, "triple": 3.0,
    "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5, "twofold": 2.0, "threefold": 3.0,
    "fourfold": 4.0, "fivefold": 5.0, "sixfold": 6.0, "sevenfold": 7.0, "eightfold": 8.0,
    "ninefold": 9.0, "tenfold": 10.0,
}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS if w not in ("a", "an")),
                         key=len, reverse=True))
_NUM = rf"(?:{_DIGITS}|{_WORDS}|an?(?=\s+(?:million|billion|trillion|thousand)\b))"
_SCALE = r"trillion|tn|trn|billion|bn|million|mln|mn|thousand|m|k"
_CUR_PRE = r"US\$|\$|€|£|RUB\s?|USD\s?|EUR\s?"
_CUR_POST = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS if w[0].isalpha()),
                            key=len, reverse=True))
_APPROX = r"about|around|some|roughly|nearly|almost|approximately|close to|an estimated|~"
_MORE = (r"no fewer than|no less than|not less than|not fewer than|more than|over|at least|"
         r"upwards of|in excess of|above|exceeding")
_LESS = (r"no more than|not more than|not over|fewer than|less than|under|up to|below|"
         r"at most|not exceeding")

NUMBER = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+|(?P<more>{_MORE})\s+|(?P<less>{_LESS})\s+|"
    rf"(?P<between>between)\s+(?:(?:{_APPROX})\s+)?)?"
    rf"(?P<pre>{_CUR_PRE})?(?P<num>{_NUM})"
    # "4 million to 5 million", "between 4 million and 5 million": each end has its scale
    # ("and" joins the ends only after "between": "2 million and 3 million" may be two figures)
    rf"(?:\s*(?P<scale0>{_SCALE})\b(?=\s*(?:to|-|–|(?(between)and|to))\s*(?:{_CUR_PRE})?"
    rf"(?:{_DIGITS}|{_WORDS})\s*(?:{_SCALE})\b))?"
    rf"(?:\s*(?:to|-|–|and)\s*(?:{_CUR_PRE})?(?P<num2>{_DIGITS}|{_WORDS}))?"
    rf"(?:\s*(?P<scale>{_SCALE})\b)?"
    rf"(?:\s+(?P<post>{_CUR_POST})\b)?",
    re.IGNORECASE,
)
PERCENT = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+|(?P<more>{_MORE})\s+|(?P<less>{_LESS})\s+)?"
    rf"(?P<num>{_DIGITS})\s*(?:%|per\s?cent\b|percent\b)"
    r"(?P<gdp>\s+of\s+(?:(?:its|the|their|the country's|[A-Z][\w.']*'s?|national|annual|"
    r"total|overall|economic)\s+)*(?:GDP|gross domestic product|economic output|"
    r"national income|economy))?",
    re.IGNORECASE,
)
FRACTION_OF_GDP = re.compile(
    r"(?P<frac>" + "|".join(sorted((re.escape(f) for f in FRACTIONS), key=len, reverse=True))
    + r")\s+of\s+(?:(?:its|the|their|the country's|[A-Z][\w.']*'s?|national|annual|total|"
    r"economic)\s+)*(?:GDP|gross domestic product|economic output|economy)",
    re.IGNORECASE,
)
RATE = re.compile(
    r"^\s*(?:(?:a|per|each|every|a single)\s+(?P<unit>year|month|week|day)\b|per annum\b|"
    r"(?P<adv>annually|yearly|monthly|weekly|daily)\b|a year\b)",
    re.IGNORECASE,
)
MULTIPLIER = re.compile(
    rf"(?:by\s+(?:a\s+)?factor\s+of\s+(?P<factor>{_NUM})|"
    rf"(?P<times>{_NUM})[\s-]*(?:times|x)\b|(?P<fold>{_NUM})-fold|"
    r"(?P<word>" + "|".join(MULTIPLIER_WORDS) + r")\b)",
    re.IGNORECASE,
)
DURATION = re.compile(
    rf"\bin\s+(?:just\s+|only\s+)?(?:(?P<num>{_NUM})|a\s+(?:full\s+|single\s+|whole\s+)?)"
    r"\s*(?P<unit>years?|months?|weeks?|days?|quarter)\b",
    re.IGNORECASE,
)
_NOT_A_QUANTITY_AFTER = re.compile(
    r"^\s*(?:-?\s*mm\b|-?millimet|times\b|x\b|-fold|%|per\s?cent|percent|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b|(?:st|nd|rd|th)\b|-year|-month|-day|containers|countries|allies|members)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s*$", re.IGNORECASE)


def number_value(text: str) -> float:
    """'1,500' → 1500.0, 'two' → 2.0 (digits with thousands commas, or a number word)."""
    word = text.strip().lower()
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word])
    return float(word.replace(",", ""))


def multiplier_value(match: re.Match[str]) -> float:
    """The factor a MULTIPLIER match states: 'four times' → 4, 'tenfold' → 10."""
    for group in ("factor", "times", "fold"):
        if match[group]:
            return number_value(match[group])
    return MULTIPLIER_WORDS[match["word"].lower()]


_ELLIPTIC_DURATION = re.compile(
    r"\bin\s+(?:just\s+|only\s+)?(?P<num>" + _WORDS + r"|\d{1,2})\b(?![\s-]*(?:[\w-]+\s+)?"
    r"(?:years?|months?|weeks?|days?|quarters?|%|per|percent|million|billion|thousand|mm|"
    r"times)\b)", re.IGNORECASE)


def find_durations(sentence: str) -> list[tuple[float, int]]:
    """(years, position) of each 'in N months' in a sentence; where one period is written
    in full and another leaves out its unit ('what NATO makes in twelve months, Russia
    makes in three'), the bare one takes the full one's unit."""
    full = list(DURATION.finditer(sentence))
    found = [(duration_years(d), d.start()) for d in full]
    if len(full) == 1:
        unit = DURATION_YEARS[full[0]["unit"].lower()]
        for m in _ELLIPTIC_DURATION.finditer(sentence):
            if m.start() != full[0].start():
                found.append((number_value(m["num"]) * unit, m.start()))
    return sorted(found, key=lambda d: d[1])


def duration_years(match: re.Match[str]) -> float:
    """A DURATION match in years: 'in three months' → 0.25, 'in a full year' → 1."""
    count = number_value(match["num"]) if match["num"] else 1.0
    return count * DURATION_YEARS[match["unit"].lower()]


@dataclass(frozen=True)
class ItemMatch:
    """An item phrase found right after a number (``end`` is where the phrase ends)."""

    item: str
    end: int


ItemFinder = Callable[[str, int], ItemMatch | None]
"""Looks for an item phrase starting at (or a few words after) a position in a sentence."""


def _is_year(value: float, raw: str, has_unit: bool) -> bool:
    return not has_unit and raw.isdigit() and len(raw) == 4 and 1900 <= value <= 2100


def find_quantities(sentence: str, items: ItemFinder) -> list[Quantity]:
    """Every quantity in a sentence, left to right; years, calibres and dates are skipped."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def flags(m: re.Match[str]) -> tuple[bool, str]:
        bound = "at-least" if m["more"] else "at-most" if m["less"] else ""
        return bool(m["approx"]), bound

    for m in PERCENT.finditer(sentence):
        approx, bound = flags(m)
        unit = QuantityUnit.PERCENT_GDP if m["gdp"] else QuantityUnit.PERCENT
        found.append(Quantity(number_value(m["num"]), unit, m.group(0).strip(), m.start(),
                              m.end(), approximate=approx, bound=bound))
        taken.append((m.start(), m.end()))
    for m in FRACTION_OF_GDP.finditer(sentence):
        if free(m.start(), m.end()):
            found.append(Quantity(FRACTIONS[m["frac"].lower()], QuantityUnit.PERCENT_GDP,
                                  m.group(0), m.start(), m.end(), approximate=True))
            taken.append((m.start(), m.end()))
    for m in NUMBER.finditer(sentence):
        start, end = m.start("num") if not m["pre"] else m.start("pre"), m.end()
        if not m["num"] or not free(m.start(), m.end()):
            continue
        if start > 0 and (sentence[start - 1].isalnum() or sentence[start - 1] in "-/"):
            continue  # part of a word or an id (F-16, MF001, 2023/24)
        after = sentence[m.end():]
        if _NOT_A_QUANTITY_AFTER.match(after) and not (m["pre"] or m["post"]):
            continue
        if _MONTH_BEFORE.search(sentence[:start]):
            continue  # "June 27"
        raw = m["num"]
        if raw.lower() in WORD_NUMBERS and not (m["scale"] or m["pre"] or m["post"]):
            item = items(sentence, m.end())
            if item is None:
                continue  # "one of", "two allies": only a word number followed by an item
        scale = SCALES[m["scale"].lower()] if m["scale"] else 1.0
        scale0 = SCALES[m["scale0"].lower()] if m["scale0"] else scale
        value = number_value(raw) * scale0
        cur_text = (m["pre"] or m["post"] or "").strip().lower()
        currency = CURRENCY_WORDS.get(cur_text, "")
        if _is_year(value, raw, bool(m["scale"] or currency)):
            continue
        low = high = None
        if m["num2"]:
            # "1.3 to 1.4 million": the scale belongs to both ends
            low, high = value, number_value(m["num2"]) * scale
            value = (low + high) / 2
        approx, bound = flags(m)
        text = m.group(0).strip()
        if currency:
            found.append(Quantity(value, QuantityUnit.MONEY, text, start, end, currency=currency,
                                  approximate=approx, bound=bound, low=low, high=high))
            taken.append((m.start(), end))
            continue
        item = items(sentence, m.end())
        item_id, tail = (item.item, item.end) if item else ("", m.end())
        rate = RATE.match(sentence[tail:])
        if rate is None and item is None and m["scale"]:
            rate = RATE.match(sentence[m.end():])
        if item is None and rate is None and not m["scale"]:
            continue  # a bare small number: not a quantity the claims can use
        per, factor = "", 1.0
        unit = QuantityUnit.COUNT
        if rate is not None:
            per = (rate["unit"] or {"annually": "year", "yearly": "year", "monthly": "month",
                                    "weekly": "week", "daily": "day"}.get(
                                        (rate["adv"] or "").lower(), "year")).lower()
            factor = PER_YEAR[per]
            unit = QuantityUnit.RATE
            tail = tail + rate.end()
        found.append(Quantity(
            value * factor, unit, sentence[start:tail].strip(), start, tail, item=item_id,
            per=per, approximate=approx, bound=bound,
            low=None if low is None else low * factor,
            high=None if high is None else high * factor))
        taken.append((m.start(), tail))
    return sorted(found, key=lambda q: q.start)

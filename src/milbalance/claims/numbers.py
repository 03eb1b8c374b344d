"""How defence reporting writes numbers: "13.5 trillion rubles", "$151 billion", "6.3% of GDP",
"2 million shells a year", "40,000 rounds a month", "a third of its GDP", "four times as much",
"in three months".

The functions here only read numbers; which entity or item a number is about is the parser's
job (``parser``), with the item phrases from the gazetteer passed in.

Cost is linear in the text: every pattern that can run over digits, commas or words has a
bounded quantifier (a number has at most 15 integer digits, six thousands groups and 12
decimals), and a number starts only where no digit, '.' or ',' precedes it, so a long run of
digits is tried once, not from each of its characters. Lookups around a figure read a window
of the sentence, never the rest of it.

Libraries tried for this job (December 2026, offline from PyPI) and not adopted:
quantulum3 0.10 (import 0.25 s, first parse 8 s, 200 digits 20 s; reads '$151bn' as dollar
barn newton and 'third-largest' as 1/3), number-parser 0.3 (5 ms a call; 'a third' → 'a 3',
'13.5 trillion' → '13.5 1000000000000'), dateparser 1.5 (import 0.9 s, which alone breaks
the 1 s cold `check`; misses 'mid-2025' and the named wars, reads '2026 and 13' as a date).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from milbalance.claims.kinds import Quantity, QuantityUnit

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
WORD_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "hundred": 100, "a hundred": 100, "one hundred": 100, "half a": 0.5,
    "a dozen": 12, "one and a half": 1.5, "two and a half": 2.5,
    **{w: i + 1 for i, w in enumerate(_UNITS)}, **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: 20 + 10 * i for i, w in enumerate(_TENS)},
}
"""Numbers written as one word or phrase; 'twenty-five' and 'twenty five' are read as the tens
and the unit (``word_value``)."""
SCALES = {
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "tln": 1e12, "billion": 1e9, "bn": 1e9,
    "bln": 1e9, "b": 1e9, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "thousand": 1e3,
    "k": 1e3, "lakh crore": 1e12, "lakh crores": 1e12, "crore": 1e7, "crores": 1e7,
    "lakh": 1e5, "lakhs": 1e5,
}
CURRENCY_WORDS = {
    "rubles": "RUB", "roubles": "RUB", "ruble": "RUB", "rouble": "RUB", "rub": "RUB",
    "dollars": "USD", "dollar": "USD", "usd": "USD", "us$": "USD", "$": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR", "pounds": "GBP", "£": "GBP",
    "gbp": "GBP", "hryvnias": "UAH", "hryvnia": "UAH", "uah": "UAH", "zlotys": "PLN",
    "zloty": "PLN", "pln": "PLN", "yuan": "CNY", "cny": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "yen": "JPY", "jpy": "JPY", "won": "KRW", "krw": "KRW", "rupees": "INR",
    "rupee": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "₹": "INR", "nt$": "TWD",
    "twd": "TWD", "shekels": "ILS", "shekel": "ILS", "nis": "ILS", "lira": "TRY",
    "liras": "TRY", "kronor": "SEK",
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

_DIGITS = (r"(?<![\d.,])(?:\d{1,3}(?:,\d{3}){1,6}|\d{1,3}(?:[ \u00a0\u202f]\d{3}){1,6}(?![\d,])"
           r"|\d{1,15})(?:\.\d{1,12})?(?!\d|[.,]\d)")
"""A written number: '1,500', '500 000' (a space, as French and Ukrainian reporting groups
thousands), '13.5', '2024'. It starts where no digit, '.' or ',' precedes it
and ends where none follows, so a digit run longer than a number is no number at all."""
_COMPOUND = rf"(?:{'|'.join(_TENS)})[- ](?:{'|'.join(_UNITS)})\b"
_WORDS = _COMPOUND + "|" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS
                                            if w not in ("a", "an")),
                         key=len, reverse=True))
_NUM = (rf"(?:{_DIGITS}|(?<![a-z])(?=[a-z])(?:{_WORDS}|"
        r"an?(?=\s+(?:million|billion|trillion|thousand)\b)))")
"""A number in digits or words; words are tried only where a word starts (the alternation
of ~190 words is slow to try at every character)."""
_SCALE = (r"lakh\s+crores?|crores?|lakhs?|trillion|tn|trn|tln|billion|bn|bln|b|million|mln|mn|"
          r"thousand|m|k")
_CUR_PRE = r"NT\$\s?|US\$|\$|€|£|₹\s?|Rs\.?\s?|RUB\s?|USD\s?|EUR\s?"
_CUR_POST = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS if w[0].isalpha()),
                            key=len, reverse=True))
_APPROX = (r"about|around|some|roughly|nearly|almost|just under|just short of|"
           r"approximately|close to|an estimated|~")
_BELOW_APPROX = ("nearly", "almost", "just under", "just short of")
"""Approximate from below: 'nearly 2 million' is read as 1.8–2 million (within 10% under)."""
_STRICT = ("more than", "over", "above", "exceeding", "upwards of", "in excess of",
           "fewer than", "less than", "under", "below")
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
    rf"(?:\s{{0,3}}(?P<scale0>{_SCALE})\b(?=\s{{0,3}}(?:to|-|–|(?(between)and|to))"
    rf"\s{{0,3}}(?:{_CUR_PRE})?(?:{_DIGITS}|{_WORDS})\s{{0,3}}(?:{_SCALE})\b))?"
    rf"(?:\s{{0,3}}(?:to|-|–|and)\s{{0,3}}(?:{_CUR_PRE})?(?P<num2>{_DIGITS}|{_WORDS}))?"
    rf"(?:\s{{0,3}}(?P<scale>{_SCALE})\b)?"
    rf"(?:\s{{1,3}}(?P<post>{_CUR_POST})\b)?",
    re.IGNORECASE,
)
PERCENT = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+|(?P<more>{_MORE})\s+|(?P<less>{_LESS})\s+)?"
    rf"(?P<num>{_DIGITS})\s{{0,3}}(?:%|per\s?cent\b|percent\b|pc\b)"
    r"(?P<gdp>\s{1,3}of\s{1,3}(?:(?:its|the|their|the country's|[A-Z][\w.']{0,40}'s?|"
    r"national|annual|total|overall|economic|projected|estimated|nominal|forecast|expected)"
    r"\s{1,3}){0,4}(?:GDP|G\.D\.P\.?|gross domestic product|economic output|"
    r"national income|economy))?",
    re.IGNORECASE,
)
FRACTION_OF_GDP = re.compile(
    r"(?P<frac>" + "|".join(sorted((re.escape(f) for f in FRACTIONS), key=len, reverse=True))
    + r")\s{1,3}of\s{1,3}(?:(?:its|the|their|the country's|[A-Z][\w.']{0,40}'s?|national|"
    r"annual|total|economic|projected|estimated|nominal|forecast|expected)\s{1,3}){0,4}(?:GDP|"
    r"G\.D\.P\.?|gross domestic product|economic output|economy)",
    re.IGNORECASE,
)
RATE = re.compile(
    r"\s{0,3}(?:(?:a|per|each|every|a single)\s{1,3}(?P<unit>year|month|week|day)\b|"
    r"per annum\b|(?P<adv>annually|yearly|monthly|weekly|daily)\b|a year\b)",
    re.IGNORECASE,
)
_BEFORE_RATE = re.compile(r"\s{0,3}(?:(?:units?|pieces?|items?)\b(?:\s{0,3}\([^()]{1,80}\))?|"
                          r"\([^()]{1,80}\)|of(?:\s{1,3}[\w-]{1,20}){1,4}?)" + RATE.pattern,
                          re.IGNORECASE)
"""A rate after a counter word ('2,700 units per month'), an aside in brackets ('drones (the
Russian Shahed) per month') or an 'of' phrase ('40,000 rounds of 155mm ammunition per
month')."""
MULTIPLIER = re.compile(
    rf"(?:by\s+(?:a\s+)?factor\s+of\s+(?P<factor>{_NUM})|"
    rf"(?P<times>{_NUM})[\s-]{{0,3}}(?:times|x)\b|(?P<fold>{_NUM})-fold|"
    r"(?P<word>" + "|".join(MULTIPLIER_WORDS) + r")\b)",
    re.IGNORECASE,
)
DURATION = re.compile(
    rf"\bin\s{{1,3}}(?:just\s{{1,3}}|only\s{{1,3}})?(?:(?P<num>{_NUM})|"
    r"a\s{1,3}(?:full\s{1,3}|single\s{1,3}|whole\s{1,3})?)"
    r"\s{0,3}(?P<unit>years?|months?|weeks?|days?|quarter)\b",
    re.IGNORECASE,
)
_NOT_A_QUANTITY_AFTER = re.compile(
    r"\s{0,3}(?:-?\s{0,3}mm\b|-?\s{0,3}millimet|times\b|x\b|-fold|%|per\s?cent|percent|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b|(?:st|nd|rd|th)\b|-year|-month|-day|containers|countries|allies|members)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s{0,3}$", re.IGNORECASE)


def word_value(text: str) -> float | None:
    """'two' → 2, 'twenty-five' and 'twenty five' → 25; None for no number word."""
    word = " ".join(text.strip().lower().split())
    if word in WORD_NUMBERS:
        return float(WORD_NUMBERS[word])
    tens, _, unit = word.replace("-", " ").partition(" ")
    if tens in _TENS and unit in _UNITS:
        return float(WORD_NUMBERS[tens] + WORD_NUMBERS[unit])
    return None


def number_value(text: str) -> float:
    """'1,500' → 1500.0, 'two' → 2.0 (digits with thousands commas, or a number word)."""
    value = word_value(text)
    if value is not None:
        return value
    return float(re.sub(r"[,\s\u00a0\u202f]", "", text.strip()))


def multiplier_value(match: re.Match[str]) -> float:
    """The factor a MULTIPLIER match states: 'four times' → 4, 'tenfold' → 10."""
    for group in ("factor", "times", "fold"):
        if match[group]:
            return number_value(match[group])
    return MULTIPLIER_WORDS[match["word"].lower()]


_ELLIPTIC_DURATION = re.compile(
    r"\bin\s{1,3}(?:just\s{1,3}|only\s{1,3})?(?P<num>" + _WORDS
    + r"|(?<!\d)\d{1,2})\b(?![\s-]{0,3}(?:[\w-]{1,30}\s{1,3})?"
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


_ITEM_WINDOW = 160
"""Characters after a figure that its item phrase and rate may take ('2 million new
155 mm high-explosive artillery shells a year')."""


def item_near(items: ItemFinder, sentence: str, position: int,
              seen: dict[str, ItemMatch | None] | None = None) -> ItemMatch | None:
    """``items`` read on a window after ``position`` (the cost does not grow with the text);
    ``seen`` keeps the answers for windows already read (a run of repeated figures)."""
    window = sentence[position:position + _ITEM_WINDOW]
    if seen is None or window not in seen:
        found = items(window, 0)
        if seen is not None:
            seen[window] = found
    else:
        found = seen[window]
    return None if found is None else ItemMatch(found.item, found.end + position)


class _Spans:
    """Character spans already read as a figure, sorted and disjoint (a bisect per test)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start)
        if i and self.ends[i - 1] > start:
            return False
        return i == len(self.starts) or self.starts[i] >= end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _flags(m: re.Match[str]) -> tuple[bool, str, bool]:
    """(approximate, bound, strict) from the word before a figure."""
    word = (m["approx"] or m["more"] or m["less"] or "").lower()
    bound = "at-least" if m["more"] else "at-most" if m["less"] else ""
    return bool(m["approx"]), bound, " ".join(word.split()) in _STRICT


def _below(m: re.Match[str], value: float, low: float | None,
           high: float | None) -> tuple[float | None, float | None]:
    """'nearly 2 million': 1.8–2 million (approximately, from below)."""
    if m["approx"] and " ".join(m["approx"].lower().split()) in _BELOW_APPROX and low is None:
        return value * 0.9, value
    return low, high


_PER_ADVERB = {"annually": "year", "yearly": "year", "monthly": "month", "weekly": "week",
               "daily": "day"}


def rate_note(q: Quantity) -> str:
    """The conversion a rate went through, in words ('' for a yearly or no rate)."""
    if not q.per or q.per == "year":
        return ""
    factor = PER_YEAR[q.per]
    return (f"'{q.text}' is a rate per {q.per}: annualised ×{factor:g} = "
            f"{q.value:,.0f} a year before any comparison with yearly figures")


def _number_matches(sentence: str) -> Iterator[re.Match[str]]:
    """NUMBER's matches, except that a year never opens a range ('in 2026 and 13.1
    trillion in 2027', 'from 2022 to 4.5 million'): the search goes on after the year."""
    pos = 0
    while (m := NUMBER.search(sentence, pos)) is not None:
        raw = m["num"]
        if m["num2"] and not (m["pre"] or m["scale0"] or m["between"]) and \
                _is_year(number_value(raw), raw, False):
            pos = m.end("num")
            continue
        yield m
        pos = max(m.end(), pos + 1)


def find_quantities(sentence: str, items: ItemFinder) -> list[Quantity]:
    """Every quantity in a sentence, left to right; years, calibres and dates are skipped."""
    found: list[Quantity] = []
    taken = _Spans()
    seen: dict[str, ItemMatch | None] = {}

    for m in PERCENT.finditer(sentence):
        approx, bound, strict = _flags(m)
        value = number_value(m["num"])
        below = _below(m, value, None, None)
        unit = QuantityUnit.PERCENT_GDP if m["gdp"] else QuantityUnit.PERCENT
        found.append(Quantity(value, unit, m.group(0).strip(), m.start(), m.end(),
                              approximate=approx, bound=bound, strict=strict, low=below[0],
                              high=below[1]))
        taken.add(m.start(), m.end())
    for m in FRACTION_OF_GDP.finditer(sentence):
        if taken.free(m.start(), m.end()):
            found.append(Quantity(FRACTIONS[m["frac"].lower()], QuantityUnit.PERCENT_GDP,
                                  m.group(0), m.start(), m.end(), approximate=True))
            taken.add(m.start(), m.end())
    for m in _number_matches(sentence):
        start, end = m.start("num") if not m["pre"] else m.start("pre"), m.end()
        if not m["num"] or not taken.free(m.start(), m.end()):
            continue
        if start > 0 and (sentence[start - 1].isalnum() or sentence[start - 1] in "-/"):
            continue  # part of a word or an id (F-16, MF001, 2023/24)
        if _NOT_A_QUANTITY_AFTER.match(sentence, m.end()) and not (m["pre"] or m["post"]):
            continue
        if _MONTH_BEFORE.search(sentence[max(0, start - 14):start]):
            continue  # "June 27"
        raw = m["num"]
        if word_value(raw) is not None and not (m["scale"] or m["pre"] or m["post"]):
            item = item_near(items, sentence, m.end(), seen)
            if item is None:
                continue  # "one of", "two allies": only a word number followed by an item
        scale = SCALES[" ".join(m["scale"].lower().split())] if m["scale"] else 1.0
        scale0 = SCALES[" ".join(m["scale0"].lower().split())] if m["scale0"] else scale
        value = number_value(raw) * scale0
        cur_text = "".join((m["pre"] or m["post"] or "").split()).lower()
        currency = CURRENCY_WORDS.get(cur_text, "")
        if _is_year(value, raw, bool(m["scale"] or currency)):
            continue
        low: float | None = None
        high: float | None = None
        if m["num2"]:
            # "1.3 to 1.4 million": the scale belongs to both ends
            low, high = value, number_value(m["num2"]) * scale
            value = (low + high) / 2
        low, high = _below(m, value, low, high)
        approx, bound, strict = _flags(m)
        text = m.group(0).strip()
        if currency:
            found.append(Quantity(value, QuantityUnit.MONEY, text, start, end, currency=currency,
                                  approximate=approx, bound=bound, strict=strict, low=low,
                                  high=high))
            taken.add(m.start(), end)
            continue
        item = item_near(items, sentence, m.end(), seen)
        item_id, tail = (item.item, item.end) if item else ("", m.end())
        rate = RATE.match(sentence, tail)
        if rate is None and item is None and m["scale"]:
            rate = RATE.match(sentence, m.end())
        if rate is None:
            rate = _BEFORE_RATE.match(sentence, tail)  # '2,700 units per month'
        if item is None and rate is None and not m["scale"]:
            continue  # a bare small number: not a quantity the claims can use
        per, factor = "", 1.0
        unit = QuantityUnit.COUNT
        if rate is not None:
            per = (rate["unit"] or _PER_ADVERB.get((rate["adv"] or "").lower(), "year")).lower()
            factor = PER_YEAR[per]
            unit = QuantityUnit.RATE
            tail = rate.end()
        found.append(Quantity(
            value * factor, unit, sentence[start:tail].strip(), start, tail, item=item_id,
            per=per, approximate=approx, bound=bound, strict=strict,
            low=None if low is None else low * factor,
            high=None if high is None else high * factor))
        taken.add(m.start(), tail)
    return sorted(found, key=lambda q: q.start)

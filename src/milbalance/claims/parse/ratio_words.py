"""Ratio words: "twice", "double(d)", "tripled", "halved", "roughly half", "a third",
"several times" (read as at least 3, stated), "a tenfold increase", "N-fold", "grew 12 times".

``ratio_word`` finds the first multiple a sentence writes as a change of one quantity over
time ('doubled', 'a tenfold increase', 'rose more than 12 times'); ``word_ratio`` reads a
ratio word on its own ('twice' → 2, 'several' → 3 with its caveat); ``bound_before`` reads
the bound or approximation written before a figure ('more than', 'almost').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEVERAL = 3.0
"""'Several times' read in its weakest sense: at least three times."""
SEVERAL_CAVEAT = "'several times' read as at least 3 times (its weakest sense)"
RATIO_BOUND = (r"more than|well over|just over|over|at least|upwards of|in excess of|"
               r"almost|nearly|roughly|about|around|some|close to|approximately|"
               r"no more than|less than|just under|under|up to|at most")
_NUMS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a hundred": 100}
_MULT_VERBS = {"doubled": 2.0, "doubling": 2.0, "tripled": 3.0, "trebled": 3.0,
               "tripling": 3.0, "quadrupled": 4.0, "quintupled": 5.0, "halved": 0.5,
               "halving": 0.5}
_FRACTIONS = {"half": 0.5, "a half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
              "two-thirds": 2 / 3, "two thirds": 2 / 3, "a quarter": 0.25,
              "three-quarters": 0.75, "a fifth": 0.2, "a tenth": 0.1}
_N = (r"(?<![\w.,])\d{1,4}(?:\.\d{1,3})?|" + "|".join(sorted(_NUMS, key=len, reverse=True))
      + r"|several|many")
_RISE_VERB = (r"rose|risen|grew|grown|increased|climbed|jumped|surged|soared|went up|gone up|"
              r"expanded|raised|boosted|multiplied|up|increasing|raising|growing")
_BW = rf"(?:(?P<bw>{RATIO_BOUND})\s+)?"
_CHANGE = re.compile(
    rf"\b{_BW}(?P<verb>{'|'.join(_MULT_VERBS)})\b|"
    rf"\b(?:{_RISE_VERB})\s+(?:(?:[\w'’-]+\s+){{0,6}}?by\s+)?(?:(?P<bw2>{RATIO_BOUND})\s+)?"
    rf"(?:a\s+factor\s+of\s+)?"
    rf"(?P<n>{_N})(?:\s*-?\s*fold\b|\s+times\b(?!\s+(?:as|more|less|than|the|that|what|"
    rf"bigger|larger|higher)\b))|"
    rf"\b(?:an?\s+)?(?:(?P<bw3>{RATIO_BOUND})\s+)?(?P<n2>{_N})\s*-?\s*fold\b(?!\s+(?:as|more|"
    rf"than)\b)", re.I)
"""'more than doubled', 'rose more than 12 times', 'a tenfold increase', 'up 14-fold'."""


_SAME = re.compile(
    rf"\b(?:(?P<bw>{RATIO_BOUND})\s+)?(?P<r>twice|double|triple|treble|half|a\s+third|"
    rf"a\s+quarter|(?P<n>{_N})\s+times)\s+(?:of\s+)?(?:that\s+of|those\s+of|its|their|"
    r"what\s+it\s+(?:was|spent|made|produced)\s+in|the\s+level\s+of)\s+(?:the\s+)?"
    r"(?:(?:level|figure|total|spending|budget|output)\s+(?:of|in)\s+)?(?:19|20)\d\d\b", re.I)
"""'several times that of 2014', 'double its 2021 level': a multiple of its own past."""
_SAME_WORDS = {"twice": 2.0, "double": 2.0, "triple": 3.0, "treble": 3.0, "half": 0.5,
               "a third": 1 / 3, "a quarter": 0.25}


@dataclass(frozen=True)
class RatioWord:
    factor: float
    start: int
    end: int
    bound: str = ""
    strict: bool = False
    approximate: bool = False
    change: bool = True
    caveats: tuple[str, ...] = ()


def bound_before(words: str) -> tuple[str, bool, bool]:
    """(bound, strict, approximate) for the words before a figure: 'more than' → at-least,
    strict; 'at least' → at-least; 'less than' → at-most, strict; 'almost' → approximate."""
    w = " ".join(words.lower().split())
    if w in ("more than", "well over", "just over", "over", "upwards of", "in excess of"):
        return "at-least", True, False
    if w == "at least":
        return "at-least", False, False
    if w in ("less than", "just under", "under"):
        return "at-most", True, False
    if w in ("no more than", "up to", "at most"):
        return "at-most", False, False
    return "", False, bool(w)


def word_ratio(word: str) -> tuple[float | None, tuple[str, ...]]:
    """A ratio word's value: 'twice'/'double' 2, 'half' 0.5, 'a third' 1/3, 'several' 3
    (with its caveat), '12' 12; None when it is not one."""
    w = " ".join(word.lower().split())
    if w in ("twice", "double", "two times"):
        return 2.0, ()
    if w in _FRACTIONS:
        return _FRACTIONS[w], ()
    if w in ("several", "many"):
        return SEVERAL, (SEVERAL_CAVEAT.replace("several", w),)
    if w in _NUMS:
        return float(_NUMS[w]), ()
    try:
        return float(w), ()
    except ValueError:
        return None, ()


def ratio_word(text: str) -> RatioWord | None:
    """The first multiple written as a change ('doubled', 'a tenfold increase'), or None."""
    caveats: tuple[str, ...] = ()
    if (s := _SAME.search(text)) is not None:
        word = " ".join(s["r"].lower().split())
        value, caveats = (word_ratio(s["n"]) if s["n"] else (_SAME_WORDS.get(word), ()))
        if value is not None and value > 0:
            bound, strict, approx = bound_before(s["bw"] or "")
            if value < 1:
                bound = {"at-least": "at-most", "at-most": "at-least"}.get(bound, bound)
            if caveats and not bound:
                bound = "at-least"
            return RatioWord(value, s.start(), s.end(), bound, strict, approx, True, caveats)
    for m in _CHANGE.finditer(text):
        caveats = ()
        if m["verb"]:
            factor = _MULT_VERBS[m["verb"].lower()]
        else:
            value, caveats = word_ratio(m["n"] or m["n2"])
            if value is None or value <= 1:
                continue
            factor = value
        bound, strict, approx = bound_before(m["bw"] or m["bw2"] or m["bw3"] or "")
        if factor < 1:  # 'more than halved': a fall of more than half, factor < 0.5
            bound = {"at-least": "at-most", "at-most": "at-least"}.get(bound, bound)
        if caveats and not bound:
            bound = "at-least"  # 'several times': at least three times
        return RatioWord(factor, m.start(), m.end(), bound, strict, approx, True, caveats)
    return None

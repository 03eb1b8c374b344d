"""Bounds on a figure: "more than / over / above / exceeded X" claims the value is above X,
"at least / no less than X" at or above it, "less than / under / below X" under it, "no more
than / up to / at most X" at or under it. A denied bound is the opposite bound: "did not
exceed 4%" is "≤ 4%", "never fell below 2%" is "≥ 2%"; it is then no longer a denial."""

from __future__ import annotations

import re
from dataclasses import replace

from milbalance.claims.kinds import Quantity

_ABOVE = (r"more than|over|above|exceed(?:s|ed|ing)?|in excess of|upwards of|greater than|"
          r"higher than|larger than|surpass(?:es|ed|ing)?|top(?:s|ped|ping)?|beyond")
_AT_LEAST = (r"at least|not? (?:less|fewer|lower|smaller) than|a minimum of|"
             r"not (?:under|below)")
_BELOW = r"less than|fewer than|under|below|lower than|short of|smaller than"
_AT_MOST = (r"not? (?:more|higher|greater|larger|bigger) than|not (?:over|above|exceeding)|"
            r"up to|at most|a maximum of")
_WORD = (rf"(?P<atmost>{_AT_MOST})|(?P<atleast>{_AT_LEAST})|(?P<above>{_ABOVE})|"
         rf"(?P<below>{_BELOW})")
_LEAD = re.compile(rf"\s*(?:{_WORD})\b", re.I)
_BEFORE = re.compile(rf"\b(?:{_WORD})\s+(?:(?:the|a|an|some|about|roughly)\s+)?"
                     r"(?:US\$|\$|€|£)?\s*$", re.I)

_AFTER = re.compile(r"(?:\s*(?:shells|rounds|units|tonnes|troops|drones|missiles|"
                    r"of\s+(?:its\s+|the\s+)?GDP))?\s*(?:(?P<more>or (?:more|above|higher|"
                    r"greater|over)|and (?:more|above|up|over)|plus\b|\+)|"
                    r"(?P<less>or (?:less|fewer|below|lower|under)|and (?:less|below|under)))",
                    re.I)
"""'2 million or more', '4% of GDP or higher', '2,000-plus': a bound written after the figure."""

SYMBOL = {("at-least", True): ">", ("at-least", False): "≥", ("at-most", True): "<",
          ("at-most", False): "≤"}


def _word(text: str, q: Quantity) -> re.Match[str] | None:
    lead = _LEAD.match(q.text)
    if lead is not None:
        return lead
    return _BEFORE.search(text[max(0, q.start - 40):q.start])


def resolve_bound(text: str, q: Quantity, cue: str) -> tuple[Quantity, bool, list[str]]:
    """The figure with its bound read from the words before it, whether the claim is still
    a denial, and the caveats of the reading. A denied bound becomes the opposite bound."""
    bound, strict = q.bound, q.strict
    m = _word(text, q)
    after = _AFTER.match(text, q.end)
    if m is not None:
        if m["above"] or m["atleast"]:
            bound, strict = "at-least", bool(m["above"])
        else:
            bound, strict = "at-most", bool(m["below"])
    elif after is not None:
        bound, strict = ("at-least" if after["more"] else "at-most"), False
    if not bound:
        return q, bool(cue), []
    caveats: list[str] = []
    if cue:
        was = SYMBOL[(bound, strict)]
        bound = "at-most" if bound == "at-least" else "at-least"
        strict = not strict
        caveats.append(f"'{cue}' denies the bound: '{was} X' denied is read as "
                       f"'{SYMBOL[(bound, strict)]} X'")
    return replace(q, bound=bound, strict=strict), False, caveats


def flip(bound: str) -> str:
    """The bound seen from the other side of a ratio (A ≥ 2B is B ≤ A/2)."""
    return {"at-least": "at-most", "at-most": "at-least"}.get(bound, bound)


_RATIO_BOUND = re.compile(rf"\b(?:{_WORD}|(?P<approx>almost|nearly|roughly|about|around|"
                          r"some|approximately))\s*$", re.I)


def ratio_bound(before: str) -> tuple[str, bool]:
    """The bound on a ratio from the words right before it ('more than twice as many')."""
    m = _RATIO_BOUND.search(before[-30:])
    if m is None or m["approx"]:
        return "", False
    if m["above"] or m["atleast"]:
        return "at-least", bool(m["above"])
    return "at-most", bool(m["below"])

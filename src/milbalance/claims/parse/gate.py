"""The opinion / motive / forecast gate: sentences no figure can decide."""

from __future__ import annotations

import re

from milbalance.claims.kinds import NotCheckable, NotCheckableReason

_OPINION = re.compile(
    r"\b(?:should|must|ought to|needs? to|have to|has to|I think|we think|I believe|"
    r"we believe|in my view|in our view|my opinion|it is time|it's time|dangerous|reckless|"
    r"absurd|nonsense|rubbish|myths?|a lie|fairy[ -]tales?|scaremongering|unacceptable|"
    r"shameful|foolish|wise|irresponsible|hysteria|"
    r"a mistake|the right thing)\b", re.IGNORECASE)
_MOTIVE = re.compile(
    r"\b(?:to justify|justif(?:y|ies|ying) (?:its|their|the)|pretext|an attempt to|"
    r"attempts? to (?:frighten|scare|intimidate|distract)|in order to|designed to|"
    r"intended to|aimed at|so as to|scare tactic|a ploy|wants? to (?:frighten|scare))\b",
    re.IGNORECASE)
_FORECAST = re.compile(
    r"\b(?:will|would|won't|cannot|can't|can not|is going to|are going to|could)\s+"
    r"(?:not\s+|never\s+)?(?:change|win|lose|end|collapse|decide|alter|turn|stop|defeat|"
    r"save|break|matter|escalate|prevail|survive|shift)\b|\bthe course of the war\b|"
    r"\bis doomed\b|\bwill never\b", re.IGNORECASE)


def not_checkable(text: str, has_figures: bool,
                  common: dict[str, object]) -> NotCheckable | None:
    """Why no figure can decide the sentence (opinion, motive, forecast), or None."""
    if m := _OPINION.search(text):
        return NotCheckable(reason=NotCheckableReason.OPINION, explanation=(
            f"an opinion or a recommendation ('{m.group(0)}'), not a statement of fact"),
            **common)  # type: ignore[arg-type]
    if (m := _MOTIVE.search(text)) and not has_figures:
        return NotCheckable(reason=NotCheckableReason.MOTIVE, explanation=(
            f"ascribes a motive ('{m.group(0)}'); intentions cannot be measured"),
            **common)  # type: ignore[arg-type]
    if m := _FORECAST.search(text):
        return NotCheckable(reason=NotCheckableReason.FORECAST, explanation=(
            f"a forecast of events ('{m.group(0)}'); it can be checked only after the fact"),
            **common)  # type: ignore[arg-type]
    return None

"""The sentences issue 14 found crashing the checker answer (with a verdict or 'not
checkable'), and so do other digit characters that str.isdigit accepts but int() refuses."""

from __future__ import annotations

from datetime import date

import pytest

from milbalance.claims import Checker, Context, Parser

CRASHED = [
    "Russia produced 0 shells in 2023.",
    "Russia produces 0 times as many shells as NATO.",
    "Russia produces in 0 months what NATO produces in a year.",
    "Russia's defence spending doubled since ² years ago.",
    "Russia's defence spending doubled since ³ years ago, to ¹⁰ trillion roubles in ²⁰²⁴.",
    "Russia's defence spending doubled since ١٢ years ago.",
    "Russia produced " + "7" * 16_000 + " shells in 2023.",  # once a quadratic split
]


@pytest.mark.parametrize("text", CRASHED)
@pytest.mark.parametrize("on", [date(2025, 6, 5), date(1, 1, 1)])
def test_sentences_that_crashed_are_answered(checker: Checker, text: str, on: date) -> None:
    reading = checker.check(text, on)
    assert all(c.verdict.label for c in reading.claims)


def test_a_possessive_run_of_words_costs_linear_time(parser: Parser) -> None:
    """'according to Russia's production production production X' once backtracked
    exponentially in the speaker reader (19 s for three words, minutes for four): three
    words must cost about what one does (ratio only; a linear reader is far below it)."""
    import time

    def cost(n: int) -> float:
        text = "According to Russia's " + "production " * n + "X, output was 2 million shells."
        t0 = time.perf_counter()
        parser.parse(text, Context(on=date(2025, 1, 1)))
        return time.perf_counter() - t0

    cost(1)  # warm the caches the first parse fills
    assert cost(3) < 20 * cost(1) + 0.05


def test_no_pattern_repeats_a_word_run_with_an_optional_space() -> None:
    """Structural: a group repeated with + or * that holds a run of word characters and then
    an optional space ('(?:[a-z][\\w-]*\\s*)+') can cut one word into pieces in exponentially
    many ways when the match fails; every module's compiled patterns are checked."""
    import importlib
    import pkgutil
    import re

    import milbalance

    shape = re.compile(r"\((?:\?:)?[^()]*(?:\\w|\[[^\]]*\\w[^\]]*\])[*+][^()]*\\s\*\)[*+{]")
    found = []
    for info in pkgutil.walk_packages(milbalance.__path__, "milbalance."):
        module = importlib.import_module(info.name)
        found += [(info.name, name) for name, value in vars(module).items()
                  if isinstance(value, re.Pattern) and shape.search(value.pattern)]
    assert not found
    assert shape.search(r"(?:'s|’s)\s+(?:[a-z][\w-]*\s*)+$")  # the shape it once had

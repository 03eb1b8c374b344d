"""The sentences issue 14 found crashing the checker answer (with a verdict or 'not
checkable'), and so do other digit characters that str.isdigit accepts but int() refuses."""

from __future__ import annotations

from datetime import date

import pytest

from milbalance.claims import Checker

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

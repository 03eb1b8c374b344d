"""Targets with a deadline month are compared with the target set for that deadline
(claims/evaluate/targets.py), not with every target row of the year."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker
from milbalance.claims.evaluate.targets import at_deadline
from milbalance.periods import Period
from milbalance.store import ObservationRow

ON = date(2025, 8, 29)


def _row(period: str, value: float) -> ObservationRow:
    return ObservationRow(entity="USA", metric="x.target", period=Period.parse(period),
                          value=value, low=None, high=None, unit="rounds_per_year",
                          confidence=None, shape=None, source=f"s-{period}", claimant="",
                          claimant_type="official-government",  # type: ignore[arg-type]
                          flags=(), notes="", raw_value=value, raw_unit="rounds_per_year",
                          path="", line=0)


ROWS = [_row("2024-10", 60), _row("2025-09", 80), _row("2025-10", 100), _row("2025", 100)]


def _periods(rows: list[ObservationRow]) -> list[str]:
    return sorted(r.period.label for r in rows)


def test_the_row_for_the_deadline_month_only() -> None:
    assert _periods(at_deadline(ROWS, date(2025, 10, 31))) == ["2024-10", "2025-10"]


def test_the_latest_row_due_before_the_deadline() -> None:
    assert _periods(at_deadline(ROWS, date(2025, 11, 30))) == ["2024-10", "2025-10"]
    assert _periods(at_deadline(ROWS, date(2025, 9, 30))) == ["2024-10", "2025-09"]


def test_rows_due_after_the_deadline_are_other_targets() -> None:
    assert _periods(at_deadline(ROWS, date(2025, 3, 31))) == ["2024-10"]


def test_other_years_untouched() -> None:
    assert _periods(at_deadline(ROWS, date(2023, 5, 31))) == _periods(ROWS)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 12), st.lists(st.tuples(st.integers(1, 12), st.integers(1, 9)),
                                    min_size=1, max_size=6))
def test_rule_properties(month: int, months: list[tuple[int, int]]) -> None:
    """Every kept row of the deadline year ends by the deadline, all at the same, latest
    such end; no row of the year that is due by the deadline ends later."""
    rows = [_row(f"2025-{m:02d}", v) for m, v in months]
    deadline = Period.parse(f"2025-{month:02d}").end
    kept = at_deadline(rows, deadline)
    due = [r.period.end for r in rows if r.period.end <= deadline]
    assert all(r.period.end <= deadline for r in kept)
    assert len({r.period.end for r in kept}) <= 1
    if due:
        assert kept and kept[0].period.end == max(due)
    else:
        assert not kept


def _verdict(checker: Checker, text: str) -> str:
    claims = [c for c in checker.check(text, ON).claims if c.verdict.claim.kind == "level"]
    assert claims, text
    return str(claims[0].verdict.label)


@pytest.mark.parametrize(("text", "label"), [
    ("The US Army has a goal of 100,000 155 mm shells a month by October 2025.", "supported"),
    ("The US Army aims to make 100,000 155 mm shells a month by October 2025.", "supported"),
    ("The United States set a target of 80,000 155 mm shells a month by September 2025.",
     "supported"),
    ("The US Army set a goal of 60,000 155 mm shells a month by October 2024.", "supported"),
])
def test_deadline_targets(checker: Checker, text: str, label: str) -> None:
    assert _verdict(checker, text) == label


def test_interim_goal_is_not_the_later_one(checker: Checker) -> None:
    """80,000 by October 2025 is not the October 2025 target (100,000)."""
    assert _verdict(checker, "The US Army aims to make 80,000 155 mm shells a month by "
                    "October 2025.") != "supported"


@pytest.mark.parametrize("text", [
    "The US Army aims to make 100,000 155 mm shells a month by October.",
    "The US Army aims to make 100,000 155 mm shells a month by this October.",
])
def test_a_month_without_a_year_is_in_the_claims_year(checker: Checker, text: str) -> None:
    claims = [c for c in checker.check(text, date(2025, 6, 17)).claims
              if c.verdict.claim.kind == "level"]
    assert claims and claims[0].verdict.label == "supported", text

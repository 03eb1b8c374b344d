"""Figures quoted together (local currency, US$, share of GDP) fit the year or do not: P is
the weakest check's score (claims/evaluate/consistency.py); the year's exchange rate is read
from a source that converts a whole series before a one-off conversion."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from milbalance.claims import Checker
from milbalance.claims.evaluate.consistency import check_score
from milbalance.claims.verdict import Verdict
from milbalance.spending.consistency import rate_references
from milbalance.spending.derive import Lookup
from milbalance.store import Store

ON = date(2025, 11, 14)


def _consistency(checker: Checker, text: str) -> Verdict:
    found = [c.verdict for c in checker.check(text, ON).claims
             if c.verdict.claim.kind == "consistency"]
    assert found, text
    return found[0]


@given(st.floats(-1, 1), st.floats(-1, 1), st.floats(0.01, 0.3))
def test_score_falls_as_the_deviation_grows(a: float, b: float, tol: float) -> None:
    near, far = sorted((a, b), key=abs)
    assert check_score(near, tol) >= check_score(far, tol)
    assert check_score(0.0, tol) == 1.0
    assert check_score(3 * tol, tol) == 0.0


def test_series_rate_before_one_off_conversion(real_store: Store) -> None:
    refs = rate_references(Lookup(real_store, include_projections=True), "RUS", 2024, "RUB")
    derived = [r for r in refs if r.derived is not None]
    counts = Lookup(real_store).coverage("RUS", "military_expenditure.lcu")
    assert derived and counts[derived[0].source] == max(counts[r.source] for r in derived)


def test_a_trio_that_fits_the_next_budget_not_the_year(checker: Checker) -> None:
    v = _consistency(checker, "Russia allocated 13.5 trillion rubles ($151 billion) to "
                     "defence in 2024, about 6.3% of GDP.")
    assert v.label == "refuted", v.summary
    assert "do not fit 2024" in v.summary
    assert "budget.national_defence 2025" in v.better_fit


def test_a_conversion_at_the_year_rate_fits(checker: Checker) -> None:
    v = _consistency(checker, "Russia spent 13.1 trillion rubles ($145.9 billion) on "
                     "defence in 2024.")
    assert v.label == "supported", v.summary
    assert "fit better" not in v.summary


def test_moving_one_figure_far_off_refutes(checker: Checker) -> None:
    """Same figures, the dollar sum a third lower: the implied rate is far from the year's."""
    v = _consistency(checker, "Moscow's defence budget was 13.1 trillion roubles, or $97 "
                     "billion, in 2024.")
    assert v.label in ("refuted", "not_checkable"), v.summary
    assert "do not fit 2024" in v.summary

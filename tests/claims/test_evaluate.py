"""Verdicts on real data; tests skip, saying why, when data/ lacks what they need."""

from __future__ import annotations

from datetime import date

import pytest

from milbalance.claims import Checker, Label
from milbalance.claims.evaluate import _p_ratio_within
from milbalance.claims.verdict import REFUTED_AT, SUPPORTED_AT, label_for
from milbalance.store import Store

ON = date(2025, 6, 27)


def _need(store: Store, entity: str, metric: str, year: int) -> None:
    if not store.observations(entity, metric, start_year=year, end_year=year):
        pytest.skip(f"data/ has no {metric} for {entity} in {year} yet")


def _verdicts(checker: Checker, text: str) -> dict[str, Label]:
    return {str(c.verdict.claim.kind): c.verdict.label for c in checker.check(text, ON).claims}


def test_thresholds_are_ordered() -> None:
    assert 0 < REFUTED_AT < 0.5 < SUPPORTED_AT < 1
    assert label_for(None) is Label.NOT_CHECKABLE
    assert label_for(SUPPORTED_AT) is Label.SUPPORTED
    assert label_for(REFUTED_AT) is Label.REFUTED
    assert label_for(0.5) is Label.CONTESTED


def test_korean_war_share(checker: Checker, real_store: Store) -> None:
    _need(real_store, "USA", "budget.national_defense_050.share_gdp", 1953)
    out = _verdicts(checker, "The US spent 14% of GDP on defence during the Korean War.")
    assert out["share_of_gdp"] is Label.SUPPORTED


def test_us_in_korea_spent_a_higher_share_than_russia_now(checker: Checker,
                                                          real_store: Store) -> None:
    _need(real_store, "RUS", "military_expenditure.share_gdp", 2024)
    _need(real_store, "USA", "military_expenditure.share_gdp", 1953)
    reading = checker.check("The US spent a higher share of GDP on defense during the Korean "
                            "War than Russia does today.", ON)
    (c,) = reading.claims
    assert c.verdict.label is Label.SUPPORTED


def test_the_13_5_trillion_fits_2025_not_2024(checker: Checker, real_store: Store) -> None:
    _need(real_store, "RUS", "budget.national_defence", 2025)
    text = "Russia spent 13.5 trillion rubles on national defence in 2023."
    (c,) = [x for x in checker.check(text, ON).claims if str(x.verdict.claim.kind) == "level"]
    assert c.verdict.label is not Label.SUPPORTED
    assert "2025" in c.verdict.better_fit


def test_a_wrong_share_is_refuted(checker: Checker, real_store: Store) -> None:
    _need(real_store, "RUS", "military_expenditure.share_gdp", 2024)
    out = _verdicts(checker, "Russia spent a third of its GDP on defence in 2024.")
    assert out["share_of_gdp"] is Label.REFUTED


def test_comparison_without_data_is_a_gap_not_a_zero(checker: Checker) -> None:
    reading = checker.check("Iceland outproduces Luxembourg in artillery shells.", ON)
    (c,) = reading.claims
    assert c.verdict.label is Label.NOT_CHECKABLE
    assert c.verdict.gaps


def test_ratio_probability() -> None:
    assert _p_ratio_within(3.5, 4.0, 4.5, 4.0) > 0.99
    assert _p_ratio_within(0.5, 0.6, 0.7, 4.0) < 0.01

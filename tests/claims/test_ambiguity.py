"""Readings the checker declines (claims/ambiguity.py): each class turns a verdict into 'not
checkable' naming why, and a plain measurement in the same words keeps its verdict. The
sentences are written for these tests; the figures are the data's own (SIPRI's 2024 share of
GDP for Russia, 7.1%)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker, Label
from milbalance.claims.kinds import Quantity, QuantityUnit, ShareOfGdp
from milbalance.claims.verdict import Evidence, Verdict

ON = date(2025, 6, 1)
PLAIN = "Russia spent 7.1% of its GDP on the military in 2024."


def verdicts(checker: Checker, text: str) -> list[tuple[str, str]]:
    return [(c.verdict.label, c.verdict.summary) for c in checker.check(text, ON).claims]


def test_the_plain_measurement_is_checked(checker: Checker) -> None:
    labels = [label for label, _ in verdicts(checker, PLAIN)]
    assert Label.SUPPORTED in labels


@pytest.mark.parametrize("cue", ["plans to spend", "is expected to spend", "will spend",
                                 "has pledged to spend", "aims to spend", "agreed to spend"])
def test_a_plan_or_forecast_is_not_compared_with_actual_spending(checker: Checker,
                                                                  cue: str) -> None:
    found = verdicts(checker, f"Russia {cue} 9.5% of its GDP on the military in 2024.")
    assert found and all(label == Label.NOT_CHECKABLE for label, _ in found)
    assert any("plan, draft or forecast" in summary for _, summary in found)


@pytest.mark.parametrize("what", ["compensation payments", "the police", "a veterans' fund",
                                  "internal security forces"])
def test_a_part_of_the_budget_is_not_defence_spending(checker: Checker, what: str) -> None:
    found = verdicts(checker, f"In 2024 Russia's spending on {what} was 90 billion dollars.")
    assert all(label == Label.NOT_CHECKABLE for label, _ in found)


def test_a_bracketed_conversion_is_not_a_second_claim(checker: Checker) -> None:
    found = checker.check("Russia's military expenditure was 13.1 trillion roubles "
                          "($149 billion) in 2024.", ON).claims
    usd = [c.verdict for c in found if getattr(getattr(c.verdict.claim, "quantity", None),
                                               "currency", "") == "USD"]
    assert usd and all(v.label == Label.NOT_CHECKABLE and "conversion" in v.summary
                       for v in usd)


def test_a_sum_at_purchasing_power_parity_is_not_compared_at_market_rates(
        checker: Checker) -> None:
    found = verdicts(checker, "At purchasing power parity, Russia's military spending was "
                              "$400 billion in 2024.")
    assert found and all(label == Label.NOT_CHECKABLE for label, _ in found)


@settings(max_examples=15, deadline=None)
@given(cue=st.sampled_from(["plans to", "is set to", "intends to", "hopes to", "is due to"]),
       share=st.sampled_from(["1.5", "4", "7.1", "12"]))
def test_a_forward_cue_never_yields_a_verdict_on_actual_spending(checker: Checker, cue: str,
                                                                 share: str) -> None:
    text = f"Russia {cue} spend {share}% of its GDP on defence in 2024."
    assert all(label == Label.NOT_CHECKABLE for label, _ in verdicts(checker, text))


def _verdict(label: str, sources: list[str]) -> Verdict:

    claim = checker_claim()
    evidence = tuple(Evidence(s, "RUS", "military_expenditure.share_gdp", "2024", 7.1,
                              "percent", "think-tank") for s in sources)
    p = {"refuted": 0.0, "supported": 1.0, "contested": 0.5}[label]
    return Verdict(claim, Label(label), p, f"plain {label}", evidence)


def checker_claim() -> ShareOfGdp:
    q = Quantity(3.0, QuantityUnit.PERCENT_GDP, "3%", 13, 15)
    return ShareOfGdp(text="Russia spent 3% of GDP on defence in 2024.", subject="RUS",
                      quantity=q, year=2024, year_from_text=True)


@given(label=st.sampled_from(["refuted", "supported", "contested"]),
       sources=st.lists(st.sampled_from(["sipri", "iiss", "nato", "wb"]), min_size=1,
                        max_size=4))
def test_a_refutation_needs_two_sources(label: str, sources: list[str]) -> None:
    from milbalance.claims.evaluate import one_source_is_not_a_refutation

    before = _verdict(label, sources)
    after = one_source_is_not_a_refutation(before)
    if label == "refuted" and len(set(sources)) < 2:
        assert after.label == Label.NOT_CHECKABLE and after.probability is None
        assert "one source" in after.summary
    else:
        assert after == before

"""Rate claims read at a month or a part of a year (claims.evaluate.rates): sentences written
for these tests, with figures read from data/observations/munitions.csv."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from milbalance.claims import Checker, Context, Label, Parser, Verdict
from milbalance.claims.kinds import Level
from milbalance.periods import Period
from milbalance.store import Store


def _level(checker: Checker, text: str, on: date) -> Verdict:
    found = [c.verdict for c in checker.check(text, on).claims
             if isinstance(c.verdict.claim, Level)]
    assert len(found) == 1, [v.summary for v in found]
    return found[0]


def _need(store: Store, entity: str, metric: str, period: str) -> None:
    if not any(r.period.label == period for r in store.observations(entity, metric)):
        pytest.skip(f"data/ has no {metric} for {entity} in {period}")


def test_a_monthly_rate_is_checked_against_that_months_run_rate(checker: Checker,
                                                                real_store: Store) -> None:
    # USA artillery_shells_155mm.output 2023-10: 28,000 rounds_per_month (two sources)
    _need(real_store, "USA", "artillery_shells_155mm.output", "2023-10")
    v = _level(checker, "The US made 28,000 155mm shells a month in October 2023.",
               date(2024, 1, 10))
    assert v.label is Label.SUPPORTED
    assert "October 2023" in v.summary
    assert {e.period for e in v.evidence} == {"2023-10"}  # not August's 24,000 nor the year's


def test_the_nearest_run_rate_is_used_and_named(checker: Checker, real_store: Store) -> None:
    # 2025-07: 40,000 a month (stripes-2025-08-21-iowa); nothing measured in August 2025
    _need(real_store, "USA", "artillery_shells_155mm.output", "2025-07")
    v = _level(checker, "The US now produces 40,000 155mm shells a month.", date(2025, 8, 25))
    assert v.label is Label.SUPPORTED
    assert {e.period for e in v.evidence} == {"2025-07"}
    said = " ".join(v.caveats)
    assert "nearest, 2025-07 (1 month before)" in said and "August 2025" in said


def test_an_events_month_is_the_window(checker: Checker, real_store: Store) -> None:
    # 2022-02: 14,500 rounds_per_month, the rate when the full-scale invasion began
    _need(real_store, "USA", "artillery_shells_155mm.output", "2022-02")
    v = _level(checker, "US 155mm shell output was 14,500 a month in February 2022.",
               date(2025, 6, 17))
    assert v.label is Label.SUPPORTED
    assert "February 2022" in v.summary
    assert {e.period for e in v.evidence} == {"2022-02"}


def test_a_rate_said_before_any_run_rate_exists_is_not_checkable(checker: Checker,
                                                                 real_store: Store) -> None:
    # the first US 155 mm run-rate is 2022-02 (14,500 a month): said in January 2022, the
    # claim cannot be checked against it
    _need(real_store, "USA", "artillery_shells_155mm.output", "2022-02")
    v = _level(checker, "The US produces 14,500 155mm shells a month.", date(2022, 1, 15))
    assert v.label is Label.NOT_CHECKABLE
    assert "after the date said" in v.summary
    assert not v.evidence


def test_monthly_and_yearly_rates_are_converted_and_said(checker: Checker,
                                                         real_store: Store) -> None:
    # FRA artillery_shells_155mm.output 2024-02: 3,000 rounds_per_month = 36,000 a year
    _need(real_store, "FRA", "artillery_shells_155mm.output", "2024-02")
    v = _level(checker, "France was producing 36,000 155mm shells a year in February 2024.",
               date(2024, 3, 1))
    assert v.label is Label.SUPPORTED
    assert "3,000 rounds per month (= 36,000 a year)" in v.summary
    assert "Compared as yearly rates" in v.summary


def test_a_whole_year_total_is_compared_as_an_annualised_rate_and_said(
        checker: Checker, real_store: Store) -> None:
    # EU artillery_shells.output 2023: 300,000 (a year's figure); no EU run-rate near June
    _need(real_store, "EU", "artillery_shells.output", "2023")
    v = _level(checker, "The EU made 25,000 shells a month in June 2023.", date(2023, 12, 1))
    assert "'25,000 shells a month' is 300,000 a year" in v.summary
    assert any("whole-year figure of 2023 compared as an annualised rate" in c
               for c in v.caveats)
    assert v.label is Label.SUPPORTED


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(factor=st.sampled_from([0.3, 0.5, 0.6, 1.4, 1.6, 2.0, 3.0, 5.0, 10.0]))
def test_moving_the_rate_past_every_figure_flips_supported(checker: Checker,
                                                           real_store: Store,
                                                           factor: float) -> None:
    _need(real_store, "USA", "artillery_shells_155mm.output", "2023-10")
    on = date(2024, 1, 10)
    base = _level(checker, "The US made 28,000 155mm shells a month in October 2023.", on)
    assert base.label is Label.SUPPORTED
    figures = [e.high or e.value for e in base.evidence] + [e.low or e.value
                                                              for e in base.evidence]
    moved = round(28_000 * factor)
    yearly = moved * 12
    assert all(f is not None and (yearly > f * 1.2 or yearly < f / 1.2) for f in figures)
    v = _level(checker, f"The US made {moved:,} 155mm shells a month in October 2023.", on)
    assert v.label is not Label.SUPPORTED


def test_a_counter_word_or_an_aside_before_the_rate(checker: Checker,
                                                     real_store: Store) -> None:
    # RUS attack_drones.output 2025-12: 2,900 drones_per_month (ovb-2025-12-11-rutte-berlin)
    _need(real_store, "RUS", "attack_drones.output", "2025-12")
    for text in ("Russia has raised production of Shahed drones to 2,900 units per month.",
                 "Russia makes 2,900 Shahed drones (Geran-2 in Russian service) per month."):
        v = _level(checker, text, date(2025, 12, 20))
        assert isinstance(v.claim, Level) and v.claim.quantity.per == "month"
        assert v.label is Label.SUPPORTED, v.summary
        assert "2,900 drones per month (= 34,800 a year)" in v.summary


def test_a_years_total_against_run_rates_is_said(checker: Checker, real_store: Store) -> None:
    # USA artillery_shells_155mm.output 2024-09: 40,000 rounds_per_month; 2024: 350,000
    _need(real_store, "USA", "artillery_shells_155mm.output", "2024-09")
    v = _level(checker, "The US produced 350,000 155mm shells in 2024.", date(2025, 3, 1))
    assert any("a total for the year compared with run-rates annualised: 2024-09: 40,000 "
               "rounds per month (= 480,000 a year)" in c for c in v.caveats)


def test_mid_year_is_may_to_august(checker: Checker, real_store: Store) -> None:
    # USA artillery_shells_155mm.output 2025-06 and 2025-07: 40,000 rounds_per_month
    _need(real_store, "USA", "artillery_shells_155mm.output", "2025-07")
    v = _level(checker, "The US made 40,000 155mm shells a month in mid-2025.",
               date(2025, 12, 1))
    assert v.label is Label.SUPPORTED
    assert {e.period for e in v.evidence} <= {"2025-05", "2025-06", "2025-07", "2025-08"}
    assert "the rate read at mid-2025 (May–August 2025)" in v.caveats


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(said=st.dates(min_value=date(2021, 6, 1), max_value=date(2026, 6, 30)),
       text=st.sampled_from(["The US now makes 40,000 155mm shells a month.",
                             "US 155mm output is 28,000 shells a month.",
                             "The US makes 480,000 155mm shells a year."]))
def test_never_a_run_rate_measured_after_the_date_said(checker: Checker, said: date,
                                                       text: str) -> None:
    v = _level(checker, text, said)
    for e in v.evidence:
        assert Period.parse(e.period).start <= said, (e.period, said, v.summary)


def test_a_rate_after_an_of_phrase(parser: Parser) -> None:
    p = parser.parse("The US is producing 40,000 rounds of 155mm ammunition per month.",
                     Context(on=date(2025, 6, 20)))
    (c,) = [x for x in p.claims if isinstance(x, Level)]
    assert c.quantity.per == "month" and c.quantity.value == 480_000

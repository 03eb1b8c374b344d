"""How reporting writes numbers: each phrasing → value, unit, currency, item, rate."""

from __future__ import annotations

import pytest

from milbalance.claims import Gazetteer
from milbalance.claims.kinds import Quantity, QuantityUnit
from milbalance.claims.numbers import (
    DURATION,
    MULTIPLIER,
    duration_years,
    find_quantities,
    multiplier_value,
)


def _one(text: str, gaz: Gazetteer) -> Quantity:
    found = find_quantities(text, gaz.item_after)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "value", "unit", "currency"), [
    ("Russia allocated 13.5 trillion rubles to defence", 13.5e12, QuantityUnit.MONEY, "RUB"),
    ("that is $151 billion", 151e9, QuantityUnit.MONEY, "USD"),
    ("some 10.775 trillion roubles", 10.775e12, QuantityUnit.MONEY, "RUB"),
    ("spending of RUB13.49 trillion", 13.49e12, QuantityUnit.MONEY, "RUB"),
    ("about 6.3% of GDP", 6.3, QuantityUnit.PERCENT_GDP, ""),
    ("6.3 per cent of gross domestic product", 6.3, QuantityUnit.PERCENT_GDP, ""),
    ("a third of its GDP", 100 / 3, QuantityUnit.PERCENT_GDP, ""),
    ("up 41.9%", 41.9, QuantityUnit.PERCENT, ""),
])
def test_money_and_shares(text: str, value: float, unit: QuantityUnit, currency: str,
                          gazetteer: Gazetteer) -> None:
    q = _one(text, gazetteer)
    assert q.value == pytest.approx(value)
    assert q.unit is unit
    assert q.currency == currency


@pytest.mark.parametrize(("text", "per_year", "item", "per"), [
    ("2 million shells a year", 2e6, "artillery_shells", "year"),
    ("40,000 rounds a month", 480_000, "artillery_shells", "month"),
    ("close to 250,000 artillery munitions monthly", 3e6, "artillery_shells", "month"),
    ("10,000 shells per day", 3_650_000, "artillery_shells", "day"),
    ("two million rounds annually", 2e6, "artillery_shells", "year"),
    ("620 PAC-3 interceptors a year", 620, "interceptors_pac3", "year"),
    ("24,000 155mm shells per month", 288_000, "artillery_shells_155mm", "month"),
])
def test_rates(text: str, per_year: float, item: str, per: str, gazetteer: Gazetteer) -> None:
    q = _one(text, gazetteer)
    assert q.unit is QuantityUnit.RATE
    assert q.value == pytest.approx(per_year)
    assert (q.item, q.per) == (item, per)


@pytest.mark.parametrize(("text", "value", "bound"), [
    ("more than a million artillery shells", 1e6, "at-least"),
    ("fewer than 24,000 shells", 24_000, "at-most"),
    ("3.5 million artillery shells", 3.5e6, ""),
])
def test_counts_and_bounds(text: str, value: float, bound: str, gazetteer: Gazetteer) -> None:
    q = _one(text, gazetteer)
    assert q.unit is QuantityUnit.COUNT
    assert q.value == pytest.approx(value)
    assert q.bound == bound


def test_ranges_take_the_scale_on_both_ends(gazetteer: Gazetteer) -> None:
    q = _one("four to five million artillery rounds a year", gazetteer)
    assert (q.low, q.high) == (4e6, 5e6)


@pytest.mark.parametrize("text", [
    "in 2024 the plant opened", "the 155mm calibre", "on 27 June", "one of the allies",
    "F-16 jets", "32 allies met",
])
def test_not_quantities(text: str, gazetteer: Gazetteer) -> None:
    assert find_quantities(text, gazetteer.item_after) == []


@pytest.mark.parametrize(("text", "factor"), [
    ("four times as much", 4), ("by a factor of 14", 14), ("sixfold", 6), ("doubled", 2),
    ("22 times", 22), ("10-fold", 10),
])
def test_multipliers(text: str, factor: float) -> None:
    m = MULTIPLIER.search(text)
    assert m is not None and multiplier_value(m) == factor


@pytest.mark.parametrize(("text", "years"), [
    ("in three months", 0.25), ("in a full year", 1.0), ("in one year", 1.0),
    ("in 10 days", 10 / 365),
])
def test_durations(text: str, years: float) -> None:
    m = DURATION.search(text)
    assert m is not None and duration_years(m) == pytest.approx(years)


@pytest.mark.parametrize(("written", "precision"), [
    ("13.5", 0.05 / 13.5), ("10", 0.05), ("40,000", 5000 / 40000),
])
def test_precision_reads_the_last_written_digit(written: str, precision: float) -> None:
    q = Quantity(1.0, QuantityUnit.PERCENT, written, 0, len(written))
    assert q.precision == pytest.approx(precision)

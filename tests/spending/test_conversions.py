"""Each conversion's round trip and its refusals."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from milbalance.errors import UserError
from milbalance.spending import conversions as cv
from milbalance.spending.basis import Basis, parse_basis, parse_years

amounts = st.floats(min_value=1e-3, max_value=1e16, allow_nan=False, allow_infinity=False)
factors = st.floats(min_value=1e-4, max_value=1e5, allow_nan=False, allow_infinity=False)
shares = st.floats(min_value=1e-3, max_value=100, allow_nan=False, allow_infinity=False)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12)


@given(amounts, factors)
def test_market_rate_round_trip(amount: float, rate: float) -> None:
    assert close(cv.usd_to_lcu(cv.lcu_to_usd(amount, rate), rate), amount)
    assert close(cv.implied_rate(amount, cv.lcu_to_usd(amount, rate)), rate)


@given(amounts, factors, factors)
def test_constant_prices_round_trip(amount: float, index_year: float, index_base: float) -> None:
    constant = cv.to_constant(amount, index_year, index_base)
    assert close(cv.from_constant(constant, index_year, index_base), amount)


@given(amounts, factors)
def test_ppp_round_trip(amount: float, factor: float) -> None:
    assert close(cv.ppp_to_lcu(cv.lcu_to_ppp(amount, factor), factor), amount)
    assert close(cv.implied_ppp_factor(amount, cv.lcu_to_ppp(amount, factor)), factor)


@given(amounts, shares)
def test_share_of_gdp_round_trip(amount: float, share: float) -> None:
    gdp = cv.implied_gdp(amount, share)
    assert close(cv.share_of_gdp(amount, gdp), share)
    assert close(cv.amount_from_share(share, gdp), amount)


@given(amounts, factors)
def test_per_capita_times_population_is_the_amount(amount: float, population: float) -> None:
    assert close(cv.per_capita(amount, population) * population, amount)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf])
def test_bad_denominators_are_refused(bad: float) -> None:
    with pytest.raises(UserError, match="exchange rate"):
        cv.lcu_to_usd(1.0, bad)
    with pytest.raises(UserError, match="GDP"):
        cv.share_of_gdp(1.0, bad)


def test_year_ranges_and_bases() -> None:
    assert list(parse_years("2014-2016").years) == [2014, 2015, 2016]
    assert list(parse_years("2024").years) == [2024]
    assert parse_basis("GDP-share") is Basis.GDP_SHARE
    with pytest.raises(UserError, match="ends before it starts"):
        parse_years("2025-2014")
    with pytest.raises(UserError, match="not a year range"):
        parse_years("last decade")
    with pytest.raises(UserError, match="lcu, usd, constant-usd, ppp, gdp-share"):
        parse_basis("euros")

"""Consistency of quoted figures, on quotes constructed by arithmetic from reference data."""

from __future__ import annotations

import math

import pytest
from tests.spending.conftest import one

from milbalance.errors import UserError
from milbalance.spending.consistency import (
    Status,
    check_quote,
    gdp_references,
    rate_references,
)
from milbalance.spending.derive import Lookup
from milbalance.store import Store

YEAR = 2024


def _consistent(store: Store, lookup: Lookup) -> tuple[float, float, float]:
    """amount (SIPRI, RUB), and the US$ and share exactly implied by the preferred refs."""
    amount = one(store, "RUS", "military_expenditure.lcu", YEAR).central
    rates = rate_references(lookup, "RUS", YEAR, "RUB")
    gdps = gdp_references(lookup, "RUS", YEAR, "RUB", in_usd=False)
    gdps_usd = gdp_references(lookup, "RUS", YEAR, "RUB", in_usd=True)
    if not (rates and gdps and gdps_usd):
        pytest.skip("data gap: no reference rate or GDP for RUS 2024")
    usd = amount / rates[0].value
    share = 100 * amount / gdps[0].value
    return amount, usd, share


def test_consistent_quote_fits(store: Store, lookup: Lookup) -> None:
    amount, usd, share = _consistent(store, lookup)
    r = check_quote(store, YEAR, amount=amount, currency="RUB", usd=usd, lookup=lookup)
    assert r.implied_rate is not None
    assert {v.status for v in r.verdicts} == {Status.FITS}
    rate_check = r.checks[0]
    assert rate_check.deviation is not None and math.isclose(rate_check.deviation, 0,
                                                             abs_tol=1e-12)
    r2 = check_quote(store, YEAR, amount=amount, currency="RUB", share_gdp=share, lookup=lookup)
    assert {v.status for v in r2.verdicts} == {Status.FITS}
    assert r2.implied_gdp_lcu is not None


def test_share_off_by_20_percent_is_flagged(store: Store, lookup: Lookup) -> None:
    amount, usd, share = _consistent(store, lookup)
    r = check_quote(store, YEAR, amount=amount, currency="RUB", usd=usd, share_gdp=share * 1.2,
                    lookup=lookup)
    verdicts = {v.figure: v for v in r.verdicts}
    assert verdicts["amount"].status is Status.FITS
    assert verdicts["gdp-share"].status is Status.OFF
    deviation = verdicts["gdp-share"].deviation
    assert deviation is not None and math.isclose(deviation, 0.2, rel_tol=1e-9)


def test_usd_off_by_20_percent_is_flagged(store: Store, lookup: Lookup) -> None:
    amount, usd, share = _consistent(store, lookup)
    r = check_quote(store, YEAR, amount=amount, currency="RUB", usd=usd * 1.2, share_gdp=share,
                    lookup=lookup)
    verdicts = {v.figure: v for v in r.verdicts}
    assert verdicts["usd"].status is Status.OFF
    assert verdicts["amount"].status is Status.FITS
    assert verdicts["usd"].deviation is not None and verdicts["usd"].deviation > 0.15


def test_two_figures_that_disagree_are_in_doubt(store: Store, lookup: Lookup) -> None:
    amount, usd, _ = _consistent(store, lookup)
    r = check_quote(store, YEAR, amount=amount, currency="RUB", usd=usd * 1.2, lookup=lookup)
    assert {v.status for v in r.verdicts} == {Status.IN_DOUBT}


def test_amount_is_matched_to_its_definition_and_year(store: Store, lookup: Lookup) -> None:
    row = one(store, "RUS", "military_expenditure.lcu", YEAR)
    r = check_quote(store, YEAR, amount=row.central, currency="RUB", lookup=lookup)
    assert any(m.metric == row.metric and m.year == YEAR and m.source == row.source
               and m.deviation == 0 for m in r.matches)
    assert r.verdicts[0].status is Status.NOT_CHECKABLE


def test_bad_quotes_are_user_errors(store: Store) -> None:
    with pytest.raises(UserError, match="at least one figure"):
        check_quote(store, YEAR, currency="RUB")
    with pytest.raises(UserError, match="per cent"):
        check_quote(store, YEAR, currency="RUB", share_gdp=630)
    with pytest.raises(UserError, match="cannot tell the country"):
        check_quote(store, YEAR, amount=1.0, currency="EUR")

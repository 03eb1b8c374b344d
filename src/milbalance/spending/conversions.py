"""Pure conversion formulas between spending bases; each has an exact inverse.

Units: amounts in local currency units (LCU) or US$; exchange rates in LCU per US$ (annual
average market rate); PPP factors in LCU per international dollar; deflator indices on any
scale with the base year's index given; shares in per cent. Non-finite input, or a zero or
negative rate, factor, GDP, index or population, raises UserError (never a silent inf).
"""

from __future__ import annotations

import math

from milbalance.errors import UserError


def _positive(name: str, value: float) -> float:
    if not (math.isfinite(value) and value > 0):
        raise UserError(f"{name} must be a positive finite number, got {value!r}")
    return value


def _finite(name: str, value: float) -> float:
    if not math.isfinite(value):
        raise UserError(f"{name} must be a finite number, got {value!r}")
    return value


def lcu_to_usd(amount_lcu: float, rate_lcu_per_usd: float) -> float:
    """US$ = LCU / rate (rate: LCU per US$, the year's annual average market rate)."""
    return _finite("amount", amount_lcu) / _positive("exchange rate", rate_lcu_per_usd)


def usd_to_lcu(amount_usd: float, rate_lcu_per_usd: float) -> float:
    """LCU = US$ × rate; the inverse of ``lcu_to_usd``."""
    return _finite("amount", amount_usd) * _positive("exchange rate", rate_lcu_per_usd)


def implied_rate(amount_lcu: float, amount_usd: float) -> float:
    """The exchange rate two quoted amounts imply: LCU / US$ (LCU per US$)."""
    return _positive("amount in local currency", amount_lcu) / _positive("amount in US$",
                                                                          amount_usd)


def to_constant(amount_current: float, index_year: float, index_base: float) -> float:
    """Constant prices of the base year = current × index(base year) / index(year).

    ``index_*`` is a price index (deflator or CPI) on any scale; the caller states the base
    year and which index it is.
    """
    return (_finite("amount", amount_current) * _positive("base-year index", index_base)
            / _positive("index of the year", index_year))


def from_constant(amount_constant: float, index_year: float, index_base: float) -> float:
    """Current prices = constant × index(year) / index(base year); inverse of ``to_constant``."""
    return (_finite("amount", amount_constant) * _positive("index of the year", index_year)
            / _positive("base-year index", index_base))


def lcu_to_ppp(amount_lcu: float, ppp_factor: float) -> float:
    """International dollars = LCU / PPP factor (LCU per international dollar)."""
    return _finite("amount", amount_lcu) / _positive("PPP factor", ppp_factor)


def ppp_to_lcu(amount_ppp: float, ppp_factor: float) -> float:
    """LCU = international dollars × PPP factor; inverse of ``lcu_to_ppp``."""
    return _finite("amount", amount_ppp) * _positive("PPP factor", ppp_factor)


def implied_ppp_factor(amount_lcu: float, amount_ppp: float) -> float:
    """The PPP factor two figures imply: LCU / international dollars."""
    return _positive("amount in local currency", amount_lcu) / _positive("amount in PPP $",
                                                                          amount_ppp)


def share_of_gdp(amount: float, gdp: float) -> float:
    """Per cent of GDP = 100 × amount / GDP (both in the same currency and period)."""
    return 100.0 * _finite("amount", amount) / _positive("GDP", gdp)


def amount_from_share(share_percent: float, gdp: float) -> float:
    """Amount = share / 100 × GDP; inverse of ``share_of_gdp``."""
    return _finite("share", share_percent) / 100.0 * _positive("GDP", gdp)


def implied_gdp(amount: float, share_percent: float) -> float:
    """The GDP an amount and its quoted share imply: amount × 100 / share."""
    return _positive("amount", amount) * 100.0 / _positive("share of GDP", share_percent)


def per_capita(amount: float, population: float) -> float:
    """Amount per head = amount / population (persons)."""
    return _finite("amount", amount) / _positive("population", population)


def relative_difference(value: float, reference: float) -> float:
    """value / reference − 1 (0.05 = 5 % above the reference)."""
    return _finite("value", value) / _positive("reference", reference) - 1.0

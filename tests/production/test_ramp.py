"""Linear ramp curves averaged over calendar years."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from milbalance.production.ramp import month_of, year_fraction


def test_month_of() -> None:
    assert month_of(date(2000, 1, 1)) == 0
    assert month_of(date(2025, 3, 1)) == 12 * 25 + 2


def test_step_at_mid_year_counts_half_the_year() -> None:
    f = year_fraction(np.array([month_of(date(2025, 7, 1))]), np.array([0.0]),
                      np.array([2024, 2025, 2026]))
    assert f[0].tolist() == pytest.approx([0.0, 0.5, 1.0])


def test_twelve_month_ramp_from_january_averages_one_half() -> None:
    f = year_fraction(np.array([month_of(date(2025, 1, 1))]), np.array([12.0]),
                      np.array([2025, 2026]))
    assert f[0].tolist() == pytest.approx([0.5, 1.0])


def test_24_month_ramp() -> None:
    # r(t) = t/24 over 2025–2026: 2025 averages 0.25, 2026 averages 0.75
    f = year_fraction(np.array([month_of(date(2025, 1, 1))]), np.array([24.0]),
                      np.array([2025, 2026, 2027]))
    assert f[0].tolist() == pytest.approx([0.25, 0.75, 1.0])


def test_fraction_is_monotone_and_bounded() -> None:
    years = np.arange(2020, 2035, dtype=float)
    f = year_fraction(np.array([300.0, 310.5]), np.array([7.0, 40.0]), years)
    assert ((f >= 0) & (f <= 1)).all()
    assert (np.diff(f, axis=-1) >= -1e-12).all()

"""Linear ramp-up curves and their calendar-year averages.

A line starting at month ``s`` with ramp ``R`` months runs at the fraction

    r(t) = clip((t − s) / R, 0, 1)        (R = 0: a step at s)

of its full capacity. Year ``y`` covers months [m_y, m_y + 12) with m_y = 12 (y − 2000); its
capacity is the average of r over the year, computed exactly from the antiderivative

    G(u) = 0 (u ≤ 0),  u²/2 (0 < u < 1),  u − 1/2 (u ≥ 1),   ∫ r dt = R [G(u_b) − G(u_a)].
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

Array = np.ndarray[Any, np.dtype[np.float64]]

EPOCH = 2000


def month_of(day: date) -> float:
    """Months since 2000-01-01 as a float (2025-03-16 → 302.5)."""
    days = (date(day.year + (day.month == 12), day.month % 12 + 1, 1)
            - date(day.year, day.month, 1)).days
    return 12 * (day.year - EPOCH) + (day.month - 1) + (day.day - 1) / days


def _antiderivative(u: Array) -> Array:
    """G(u) = ½ clip(u, 0, 1)² + max(u − 1, 0) (equal to the piecewise form above)."""
    out: Array = 0.5 * np.square(np.clip(u, 0.0, 1.0)) + np.maximum(u - 1.0, 0.0)
    return out


MIN_RAMP = 1e-9
"""A ramp of 0 months (a step) is computed as a ramp of 1e-9 months: R·G((t−s)/R) tends to
max(t − s, 0) as R → 0, with an error below R/2 (≈ 4e-11 of a year)."""


def year_fraction(start: Array, ramp: Array, years: Array) -> Array:
    """Average ramp fraction over each year; broadcasts start/ramp (…) against years (Y,).

    ``start`` and ``ramp`` in months since 2000-01 (arrays of equal shape); returns shape
    start.shape + (Y,), each value in [0, 1].
    """
    s = np.asarray(start, dtype=float)[..., None]
    r = np.maximum(np.asarray(ramp, dtype=float), MIN_RAMP)[..., None]
    a = 12.0 * (np.asarray(years, dtype=float) - EPOCH)
    ua = (a - s) / r
    ub = ua + 12.0 / r
    out: Array = np.clip(r * (_antiderivative(ub) - _antiderivative(ua)) / 12.0, 0.0, 1.0)
    return out

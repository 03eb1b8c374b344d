"""Exact mapping of intervals to parameters, checked against closed forms and scipy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from scipy import stats

from milbalance.engine.distributions import Dist, from_observation, z_for
from milbalance.errors import UserError
from milbalance.model import Shape
from tests.engine.strategies import ranges

K90 = 1.6448536269514722  # Φ⁻¹(0.95)


def test_z_for_90_percent_is_exact() -> None:
    assert z_for(0.9) == K90


def test_lognormal_90_interval_maps_exactly() -> None:
    # the 4–5 million range Papperger gave for Russia's capacity (tportal-2025-08-28-papperger)
    d = Dist.from_range(4_000_000, 5_000_000, 0.9, Shape.LOGNORMAL)
    assert d.a == (math.log(4_000_000) + math.log(5_000_000)) / 2
    assert d.b == (math.log(5_000_000) - math.log(4_000_000)) / (2 * K90)


def test_normal_90_interval_maps_exactly() -> None:
    d = Dist.from_range(2000, 7000, 0.9, Shape.NORMAL)  # err-2023-02-salm, rounds a day
    assert (d.a, d.b) == (4500.0, 5000 / (2 * K90))


def test_uniform_and_triangular_mapping() -> None:
    u = Dist.from_range(2000, 7000, 0.9, Shape.UNIFORM)
    assert (u.a, u.b) == (4500 - 5000 / 1.8, 4500 + 5000 / 1.8)
    t = Dist.from_range(2000, 7000, 1.0, Shape.TRIANGULAR)
    assert (t.a, t.b, t.c) == (2000, 4500, 7000)


@given(ranges())
def test_interval_quantiles_match_low_and_high(r: tuple[float, float, float]) -> None:
    low, high, conf = r
    tail = np.array([stats.norm.ppf((1 - conf) / 2), stats.norm.ppf((1 + conf) / 2)])
    for shape in (Shape.NORMAL, Shape.LOGNORMAL, Shape.UNIFORM, Shape.TRIANGULAR):
        lo, hi = Dist.from_range(low, high, conf, shape).transform(tail)
        assert lo == pytest.approx(low, rel=1e-9)
        assert hi == pytest.approx(high, rel=1e-9)


def test_lognormal_needs_positive_low() -> None:
    with pytest.raises(UserError, match="low > 0"):
        Dist.from_range(0, 10, 0.9, Shape.LOGNORMAL)


def test_missing_confidence_and_shape_are_named_assumptions(store: object) -> None:
    from milbalance.store import Store
    assert isinstance(store, Store)
    (row,) = store.observations("RUS", "artillery_shells.capacity", source=
                                "tportal-2025-08-28-papperger")
    dist, assumed = from_observation(row, 0.9)
    assert dist.shape is Shape.LOGNORMAL
    assert {a.key for a in assumed} == {"range-confidence", "range-shape"}
    assert "90%" in next(str(a) for a in assumed if a.key == "range-confidence")

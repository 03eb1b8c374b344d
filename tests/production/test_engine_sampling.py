"""Production draws go through the engine: exact parameter mapping, streams, delay risk."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from milbalance.model import Shape
from milbalance.production import projection as P
from milbalance.production.capacity import capacity_draws, line_capacity
from milbalance.production.records import Basis, LineStatus, ProductionLine, Stage
from milbalance.production.sampling import draw, figure, min_max, root_entropy
from milbalance.store import Store

K90 = 1.6448536269514722


def _toy(status: LineStatus, **kw: object) -> ProductionLine:
    """A toy line (made-up numbers, not a real figure)."""
    base: dict[str, object] = dict(id=f"toy.{status}", country="XXX", item="toy",
                                   stage=Stage.LAP, basis=Basis.LINE, status=status,
                                   unit="toy", per_year=1.0, source="toy", value=100.0,
                                   start=date(2025, 1, 1), ramp_months=0.0)
    base.update(kw)
    return ProductionLine(**base)  # type: ignore[arg-type]


def test_point_is_a_point_with_no_assumption() -> None:
    dist, used = figure("toy", 5.0, None, None)
    assert dist is not None and not dist.uncertain and dist.a == 5.0
    assert used == ()


def test_range_without_confidence_is_the_engines_90pct_lognormal() -> None:
    dist, used = figure("toy", None, 120_000.0, 150_000.0)
    assert dist is not None and dist.shape is Shape.LOGNORMAL
    lo, hi = math.log(120_000), math.log(150_000)
    assert dist.a == pytest.approx((lo + hi) / 2, rel=1e-12)
    assert dist.b == pytest.approx((hi - lo) / (2 * K90), rel=1e-9)
    assert {a.key for a in used} == {"range-confidence", "range-shape"}


def test_stated_confidence_and_shape_are_used() -> None:
    dist, used = figure("toy", None, 10.0, 20.0, confidence=1.0, shape=Shape.UNIFORM)
    assert dist is not None and (dist.shape, dist.a, dist.b) == (Shape.UNIFORM, 10.0, 20.0)
    assert used == ()


def test_streams_are_per_key_and_prefix_stable() -> None:
    root = root_entropy(7)
    d = min_max(0.0, 24.0)
    a, b = draw(d, "delay:x", root, 1000), draw(d, "delay:x", root, 1000)
    assert (a == b).all()
    assert not (a == draw(d, "delay:y", root, 1000)).all()
    assert (draw(d, "delay:x", root, 10) == a[:10]).all()
    assert a.min() >= 0 and a.max() <= 24


def test_announced_delay_is_uniform_0_24_months() -> None:
    # toy: step at 2025-01 with delay d ~ U(0, 24): E[share of 2025] = ∫0^12 (12−d)/12 dd/24
    # = 0.25; 2026: ∫ over d of the overlap with 2026 = (1/24)[∫0^12 1 + ∫12^24 (24−d)/12] = 0.75
    root = root_entropy(1)
    cap = line_capacity(root, [_toy(LineStatus.ANNOUNCED)], [2025, 2026, 2027], 40_000)
    mean = cap[:, 0, :].mean(axis=0) / 100.0
    assert mean == pytest.approx([0.25, 0.75, 1.0], abs=0.01)
    on = line_capacity(root, [_toy(LineStatus.OPERATING)], [2025, 2026], 10)
    assert on[:, 0, :] == pytest.approx(np.full((10, 2), 100.0))


def test_real_row_pgz_expansion_is_read_as_the_engine_reads_it() -> None:
    # copied from data/production/lines.csv, source liga-2025-06-30-pgz: 120,000–150,000 a year
    row = _toy(LineStatus.ANNOUNCED, id="pgz.large_calibre.expansion", country="POL",
               value=None, low=120_000.0, high=150_000.0, source="liga-2025-06-30-pgz")
    x, used = capacity_draws(root_entropy(3), row, 40_000)
    assert np.median(x) == pytest.approx(math.sqrt(120_000 * 150_000), rel=0.005)
    assert np.quantile(x, [0.05, 0.95]) == pytest.approx([120_000, 150_000], rel=0.01)
    assert {a.key for a in used} == {"range-confidence", "range-shape"}


def test_answers_state_the_engines_assumptions(store: Store) -> None:
    r = P.capacity(store, "NATO", "artillery_shells", (2025, 2027), 300, 5)
    text = "\n".join(r.assumptions)
    assert "[range-confidence]" in text and "[range-shape]" in text
    assert "[range-uniform]" not in text and "[delay-risk]" in text

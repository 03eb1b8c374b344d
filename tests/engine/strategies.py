"""Hypothesis strategies that generate valid engine inputs (ranges, confidences, shapes)."""

from __future__ import annotations

from hypothesis import strategies as st

from milbalance.engine.distributions import Dist
from milbalance.model import Shape

confidences = st.floats(min_value=0.5, max_value=0.99)
positive = st.floats(min_value=1.0, max_value=1e9, allow_nan=False, allow_infinity=False)
widths = st.floats(min_value=1.01, max_value=20.0)
seeds = st.integers(min_value=0, max_value=2**32 - 1)
continuous_shapes = st.sampled_from([Shape.NORMAL, Shape.LOGNORMAL, Shape.UNIFORM,
                                     Shape.TRIANGULAR])


@st.composite
def ranges(draw: st.DrawFn) -> tuple[float, float, float]:
    """(low, high, confidence) with 0 < low < high."""
    low = draw(positive)
    return low, low * draw(widths), draw(confidences)


@st.composite
def dists(draw: st.DrawFn, continuous: bool = True) -> Dist:
    low, high, conf = draw(ranges())
    shape = draw(continuous_shapes if continuous else
                 st.sampled_from([*Shape]))
    return Dist.from_range(low, high, conf, shape)

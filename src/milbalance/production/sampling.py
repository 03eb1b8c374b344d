"""The one place the production model samples an uncertain quantity.

Until milbalance.engine's distribution API is committed, a range low–high is read as uniform
(stated as the ``range-uniform`` assumption); pointing this function at the engine changes
every production answer consistently.
"""

from __future__ import annotations

from typing import Any

import numpy as np

Array = np.ndarray[Any, np.dtype[np.float64]]


def sample_amount(rng: np.random.Generator, value: float | None, low: float | None,
                  high: float | None, n: int) -> Array:
    """n draws of a point ``value`` or of U(low, high); NaN when neither is given (a gap)."""
    if low is not None and high is not None and high > low:
        out: Array = rng.uniform(low, high, n)
        return out
    point = value if value is not None else low
    return np.full(n, np.nan if point is None else point, dtype=float)

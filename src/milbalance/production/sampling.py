"""The one place the production model turns uncertain figures into samples — through the engine.

Reading a figure: a capacity or bill-of-materials row is read exactly as the engine reads an
observation (``milbalance.engine.from_observation``): a point stays a point; a low–high range
without a stated confidence is a central ``range_confidence`` interval (90% by default) of a
lognormal (low > 0) or normal distribution. The engine returns those choices as Assumptions
(``range-confidence``, ``range-shape``) and every production answer lists them. Ranges that are
genuinely min–max (a start delay of 0–D months, the span of a bill of materials over calibres)
are uniform over [low, high] (``Dist.from_range(low, high, 1, uniform)``), stated by their own
production assumptions.

Drawing: as in ``milbalance.engine.sampling``, every input (one data row, or one delay) has
its own random stream seeded from the run's root entropy and the input's key, and is drawn
once per sample as x = F⁻¹(Φ(z)) with z ~ N(0, 1) (``Dist.transform``). So the same row gets
the same draws wherever it is used in a run (capacity, bottleneck, both sides of a
crossover), adding rows elsewhere does not change a row's draws, and the first n samples of a
run of N > n are the n samples of a run of n.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from milbalance.engine.distributions import Dist, from_bound, from_observation
from milbalance.engine.mixture import Quantity
from milbalance.engine.options import DEFAULT_RANGE_CONFIDENCE
from milbalance.engine.results import Assumption
from milbalance.errors import UserError
from milbalance.model import ClaimantType, Shape
from milbalance.periods import Period, PeriodKind
from milbalance.store import ObservationRow

Array = np.ndarray[Any, np.dtype[np.float64]]


def root_entropy(seed: int) -> int:
    """The run's root entropy from the user's seed (one explicit seeded Generator)."""
    return int(np.random.default_rng(seed).integers(0, 2**63))


def stream(root: int, key: str) -> np.random.Generator:
    """The input's own generator: seeded by the run's root entropy and a hash of its key."""
    digest = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "little")
    return np.random.default_rng([root, digest])


def draw(dist: Dist, key: str, root: int, n: int) -> Array:
    """n draws of ``dist`` from input ``key``'s stream (a point needs no draw)."""
    if not dist.uncertain:
        return np.full(n, dist.a, dtype=float)
    return dist.transform(stream(root, key).standard_normal(n))


def draw_quantity(q: Quantity, root: int, n: int) -> Array:
    """n draws of an engine mixture: each sample takes one component (by weight, from the
    quantity's own choice stream), each component drawn from its own row's stream."""
    cols = [draw(c.dist, c.key, root, n) for c in q.components]
    if len(cols) == 1:
        out = cols[0]
    else:
        u = stream(root, "choice:" + q.key).random(n)
        pick = np.minimum(np.searchsorted(np.cumsum(q.weights), u, side="right"),
                          len(cols) - 1)
        out = np.choose(pick, cols)
    return out * q.scale if q.scale != 1.0 else out


def _as_observation(what: str, value: float | None, low: float | None, high: float | None,
                    path: str, line: int, confidence: float | None, shape: Shape | None
                    ) -> ObservationRow:
    """A data row seen as an observation, so the engine reads it by its own rules."""
    period = Period(date(2000, 1, 1), date(2000, 12, 31), PeriodKind.YEAR, "2000")
    return ObservationRow(entity=what, metric=what, period=period, value=value, low=low,
                          high=high, unit="", confidence=confidence, shape=shape, source="",
                          claimant="", claimant_type=ClaimantType.INDUSTRY, flags=(),
                          notes="", raw_value=value, raw_unit="", path=path, line=line)


def figure(what: str, value: float | None, low: float | None, high: float | None,
           path: str = "", line: int = 0, range_confidence: float = DEFAULT_RANGE_CONFIDENCE,
           confidence: float | None = None, shape: Shape | None = None
           ) -> tuple[Dist | None, tuple[Assumption, ...]]:
    """The engine's distribution for a figure (None when no figure is given: a gap);
    ``confidence`` and ``shape`` as the source states them (None: the engine's defaults)."""
    if value is None and low is None and high is None:
        return None, ()
    if (low is None) != (high is None):
        if value is None:  # a bound ("up to", "at least"): read as the engine reads one
            dist, note = from_bound(low, high)
            return dist, (note,)
        return Dist.point(value), ()
    try:
        return from_observation(_as_observation(what, value, low, high, path, line,
                                                confidence, shape), range_confidence)
    except UserError as exc:
        raise UserError(f"{path}:{line}: {what}: {exc}") from exc


def min_max(low: float, high: float) -> Dist:
    """Uniform over [low, high] (a min–max range: all of its mass inside)."""
    return Dist.from_range(low, high, 1.0, Shape.UNIFORM)


def dedupe(items: Sequence[Assumption]) -> list[Assumption]:
    return list(dict.fromkeys(items))

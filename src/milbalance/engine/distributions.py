"""One observation → one distribution, driven by a standard normal variate.

Every distribution is sampled as ``x = transform(z)`` with ``z ~ N(0, 1)``. Driving all shapes
from a normal lets the sampler correlate inputs with a Gaussian copula and keep each input's
draw shared wherever it is used.

A low–high range with confidence ``c`` is the central interval holding mass ``c``; with
``k = Φ⁻¹((1 + c) / 2)`` (1.6448536269514722 for 90%):

    normal      μ = (low + high) / 2,            σ = (high − low) / (2k)
    lognormal   μ = (ln low + ln high) / 2,      σ = (ln high − ln low) / (2k)   (low > 0)
    uniform     centre ± (high − low) / (2c)     (the range is the central c of the support)
    triangular  symmetric about the midpoint, half-width w = (high − low) / (2(1 − √(1 − c)));
                with c = 1 the range is min–max and the value (if any) is the mode.

A range whose source states no confidence takes ``range_confidence`` (90% by default), and a
range with no shape takes lognormal when low > 0, else normal; both choices are returned as
Assumptions so that answers state them.

A one-sided figure (a low alone: "more than 3 million"; a high alone: "up to 5 million") is a
bound, read by ``from_bound``: the bound is the 5th (low) or 95th (high) percentile of a
lognormal whose other 90%-interval end lies ``DEFAULT_BOUND_FACTOR`` (1.5) times further out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from milbalance.engine.results import Assumption
from milbalance.errors import UserError
from milbalance.model import Shape
from milbalance.store import ObservationRow

Array = np.ndarray[Any, np.dtype[np.float64]]


def z_for(confidence: float) -> float:
    """k = Φ⁻¹((1 + c) / 2): half-width of a central interval of mass c in standard units."""
    if not 0 < confidence < 1:
        raise UserError(f"a normal or lognormal range needs a confidence in (0, 1), "
                        f"got {confidence!r}")
    from scipy.special import ndtri  # here, not at the top: SciPy loads on first use

    return float(ndtri((1 + confidence) / 2))


@dataclass(frozen=True)
class Dist:
    """A distribution with its parameters: ``a``, ``b``, ``c`` mean, by shape,

    point (value, -, -); normal (μ, σ, -); lognormal (μ, σ, -) of ln x; uniform (min, max, -);
    triangular (min, mode, max).
    """

    shape: Shape
    a: float
    b: float = 0.0
    c: float = 0.0

    @classmethod
    def point(cls, value: float) -> Dist:
        return cls(Shape.POINT, value)

    @classmethod
    def from_range(cls, low: float, high: float, confidence: float, shape: Shape,
                   value: float | None = None) -> Dist:
        """The distribution whose central ``confidence`` interval is [low, high] (see module)."""
        if not math.isfinite(low) or not math.isfinite(high) or high < low:
            raise UserError(f"a range needs finite low ≤ high, got {low!r}–{high!r}")
        if not 0 < confidence <= 1:
            raise UserError(f"confidence must be in (0, 1], got {confidence!r}")
        if high == low:
            return cls.point(low)
        if shape is Shape.POINT:
            return cls.point(value if value is not None else (low + high) / 2)
        if shape is Shape.NORMAL:
            return cls(Shape.NORMAL, (low + high) / 2, (high - low) / (2 * z_for(confidence)))
        if shape is Shape.LOGNORMAL:
            if low <= 0:
                raise UserError(f"a lognormal range needs low > 0, got {low!r}; "
                                "give the shape as normal or uniform")
            lo, hi = math.log(low), math.log(high)
            return cls(Shape.LOGNORMAL, (lo + hi) / 2, (hi - lo) / (2 * z_for(confidence)))
        if shape is Shape.UNIFORM:
            half = (high - low) / (2 * confidence)
            mid = (low + high) / 2
            return cls(Shape.UNIFORM, mid - half, mid + half)
        # triangular
        if confidence == 1:
            mode = (low + high) / 2 if value is None else value
            if not low <= mode <= high:
                raise UserError(f"a triangular mode must lie in the range, got {mode!r} "
                                f"outside {low!r}–{high!r}")
            return cls(Shape.TRIANGULAR, low, mode, high)
        mid = (low + high) / 2
        if value is not None and not math.isclose(value, mid, rel_tol=1e-12):
            raise UserError(f"a triangular range with confidence {confidence!r} needs its value "
                            f"at the midpoint {mid!r}, got {value!r}; give confidence 1 to read "
                            "the range as min–max with that mode")
        half = (high - low) / (2 * (1 - math.sqrt(1 - confidence)))
        return cls(Shape.TRIANGULAR, mid - half, mid, mid + half)

    def transform(self, z: Array) -> Array:
        """x = F⁻¹(Φ(z)) for standard normal ``z`` (exact for normal/lognormal, no Φ needed)."""
        if self.shape is Shape.POINT:
            return np.full_like(z, self.a)
        if self.shape is Shape.NORMAL:
            return self.a + self.b * z
        if self.shape is Shape.LOGNORMAL:
            out: Array = np.exp(self.a + self.b * z)
            return out
        from scipy.special import ndtr  # loaded on first use, as in z_for

        u: Array = ndtr(z)
        if self.shape is Shape.UNIFORM:
            return self.a + (self.b - self.a) * u
        return self.ppf_triangular(u)

    def ppf_triangular(self, u: Array) -> Array:
        """Triangular (min a, mode b, max c) inverse CDF: a + √(u(c−a)(b−a)) below
        F(b) = (b−a)/(c−a), else c − √((1−u)(c−a)(c−b))."""
        lo, mode, hi = self.a, self.b, self.c
        width = hi - lo
        split = (mode - lo) / width if width > 0 else 0.5
        left = lo + np.sqrt(u * width * (mode - lo))
        right = hi - np.sqrt((1 - u) * width * (hi - mode))
        out: Array = np.where(u < split, left, right)
        return out

    @property
    def median(self) -> float:
        if self.shape is Shape.LOGNORMAL:
            return math.exp(self.a)
        if self.shape is Shape.TRIANGULAR:
            return float(self.ppf_triangular(np.array([0.5]))[0])
        if self.shape in (Shape.NORMAL, Shape.POINT):
            return self.a
        return (self.a + self.b) / 2

    @property
    def uncertain(self) -> bool:
        return self.shape is not Shape.POINT

    def __repr__(self) -> str:
        names = {Shape.POINT: ("value",), Shape.NORMAL: ("mu", "sigma"),
                 Shape.LOGNORMAL: ("mu_log", "sigma_log"), Shape.UNIFORM: ("min", "max"),
                 Shape.TRIANGULAR: ("min", "mode", "max")}[self.shape]
        vals = (self.a, self.b, self.c)
        return f"{self.shape}(" + ", ".join(f"{n}={v:.6g}" for n, v in zip(names, vals,
                                                                        strict=False)) + ")"


CONFIDENCE_KEY = "range-confidence"
SHAPE_KEY = "range-shape"
BOUND_KEY = "one-sided-bound"
DEFAULT_BOUND_FACTOR = 1.5
"""A one-sided figure's other 90%-interval end: bound × 1.5 (low bound) or bound / 1.5."""
Z90 = 1.6448536269514722


def from_bound(low: float | None, high: float | None, factor: float = DEFAULT_BOUND_FACTOR
               ) -> tuple[Dist, Assumption]:
    """A one-sided figure (``low`` alone or ``high`` alone, > 0) as a lognormal (module)."""
    bound = low if low is not None else high
    if bound is None or (low is not None and high is not None):
        raise UserError("a bound is a low alone or a high alone")
    if not bound > 0 or not factor > 1:
        raise UserError(f"a bound is read as a lognormal: it needs a bound > 0 and a factor "
                        f"> 1, got {bound!r} and {factor!r}")
    sigma = math.log(factor) / (2 * Z90)
    if low is not None:
        mu = math.log(low) + Z90 * sigma
        text = f"a lower bound (low only) is the 5th percentile, with the 95th at × {factor:g}"
    else:
        mu = math.log(bound) - Z90 * sigma
        text = f"an upper bound (high only) is the 95th percentile, with the 5th at ÷ {factor:g}"
    return Dist(Shape.LOGNORMAL, mu, sigma), Assumption(BOUND_KEY, text)


def from_observation(obs: ObservationRow, range_confidence: float
                     ) -> tuple[Dist, tuple[Assumption, ...]]:
    """The distribution an observation stands for, and the assumptions needed to read it."""
    if obs.low is None or obs.high is None:
        if obs.value is None and (obs.low is not None or obs.high is not None):
            dist, note = from_bound(obs.low, obs.high)
            return dist, (note,)
        if obs.value is None:
            raise UserError(f"{obs.path}:{obs.line}: observation has neither a value nor a "
                            "low–high range — fix: give one")
        return Dist.point(obs.value), ()
    used: list[Assumption] = []
    confidence = obs.confidence
    if confidence is None:
        confidence = range_confidence
        used.append(Assumption(CONFIDENCE_KEY, f"a low–high range whose source states no "
                               f"confidence is read as a {confidence:.0%} interval"))
    shape = obs.shape
    if shape is None:
        shape = Shape.LOGNORMAL if obs.low > 0 else Shape.NORMAL
        used.append(Assumption(SHAPE_KEY, "a range with no stated shape is read as lognormal "
                               "(positive quantities), or normal when low ≤ 0"))
    return Dist.from_range(obs.low, obs.high, confidence, shape, obs.value), tuple(used)

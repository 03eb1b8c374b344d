"""Quoted figures are uncertain: a point said by someone is not an exact measurement.

A figure with a single value and no range ("about 2 million a year", said by an official) is
read as a lognormal centred (median) on the value, with a log-scale standard deviation

    σ = √(σ_rounding² + σ_claimant²)

- ``σ_rounding``: the figure as written is rounded to its last non-zero digit (2,000,000 to
  the million, 2,700,000 to the hundred thousand, 13.5 to the tenth); the true value lies
  anywhere within half a rounding unit h, so σ_rounding = (h / value) / √3 (the standard
  deviation of a uniform error over ±h, relative to the value), with h / value capped at 0.5.
- ``σ_claimant``: a default per claimant type for how far a figure said in public lies from
  the true value beyond its rounding (``DEFAULT_QUOTED_SPREAD``; override per type with
  ``EngineOptions.quoted_spread``, or switch the whole rule off with ``quoted=False``).
  Only rows that name a claimant (someone said it) are read so: imported table cells (SIPRI,
  OMB, CBO, World Bank rows, which name no claimant on the row), statistics and rows with no
  claimant type stay exact points.

A range stays a range (``distributions``). A one-sided figure (low only: "more than 3
million"; high only: "up to 5 million") is a bound: the bound is the 5th (low) or the 95th
(high) percentile of a lognormal whose other 90%-interval end lies ``bound_factor`` (1.5) times
further out. Every answer that relies on these readings lists them as Assumptions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal

from milbalance.engine.distributions import (
    BOUND_KEY,
    DEFAULT_BOUND_FACTOR,
    Z90,
    Dist,
    from_bound,
    from_observation,
)
from milbalance.engine.results import Assumption
from milbalance.model import Shape
from milbalance.store import ObservationRow

DEFAULT_QUOTED_SPREAD: Mapping[str, float] = {
    "official-nato": 0.10,
    "official-government": 0.10,
    "official-russia": 0.15,
    "intelligence": 0.20,
    "industry": 0.15,
    "think-tank": 0.15,
    "media": 0.20,
    "statistics": 0.0,
}
"""Log-scale standard deviation (≈ relative error, 1σ) of a quoted point beyond its rounding.

Officials of allied governments and NATO quote their own programmes (0.10, about ±16% at 90%);
Russian officials and industry speak of their own output with an interest in the figure
(0.15); intelligence estimates of an adversary and media relays of unnamed sources are the
loosest (0.20, about ±33% at 90%). These are conventions, stated in every answer that uses
them, not measurements; docs/methodology.md gives the reasons."""

QUOTED_KEY = "quoted-spread"
__all__ = ["BOUND_KEY", "DEFAULT_BOUND_FACTOR", "DEFAULT_QUOTED_SPREAD", "QUOTED_KEY", "Z90",
           "quoted_sigma", "read", "rounding_half_unit", "rounding_sigma"]


def rounding_half_unit(value: float) -> float:
    """Half the unit a figure is rounded to: 2,000,000 → 500,000; 2,700,000 → 50,000;
    13.5 → 0.05; 0 → 0."""
    if value == 0 or not math.isfinite(value):
        return 0.0
    d = Decimal(repr(abs(value))).normalize()
    exponent = d.as_tuple().exponent
    assert isinstance(exponent, int)
    return 0.5 * 10.0 ** exponent


def rounding_sigma(value: float) -> float:
    """σ_rounding = min(h / |value|, 0.5) / √3 (see the module docstring)."""
    if value == 0:
        return 0.0
    return min(rounding_half_unit(value) / abs(value), 0.5) / math.sqrt(3)


def quoted_sigma(obs: ObservationRow, spread: Mapping[str, float]) -> float:
    """The log-scale σ of a quoted point (0: keep it exact)."""
    ctype = str(obs.claimant_type or "")
    if (not obs.claimant or not ctype or ctype == "statistics" or obs.value is None
            or obs.value <= 0):
        return 0.0
    claimant = float(spread.get(ctype, DEFAULT_QUOTED_SPREAD.get(ctype, 0.0)))
    written = obs.raw_value if obs.raw_value else obs.value
    return math.hypot(rounding_sigma(written), claimant)


def read(obs: ObservationRow, range_confidence: float, quoted: bool = True,
         spread: Mapping[str, float] | None = None,
         bound_factor: float = DEFAULT_BOUND_FACTOR) -> tuple[Dist, tuple[Assumption, ...]]:
    """The distribution an observation stands for under the quoted-figure rules."""
    if obs.value is None and (obs.low is None) != (obs.high is None):
        return _bound(obs, bound_factor)
    dist, used = from_observation(obs, range_confidence)
    if not quoted or dist.shape is not Shape.POINT or obs.value is None:
        return dist, used
    sigma = quoted_sigma(obs, spread or {})
    if sigma <= 0:
        return dist, used
    note = Assumption(QUOTED_KEY, "a point figure said by a claimant is read as a lognormal "
                      "around it: σ = √(σ_rounding² + σ_claimant²), σ_rounding from the "
                      "digits it is rounded to, σ_claimant a default per claimant type "
                      "(docs/methodology.md)")
    return Dist(Shape.LOGNORMAL, math.log(obs.value), sigma), (*used, note)


def _bound(obs: ObservationRow, factor: float) -> tuple[Dist, tuple[Assumption, ...]]:
    dist, note = from_bound(obs.low, obs.high, factor)
    return dist, (note,)

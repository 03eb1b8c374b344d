"""Engine settings in one place, each with its default and why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from milbalance.errors import UserError

DEFAULT_REPLICATES = 16
"""Replicates of an RQMC run. With 8, the between-replicate 95% interval covered a
high-precision reference in 91% of 100 benchmark runs; with 16 (t(0.975, 15) = 2.131 instead
of 2.365, and a steadier spread estimate) it covers 94–98.5% (tests/engine/test_estimators)."""


class Sampler(StrEnum):
    """Where a run's uniform/normal drivers come from (see engine.sampling's docstring).

    Declared here, with the other settings, so that the CLI can offer it without importing
    the sampling machinery (and SciPy) at start-up."""

    MC = "mc"
    RQMC = "rqmc"


DEFAULT_SAMPLES = 100_000
DEFAULT_SEED = 20240101
DEFAULT_CHUNK = 1 << 18  # 262 144 samples: 30 inputs × 2^18 × 8 B ≈ 63 MB per chunk
DEFAULT_RANGE_CONFIDENCE = 0.9
"""Probability mass assumed inside a low–high range whose source gives no confidence level.

Sources quoting "20,000–50,000" rarely say how sure they are; reading the range as a 90%
interval (not a hard min–max) leaves 5% on each side for the source being wrong, the usual
convention for elicited ranges. Every answer that relies on it lists it as an Assumption."""


class MembershipRule(StrEnum):
    """How a member that joined or left during the period counts for an annual figure.

    ``any-day`` (default): counted with its whole annual figure if it was a member on any day
    of the period (Finland, NATO from 2023-04-04, counts fully in 2023) — observations are
    annual national totals that cannot be split by date without inventing a profile, and the
    partial year is flagged as an Assumption. ``pro-rata``: scaled by the share of the
    period's days it was a member (Finland 2023: 272/365). ``whole-period``: counted only if a
    member on every day of the period (Finland first counts in 2024).
    """

    ANY_DAY = "any-day"
    PRO_RATA = "pro-rata"
    WHOLE_PERIOD = "whole-period"


class LevelRule(StrEnum):
    """How figures filed on a bloc itself (NATO's own total) and the sum over its members meet.

    ``mixture`` (default): each figure filed on the bloc is one hypothesis about the whole,
    and the member sum is one more (weight ``member_sum_weight``, 1 like one figure); each
    sample takes one hypothesis with probability weight / Σ weights (claimant weights apply
    to the bloc's figures as in any mixture). A member sum with uncovered gaps is not an
    estimate of the whole (that would count the gaps as zero), so it then drops out of the
    mixture and is only shown beside it; with no bloc-level figure the member sum is the
    answer, gaps listed. ``members-only``: the member sum alone. ``bloc-only``: the bloc's
    own figures alone.
    """

    MEMBERS_ONLY = "members-only"
    BLOC_ONLY = "bloc-only"
    MIXTURE = "mixture"


RERUN_SAMPLES_MC = 20_000
"""Samples per assumption rerun with plain MC: P(A > B) to about ±0.007 (95%)."""
RERUN_SAMPLES_RQMC = 4_096
"""Samples per assumption rerun with RQMC (16 × 256 points): on the benchmark model of 60
lognormal inputs, 4,096 RQMC points with smoothing reach ±0.001 (benchmarks/README.md),
without smoothing about ±0.007, as MC does with 20,000 — enough to tell on which side of 0.5
P(A > B) falls unless it is near 0.5."""


@dataclass(frozen=True)
class EngineOptions:
    """What a run samples and how it reads the data; recorded with every result."""

    samples: int = DEFAULT_SAMPLES
    seed: int = DEFAULT_SEED
    chunk_size: int = DEFAULT_CHUNK
    range_confidence: float = DEFAULT_RANGE_CONFIDENCE
    claimant_weights: Mapping[str, float] = field(default_factory=dict)
    """Weight per claimant type in a mixture (missing types weigh 1; 0 drops the type)."""
    claimant_type: str | None = None
    claimant: str | None = None
    source: str | None = None
    membership: MembershipRule = MembershipRule.ANY_DAY
    carry_forward: bool = False
    """Fill a member's gap with its latest earlier observation (stated as an Assumption)."""
    allow_mixed_kinds: bool = False
    sensitivity_samples: int = 100_000
    """Samples kept (the first ones) for sensitivity analysis; bounds its memory."""
    by_claimant: bool = True
    levels: LevelRule = LevelRule.MIXTURE
    """How bloc-level figures and the member sum combine (see LevelRule)."""
    member_sum_weight: float = 1.0
    """Weight of the member-sum hypothesis in the ``mixture`` rule (a bloc figure weighs 1)."""
    companies: bool = False
    """Roll company figures into the company's home country when the country has none."""
    allow_narrower: bool = False
    """Use a narrower metric (155 mm for all calibres) where the metric itself is missing;
    flagged as a lower bound."""
    supply: bool = False
    """Add deliveries from the lead's suppliers (role=supplier) to its output."""
    suppliers: frozenset[str] | None = None
    """With ``supply``: which suppliers to count (None: all of them)."""
    assumption_reruns: bool = True
    """Rerun the comparison under alternative assumptions to report which ones flip it."""
    rerun_samples: int | None = None
    """Samples per rerun (at most ``samples``); None: RERUN_SAMPLES_RQMC with ``rqmc``,
    RERUN_SAMPLES_MC with ``mc``."""
    estimator: Sampler = Sampler.RQMC
    """``rqmc`` (default): randomized quasi-Monte Carlo (``replicates`` digitally shifted
    scrambles of a Sobol' sequence) for P(A > B) and quantiles, with directional smoothing of
    P(A > B) where it applies (``smooth``) and an error estimate from the replicates; plain
    ``mc`` where RQMC is not used (a side mixing the member sum with bloc-level figures as
    hypotheses), said in the result. ``mc``: plain Monte Carlo, one stream per input."""
    replicates: int = DEFAULT_REPLICATES
    """RQMC replicates (the error estimate's degrees of freedom + 1)."""
    smooth: bool = True
    """With ``rqmc``: conditional-MC smoothing of P(A > B) (see engine.estimators)."""
    cumulative: bool = False
    """Read a total over a multi-year period (``<metric>_cumulative``) as an annual figure,
    spread evenly over the period the source states, where a member has no annual figure
    (flagged; only periods that cover the whole year). Off: such totals are listed as not
    counted, with the reason."""

    quoted: bool = True
    """Read a point figure said by a claimant as uncertain (rounding plus a default spread per
    claimant type, ``engine.quoted``); False keeps every point exact."""
    quoted_spread: Mapping[str, float] = field(default_factory=dict)
    """Log-scale σ per claimant type overriding ``engine.quoted.DEFAULT_QUOTED_SPREAD``."""
    bound_factor: float = 1.5
    """A one-sided figure's other 90%-interval end lies this factor beyond the bound."""
    exclude_claimants: frozenset[str] = frozenset()
    """Claimants (case-insensitive) whose figures are left out: a claim is never supported by
    its claimant's own statement filed as data; such rows are listed as said before."""
    carry_widen: float = 0.15
    """Log-scale σ added per year when a side's latest earlier year is carried forward to a
    year without figures (``engine.bases``)."""

    @property
    def reruns(self) -> int:
        """Samples per assumption rerun (see ``rerun_samples``)."""
        n = self.rerun_samples if self.rerun_samples is not None else (
            RERUN_SAMPLES_RQMC if self.estimator is Sampler.RQMC else RERUN_SAMPLES_MC)
        return max(1, min(self.samples, n))

    def __post_init__(self) -> None:
        if self.samples < 1:
            raise UserError(f"samples must be at least 1, got {self.samples!r}")
        if self.chunk_size < 1:
            raise UserError(f"chunk size must be at least 1, got {self.chunk_size!r}")
        if not 0 < self.range_confidence <= 1:
            raise UserError(
                f"range confidence must be in (0, 1], got {self.range_confidence!r}")
        bad = {k: w for k, w in self.claimant_weights.items() if not w >= 0}
        if bad:
            raise UserError(f"claimant weights must be ≥ 0, got {bad!r}")
        if self.replicates < 2:
            raise UserError(f"replicates must be at least 2 (the error estimate needs two), "
                            f"got {self.replicates!r}")
        if self.rerun_samples is not None and self.rerun_samples < 1:
            raise UserError(f"rerun samples must be at least 1, got {self.rerun_samples!r}")
        if not self.bound_factor > 1:
            raise UserError(f"the bound factor must be above 1, got {self.bound_factor!r}")
        bad_spread = {k: v for k, v in self.quoted_spread.items() if not v >= 0}
        if bad_spread:
            raise UserError(f"quoted spreads must be ≥ 0, got {bad_spread!r}")
        if not self.member_sum_weight >= 0:
            raise UserError(f"the member-sum weight must be ≥ 0, got {self.member_sum_weight!r}")

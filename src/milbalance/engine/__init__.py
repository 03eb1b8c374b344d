"""The uncertainty engine: sourced observations → distributions → Monte Carlo answers.

Modules, one concept each:

    results        frozen result records (Estimate, Comparison, Driver, Gap, Assumption) and labels
    distributions  one observation → one distribution (exact 90%-interval parameter mapping)
    mixture        several observations of one quantity → a weighted mixture
    sampling       seeded, chunked, vectorised sampling (MC or RQMC) with streaming statistics
    estimators     P(A > B) by RQMC replicates and conditional-MC smoothing, with error bars
    blocs          a side from every level of data (members, groups, companies, narrower
                   metrics, suppliers, the bloc's own figures), coverage gaps
    hypotheses     sampling sides that mix the member sum with the bloc's own figures
    compare        estimate(), compare(): P(A > B), quantiles, contributions, per-claimant answers
    sensitivity    variance shares, 5th–95th swings, and which input or assumption flips the answer
"""

from __future__ import annotations

from milbalance.engine.compare import compare, estimate
from milbalance.engine.distributions import Dist, from_observation
from milbalance.engine.options import EngineOptions, LevelRule, MembershipRule
from milbalance.engine.results import (
    Assumption,
    Comparison,
    Contribution,
    Driver,
    DriverKind,
    Estimate,
    EstimatorInfo,
    Gap,
    GapReason,
    Level,
    LevelSummary,
    Quantiles,
)

__all__ = [
    "Assumption",
    "Comparison",
    "Contribution",
    "Dist",
    "Driver",
    "DriverKind",
    "EngineOptions",
    "Estimate",
    "EstimatorInfo",
    "Gap",
    "GapReason",
    "Level",
    "LevelRule",
    "LevelSummary",
    "MembershipRule",
    "Quantiles",
    "compare",
    "estimate",
    "from_observation",
]

"""The uncertainty engine: sourced observations → distributions → Monte Carlo answers.

Modules, one concept each:

    results        frozen result records (Estimate, Comparison, Driver, Gap, Assumption) and labels
    distributions  one observation → one distribution (exact 90%-interval parameter mapping)
    mixture        several observations of one quantity → a weighted mixture
    sampling       seeded, chunked, vectorised sampling (MC or RQMC) with streaming statistics
    estimators     P(A > B) by RQMC replicates and conditional-MC smoothing, with error bars
    quoted         quoted points read as uncertain (rounding, claimant type); one-sided bounds
    blocs          a side from every level of data (members, groups, companies, narrower
                   metrics, suppliers, the bloc's own figures), coverage gaps
    supply         the supply and cumulative levels of a side (deliveries, multi-year totals)
    hypotheses     sampling sides that mix the member sum with the bloc's own figures
    compare        estimate(), compare(): P(A > B), quantiles, contributions, per-claimant answers
    sensitivity    variance shares, 5th–95th swings, and which input or assumption flips the answer
    bases          one item on every definition (new output, capacity, refurbished, supplies,
                   155 mm), with the time rule
    verdict        bases → one verdict and a headline (the rule in docs/methodology.md)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from milbalance.engine.options import EngineOptions, LevelRule, MembershipRule, Sampler
from milbalance.engine.results import (
    Assumption,
    Comparison,
    Contribution,
    Driver,
    DriverKind,
    Estimate,
    Gap,
    GapReason,
    Level,
    LevelSummary,
    Quantiles,
)

if TYPE_CHECKING:
    from milbalance.engine.compare import compare, estimate
    from milbalance.engine.distributions import Dist, from_observation

# Settings and result records (no SciPy) load with the package; the sampling functions load on
# first use (PEP 562), so the CLI starts without SciPy until a command samples. Note the names
# ``compare`` and ``estimate`` are functions here: import them from ``milbalance.engine``.
_LAZY = {"compare": "compare", "estimate": "compare", "Dist": "distributions",
         "from_observation": "distributions"}


def __getattr__(name: str) -> Any:
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module 'milbalance.engine' has no attribute {name!r}")
    module = importlib.import_module(f"milbalance.engine.{home}")
    for lazy, lazy_home in _LAZY.items():  # importing the submodule bound its name to the
        if lazy_home == home:              # module object; put the functions back
            globals()[lazy] = getattr(module, lazy)
    return globals()[name]


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
    "Sampler",
    "compare",
    "estimate",
    "from_observation",
]

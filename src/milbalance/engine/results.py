"""Result records the engine returns: frozen, readable, JSON-ready via formatting.to_jsonable."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class GapReason(StrEnum):
    NO_OBSERVATION = "no-observation"  # a member active in the period with no figure for it
    FILTERED_OUT = "filtered-out"  # figures exist, but none from the chosen claimant/source
    ZERO_WEIGHT = "zero-weight"  # figures exist, but their claimant types were weighted 0


class Level(StrEnum):
    """Where a part of a side comes from (every part other than ``member`` is flagged)."""

    MEMBER = "member"  # the member's own figure on the metric asked for
    GROUP = "group"  # a figure filed on another bloc (EU) standing in for shared members
    COMPANY = "company"  # a company's figure rolled into its home country (--companies)
    NARROWER = "narrower"  # a narrower metric (155 mm for all calibres): a lower bound
    SUPPLY = "supply"  # a supplier's deliveries to the lead (--supply)
    CUMULATIVE = "cumulative"  # a multi-year total spread evenly over its period (--cumulative)
    BLOC = "bloc"  # a figure filed on the bloc itself: an alternative estimate of the whole


class DriverKind(StrEnum):
    INPUT = "input"  # an uncertain quantity (one member's estimate)
    ASSUMPTION = "assumption"  # a choice: counting a member, a claimant type's figures


@dataclass(frozen=True)
class Assumption:
    """A choice the engine made that the data did not; every answer lists the ones it used."""

    key: str
    text: str

    def __str__(self) -> str:
        return f"[{self.key}] {self.text}"


@dataclass(frozen=True)
class Gap:
    """Missing coverage: a member with no usable figure. Never counted as zero."""

    entity: str
    member: str
    metric: str
    period: str
    reason: GapReason
    filled_by: str = ""  # the Assumption key when a stated assumption filled it

    def __str__(self) -> str:
        fill = f", filled by [{self.filled_by}]" if self.filled_by else ""
        return (f"gap: {self.member} ({self.entity}) {self.metric} {self.period}: "
                f"{self.reason}{fill}")


@dataclass(frozen=True)
class Quantiles:
    """5th, 50th and 95th percentiles and the mean; ``error`` bounds each quantile's error
    from streaming (0 when computed exactly from all samples)."""

    p5: float
    p50: float
    p95: float
    mean: float
    error: float = 0.0

    def __repr__(self) -> str:
        return f"Quantiles(p5={self.p5:.4g}, p50={self.p50:.4g}, p95={self.p95:.4g}, " \
               f"mean={self.mean:.4g})"


@dataclass(frozen=True)
class Contribution:
    """A member's share of its side: mean value, share of the side's mean, and the sources."""

    member: str
    mean: float
    share: float
    observations: int
    sources: tuple[str, ...]
    flags: tuple[str, ...] = ()
    level: str = "member"  # a Level; shares are within the level's hypothesis (see Estimate)
    covers: tuple[str, ...] = ()  # the side's members this part stands for
    metric: str = ""


@dataclass(frozen=True)
class LevelSummary:
    """One way of reaching the whole, shown side by side: the member sum or the bloc's own
    figures; ``weight`` is its probability in the answer (0 when not used) and ``note`` why."""

    name: str  # "member sum" or "bloc-level figures"
    quantiles: Quantiles
    weight: float
    parts: int
    gaps: int
    note: str = ""


@dataclass(frozen=True)
class Driver:
    """What moves the answer.

    For an input: ``variance_share`` is the first-order share of var(A − B) it explains
    (correlation ratio η² over 20 equal-count bins), ``low``/``high`` are P(A > B) given the
    input at or below its 5th / at or above its 95th percentile. For an assumption: ``low`` is
    P(A > B) without it, ``high`` with it. ``flips`` says whether P(A > B) crosses 0.5.
    """

    name: str
    kind: DriverKind
    variance_share: float
    low: float
    high: float
    flips: bool
    text: str = ""


@dataclass(frozen=True)
class EstimatorInfo:
    """How an answer's numbers were estimated, and the error of its P(A > B).

    ``used`` is ``rqmc+smooth`` (RQMC points, P(A > B) by conditional-MC smoothing),
    ``rqmc`` (RQMC points, P(A > B) by counting) or ``mc`` (plain Monte Carlo); ``note`` says
    why it differs from ``asked`` or what the smoothing moved. ``standard_error`` and
    ``half_width`` (95%) are for P(A > B): with RQMC from the spread of the ``replicates``
    replicate estimates (t with replicates − 1 degrees of freedom), with MC binomial
    (√(p(1 − p)/n), × 1.96); None for an estimate of one side.
    """

    asked: str
    used: str
    note: str
    replicates: int
    standard_error: float | None = None
    half_width: float | None = None
    smoothed_inputs: int = 0


@dataclass(frozen=True)
class Estimate:
    """One entity's (or bloc's) metric at a period as a distribution."""

    entity: str
    metric: str
    period: str
    unit: str
    kind: str
    quantiles: Quantiles
    contributions: tuple[Contribution, ...]
    gaps: tuple[Gap, ...]
    assumptions: tuple[Assumption, ...]
    inputs: int
    seed: int
    samples: int
    by_claimant: dict[str, Quantiles] = field(default_factory=dict)
    levels: tuple[LevelSummary, ...] = ()
    estimator: EstimatorInfo | None = None

    def __repr__(self) -> str:
        return (f"Estimate({self.entity} {self.metric} {self.period}: {self.quantiles!r} "
                f"{self.unit}; gaps={len(self.gaps)}, seed={self.seed}, samples={self.samples})")


@dataclass(frozen=True)
class ClaimantAnswer:
    """The comparison again with only one claimant type's figures."""

    claimant_type: str
    p_a_gt_b: float | None  # None when one side has no figure from this claimant type
    difference: Quantiles | None
    gaps: int


@dataclass(frozen=True)
class Comparison:
    """A versus B: P(A > B), quantiles of A, B, A − B and A / B, and what it depends on."""

    a: Estimate
    b: Estimate
    p_a_gt_b: float
    p_b_gt_a: float
    p_tie: float
    quantiles: dict[str, Quantiles]  # keys "a", "b", "a-b", "a/b"
    by_claimant: tuple[ClaimantAnswer, ...]
    drivers: tuple[Driver, ...]
    assumptions: tuple[Assumption, ...]
    mixed_kinds: bool
    seed: int
    samples: int
    estimator: EstimatorInfo | None = None

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return self.a.gaps + self.b.gaps

    def __repr__(self) -> str:
        d = self.quantiles["a-b"]
        return (f"Comparison({self.a.entity} vs {self.b.entity} {self.a.metric} {self.a.period}: "
                f"P(A>B)={self.p_a_gt_b:.4f}, A−B {d!r}; gaps={len(self.gaps)}, "
                f"seed={self.seed}, samples={self.samples})")

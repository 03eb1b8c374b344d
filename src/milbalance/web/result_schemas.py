"""Response shapes of the model answers (engine estimates, production projections), as they
appear in the OpenAPI schema.

Each model mirrors one library dataclass field by field (``MIRRORS``; a test checks that
they stay in step). Numbers the library computes as statistics may be non-finite where a
stage is unconstrained; JSON has no infinity, so those fields are ``null`` then
(``formatting.to_jsonable``).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from milbalance.engine import results as E
from milbalance.production import capacity as C
from milbalance.production import projection as P
from milbalance.production import reports as R
from milbalance.web import limits
from milbalance.web.schemas import StatementOut

Stat = float | None
"""A computed statistic: null where it is not a finite number."""


class AssumptionOut(BaseModel):
    key: str
    text: str


class QuantilesOut(BaseModel):
    p5: float
    p50: float
    p95: float
    mean: float
    error: float = 0.0


class ContributionOut(BaseModel):
    member: str
    mean: Stat
    share: Stat
    observations: int
    sources: list[str]
    flags: list[str] = []
    level: str = "member"
    covers: list[str] = []
    metric: str = ""


class EngineGapOut(BaseModel):
    """A member with no usable figure: listed, never counted as zero."""

    entity: str
    member: str
    metric: str
    period: str
    reason: str
    filled_by: str = ""


class LevelSummaryOut(BaseModel):
    name: str
    quantiles: QuantilesOut
    weight: float
    parts: int
    gaps: int
    note: str = ""


class EstimatorInfoOut(BaseModel):
    """How an answer's numbers were estimated (``rqmc+smooth``, ``rqmc`` or ``mc``), and the
    error of its P(A > B) where it has one."""

    asked: str
    used: str
    note: str
    replicates: int
    standard_error: Stat = None
    half_width: Stat = None
    smoothed_inputs: int = 0


class EstimateOut(BaseModel):
    """One bloc's metric in one year as a distribution, with what went into it."""

    entity: str
    metric: str
    period: str
    unit: str
    kind: str
    quantiles: QuantilesOut
    contributions: list[ContributionOut]
    gaps: list[EngineGapOut]
    assumptions: list[AssumptionOut]
    inputs: int
    seed: int
    samples: int
    by_claimant: dict[str, QuantilesOut] = {}
    levels: list[LevelSummaryOut] = []
    estimator: EstimatorInfoOut | None = None


# --- production ---------------------------------------------------------------------------


class ProductionGapOut(BaseModel):
    """Capacity that exists or may exist but has no usable figure in a year."""

    year: int
    country: str
    stage: str
    line: str
    reason: str


class ReportedOut(BaseModel):
    """A reported figure shown beside the model (capacity or output: not the same thing)."""

    entity: str
    metric: str
    kind: str
    period: str
    value: float | None
    low: float | None
    high: float | None
    source: str
    claimant: str
    claimant_type: str
    flags: list[str]
    restated_by_lines: bool


class LineCoverageOut(BaseModel):
    """Modelled median ÷ a reported capacity of the same scope and year."""

    scope: str
    year: int
    metric: str
    period: str
    reported: float
    source: str
    claimant: str
    modelled_median: Stat
    share: Stat
    restated_by_lines: bool


class YearCapacityOut(BaseModel):
    year: int
    p5: Stat
    median: Stat
    p95: Stat
    stage_median: dict[str, Stat]
    binding: dict[str, Stat]
    covered: list[str]
    gaps: list[ProductionGapOut]
    reported: list[ReportedOut]
    coverage: list[LineCoverageOut] = []


class CapacityOut(BaseModel):
    """Finished-round capacity modelled from the production rows, by year, beside reported
    capacity and output; rounds a year."""

    bloc: str
    item: str
    unit: str
    samples: int
    seed: int
    years: list[YearCapacityOut]
    unknown_stages: dict[str, str]
    lines: list[str]
    sources: list[str]
    assumptions: list[str]
    note: str = Field("", description="How the years asked for were read where not as "
                      "asked (given end first; more than 12, the first 12 answered); '' if as "
                      "asked")


class ActiveLineOut(BaseModel):
    id: str
    country: str
    stage: str
    basis: str
    status: str
    share: Stat
    median: Stat
    source: str


class StageShadowOut(BaseModel):
    stage: str
    capacity_rounds: Stat
    constrains: list[str]
    shadow_price: Stat
    unit: str
    binding_share: Stat
    lines: list[ActiveLineOut]
    sources: list[str]


class BottleneckOut(BaseModel):
    """The binding stage in a year with its shadow price (HiGHS LP on ``lp_samples``)."""

    bloc: str
    item: str
    year: int
    member_share: float
    supplier_share: float
    samples: int
    lp_samples: int
    seed: int
    output_median: Stat
    binding_stage: str | None
    stages: list[StageShadowOut]
    lp_vs_closed_form_max_gap: Stat
    unknown_stages: dict[str, str]
    gaps: list[ProductionGapOut]
    assumptions: list[str]


class SideYearOut(BaseModel):
    p5: Stat
    median: Stat
    p95: Stat
    basis: str = Field(description="What the figure is made of, in words")
    sources: list[str] = []


class BasisYearOut(BaseModel):
    basis: str = Field(description="'lines' or 'reported capacity'")
    p_a_greater: Stat = Field(description="P(A > B); null: a side has no figure (a gap)")
    a: SideYearOut
    b: SideYearOut
    p_tie: Stat = None


class CrossYearOut(BaseModel):
    year: int
    lines: BasisYearOut
    reported: BasisYearOut
    coverage_a: list[LineCoverageOut]
    coverage_b: list[LineCoverageOut]


class CrossoverOut(BaseModel):
    """P(A > B) per year on two bases, each stated: capacity modelled from lines on both
    sides, and reported capacity on both sides."""

    a: str
    b: str
    item: str
    samples: int
    seed: int
    years: list[CrossYearOut]
    first_year: dict[str, dict[str, int | None]] = Field(
        description="basis → {'0.5': first year P(A > B) > 0.5, '0.9': ...}; null: none")
    gaps: dict[str, list[ProductionGapOut]] = {}
    assumptions: list[str] = []
    note: str = Field("", description="How the years asked for were read where not as "
                      "asked (given end first; more than 12, the first 12 answered); '' if as "
                      "asked")


# --- overview -----------------------------------------------------------------------------


class SideOut(BaseModel):
    entity: str
    missing_years: list[int] = Field(description="Years with no figure at all (gaps)")
    estimates: list[EstimateOut]


class PanelOut(BaseModel):
    metric: str
    description: str
    kind: str
    unit: str
    sources: list[str]
    sides: list[SideOut]


class ProjectionOut(BaseModel):
    """One pair's capacity crossover with every source behind it."""

    crossover: CrossoverOut
    sources: list[str]


class OverviewOut(BaseModel):
    """NATO against Russia and its suppliers by year: engine panels, the production model's
    capacity projections, and the timeline of officials' statements."""

    start: int
    end: int
    samples: int
    seed: int
    panels: list[PanelOut]
    capacity: list[ProjectionOut]
    statements: list[StatementOut]
    note: str = Field(default="", description="How the years asked for were read ('' when "
                      "as asked): either order, at most the first "
                      f"{limits.OVERVIEW_SPAN_MAX} years")


MIRRORS: dict[type[BaseModel], type] = {
    AssumptionOut: E.Assumption, QuantilesOut: E.Quantiles, ContributionOut: E.Contribution,
    EngineGapOut: E.Gap, LevelSummaryOut: E.LevelSummary, EstimateOut: E.Estimate,
    ProductionGapOut: C.Gap, ReportedOut: R.Reported, LineCoverageOut: R.Coverage,
    YearCapacityOut: P.YearCapacity, CapacityOut: P.CapacityResult,
    ActiveLineOut: P.ActiveLine, StageShadowOut: P.StageShadow,
    BottleneckOut: P.BottleneckResult, SideYearOut: P.SideYear, BasisYearOut: P.BasisYear,
    CrossYearOut: P.CrossYear, CrossoverOut: P.CrossoverResult,
}
"""Each response model and the library dataclass it mirrors: every library field is in the
model, and every required model field is in the library (an optional model field may run
ahead of the library, e.g. ``EstimateOut.estimator`` while the engine adds it)."""

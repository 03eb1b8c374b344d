"""The domain vocabulary as typed, frozen records (see docs/data.md for the file format)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from milbalance.periods import Period


class ClaimantType(StrEnum):
    """Who stands behind a figure; answers can be broken down by it."""

    OFFICIAL_NATO = "official-nato"
    OFFICIAL_GOVERNMENT = "official-government"
    OFFICIAL_RUSSIA = "official-russia"
    INTELLIGENCE = "intelligence"
    INDUSTRY = "industry"
    THINK_TANK = "think-tank"
    MEDIA = "media"
    STATISTICS = "statistics"


class MetricKind(StrEnum):
    """Kinds of quantity that must never be mixed silently."""

    OUTPUT = "output"
    CAPACITY = "capacity"
    TARGET = "target"
    DELIVERIES = "deliveries"
    CONSUMPTION = "consumption"
    STOCKPILE = "stockpile"
    EXPENDITURE = "expenditure"
    GDP = "gdp"
    FX = "fx"
    SHARE = "share"
    RATIO = "ratio"
    POPULATION = "population"


class EntityKind(StrEnum):
    COUNTRY = "country"
    COMPANY = "company"
    FACILITY = "facility"
    BLOC = "bloc"


class Shape(StrEnum):
    """How a low–high range is read as a distribution."""

    POINT = "point"
    UNIFORM = "uniform"
    NORMAL = "normal"
    LOGNORMAL = "lognormal"
    TRIANGULAR = "triangular"


class Flag(StrEnum):
    """Markers a publisher or the data maintainer puts on a figure."""

    ESTIMATE = "estimate"  # the publisher's own estimate (SIPRI blue, OMB estimate columns)
    UNCERTAIN = "uncertain"  # highly uncertain (SIPRI red)
    PROJECTION = "projection"  # a plan, budget law or forecast, not an outturn
    SECONDARY = "secondary"  # read from a third party's transcription of the primary
    DERIVED = "derived"  # arithmetic on published figures, not itself published


LOCAL_CURRENCY = "LCU"
"""Metric unit meaning "the entity's own currency"; observations name the actual currency."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    published: str
    claimant_type: ClaimantType
    edition: str = ""
    licence: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Unit:
    """A unit; values convert within one dimension by ``factor`` (to the dimension's base)."""

    id: str
    dimension: str
    factor: float
    description: str = ""

    @property
    def currency(self) -> str | None:
        """ISO 4217 code for money units (dimension ``money:RUB``), else None."""
        head, _, code = self.dimension.partition(":")
        return code if head == "money" and code else None

    @property
    def local_currency(self) -> str | None:
        """The currency a local-currency metric is in: ``money:RUB`` → RUB, and for exchange
        rates ``fx:RUB/USD`` → RUB (local units per dollar); None for other dimensions."""
        head, _, code = self.dimension.partition(":")
        if head == "fx":
            code = code.partition("/")[0]
        return code if head in ("money", "fx") and code else None


@dataclass(frozen=True)
class Metric:
    id: str
    unit: str
    kind: MetricKind
    description: str
    minimum: float | None = None
    maximum: float | None = None
    item: str = ""


@dataclass(frozen=True)
class Entity:
    id: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""  # home country of a company or facility
    company: str = ""  # owner of a facility
    currencies: tuple[str, ...] = ()  # ISO 4217 codes its local figures may be in, current first
    fiscal_year_start: int = 1  # month a country's fiscal year begins
    notes: str = ""
    earlier_fiscal_starts: tuple[tuple[int, int], ...] = ()  # (last fiscal year, start month)

    def fiscal_start(self, fiscal_year: int) -> int:
        """The month the fiscal year ending in ``fiscal_year`` began (FY1976 in the US: 7)."""
        for last_year, month in sorted(self.earlier_fiscal_starts):
            if fiscal_year <= last_year:
                return month
        return self.fiscal_year_start


@dataclass(frozen=True)
class Membership:
    bloc: str
    member: str
    start: date
    end: date | None
    role: str
    source: str
    notes: str = ""

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Observation:
    """One figure from one source: entity × metric × period × value."""

    entity: str
    metric: str
    period: Period
    value: float | None
    low: float | None
    high: float | None
    confidence: float | None  # probability mass inside low–high; None when the source omits it
    shape: Shape | None  # None: the engine's default for the metric (stated in its answers)
    unit: str
    source: str
    claimant: str = ""
    claimant_type: ClaimantType | None = None  # overrides the source's when the source relays
    flags: tuple[Flag, ...] = ()
    notes: str = ""
    path: str = ""
    line: int = 0


@dataclass(frozen=True)
class Statement:
    """Somebody's claim at a date; evidence kept apart from measurements."""

    id: str
    date: date
    claimant: str
    claimant_type: ClaimantType
    about: tuple[str, ...]
    summary: str
    source: str
    metric: str = ""
    quote: str = ""
    notes: str = ""

"""What a claim can say, as typed records the parser produces and the evaluator checks.

Every claim keeps the sentence it came from, the year it is about (and whether that year was
written or taken from the article's date), who said it when the text says so, and the
caveats the parser had to accept to read it (e.g. "ammunition" read as artillery shells).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ClaimKind(StrEnum):
    COMPARISON = "comparison"  # A outproduces B; A makes N times as much as B
    LEVEL = "level"  # A produced N of X in year Y; A spent N on defence
    SHARE_OF_GDP = "share_of_gdp"  # A spends N% of GDP on defence
    CHANGE = "change"  # doubled since 2022; up 14-fold
    RECORD = "record"  # highest since 1990; levels not seen in decades
    RANK = "rank"  # the world's third-largest spender; among the top five; overtook X
    SHARE_OF_TOTAL = "share_of_total"  # 37% of global spending; 40% of the federal budget
    COUNT = "count"  # 18 of 32 allies met the 2% target; all allies; the 32-nation alliance
    CONSISTENCY = "consistency"  # several figures quoted together must fit each other
    ATTRIBUTION = "attribution"  # X said Y on date D
    NOT_CHECKABLE = "not_checkable"  # opinion, motive, forecast of events


class Measure(StrEnum):
    """What was counted; matches the metric kinds so a claim maps to ``<item>.<measure>``."""

    OUTPUT = "output"
    CAPACITY = "capacity"
    TARGET = "target"
    DELIVERIES = "deliveries"
    SUPPLY = "supply"  # output plus what arrives from suppliers: imports count only here
    CONSUMPTION = "consumption"
    STOCKPILE = "stockpile"
    EXPENDITURE = "expenditure"
    GDP = "gdp"


class QuantityUnit(StrEnum):
    MONEY = "money"  # value in currency units (not millions), ``currency`` says which
    PERCENT_GDP = "percent_gdp"  # per cent of GDP
    PERCENT = "percent"  # a per cent of something else (a change, a share of a budget)
    COUNT = "count"  # items, a stock or a total over a period
    RATE = "rate"  # items per year (monthly and daily rates annualised)


class NotCheckableReason(StrEnum):
    OPINION = "opinion"
    MOTIVE = "motive"
    FORECAST = "forecast"
    NO_FIGURE = "no-figure"
    UNRESOLVED = "unresolved"


@dataclass(frozen=True)
class Quantity:
    """A number as the text wrote it, normalised: money in units, rates per year."""

    value: float
    unit: QuantityUnit
    text: str
    start: int  # character span in the sentence
    end: int
    currency: str = ""  # ISO 4217 for money
    item: str = ""  # metric item for counts and rates (artillery_shells)
    per: str = ""  # the rate as written: year, month or day
    approximate: bool = False  # about, some, nearly, roughly
    bound: str = ""  # "at-least" (more than, over) or "at-most" (fewer than, up to)
    strict: bool = False  # the bound excludes the figure: "more than", "under" (>, <)
    low: float | None = None  # a written range "1.3 to 1.4 million"
    high: float | None = None

    @property
    def precision(self) -> float:
        """Relative half-width of the last written digit: '13.5' → 0.05/13.5 (rounding)."""
        digits = [c for c in self.text if c.isdecimal() or c == "."]
        raw = "".join(digits).strip(".")
        if not raw:
            return 0.05  # words ("two million", "a third"): read as ±5%
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        try:
            written = float(raw)
        except ValueError:
            return 0.05
        if written == 0:
            return 0.0
        if decimals == 0:
            stripped = raw.rstrip("0")
            zeros = len(raw) - len(stripped)
            step = 10 ** zeros if written >= 1000 and stripped else 1  # "40,000": ±5,000
            return float(0.5 * step / written)
        return float(0.5 * 10 ** (-decimals) / written)


@dataclass(frozen=True)
class Attribution:
    """Who said it and when, as far as the text or the article tells."""

    speaker: str
    entity: str = ""  # the body the speaker speaks for (NATO for its Secretary General)
    date: str = ""  # YYYY-MM-DD when known
    cited: bool = False  # a body given as the source ('according to SIPRI', 'the US Army
    #   said'), no person named: its published figures are the evidence, not left out


@dataclass(frozen=True, kw_only=True)
class ClaimBase:
    """Fields every claim has."""

    text: str
    year: int | None = None
    year_from_text: bool = False
    caveats: tuple[str, ...] = ()
    attribution: Attribution | None = None
    negated: bool = False  # "did not", "no longer": the claim holds when its figure fails
    inferred: tuple[tuple[str, str], ...] = ()  # (part, how) for parts not written in the
    #   sentence: ("subject", "from the previous sentence"), ("year", "from the article date")
    hedge: str = ""  # "may", "reportedly": the word that qualifies the claim, if any
    said_on: str = ""  # YYYY-MM-DD the sentence was said (the article's date, or a date it
    #   states): a rate "now" is read at this month, never against a later run-rate
    year_context: str = ""  # where a year the sentence does not write came from, when it
    #   is not the date said: 'the year of the sentence before (2023)'; such a claim is no
    #   'now' (``reading.said_now``)


@dataclass(frozen=True, kw_only=True)
class Comparison(ClaimBase):
    """``subject`` has more of ``item`` than ``other`` (``ratio`` = subject / other, if stated).

    ``subject_years``/``other_years`` differ for historical comparisons (the US during the
    Korean war against Russia now)."""

    kind: ClaimKind = ClaimKind.COMPARISON
    subject: str
    other: str
    item: str
    measure: Measure
    ratio: float | None = None
    ratio_bound: str = ""  # "more than twice as many": "at-least"; "less than half": "at-most"
    more: bool = True  # False: the subject has less
    share_of_gdp: bool = False
    subject_years: tuple[int, int] | None = None
    other_years: tuple[int, int] | None = None


@dataclass(frozen=True, kw_only=True)
class Level(ClaimBase):
    """``subject``'s ``item`` (measured as ``measure``) was ``quantity`` in ``year``."""

    kind: ClaimKind = ClaimKind.LEVEL
    subject: str
    item: str
    measure: Measure
    quantity: Quantity
    years: tuple[int, int] | None = None


@dataclass(frozen=True, kw_only=True)
class ShareOfGdp(ClaimBase):
    """``subject`` spent ``quantity`` per cent of GDP on defence over ``years``."""

    kind: ClaimKind = ClaimKind.SHARE_OF_GDP
    subject: str
    quantity: Quantity
    years: tuple[int, int] | None = None


@dataclass(frozen=True, kw_only=True)
class Change(ClaimBase):
    """``item`` grew by ``factor`` (2 = doubled) between ``since`` and ``year``."""

    kind: ClaimKind = ClaimKind.CHANGE
    subject: str
    item: str
    measure: Measure
    factor: float
    since: int | None = None
    bound: str = ""  # "rose by more than half": "at-least" (factor > 1.5); "at-most" below
    strict: bool = False
    approximate: bool = False  # "almost 40 per cent", "roughly doubled"
    percent: bool = False  # written as a per cent change ("up 14%"), not a multiple
    basis: str = ""  # "real" (constant prices), "nominal" (current prices), "" unstated
    first_since: int | None = None  # "fell for the first time since 2015": the last change
    #   the same way before ``year`` was in ``first_since`` or earlier (``factor`` < 1: a fall)


@dataclass(frozen=True, kw_only=True)
class Record(ClaimBase):
    """``item`` is at its highest since ``since`` (None: "in decades", read as ≥ 20 years)."""

    kind: ClaimKind = ClaimKind.RECORD
    subject: str
    item: str
    measure: Measure
    since: int | None = None
    span_years: int = 0  # "in decades" → 20: the least reading of the phrase


@dataclass(frozen=True, kw_only=True)
class Consistency(ClaimBase):
    """Several spending figures quoted together (local currency, US$, share of GDP, GDP)."""

    kind: ClaimKind = ClaimKind.CONSISTENCY
    subject: str
    quantities: tuple[Quantity, ...]


@dataclass(frozen=True, kw_only=True)
class AttributionClaim(ClaimBase):
    """Somebody said something at a date: checked against the statements timeline."""

    kind: ClaimKind = ClaimKind.ATTRIBUTION
    speaker: str
    about: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()  # items the sentence's figures are about ("artillery_shells")
    undated: bool = False  # "has said", "says": made some time before the article's date


@dataclass(frozen=True, kw_only=True)
class NotCheckable(ClaimBase):
    """An opinion, a motive or a forecast of events: no figure can decide it."""

    kind: ClaimKind = ClaimKind.NOT_CHECKABLE
    reason: NotCheckableReason
    explanation: str


@dataclass(frozen=True, kw_only=True)
class Rank(ClaimBase):
    """``subject`` is the ``position``-th largest by ``item`` among the countries of ``scope``
    (WLD or a bloc) in ``year``; ``top``: among the top ``position``; ``smallest``: counted
    from the bottom; ``other``: "overtook X" (above X in ``year``, not above it the year
    before); ``share_of_gdp``: ranked by share of GDP instead of amount."""

    kind: ClaimKind = ClaimKind.RANK
    subject: str
    scope: str
    item: str = "military_expenditure"
    position: int = 1
    top: bool = False
    smallest: bool = False
    other: str = ""
    share_of_gdp: bool = False


@dataclass(frozen=True, kw_only=True)
class ShareOfTotal(ClaimBase):
    """``subject``'s ``item`` was ``quantity`` (a per cent) of ``total``: WLD or a bloc's
    spending, or "budget" (the subject's own government spending)."""

    kind: ClaimKind = ClaimKind.SHARE_OF_TOTAL
    subject: str
    total: str
    quantity: Quantity
    item: str = "military_expenditure"


@dataclass(frozen=True, kw_only=True)
class MemberCount(ClaimBase):
    """``quantity`` of ``subject``'s (a bloc's) members spent at least ``threshold`` per cent
    of GDP in ``year`` (``below``: under it); ``threshold`` None counts the members."""

    kind: ClaimKind = ClaimKind.COUNT
    subject: str
    quantity: Quantity | None = None  # None with ``every``
    every: bool = False  # "all allies"
    of: int | None = None  # "18 of 32": the membership the text states
    threshold: float | None = None
    below: bool = False


Claim = (Comparison | Level | ShareOfGdp | Change | Record | Consistency | AttributionClaim
         | NotCheckable | Rank | ShareOfTotal | MemberCount)

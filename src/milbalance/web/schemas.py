"""Response shapes of the JSON API, as they appear in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, Field

from milbalance.web import limits


class ErrorOut(BaseModel):
    """Every 4xx answer: what was wrong and, for unknown names, the closest valid ones."""

    error: str
    suggestions: list[str] | None = None
    detail: list[str] | None = None


class Health(BaseModel):
    ok: bool
    version: str


class SourceOut(BaseModel):
    id: str
    title: str
    publisher: str
    url: str
    published: str
    claimant_type: str
    edition: str
    licence: str
    notes: str


class SourceUseOut(BaseModel):
    """A source and what it supports in the data."""

    source: SourceOut
    observations: int
    series: list[str]
    statements: int
    memberships: int


class EntityOut(BaseModel):
    id: str
    kind: str
    name: str
    aliases: list[str]
    country: str
    company: str
    currencies: list[str]
    fiscal_year_start: int
    notes: str


class MetricOut(BaseModel):
    id: str
    unit: str
    kind: str
    description: str
    minimum: float | None
    maximum: float | None
    item: str


class PeriodOut(BaseModel):
    start: date
    end: date
    kind: str
    label: str


class ObservationOut(BaseModel):
    entity: str
    metric: str
    period: PeriodOut
    value: float | None
    low: float | None
    high: float | None
    unit: str
    confidence: float | None
    shape: str | None
    source: str
    claimant: str
    claimant_type: str
    flags: list[str]
    notes: str
    raw_value: float | None
    raw_unit: str
    path: str
    line: int


class SeriesOut(BaseModel):
    """Every observation of entity × metric; an empty list is a gap in the data, not a zero.
    ``start`` and ``end`` are the years answered (the earlier first)."""

    entity: EntityOut
    metric: MetricOut
    unit: str
    start: int | None
    end: int | None
    observations: list[ObservationOut]
    sources: list[SourceOut]
    note: str = Field(default="", description="How the years asked for were read ('' when "
                      "as asked), e.g. 'years 2020–2010 read as 2010–2020'")


class CoverageOut(BaseModel):
    entity: str
    entity_name: str
    metric: str
    kind: str
    observations: int
    sources: int
    first_year: int
    last_year: int


class StatementOut(BaseModel):
    id: str
    date: date
    claimant: str
    claimant_type: str
    about: list[str]
    summary: str
    source: str
    metric: str
    quote: str
    notes: str


class MembershipOut(BaseModel):
    bloc: str
    member: str
    start: date
    end: date | None
    role: str
    source: str
    notes: str


class MembersOut(BaseModel):
    bloc: str
    on: date
    members: list[MembershipOut]


def said_on(value: object) -> object:
    """A date written as a date (YYYY-MM-DD): a number, a boolean or ``"0"`` is refused
    rather than read as a Unix time (``0`` is not 1970-01-01)."""
    if value is None or isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return dt.date.fromisoformat(value.strip())
    raise ValueError(f"date {value!r} is not a date; write YYYY-MM-DD")


SaidOn = Annotated[dt.date | None, BeforeValidator(said_on), Field(
    default=None,
    description="The day the text was said or published, as YYYY-MM-DD (a number is refused: "
                "it is not read as a Unix time)")]
"""A date written as a date, so ``0`` is an error rather than 1970-01-01."""


NOT_BLANK = r"[^\s\x1c-\x1f\x85]"
"""A text with at least one character that is not a space: the claims library refuses a text
that ``str.strip`` empties. Python's spaces are Unicode's White_Space (the whitespace class of
pydantic's regex engine) and the separators U+001C–U+001F; a JSON Schema (ECMA-262) reader's
whitespace class lacks U+0085 and adds U+FEFF, so U+0085 is named here and the schema may
refuse a text the app would read (U+FEFF alone), never the other way round."""


class CheckIn(BaseModel):
    """A sentence (or short passage) to check; ``date`` gives the year to claims naming none."""

    text: str = Field(min_length=1, max_length=limits.CLAIM_TEXT_MAX, pattern=NOT_BLANK,
                      description="The sentence to check (not only spaces)")
    date: SaidOn = None


class ArticleIn(BaseModel):
    """An article to read, claim by claim."""

    text: str = Field(min_length=1, max_length=limits.ARTICLE_TEXT_MAX, pattern=NOT_BLANK,
                      description="The article (not only spaces)")
    date: SaidOn = None


class RepeatedOut(BaseModel):
    reading: str = Field(description="The claim as read (subject · metric · period · figure)")
    times: int = Field(description="Times the claimant made it, in different sentences")


class TrackRecordRowOut(BaseModel):
    """One claimant in one year (``year`` "all": the whole file; "?": undated)."""

    claimant: str = Field(description="Speaker, claimant type or outlet; '(not attributed)' "
                          "for claims no one is named for")
    year: str
    claims: int = Field(description="Claims read (attribution rows left out)")
    checkable: int = Field(description="Claims with a verdict: supported + contested + refuted")
    supported: int
    contested: int
    refuted: int
    share_supported: float | None = Field(description="supported ÷ checkable; null: none "
                                          "checkable")
    share_contested: float | None
    share_refuted: float | None
    most_repeated: list[RepeatedOut] = Field(description="Checkable claims made more than once, "
                                             "most repeated first (at most 3)")


class TrackRecordOut(BaseModel):
    """A claims file's track record, as ``milbalance track-record --json`` prints it:
    claimants with most checkable claims first, each one's years in order, then "all"."""

    by: str
    file: str
    records: list[TrackRecordRowOut]

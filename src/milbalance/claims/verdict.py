"""Verdicts: the label, the probability the claim holds, and everything that decided it.

Labels come from the probability with two named thresholds:

    p ≥ SUPPORTED_AT (0.8)   supported   — the evidence agrees, by a clear margin
    p ≤ REFUTED_AT (0.2)     refuted     — the evidence disagrees, by a clear margin
    otherwise                contested   — sources or readings disagree
    no evidence / opinion    not_checkable

0.8/0.2 leave a wide middle on purpose: answers built from a handful of disagreeing
estimates should not be called settled. A figure checked against sources' figures
of spending (``figure_label``) is supported when at least half of them agree, one outright:
there P is the share of sources agreeing, and the rest mostly use another definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from milbalance.claims.kinds import Claim

SUPPORTED_AT = 0.8
"""Probability at or above which a claim is labelled supported."""
REFUTED_AT = 0.2
"""Probability at or below which a claim is labelled refuted."""
FIGURE_SUPPORTED_AT = 0.5
"""For a spending figure checked against sources' figures (sums of money, shares of GDP),
where P is the share of sources that agree: supported when at least half agree and one agrees
outright. Published spending figures that disagree mostly use other definitions (budget
chapter, SIPRI, NATO), and a claim that reports the figure of the sources it agrees with is
what analysts call supported (on the development half of the claims corpus, 5 of 7
'contested' spending levels and shares were). Estimates of output are not read so: there
disagreement is the uncertainty itself. Announced targets are read so too: plans are restated,
and a claim that a plan was announced holds when an announced plan says it."""


def figure_label(probability: float | None, agreeing: int) -> Label:
    """The label of a figure checked against sources: ``label_for``, except that at least
    half the sources agreeing, one of them outright, is supported."""
    if probability is not None and probability >= FIGURE_SUPPORTED_AT and agreeing:
        return Label.SUPPORTED
    return label_for(probability)


class Label(StrEnum):
    SUPPORTED = "supported"
    CONTESTED = "contested"
    REFUTED = "refuted"
    NOT_CHECKABLE = "not_checkable"


def label_for(probability: float | None) -> Label:
    """The label a probability earns (None: nothing to check against)."""
    if probability is None:
        return Label.NOT_CHECKABLE
    if probability >= SUPPORTED_AT:
        return Label.SUPPORTED
    if probability <= REFUTED_AT:
        return Label.REFUTED
    return Label.CONTESTED


@dataclass(frozen=True)
class Evidence:
    """One figure the verdict rests on, with its source; ``holds`` says if it agrees."""

    source_id: str
    entity: str
    metric: str
    period: str
    value: float | None
    unit: str
    claimant_type: str
    claimant: str = ""
    low: float | None = None
    high: float | None = None
    holds: bool | None = None
    note: str = ""


@dataclass(frozen=True)
class Verdict:
    claim: Claim
    label: Label
    probability: float | None
    summary: str
    evidence: tuple[Evidence, ...] = ()
    by_claimant: dict[str, str] = field(default_factory=dict)
    assumptions: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()
    better_fit: str = ""
    reading: str = ""  # the claim as read: "RUS · military_expenditure.share_gdp · 2024 · > 4%"
    checked_period: str = ""  # the period the data were read for when it is not the claim's

"""What every kind of verdict is built from: tolerances, the rows a claim is checked
against (the speaker's own figures left out), the score of one figure, and how scores are
combined across claimant types.

Probability that a level holds: each figure scores 1 when the claim is within tolerance of it
(its range widened by the tolerance), ½ within twice the tolerance, else 0; scores are
averaged within each claimant type, then across claimant types, so one prolific publisher
does not outvote the others. A figure the speaker published himself is not evidence for his
own claim and is left out.
"""

from __future__ import annotations

import calendar
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from milbalance.claims.kinds import Claim, Level, Measure, Quantity, QuantityUnit
from milbalance.claims.verdict import Evidence, Verdict, label_for
from milbalance.model import MetricKind
from milbalance.store import ObservationRow, Store

if TYPE_CHECKING:  # imported where used: the engine (SciPy) and spending modules are slow
    from milbalance.engine import EngineOptions  # to import, and most claims need neither


COUNT_TOLERANCE = 0.10
"""Munitions figures are rounded estimates; a claim within ±10 % of a figure agrees with it."""
MONEY_TOLERANCE = 0.05
"""Budgets and SIPRI figures are precise; ±5 % covers rounding and revisions."""
SHARE_TOLERANCE = 0.05
"""Shares of GDP: ±5 % relative (6.3 % vs 6.0 %) covers GDP revisions."""
RATIO_TOLERANCE = 1.5
"""'Four times as much' holds when the ratio is within a factor 1.5 of 4 (2.7–6)."""
SPENDING_COMPARED_IN = "military_expenditure.usd_current"
"""Spending comparisons between countries ('Russia outspends Ukraine') use one basis."""
ATTRIBUTION_DAYS = 45
"""A statement dated within this many days of the article counts as the one quoted."""
ENGINE_SAMPLES = 20_000
"""Monte Carlo samples per comparison: the standard error of P is at most
√(0.25/20 000) ≈ 0.0035, so a label moves only when P sits within 0.01 of a threshold.
They are plain Monte Carlo samples: that error is ample for labels set at 0.2 and 0.8, and
the quasi-Monte Carlo estimator's SciPy import would cost a one-sentence check about 0.4 s."""


def _share_metrics(store: Store) -> list[str]:
    return [m.id for m in store.metrics() if m.id.endswith("share_gdp")]


def _speaker_key(claim: Claim) -> str:
    """Who made the claim (the attributed speaker), '' when nobody is named."""
    a = claim.attribution
    return a.speaker if a and a.speaker else ""


def own_figure(row: ObservationRow, speaker: str) -> bool:
    """True when ``row`` is the speaker's own figure: its claimant names the speaker (the
    surname as a whole word, 'Putin' in 'Vladimir Putin (President of Russia)'). Source ids
    are not read: 'Times' in 'kyivindependent-…-times' is a publisher, not the claimant."""
    return own_figure_claimant(row.claimant, speaker)


def own_figure_claimant(claimant: str, speaker: str) -> bool:
    """True when ``claimant`` names ``speaker``: the surname as a whole word."""
    words = re.findall(r"[^\W\d_][\w'’-]*", speaker)
    if not words:
        return False
    return re.search(rf"(?<![\w'-]){re.escape(words[-1])}(?![\w'-])", claimant,
                     re.IGNORECASE) is not None


def _evidence(row: ObservationRow, holds: bool | None, note: str = "") -> Evidence:
    return Evidence(row.source, row.entity, row.metric, row.period.label, row.value, row.unit,
                    str(row.claimant_type), row.claimant, row.low, row.high, holds, note)


def _score(q: Quantity, row: ObservationRow, tol: float) -> float | None:
    """1 (agrees), ½ (borderline) or 0 (disagrees): does the claimed figure ``q`` agree with
    the row? The row is its interval [L, H] (a point when it has no range); t = ``tol``.

    =, ≈ X      1 if X ∈ [L/(1+t), H(1+t)]; ½ if X ∈ [L/(1+2t), H(1+2t)]; else 0
    range a–b   the same with the claimed interval: 1 if [a, b] meets [L/(1+t), H(1+t)] …
    >, ≥ X      1 if L ≥ X; 0 if H(1+t) < X; else ½ (the figure straddles the bound)
    <, ≤ X      1 if H ≤ X; 0 if L > X(1+t); else ½

    Strict and non-strict bounds score alike: figures are rounded, so a figure equal to the
    bound ("more than 200 trillion" against a rounded 200 trillion) cannot tell them apart.
    """
    if row.value is None and (row.low is None or row.high is None):
        return None
    low = row.low if row.low is not None else row.central
    high = row.high if row.high is not None else row.central
    if low <= 0 or high < low:
        return None
    x = q.value
    if q.bound == "at-least":
        if low >= x:
            return 1.0
        return 0.0 if high * (1 + tol) < x else 0.5
    if q.bound == "at-most":
        if high <= x:
            return 1.0
        return 0.0 if low > x * (1 + tol) else 0.5
    a = q.low if q.low is not None else x
    b = q.high if q.high is not None else x
    if b >= low / (1 + tol) and a <= high * (1 + tol):
        return 1.0
    if b >= low / (1 + 2 * tol) and a <= high * (1 + 2 * tol):
        return 0.5
    return 0.0


def _combine(scored: Sequence[tuple[ObservationRow, float]]) -> tuple[float | None,
                                                                       dict[str, float]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for row, s in scored:
        groups[str(row.claimant_type)].append(s)
    by_type = {k: sum(v) / len(v) for k, v in groups.items()}
    return (sum(by_type.values()) / len(by_type) if by_type else None), by_type


def tally(ev: Sequence[Evidence], q: Quantity, tol: float, groups: int) -> str:
    """How many figures agree, are borderline and disagree, in words that match P: P is the
    mean score (agree 1, borderline ½, disagree 0) within each claimant type, then across
    the types."""
    n = len(ev)
    agree = sum(1 for e in ev if e.holds is True)
    border = sum(1 for e in ev if e.holds is None)
    against = n - agree - border
    shown = _fmt(q.value, "percent" if q.unit is QuantityUnit.PERCENT_GDP else "")
    if q.bound == "at-least":
        test = f"at or above {shown}"
    elif q.bound == "at-most":
        test = f"at or below {shown}"
    else:
        test = f"within ±{tol:.0%}"
    parts = [f"{agree} of {n} figure{'s' if n != 1 else ''} agree ({test})"]
    if border:
        parts.append(f"{border} borderline (scored ½)")
    if against:
        parts.append(f"{against} disagree")
    text = ", ".join(parts)
    if groups > 1:
        text += f"; P averages {groups} claimant types"
    return text


def _words(p: float) -> str:
    return str(label_for(p))


def _fmt(value: float, unit: str = "") -> str:
    if unit in ("percent",):
        return f"{value:.1f}%"
    for size, suffix in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"



def _negate(v: Verdict) -> Verdict:
    """A denied claim ('did not produce 2 million') holds when the plain claim fails:
    P(not claim) = 1 − P(claim); no evidence stays not checkable."""
    if v.probability is None:
        return v
    p = 1.0 - v.probability
    summary = (f"The claim denies this, so it is {label_for(p)} (P = {p:.2f}). Plain claim: "
               f"{v.summary}")
    return replace(v, label=label_for(p), probability=p, summary=summary)



PPP_CUE = re.compile(r"\b(?:PPP|purchasing[- ]power)\b", re.I)


def _as_date(text: str) -> date | None:
    parts = text.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


class EvaluatorBase:
    """The store, its metrics and the engine options every kind's check reads."""

    def __init__(self, store: Store, options: EngineOptions | None = None):
        self.store = store
        self._options = options
        self._metric_ids = {m.id: m for m in store.metrics()}
        self._entity_ids = {e.id for e in store.entities()}
        self._published: dict[str, str] | None = None

    def published(self, source_id: str) -> str:
        """A source's publication date as the data write it ('2025-08-28', '2025-08'; '' if
        unknown); every source's read once (claims ask for each of their figures)."""
        if self._published is None:
            self._published = {s.id: s.published for s in self.store.sources()}
        return self._published.get(source_id, "")

    def published_on(self, source_id: str) -> date | None:
        """A source's publication date, the last day of the month when only a month is
        given."""
        return _as_date(self.published(source_id))

    @property
    def options(self) -> EngineOptions:
        """Engine options for comparisons (the engine is imported on first use)."""
        if self._options is None:
            from milbalance.engine import EngineOptions, Sampler

            self._options = EngineOptions(samples=ENGINE_SAMPLES,
                                          sensitivity_samples=ENGINE_SAMPLES,
                                          estimator=Sampler.MC)
        return self._options

    def _rows(self, entity: str, metric: str, years: tuple[int, int],
              speaker: str = "") -> list[ObservationRow]:
        if metric not in self._metric_ids:
            return []
        rows = self.store.observations(entity, metric, start_year=years[0], end_year=years[1])
        if speaker:
            rows = [r for r in rows if not own_figure(r, speaker)]
        return rows

    def _level_metrics(self, c: Level) -> tuple[list[str], list[str]]:
        """(metrics the claim is about, related metrics that might fit better)."""
        q = c.quantity
        if q.unit is QuantityUnit.MONEY:
            entity = self.store.entity(c.subject)
            local = entity.currencies[:1] == (q.currency,) or q.currency in entity.currencies
            if not local and q.currency not in ("USD", ""):
                return [], []  # '€130 billion' for Russia: no figure in euros to compare with
            kind = MetricKind.GDP if c.measure is Measure.GDP else MetricKind.EXPENDITURE
            units = {"LCU" if local else "USD"}
            if q.currency == "USD":
                units.add("USD")  # the US's local currency is the dollar: both bases apply
            if PPP_CUE.search(c.text):  # 'after adjusting for purchasing power, … $462
                units = {"USD_PPP"}  # billion': a PPP figure, never one at market rates
            found = [m.id for m in self._metric_ids.values() if m.kind is kind
                     and m.unit in units and "per_capita" not in m.id]
            return found, []
        measure = Measure.OUTPUT if c.measure is Measure.SUPPLY else c.measure
        primary = [f"{c.item}.{measure}"]
        related = [m for m in self._metric_ids if (m.startswith(c.item + ".") or
                   m.startswith(c.item + "_")) and m not in primary]
        return primary, related

    def _judge(self, claim: Claim, q: Quantity, entity: str, metrics: Iterable[str],
               years: tuple[int, int], tol: float, peak: bool = False
               ) -> tuple[str, float | None, dict[str, float], list[Evidence]]:
        """Best-fitting metric (definition) for the claim, its probability and evidence."""
        speaker = _speaker_key(claim)
        best: tuple[str, float | None, dict[str, float], list[Evidence]] = ("", None, {}, [])
        for metric in metrics:
            rows = self._rows(entity, metric, years, speaker)
            if peak:  # "during the war": each source's highest year in the span
                by_source: dict[str, ObservationRow] = {}
                for r in rows:
                    if r.value is not None and (r.source not in by_source
                                                or r.central > by_source[r.source].central):
                        by_source[r.source] = r
                rows = list(by_source.values())
            scored = [(r, s) for r in rows if (s := _score(q, r, tol)) is not None]
            if not scored:
                continue
            p, by_type = _combine(scored)
            ev = [_evidence(r, s >= 1.0 if s != 0.5 else None,
                             "" if s != 0.5 else f"borderline: within ±{2 * tol:.0%}")
                   for r, s in scored]
            if best[1] is None or (p is not None and p > best[1]):
                best = (metric, p, by_type, ev)
        return best

    def _better(self, claim: Claim, q: Quantity, entity: str, metrics: Iterable[str],
                year: int | None, tol: float) -> str:
        """Another year or definition the figure fits, when the claimed one does not."""
        if year is None:
            return ""
        fits: list[str] = []
        for metric in metrics:
            for y in range(year - 3, year + 3):
                rows = self._rows(entity, metric, (y, y), _speaker_key(claim))
                hits = [r for r in rows if _score(q, r, tol) == 1.0]
                if hits and (y != year or metric not in fits):
                    fits.append(f"{metric} {y} ({hits[0].source}: "
                                f"{_fmt(hits[0].central, hits[0].unit)})")
        return "; ".join(fits[:3])

    def _other_definition(self, claim: Claim, q: Quantity, entity: str,
                          metrics: Iterable[str], year: int | None, tol: float) -> str:
        """A definition (metric) the figure fits in the claim's own year, as 'metric
        (source: figure)', or '': when one does, the claim turns on a definition."""
        if year is None:
            return ""
        for metric in metrics:
            hits = [r for r in self._rows(entity, metric, (year, year), _speaker_key(claim))
                    if _score(q, r, tol) == 1.0]
            if hits:
                return f"{metric} ({hits[0].source}: {_fmt(hits[0].central, hits[0].unit)})"
        return ""

    def _metric_for(self, item: str, measure: Measure) -> list[str]:
        if item == "military_expenditure":
            return [m for m in ("military_expenditure.usd_constant_2023",
                                "military_expenditure.lcu") if m in self._metric_ids]
        base = f"{item}.{Measure.OUTPUT if measure is Measure.SUPPLY else measure}"
        related = [m for m in self._metric_ids if m.startswith(item + ".") and m != base
                   and self._metric_ids[m].kind is self._metric_ids.get(
                       base, self._metric_ids[m]).kind]
        return [m for m in (base, *related) if m in self._metric_ids]

"""Claims → verdicts, against the store: levels and shares against every source's figure,
comparisons through the engine's Monte Carlo (``milbalance.engine.compare``), several quoted
spending figures through ``milbalance.spending.consistency``, records through
``milbalance.spending.records``.

Probability that a level holds: each figure scores 1 when the claim is within tolerance of it
(its range widened by the tolerance), ½ within twice the tolerance, else 0; scores are
averaged within each claimant type, then across claimant types, so one prolific publisher
does not outvote the others. A figure the speaker published himself is not evidence for his
own claim and is left out.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from milbalance.claims.kinds import (
    AttributionClaim,
    Change,
    Claim,
    Comparison,
    Consistency,
    Level,
    Measure,
    NotCheckable,
    Quantity,
    QuantityUnit,
    Record,
    ShareOfGdp,
)
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.errors import UserError
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


def comparison_method(options: EngineOptions) -> str:
    """How a comparison's probability was computed, in words, for the verdict's caveats."""
    error = (0.25 / options.samples) ** 0.5
    return (f"{options.estimator} sampling, {options.samples:,} samples, seed {options.seed} "
            f"(standard error at most {error:.4f})")


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


def _score(claimed: float, row: ObservationRow, tol: float, bound: str = "") -> float | None:
    """1, ½ or 0: does ``claimed`` agree with the row (see the module docstring)?"""
    if row.value is None and (row.low is None or row.high is None):
        return None
    low = row.low if row.low is not None else row.central
    high = row.high if row.high is not None else row.central
    if bound == "at-least":
        high = max(high, claimed)  # "more than X" agrees with anything above X
    elif bound == "at-most":
        low = min(low, claimed)
    if low <= 0:
        return None
    if claimed < low:
        dev = low / claimed - 1
    elif claimed > high:
        dev = claimed / high - 1
    else:
        return 1.0
    return 1.0 if dev <= tol else 0.5 if dev <= 2 * tol else 0.0


def _combine(scored: Sequence[tuple[ObservationRow, float]]) -> tuple[float | None,
                                                                       dict[str, float]]:
    groups: dict[str, list[float]] = defaultdict(list)
    for row, s in scored:
        groups[str(row.claimant_type)].append(s)
    by_type = {k: sum(v) / len(v) for k, v in groups.items()}
    return (sum(by_type.values()) / len(by_type) if by_type else None), by_type


def _words(p: float) -> str:
    return str(label_for(p))


def _fmt(value: float, unit: str = "") -> str:
    if unit in ("percent",):
        return f"{value:.1f}%"
    for size, suffix in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"


class Evaluator:
    """Checks claims against one store; each ``evaluate`` call is independent."""

    def __init__(self, store: Store, options: EngineOptions | None = None):
        self.store = store
        self._options = options
        self._metric_ids = {m.id: m for m in store.metrics()}

    @property
    def options(self) -> EngineOptions:
        """Engine options for comparisons (the engine is imported on first use)."""
        if self._options is None:
            from milbalance.engine import EngineOptions, Sampler

            self._options = EngineOptions(samples=ENGINE_SAMPLES,
                                          sensitivity_samples=ENGINE_SAMPLES,
                                          estimator=Sampler.MC)
        return self._options

    def evaluate(self, claim: Claim) -> Verdict:
        """The verdict on one claim; data problems become gaps, never exceptions."""
        try:
            verdict = self._dispatch(claim)
        except UserError as exc:
            return Verdict(claim, Label.NOT_CHECKABLE, None,
                           f"Not checkable against the data: {exc}", caveats=claim.caveats,
                           gaps=(str(exc),))
        return _negate(verdict) if claim.negated else verdict

    def _dispatch(self, claim: Claim) -> Verdict:
        if isinstance(claim, NotCheckable):
            return Verdict(claim, Label.NOT_CHECKABLE, None,
                           f"Not checkable: {claim.explanation}.", caveats=claim.caveats)
        if isinstance(claim, Level):
            return self._level(claim)
        if isinstance(claim, ShareOfGdp):
            return self._share(claim)
        if isinstance(claim, Comparison):
            return self._comparison(claim)
        if isinstance(claim, Change):
            return self._change(claim)
        if isinstance(claim, Record):
            return self._record(claim)
        if isinstance(claim, Consistency):
            return self._consistency(claim)
        return self._attribution(claim)

    # --- rows -------------------------------------------------------------------------

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
            kind = MetricKind.GDP if c.measure is Measure.GDP else MetricKind.EXPENDITURE
            units = {"LCU" if local else "USD"}
            if q.currency == "USD":
                units.add("USD")  # the US's local currency is the dollar: both bases apply
            found = [m.id for m in self._metric_ids.values() if m.kind is kind
                     and m.unit in units and "per_capita" not in m.id]
            return found, []
        measure = Measure.OUTPUT if c.measure is Measure.SUPPLY else c.measure
        primary = [f"{c.item}.{measure}"]
        related = [m for m in self._metric_ids if (m.startswith(c.item + ".") or
                   m.startswith(c.item + "_")) and m not in primary]
        return primary, related

    # --- levels and shares ------------------------------------------------------------

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
            scored = [(r, s) for r in rows if (s := _score(q.value, r, tol, q.bound)) is not None]
            if not scored:
                continue
            p, by_type = _combine(scored)
            ev = [_evidence(r, s >= 1.0) for r, s in scored]
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
                hits = [r for r in rows if _score(q.value, r, tol, q.bound) == 1.0]
                if hits and (y != year or metric not in fits):
                    fits.append(f"{metric} {y} ({hits[0].source}: "
                                f"{_fmt(hits[0].central, hits[0].unit)})")
        return "; ".join(fits[:3])

    def _level(self, c: Level) -> Verdict:
        q = c.quantity
        base = MONEY_TOLERANCE if q.unit is QuantityUnit.MONEY else COUNT_TOLERANCE
        tol = max(base, min(q.precision, 2 * base))
        if c.year is None:
            raise UserError("no year in the text and no article date: give --date")
        primary, related = self._level_metrics(c)
        years = c.years or (c.year, c.year)
        metric, p, by_type, ev = self._judge(c, q, c.subject, primary, years, tol)
        caveats = list(c.caveats)
        if q.unit is QuantityUnit.MONEY and len(primary) > 1 and metric:
            caveats.append(f"read as {metric}, the definition it fits best of "
                           f"{', '.join(primary)}")
        label = label_for(p)
        better = ""
        if label is not Label.SUPPORTED:
            better = self._better(c, q, c.subject, [m for m in (*primary, *related)], c.year, tol)
        what = f"{c.subject} {c.item.replace('_', ' ')} ({c.measure}) in {c.year}"
        if p is None:
            gap = f"no {' or '.join(primary)} figure for {c.subject} in {c.year}"
            summary = f"No figure for {what} in the data; {q.text} cannot be checked."
            if better:
                summary += f" It matches {better}."
            return Verdict(c, Label.NOT_CHECKABLE, None, summary, gaps=(gap,),
                           caveats=tuple(caveats), better_fit=better)
        agree = [e for e in ev if e.holds]
        summary = (f"{q.text} for {what} is {label}: {len(agree)} of {len(ev)} figures agree "
                   f"within ±{tol:.0%} (P = {p:.2f}).")
        if better:
            summary += f" It fits better: {better}."
        return Verdict(c, label, p, summary, tuple(ev),
                       {k: _words(v) for k, v in by_type.items()}, caveats=tuple(caveats),
                       better_fit=better)

    def _share(self, c: ShareOfGdp) -> Verdict:
        q = c.quantity
        tol = max(SHARE_TOLERANCE, min(q.precision, 2 * SHARE_TOLERANCE))
        if c.year is None:
            raise UserError("no year in the text and no article date: give --date")
        metrics = _share_metrics(self.store)
        years = c.years or (c.year, c.year)
        metric, p, by_type, ev = self._judge(c, q, c.subject, metrics, years, tol,
                                             peak=c.years is not None)
        label = label_for(p)
        when = f"{years[0]}–{years[1]} (peak year)" if c.years else str(c.year)
        if p is None:
            better = self._better(c, q, c.subject, metrics, c.year, tol)
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"No share-of-GDP figure for {c.subject} in {when}."
                           + (f" {q.text} matches {better}." if better else ""),
                           gaps=(f"no share of GDP for {c.subject} in {when}",),
                           caveats=c.caveats, better_fit=better)
        figures = ", ".join(f"{e.value:.1f}% ({e.source_id}, {e.period})" for e in ev
                            if e.value is not None)
        better = "" if label is Label.SUPPORTED else self._better(c, q, c.subject, metrics,
                                                                  c.year, tol)
        summary = (f"{q.text} for {c.subject} in {when} is {label} (P = {p:.2f}); "
                   f"the data give {figures}.")
        return Verdict(c, label, p, summary, tuple(ev), {k: _words(v) for k, v in
                                                         by_type.items()},
                       caveats=(*c.caveats, f"compared with {metric}"), better_fit=better)

    # --- comparisons ------------------------------------------------------------------

    def _comparison(self, c: Comparison) -> Verdict:
        if c.share_of_gdp:
            return self._share_comparison(c)
        if c.year is None:
            raise UserError("no year in the text and no article date: give --date")
        measure = Measure.OUTPUT if c.measure is Measure.SUPPLY else c.measure
        metric = f"{c.item}.{measure}"
        caveats = list(c.caveats)
        if measure is Measure.EXPENDITURE and SPENDING_COMPARED_IN in self._metric_ids:
            metric = SPENDING_COMPARED_IN  # one currency basis for both sides
            caveats.append(f"spending compared as {metric} (SIPRI's definition, market "
                           "exchange rates); PPP would narrow the gap")
        if metric not in self._metric_ids:
            raise UserError(f"no metric {metric} in the data")
        from milbalance.engine import compare as engine_compare

        year = c.year
        result = None
        errors: list[str] = []
        for back in (year, year - 1, year - 2):  # the latest year both sides have figures
            try:
                alt = engine_compare(self.store, c.subject, c.other, metric, back, self.options)
            except UserError as exc:
                errors.append(str(exc))
                continue
            if result is None:
                result, year = alt, back
            if alt.a.inputs and alt.b.inputs:
                result, year = alt, back
                break
        if result is None:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"No {metric} figures for both {c.subject} and {c.other} in "
                           f"{c.year - 2}–{c.year}: the comparison cannot be made.",
                           gaps=tuple(dict.fromkeys(errors)), caveats=tuple(caveats))
        gaps = tuple(str(g) for g in result.gaps)
        if result.a.inputs == 0 or result.b.inputs == 0:
            missing = c.subject if result.a.inputs == 0 else c.other
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"No {metric} figures for {missing} around {c.year}: the comparison "
                           "cannot be made.", gaps=gaps or (f"no {metric} for {missing}",),
                           caveats=tuple(caveats))
        ratio_q = result.quantiles["a/b"]
        if c.ratio is None:
            p = result.p_a_gt_b
            claim_text = f"{c.subject} > {c.other}"
        else:
            p = _p_ratio_within(ratio_q.p5, ratio_q.p50, ratio_q.p95, c.ratio)
            claim_text = f"{c.subject} / {c.other} ≈ {c.ratio:g}"
        by_claimant = {}
        for ans in result.by_claimant:
            if ans.p_a_gt_b is not None:
                by_claimant[ans.claimant_type] = (
                    f"P({c.subject} > {c.other}) = {ans.p_a_gt_b:.2f}")
        drivers = tuple(d.text or d.name for d in result.drivers if d.flips)[:5]
        assumptions = tuple(str(a) for a in result.assumptions)
        ev = self._comparison_evidence(result, metric, year)
        if year != c.year:
            caveats.append(f"no figures for both sides in {c.year}: compared {year}, the "
                           "latest year with both")
        if result.mixed_kinds:
            caveats.append("the comparison mixes kinds of quantity")
        caveats.append(f"P from {comparison_method(self.options)}")
        summary = (f"{claim_text} in {metric} ({year}) is {label_for(p)}: P = {p:.2f}; "
                   f"the {c.subject}/{c.other} ratio is {ratio_q.p50:.2g} "
                   f"(90% interval {ratio_q.p5:.2g}–{ratio_q.p95:.2g}).")
        if gaps:
            summary += f" {len(gaps)} member(s) have no figure (coverage gaps, not zeros)."
        return Verdict(c, label_for(p), p, summary, ev, by_claimant, drivers + assumptions,
                       gaps, tuple(caveats))

    def _comparison_evidence(self, result: object, metric: str, year: int
                             ) -> tuple[Evidence, ...]:
        out: list[Evidence] = []
        for side in (getattr(result, "a"), getattr(result, "b")):  # noqa: B009
            for contrib in side.contributions:
                rows = self.store.observations(contrib.member, metric, start_year=year,
                                               end_year=year)
                out += [_evidence(r, None, f"counted for {side.entity}") for r in rows
                        if r.source in contrib.sources]
        return tuple(out)

    def _share_comparison(self, c: Comparison) -> Verdict:
        if c.year is None:
            raise UserError("no year in the text and no article date: give --date")
        span = c.subject_years or (c.year, c.year)
        wins: list[float] = []
        ev: list[Evidence] = []
        by_metric: dict[str, str] = {}
        for metric in _share_metrics(self.store):
            a_rows = [r for r in self._rows(c.subject, metric, span, _speaker_key(c))
                      if r.value is not None]
            # a year's published figure, not someone's remark about the whole war
            a_rows = [r for r in a_rows if r.period.days <= 366] or a_rows
            b_all = [r for r in self._rows(c.other, metric, (c.year - 3, c.year))
                     if r.value is not None]
            if not a_rows or not b_all:
                continue
            b_year = max(r.period.year for r in b_all)
            b_rows = [r for r in b_all if r.period.year == b_year]
            a_peak = max(a_rows, key=lambda r: r.central)
            for b in b_rows:
                wins.append(1.0 if a_peak.central > b.central else 0.0)
                ev += [_evidence(a_peak, a_peak.central > b.central,
                                 f"peak of {span[0]}–{span[1]}"), _evidence(b, None)]
            by_metric[metric] = (f"{c.subject} {a_peak.central:.1f}% ({a_peak.period.label}) vs "
                                 f"{c.other} {max(b.central for b in b_rows):.1f}% ({b_year})")
        if not wins:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"No share-of-GDP figures for both {c.subject} in {span[0]}–{span[1]} "
                           f"and {c.other} around {c.year}.", caveats=c.caveats,
                           gaps=(f"share of GDP for {c.subject} {span[0]}–{span[1]} or "
                                 f"{c.other} {c.year}",))
        p = sum(wins) / len(wins)
        detail = "; ".join(f"{v} [{k}]" for k, v in by_metric.items())
        return Verdict(c, label_for(p), p,
                       f"{c.subject}'s defence share of GDP in {span[0]}–{span[1]} was higher "
                       f"than {c.other}'s now: {label_for(p)} (P = {p:.2f}): {detail}.",
                       tuple(ev), by_metric, caveats=c.caveats)

    # --- change, record, consistency, attribution -------------------------------------

    def _metric_for(self, item: str, measure: Measure) -> list[str]:
        if item == "military_expenditure":
            return [m for m in ("military_expenditure.usd_constant_2023",
                                "military_expenditure.lcu") if m in self._metric_ids]
        base = f"{item}.{Measure.OUTPUT if measure is Measure.SUPPLY else measure}"
        related = [m for m in self._metric_ids if m.startswith(item + ".") and m != base
                   and self._metric_ids[m].kind is self._metric_ids.get(
                       base, self._metric_ids[m]).kind]
        return [m for m in (base, *related) if m in self._metric_ids]

    def _change(self, c: Change) -> Verdict:
        if c.since is None or c.year is None:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"A {c.factor:g}-fold change with no base year cannot be checked.",
                           caveats=c.caveats, gaps=("no base year in the text",))
        found: list[tuple[str, float, ObservationRow, ObservationRow]] = []
        for metric in self._metric_for(c.item, c.measure):
            start = [r for r in self._rows(c.subject, metric, (c.since, c.since))
                     if r.value]
            end = [r for r in self._rows(c.subject, metric, (c.year, c.year)) if r.value]
            for a in start:
                for b in end:
                    same = a.source == b.source
                    if same or not any(x.source == y.source for x in start for y in end):
                        found.append((metric, b.central / a.central, a, b))
        if not found:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"No {c.item} figures for {c.subject} in both {c.since} and "
                           f"{c.year}.", caveats=c.caveats,
                           gaps=(f"{c.item} for {c.subject} in {c.since} or {c.year}",))
        hits = [abs(math.log(f / c.factor)) <= math.log(RATIO_TOLERANCE)
                for _, f, _, _ in found]
        p = sum(hits) / len(hits)
        ev = tuple(e for _, f, a, b in found for e in (_evidence(a, None),
                                                       _evidence(b, None, f"×{f:.2g}")))
        factors = ", ".join(f"×{f:.2g} ({m})" for m, f, _, _ in found)
        return Verdict(c, label_for(p), p,
                       f"A {c.factor:g}-fold change in {c.subject}'s {c.item.replace('_', ' ')} "
                       f"from {c.since} to {c.year} is {label_for(p)}: the data give {factors}.",
                       ev, caveats=c.caveats)

    def _record(self, c: Record) -> Verdict:
        if c.year is None:
            raise UserError("no year in the text and no article date: give --date")
        from milbalance.spending.records import rank_in_history
        from milbalance.spending.rows import PROJECTIONS_LEFT_OUT, is_projection

        since = c.since if c.since is not None else c.year - c.span_years
        for metric in self._metric_for(c.item, c.measure):
            all_rows = [r for r in self.store.observations(c.subject, metric) if r.value]
            rows = [r for r in all_rows if not is_projection(r)]
            left_out = len(all_rows) - len(rows)
            by_source: dict[str, list[ObservationRow]] = defaultdict(list)
            for r in rows:
                by_source[r.source].append(r)
            if not by_source:
                continue
            source = max(by_source, key=lambda s: len({r.period.year for r in by_source[s]}))
            series = by_source[source]
            years = sorted({r.period.year for r in series})
            year = c.year if c.year in years else max(y for y in years if y <= c.year) \
                if any(y <= c.year for y in years) else years[-1]
            rec = rank_in_history([(r.period.year, r.central) for r in series], year,
                                  entity=c.subject, metric=metric, source=source)
            gaps: tuple[str, ...] = ()
            if rec.first > since + 1:
                gaps = (f"{source}'s series starts in {rec.first}, after {since}",)
            holds = rec.higher_before is None or rec.higher_before < since
            p = (1.0 if holds else 0.0) if not gaps else (0.5 if holds else 0.0)
            ev = tuple(_evidence(r, None) for r in series if r.period.year in (
                year, rec.peak_year, rec.higher_before or year))
            note = [] if year == c.year else [f"latest year in the series is {year}"]
            if left_out:
                note.append(f"{left_out} {PROJECTIONS_LEFT_OUT.split(' are ')[0]} "
                            "are left out: a plan is not a record")
            return Verdict(c, label_for(p), p,
                           f"'Highest since {since}' for {c.subject} ({metric}, {source}) is "
                           f"{label_for(p)}: {year} is {rec.summary}.", ev,
                           caveats=(*c.caveats, *note), gaps=gaps)
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No {c.item} series for {c.subject} to rank.", caveats=c.caveats,
                       gaps=(f"no {c.item} series for {c.subject}",))

    def _consistency(self, c: Consistency) -> Verdict:
        if c.year is None:
            raise UserError("no year in the text and no article date: give --date")
        from milbalance.spending.consistency import check_quote

        amount = usd = share = None
        currency = None
        for q in c.quantities:
            if q.unit is QuantityUnit.MONEY and q.currency == "USD" and usd is None:
                usd = q.value
            elif q.unit is QuantityUnit.MONEY and amount is None:
                amount, currency = q.value, q.currency
            elif q.unit is QuantityUnit.PERCENT_GDP and share is None:
                share = q.value
        result = check_quote(self.store, c.year, amount=amount, currency=currency, usd=usd,
                             share_gdp=share, entity=c.subject)
        ran = [k for k in result.checks if k.passed is not None]
        if not ran:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           "No reference exchange rate or GDP for the year: the figures' "
                           "consistency cannot be checked.", caveats=c.caveats,
                           gaps=result.notes)
        p = sum(1 for k in ran if k.passed) / len(ran)
        parts = [f"{k.name} implied {_fmt(k.implied)} vs {_fmt(k.preferred.value)} "
                 f"({k.preferred.source}, {'ok' if k.passed else f'{k.deviation:+.0%}'})"
                 for k in ran if k.preferred is not None]
        better = "; ".join(
            [f"year {f.year} (all {f.checks} checks pass)" for f in result.better_years]
            + [f"{m.figure} = {m.metric} {m.year} ({m.source})" for m in result.other_fits][:4])
        ev = tuple(Evidence(r.source, c.subject, r.quantity, str(r.year), r.value, r.unit, "",
                            holds=k.passed) for k in ran for r in k.references[:1])
        figures = "; ".join(f"{v.figure} {v.status}" for v in result.verdicts)
        summary = (f"The figures quoted together are {label_for(p)} with each other for "
                   f"{c.year} (P = {p:.2f}): {'; '.join(parts)}.")
        if better:
            summary += f" They fit better: {better}."
        return Verdict(c, label_for(p), p, summary, ev, {"figures": figures},
                       caveats=(*c.caveats, *result.notes), better_fit=better)

    def _attribution(self, c: AttributionClaim) -> Verdict:
        # the surname as a whole word: 'La' must not match 'Vladimir'
        said = [s for s in self.store.statements() if own_figure_claimant(s.claimant, c.speaker)]
        if not said:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"No statement by {c.speaker} is recorded in the data.",
                           gaps=(f"no statements by {c.speaker}",))
        day = c.attribution.date if c.attribution else ""
        if not day:
            return Verdict(c, Label.SUPPORTED, 1.0,
                           f"{c.speaker} is on record with {len(said)} statement(s) on this "
                           "topic; the text gives no date to match.",
                           tuple(Evidence(s.source, ";".join(s.about), s.metric, str(s.date),
                                          None, "", str(s.claimant_type), s.claimant)
                                 for s in said[:5]))
        when = date.fromisoformat(day)
        near = [s for s in said if abs(s.date - when) <= timedelta(days=ATTRIBUTION_DAYS)]
        about = set(c.about)
        near = [s for s in near if not about or about & set(s.about)] or near
        p = 1.0 if near else 0.5
        ev = tuple(Evidence(s.source, ";".join(s.about), s.metric, str(s.date), None, "",
                            str(s.claimant_type), s.claimant, holds=bool(near))
                   for s in (near or said)[:5])
        summary = (f"{c.speaker} made a matching statement on "
                   f"{', '.join(str(s.date) for s in near[:3])}." if near else
                   f"{c.speaker} is on record on this topic, but not within {ATTRIBUTION_DAYS} "
                   f"days of {day} (nearest: {min(said, key=lambda s: abs(s.date - when)).date}).")
        return Verdict(c, label_for(p), p, summary, ev)


def _negate(v: Verdict) -> Verdict:
    """A denied claim ('did not produce 2 million') holds when the plain claim fails:
    P(not claim) = 1 − P(claim); no evidence stays not checkable."""
    if v.probability is None:
        return v
    p = 1.0 - v.probability
    summary = (f"The claim denies this, so it is {label_for(p)} (P = {p:.2f}). Plain claim: "
               f"{v.summary}")
    return replace(v, label=label_for(p), probability=p, summary=summary)


def _p_ratio_within(p5: float, p50: float, p95: float, claimed: float) -> float:
    """P(claimed / RATIO_TOLERANCE ≤ A/B ≤ claimed × RATIO_TOLERANCE), reading A/B as
    lognormal through its median and 90% interval: σ = (ln p95 − ln p5) / (2 × 1.645)."""
    if p50 <= 0 or p5 <= 0 or p95 <= 0:
        return 0.0
    sigma = (math.log(p95) - math.log(p5)) / (2 * 1.6448536269514722)
    mu = math.log(p50)
    lo, hi = math.log(claimed / RATIO_TOLERANCE), math.log(claimed * RATIO_TOLERANCE)
    if sigma <= 0:
        return 1.0 if lo <= mu <= hi else 0.0
    return _ndtr((hi - mu) / sigma) - _ndtr((lo - mu) / sigma)


def _ndtr(x: float) -> float:
    """Standard normal CDF, Φ(x) = ½ (1 + erf(x / √2)) (no SciPy import for one call)."""
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))

"""Claims → verdicts, against the store, one module per kind of claim:

    common               tolerances, rows, the score of one figure, how scores combine
    level                levels and shares of GDP against every source's figure
    comparison           items compared between subjects (the engine's Monte Carlo)
    spending_comparison  spending compared between subjects (one currency basis; shares)
    engine               one comparison through ``milbalance.engine.compare``
    change               changes between years, records ("highest since 1990")
    consistency          several spending figures quoted together
    attribution          who said what, against the statements timeline
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from milbalance.claims.ambiguity import declined, forward, forward_cue, part_of_budget
from milbalance.claims.evaluate.attribution import attribution, statements
from milbalance.claims.evaluate.change import change, record
from milbalance.claims.evaluate.common import (
    ATTRIBUTION_DAYS,
    COUNT_TOLERANCE,
    ENGINE_SAMPLES,
    MONEY_TOLERANCE,
    RATIO_TOLERANCE,
    SHARE_TOLERANCE,
    SPENDING_COMPARED_IN,
    EvaluatorBase,
    _negate,
    own_figure,
    own_figure_claimant,
)
from milbalance.claims.evaluate.comparison import comparison
from milbalance.claims.evaluate.consistency import consistency
from milbalance.claims.evaluate.engine import _p_ratio_within, comparison_method
from milbalance.claims.evaluate.level import level, share
from milbalance.claims.evaluate.more_kinds import more_kinds, whole_table
from milbalance.claims.evaluate.now import (
    latest_complete,
    own_current_year,
    said_now,
    yearly_statistic,
)
from milbalance.claims.evaluate.rates import rate_level
from milbalance.claims.evaluate.robust import robust_refutation
from milbalance.claims.evaluate.scopes import europe_scopes
from milbalance.claims.evaluate.spending_comparison import spending_comparison
from milbalance.claims.evaluate.spending_totals import bloc_level
from milbalance.claims.evaluate.targets import as_announced, target_level
from milbalance.claims.kinds import (
    Change,
    Claim,
    Comparison,
    Consistency,
    Level,
    Measure,
    MemberCount,
    NotCheckable,
    Rank,
    Record,
    ShareOfGdp,
    ShareOfTotal,
)
from milbalance.claims.reading import reading_of, unresolved
from milbalance.claims.verdict import Evidence, Label, Verdict
from milbalance.errors import UserError

__all__ = [
    "ATTRIBUTION_DAYS",
    "COUNT_TOLERANCE",
    "ENGINE_SAMPLES",
    "MONEY_TOLERANCE",
    "RATIO_TOLERANCE",
    "REFUTING_SOURCES",
    "SHARE_TOLERANCE",
    "SPENDING_COMPARED_IN",
    "Evaluator",
    "_p_ratio_within",
    "comparison_method",
    "one_source_is_not_a_refutation",
    "own_figure",
    "own_figure_claimant",
]


REFUTING_SOURCES = 2
"""Distinct sources a refutation must rest on. One publication's figure that disagrees is
more often another definition, period or scope than a wrong claim (on the development half
of the claims corpus, 1 of 7 such refutations was right), so it is reported, not ruled on."""


def one_source_is_not_a_refutation(verdict: Verdict) -> Verdict:
    """A refutation resting on fewer than ``REFUTING_SOURCES`` sources becomes not checkable,
    with the disagreeing figure named; supported and contested verdicts are left as they are."""
    sources = {e.source_id for e in verdict.evidence if e.source_id}
    if verdict.label is not Label.REFUTED or len(sources) >= REFUTING_SOURCES:
        return verdict
    if whole_table(verdict.claim):
        return verdict  # a rank, count or share of a total is computed from every country's
        #                 figure in the table, not read from one publication's figure
    shown = "; ".join(f"{e.source_id}: {e.value:,.4g} ({e.period})" for e in verdict.evidence
                      if e.value is not None)[:300] or "no figure shown"
    return replace(verdict, label=Label.NOT_CHECKABLE, probability=None,
                   summary=(f"Not checkable: only one source's figure disagrees ({shown}), and "
                            "one source is not enough to refute a claim (it may use another "
                            f"definition, period or scope). Plain check: {verdict.summary}"),
                   gaps=(*verdict.gaps, "a second source for this figure"))


def split_sources_decide_nothing(verdict: Verdict) -> Verdict:
    """A spending figure, target, change, count or rank on which the sources split
    (contested by P) is not checkable, its tally kept in the summary: on the claims corpus an
    analyst called such a claim contested in 3 of 30 cases, most often supported on the
    definition or the plan the claim used. Comparisons and estimates of output keep
    'contested': there the disagreement is the answer (the central question's bases)."""
    claim = verdict.claim
    if verdict.label is not Label.CONTESTED or isinstance(claim, Comparison) or (
            isinstance(claim, Level) and claim.item != "military_expenditure"
            and claim.measure is not Measure.TARGET):
        return verdict  # estimates of output that disagree: that is the answer
    return replace(verdict, label=Label.NOT_CHECKABLE, probability=None,
                   summary=f"Not decided: the sources split. {verdict.summary}",
                   gaps=(*verdict.gaps, "sources that agree on this figure"))


class Evaluator(EvaluatorBase):
    """Checks claims against one store; each ``evaluate`` call is independent."""

    def evaluate(self, claim: Claim) -> Verdict:
        """The verdict on one claim, with its reading; data problems become gaps, never
        exceptions. A claim with a part that could not be resolved is not checkable; a yearly
        statistic said 'now' must get the same label for the current and the latest
        complete year (``now``)."""
        verdict = robust_refutation(claim, self._evaluate(claim), self._evaluate)
        verdict = europe_scopes(claim, verdict, self._entity_ids, self._evaluate)
        spending_change = isinstance(claim, Change) and claim.item == "military_expenditure"
        if not said_now(claim) or not (yearly_statistic(claim) or spending_change) or \
                own_current_year(claim, statements(self)):
            return verdict
        if verdict.label is Label.NOT_CHECKABLE:
            return self._latest_complete_instead(claim, verdict)
        if spending_change:
            return verdict
        earlier = latest_complete(claim)
        prior = robust_refutation(earlier, self._evaluate(earlier), self._evaluate)
        year = claim.year or 0
        if prior.label in (Label.NOT_CHECKABLE, verdict.label):
            return replace(verdict, caveats=(*verdict.caveats, (
                f"said without a year: read as {year}" + (
                    f"; the latest complete year, {year - 1}, gives the same answer"
                    if prior.label is verdict.label else ""))))
        return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
            f"Not checkable: said without a year, it may mean {year} (the year it was said: "
            f"{verdict.label}) or {year - 1} (the latest complete year: "
            f"{prior.label}). For {year}: {verdict.summary}"),
            gaps=(*verdict.gaps, "which year 'now' means"))

    def _latest_complete_instead(self, claim: Claim, verdict: Verdict) -> Verdict:
        """A yearly statistic said without a year, with no figure for the year it was said
        ('Israel spends $45 billion', said in April 2025 when the latest figures are
        2024's): the latest complete year's verdict when it has one (the usual meaning of
        such a sentence), else not checkable as before."""
        if not any(g.startswith("no ") for g in verdict.gaps) or claim.year is None or \
                forward_cue(claim.text):  # a plan said without a year is no past year's
            return verdict
        prior = self._evaluate(latest_complete(claim))
        if prior.label not in (Label.SUPPORTED, Label.REFUTED):
            return verdict
        year = f"{claim.year - 1} (the latest complete year: no year said)"
        return replace(prior, reading=prior.reading.replace(f"{claim.year - 1} · ",
                                                            f"{year} · ", 1),
                       caveats=(*prior.caveats, (
            f"said without a year in {claim.year}: read as {claim.year - 1}, the latest "
            f"complete year (the data hold no figure for {claim.year})")))

    def _evaluate(self, claim: Claim) -> Verdict:
        reading = reading_of(claim)
        missing = unresolved(claim) + declined(claim)
        if missing:
            return Verdict(claim, Label.NOT_CHECKABLE, None,
                           f"Not checkable: could not resolve the {'; the '.join(missing)}.",
                           caveats=claim.caveats, gaps=tuple(f"unresolved: {m}" for m in missing),
                           reading=reading)
        try:
            verdict = self._dispatch(claim)
        except UserError as exc:
            verdict = Verdict(claim, Label.NOT_CHECKABLE, None,
                              f"Not checkable against the data: {exc}", caveats=claim.caveats,
                              gaps=(str(exc),))
        if verdict.label is not Label.NOT_CHECKABLE and (
                plan := forward(claim, self._known_when_said(claim, verdict.evidence)
                                if forward_cue(claim.text) else verdict.evidence,
                                self._is_plan)
                + part_of_budget(claim, verdict.evidence)):
            verdict = Verdict(claim, Label.NOT_CHECKABLE, None,
                              f"Not checkable: could not resolve the {plan[0]}.",
                              verdict.evidence, caveats=claim.caveats,
                              gaps=tuple(f"unresolved: {m}" for m in plan))
        # one source cannot refute the plain claim; a denial refuted by a figure that agrees
        # with the plain claim stands (the rule reads the plain verdict, before negation)
        verdict = one_source_is_not_a_refutation(verdict)
        verdict = split_sources_decide_nothing(verdict)
        if claim.negated:
            verdict = _negate(verdict)
        if verdict.checked_period:
            reading += f" (checked against {verdict.checked_period}: the latest the data hold)"
        return replace(verdict, reading=reading)

    def _known_when_said(self, claim: Claim, evidence: Sequence[Evidence]) -> list[Evidence]:
        """The figures published by the date the claim was said: a plan or forecast is
        judged against the plans known then, not against an outturn published later."""
        said = claim.said_on
        if not said:
            return list(evidence)
        return [e for e in evidence if not (
            (published := self.published(e.source_id)) and published[:10] > said)]

    def _is_plan(self, e: Evidence) -> bool:
        """A figure that is itself a plan: a budget line or target, a projection, or an
        estimate of a year not over when its source was published."""
        from milbalance.spending.rows import is_projection  # spending loads lazily

        if e.metric.startswith("budget.") or ".target" in e.metric:
            return True
        try:
            year = int(e.period[-4:]) if e.period[-4:].isdecimal() else int(e.period[:4])
        except ValueError:
            return False
        for row in self.store.observations(e.entity, e.metric, start_year=year,
                                           end_year=year):
            if row.source != e.source_id:
                continue
            if is_projection(row):
                return True
            published = self.published_on(row.source)
            if "estimate" in row.flags and published is not None and published.year <= year:
                return True
        return False

    def _dispatch(self, claim: Claim) -> Verdict:
        if isinstance(claim, NotCheckable):
            return Verdict(claim, Label.NOT_CHECKABLE, None,
                           f"Not checkable: {claim.explanation}.", caveats=claim.caveats)
        if isinstance(claim, Level):
            data = as_announced(self, claim)  # a plan against the plans of its day
            return bloc_level(data, claim) or target_level(data, claim, level) or \
                rate_level(data, claim) or level(data, claim)
        if isinstance(claim, Rank | ShareOfTotal | MemberCount):
            return more_kinds(self, claim)
        if isinstance(claim, ShareOfGdp):
            return share(self, claim)
        if isinstance(claim, Comparison):
            if claim.share_of_gdp or claim.measure is Measure.EXPENDITURE:
                return spending_comparison(self, claim)
            return comparison(self, claim)
        if isinstance(claim, Change):
            return change(self, claim)
        if isinstance(claim, Record):
            return record(self, claim)
        if isinstance(claim, Consistency):
            return consistency(self, claim)
        return attribution(self, claim)

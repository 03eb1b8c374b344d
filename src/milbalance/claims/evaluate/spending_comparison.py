"""Spending compared between subjects: in one currency basis through the engine, or shares of
GDP in a named war against another subject now."""

from __future__ import annotations

from milbalance.claims.evaluate.common import (
    SPENDING_COMPARED_IN,
    EvaluatorBase,
    _evidence,
    _share_metrics,
    _speaker_key,
)
from milbalance.claims.evaluate.engine import engine_comparison
from milbalance.claims.evaluate.historical import historical_share
from milbalance.claims.evaluate.ppp import basis_turns_it
from milbalance.claims.kinds import Comparison, Measure
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.errors import UserError


def spending_comparison(data: EvaluatorBase, c: Comparison) -> Verdict:
    """'Russia outspends Ukraine', 'the US spent a higher share of GDP in Korea than now'."""
    if c.share_of_gdp and c.subject_years:
        return historical_share(data, c)
    if c.share_of_gdp:
        return share_comparison(data, c)
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    metric = f"{c.item}.{Measure.EXPENDITURE}"
    caveats = list(c.caveats)
    if SPENDING_COMPARED_IN in data._metric_ids:
        metric = SPENDING_COMPARED_IN  # one currency basis for both sides
        caveats.append(f"spending compared as {metric} (SIPRI's definition, market "
                       "exchange rates); PPP would narrow the gap")
    if metric not in data._metric_ids:
        raise UserError(f"no metric {metric} in the data")
    return basis_turns_it(data, c, engine_comparison(data, c, metric, caveats))


def share_comparison(data: EvaluatorBase, c: Comparison) -> Verdict:
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    span = c.subject_years or (c.year, c.year)
    wins: list[float] = []
    ev: list[Evidence] = []
    by_metric: dict[str, str] = {}
    for metric in _share_metrics(data.store):
        a_rows = [r for r in data._rows(c.subject, metric, span, _speaker_key(c))
                  if r.value is not None]
        # a year's published figure, not someone's remark about the whole war
        a_rows = [r for r in a_rows if r.period.days <= 366] or a_rows
        b_all = [r for r in data._rows(c.other, metric, (c.year - 3, c.year))
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

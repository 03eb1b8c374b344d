"""Levels and shares of GDP: the claimed figure against every source's figure for the
subject, metric and year (see ``common`` for the score and how scores combine)."""

from __future__ import annotations

import re

from milbalance.claims.evaluate.common import (
    COUNT_TOLERANCE,
    MONEY_TOLERANCE,
    SHARE_TOLERANCE,
    EvaluatorBase,
    _share_metrics,
    _words,
    tally,
)
from milbalance.claims.kinds import Level, Measure, QuantityUnit, ShareOfGdp
from milbalance.claims.reading import comparator, figure_text
from milbalance.claims.verdict import Evidence, Label, Verdict, figure_label, label_for
from milbalance.errors import UserError

_OFFICIAL = re.compile(r"\bofficial(?:ly)?\b|\bbudget(?:s|ed)?\b|\bnational[- ]defen[cs]e\b|"
                       r"\bappropriat\w+|\ballocat\w+", re.I)


def official_figure_unheld(c: Level | ShareOfGdp, ev: list[Evidence]) -> Verdict | None:
    """Not checkable in place of a refutation when the sentence speaks of an official or
    budget figure ('Officially, Russia raised spending to 3.9% of GDP', 'the defence budget
    of $40 billion') and every figure that disagrees is on SIPRI's definition (relayed by
    the World Bank too), which adds what budgets leave out: the claim is on a definition the
    data do not hold for it."""
    cue = _OFFICIAL.search(c.text)
    if cue is None or not ev or not all(e.metric.startswith("military_expenditure.")
                                        for e in ev if e.holds is False):
        return None
    return Verdict(c, Label.NOT_CHECKABLE, None,
                   f"Not checkable: the sentence speaks of an official or budget figure "
                   f"('{cue.group(0)}'), and the figures that disagree use SIPRI's wider "
                   f"definition; the data hold no figure on the claim's own definition.",
                   tuple(ev), caveats=c.caveats,
                   gaps=(f"{c.subject}'s official or budget figure for {c.year}",))


def level(data: EvaluatorBase, c: Level) -> Verdict:
    q = c.quantity
    base = MONEY_TOLERANCE if q.unit is QuantityUnit.MONEY else COUNT_TOLERANCE
    tol = max(base, min(q.precision, 2 * base))
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    primary, related = data._level_metrics(c)
    years = c.years or (c.year, c.year)
    metric, p, by_type, ev = data._judge(c, q, c.subject, primary, years, tol)
    caveats = list(c.caveats)
    if q.unit is QuantityUnit.MONEY and len(primary) > 1 and metric:
        caveats.append(f"read as {metric}, the definition it fits best of "
                       f"{', '.join(primary)}")
    announced = q.unit is QuantityUnit.MONEY or c.measure is Measure.TARGET
    label = figure_label(p, sum(e.holds is True for e in ev)) \
        if announced and not q.bound else label_for(p)  # estimates of output: 0.8
    better = ""
    if label is not Label.SUPPORTED:
        better = data._better(c, q, c.subject, [m for m in (*primary, *related)], c.year, tol)
    if label is Label.REFUTED and q.unit is QuantityUnit.MONEY and (
            unheld := official_figure_unheld(c, ev)) is not None:
        return unheld
    if label is Label.REFUTED and (fits := data._other_definition(
            c, q, c.subject, [*primary, *related], c.year, tol)):
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"Not checkable: it turns on what the figure measures. As read "
                       f"({comparator(q)} {figure_text(q)} for {c.subject} {metric or c.item} "
                       f"in {c.year}) the data disagree, but a figure in the data fits it: "
                       f"{fits} in {c.year}.",
                       tuple(ev), caveats=tuple(caveats), better_fit=fits,
                       gaps=(f"which measure '{q.text}' is",))
    what = f"{c.subject} {c.item.replace('_', ' ')} ({c.measure}) in {c.year}"
    if p is None:
        gap = f"no {' or '.join(primary)} figure for {c.subject} in {c.year}"
        summary = f"No figure for {what} in the data; {q.text} cannot be checked."
        if better:
            summary += f" It matches {better}."
        return Verdict(c, Label.NOT_CHECKABLE, None, summary, gaps=(gap,),
                       caveats=tuple(caveats), better_fit=better)
    summary = (f"{comparator(q)} {figure_text(q)} ('{q.text}') for {what} is {label} "
               f"(P = {p:.2f}): "
               f"{tally(ev, q, tol, len(by_type))}.")
    if better:
        summary += f" It fits better: {better}."
    return Verdict(c, label, p, summary, tuple(ev),
                   {k: _words(v) for k, v in by_type.items()}, caveats=tuple(caveats),
                   better_fit=better)


def share(data: EvaluatorBase, c: ShareOfGdp) -> Verdict:
    q = c.quantity
    tol = max(SHARE_TOLERANCE, min(q.precision, 2 * SHARE_TOLERANCE))
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    metrics = _share_metrics(data.store)
    years = c.years or (c.year, c.year)
    metric, p, by_type, ev = data._judge(c, q, c.subject, metrics, years, tol,
                                         peak=c.years is not None)
    label = figure_label(p, sum(e.holds is True for e in ev)) if not q.bound else label_for(p)
    if label is Label.REFUTED and not c.years and (definition := data._other_definition(
            c, q, c.subject, metrics, c.year, tol)):
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"Not checkable: it turns on the definition or source. As read "
                       f"({metric}) the data disagree, but a figure in the data fits it: "
                       f"{definition} in {c.year}.", tuple(ev),
                       caveats=c.caveats, better_fit=definition,
                       gaps=(f"which definition '{q.text}' uses",))
    if label is Label.REFUTED and (unheld := official_figure_unheld(c, ev)) is not None:
        return unheld
    when = f"{years[0]}–{years[1]} (peak year)" if c.years else str(c.year)
    if p is None:
        better = data._better(c, q, c.subject, metrics, c.year, tol)
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No share-of-GDP figure for {c.subject} in {when}."
                       + (f" {q.text} matches {better}." if better else ""),
                       gaps=(f"no share of GDP for {c.subject} in {when}",),
                       caveats=c.caveats, better_fit=better)
    figures = ", ".join(f"{e.value:.1f}% ({e.source_id}, {e.period})" for e in ev
                        if e.value is not None)
    better = "" if label is Label.SUPPORTED else data._better(c, q, c.subject, metrics,
                                                              c.year, tol)
    summary = (f"{comparator(q)} {figure_text(q)} ('{q.text}') for {c.subject} in {when} is "
               f"{label} (P = {p:.2f}): "
               f"{tally(ev, q, tol, len(by_type))}; the data give {figures}.")
    return Verdict(c, label, p, summary, tuple(ev), {k: _words(v) for k, v in
                                                     by_type.items()},
                   caveats=(*c.caveats, f"compared with {metric}"), better_fit=better)

"""Changes between two years ('doubled since 2022') and records ('highest since 1990')."""

from __future__ import annotations

import math
from collections import defaultdict

from milbalance.claims.evaluate.common import RATIO_TOLERANCE, EvaluatorBase, _evidence
from milbalance.claims.kinds import Change, Record
from milbalance.claims.verdict import Label, Verdict, label_for
from milbalance.errors import UserError
from milbalance.store import ObservationRow


def change(data: EvaluatorBase, c: Change) -> Verdict:
    """See ``change_base``: bounds, real or nominal, 'first fall since'."""
    from milbalance.claims.evaluate.change_base import change_verdict

    return change_verdict(data, c)


def _old_change(data: EvaluatorBase, c: Change) -> Verdict:
    if c.since is None or c.year is None:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"A {c.factor:g}-fold change with no base year cannot be checked.",
                       caveats=c.caveats, gaps=("no base year in the text",))
    found: list[tuple[str, float, ObservationRow, ObservationRow]] = []
    for metric in data._metric_for(c.item, c.measure):
        start = [r for r in data._rows(c.subject, metric, (c.since, c.since))
                 if r.value]
        end = [r for r in data._rows(c.subject, metric, (c.year, c.year)) if r.value]
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


def record(data: EvaluatorBase, c: Record) -> Verdict:
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    from milbalance.spending.records import rank_in_history
    from milbalance.spending.rows import PROJECTIONS_LEFT_OUT, is_projection

    since = c.since if c.since is not None else c.year - c.span_years
    for metric in data._metric_for(c.item, c.measure):
        all_rows = [r for r in data.store.observations(c.subject, metric) if r.value]
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
        if not any(y <= c.year for y in years):
            continue  # the series starts after the year the claim is about
        year = c.year if c.year in years else max(y for y in years if y <= c.year)
        rec = rank_in_history([(r.period.year, r.central) for r in series], year,
                              entity=c.subject, metric=metric, source=source)
        gaps: tuple[str, ...] = ()
        if rec.first > since + 1:
            gaps = (f"{source}'s series starts in {rec.first}, after {since}",)
        holds = rec.higher_before is None or rec.higher_before < since
        ev = tuple(_evidence(r, None) for r in series if r.period.year in (
            year, rec.peak_year, rec.higher_before or year))
        if gaps and holds:  # highest in the series, but the series is too short to say
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"'Highest since {since}' for {c.subject} cannot be checked: {year} "
                           f"is {rec.summary}, but {gaps[0]}.", ev, caveats=c.caveats,
                           gaps=gaps)
        p = 1.0 if holds else 0.0
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

"""Changes between two years ('doubled since 2022') and records ('highest since 1990')."""

from __future__ import annotations

from collections import defaultdict

from milbalance.claims.evaluate.common import EvaluatorBase, _evidence
from milbalance.claims.kinds import Change, Record
from milbalance.claims.verdict import Label, Verdict, label_for
from milbalance.errors import UserError
from milbalance.store import ObservationRow


def change(data: EvaluatorBase, c: Change) -> Verdict:
    """See ``change_base``: bounds, real or nominal, 'first fall since'."""
    from milbalance.claims.evaluate.change_base import change_verdict

    return change_verdict(data, c)


def record(data: EvaluatorBase, c: Record) -> Verdict:
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    from milbalance.spending.records import rank_in_history
    from milbalance.spending.rows import PROJECTIONS_LEFT_OUT, is_projection

    ever = c.since is None and not c.span_years  # no 'since': a record in the whole series
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
        if ever:  # 'a record', 'record high': the highest in the whole series
            since = rec.first
        elif rec.first > since + 1:
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
                       caveats=(*c.caveats, *note), gaps=gaps,
                       checked_period=str(year) if year != c.year else "")
    return Verdict(c, Label.NOT_CHECKABLE, None,
                   f"No {c.item} series for {c.subject} to rank.", caveats=c.caveats,
                   gaps=(f"no {c.item} series for {c.subject}",))

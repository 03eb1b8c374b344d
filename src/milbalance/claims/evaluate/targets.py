"""Targets with a deadline month: "a goal of 100,000 shells a month by October 2025" is the
target set for that deadline, not every target row of 2025 (an interim "80,000 by September"
is another target, and "to be reached in 2025" a looser one).

Rule: a target claim whose deadline names a month (``by October 2025``, ``by the end of
October 2025``, ``before March 2024``) is compared with the target rows of the deadline's year
whose period ends at or before the end of that month, and only with the latest of them (a
row for exactly that month is the latest). Rows of that year that end after the deadline
are other targets. A month written without a year ('by October', 'by this October', after
the figure in its clause) is in the claim's year. A deadline with no month ('by 2025')
leaves the rows as they are.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.kinds import Level, Measure
from milbalance.claims.verdict import Verdict
from milbalance.claims.when import DEADLINE, MONTHS, figure_time
from milbalance.store import ObservationRow

_MONTH_YEAR = re.compile(r"\b(?P<month>" + "|".join(MONTHS) + r")\s+(?:of\s+)?"
                         r"(?P<year>(?:19|20)\d\d)\b", re.I)


_MONTH_ALONE = re.compile(r"[^.;:,]{0,40}?\bby\s+(?:this\s+)?(?:the\s+end\s+of\s+)?(?P<month>"
                         + "|".join(MONTHS) + r")\b(?!\s*,?\s*(?:of\s+)?\d)", re.I)
"""'… a month by October', 'by this October': a month with no year, in the claim's year."""


def deadline_month(c: Level) -> date | None:
    """The last day of the month a target's deadline names ('by October 2025' →
    2025-10-31), or None when the claim is no target or its deadline names no month."""
    if c.measure is not Measure.TARGET:
        return None
    q = c.quantity
    t = figure_time(c.text, q.start, q.end, None)
    if t is not None and t.kind == DEADLINE:
        m = _MONTH_YEAR.search(t.text)
        if m is None:
            return None
        year, month = int(m["year"]), MONTHS.index(m["month"].lower()) + 1
    elif (alone := _MONTH_ALONE.match(c.text, q.end)) is not None and c.year is not None:
        year, month = c.year, MONTHS.index(alone["month"].lower()) + 1  # 'by (this) October'
    else:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def at_deadline(rows: list[ObservationRow], deadline: date) -> list[ObservationRow]:
    """The rows of the deadline's year that end at or before it, the latest only; rows of
    other years are returned as they are (they are another year's targets)."""
    same_year = [r for r in rows if r.period.end.year == deadline.year]
    if not same_year:
        return rows
    due = [r for r in same_year if r.period.end <= deadline]
    if not due:
        return [r for r in rows if r.period.end.year != deadline.year]
    latest = max(r.period.end for r in due)
    return [r for r in rows if r.period.end.year != deadline.year or r.period.end == latest]


class _TargetRows(EvaluatorBase):
    """The evaluator's data with its target rows narrowed by ``narrow`` (to one deadline, to
    the plans announced by a date); every other metric's rows as they are."""

    def __init__(self, base: EvaluatorBase,
                 narrow: Callable[[list[ObservationRow]], list[ObservationRow]]):
        self.__dict__.update(base.__dict__)
        self._narrow = narrow

    def _rows(self, entity: str, metric: str, years: tuple[int, int],
              speaker: str = "") -> list[ObservationRow]:
        rows = super()._rows(entity, metric, years, speaker)
        return self._narrow(rows) if metric.endswith(".target") else rows


def target_level(data: EvaluatorBase, c: Level,
                 judge: Callable[[EvaluatorBase, Level], Verdict]) -> Verdict | None:
    """``judge`` (the level check) run on the rows for the claim's deadline month, with the
    reading said; None when the claim has no deadline month."""
    deadline = deadline_month(c)
    if deadline is None:
        return None
    v = judge(_TargetRows(data, lambda rows: at_deadline(rows, deadline)), c)
    note = (f"a target with a deadline: compared with the target set for "
            f"{deadline:%B %Y} or the latest one due before it, not with other targets "
            f"of {deadline.year}")
    return replace(v, caveats=(*v.caveats, note))


ANNOUNCED_GRACE_DAYS = 45
"""A target row counts as announced by the date said when its source is published no later
than this many days after it (reports trail announcements)."""


def as_announced(data: EvaluatorBase, c: Level) -> EvaluatorBase:
    """For a target said on a known date, the data with its target rows narrowed to those
    announced by then, where there are any: a plan is checked against the plans of its day,
    not a later one. Otherwise the data unchanged."""
    if c.measure is not Measure.TARGET or not c.said_on:
        return data
    try:
        limit = date.fromisoformat(c.said_on).toordinal() + ANNOUNCED_GRACE_DAYS
    except ValueError:
        return data

    def announced(rows: list[ObservationRow]) -> list[ObservationRow]:
        known = [r for r in rows if (p := data.published_on(r.source)) is not None
                 and p.toordinal() <= limit]
        return known or rows

    return _TargetRows(data, announced)

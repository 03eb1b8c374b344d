"""Rates at a time within a year: '40,000 shells a month' said in June 2025, '14,500 a month
in February 2022', '500,000 shells a year in March 2023', '2,700 drones a month in mid-2025'.

A rate claim (a figure per month, day or year: ``QuantityUnit.RATE``, annualised by the
parser) is about a **window**:

- a month written next to the figure ('in March 2023', 'in February 2022', 'in March' with
  the claim's year), or the month of an event that has one ('when Russia launched its
  full-scale invasion': February 2022);
- a part of a year ('early 2024': January–April, 'mid-2025': May–August, 'late 2023':
  September–December, 'the first/second half of 2024', 'the end of 2024': October–December);
- the month the sentence was said, for 'now', 'currently', 'today' or a present figure with
  no time written ('output stands at 40,000 a month', said on 17 June 2025);
- the year to the date said, for 'this year';
- a written year: the whole year.

The figures it is compared with, in this order (the first step that finds any decides):

1. **run-rates overlapping the window**: rows of a month, quarter, day or short range, and
   rows written as a monthly or daily rate for a longer period ('2,900 a month' in 2025);
2. the **nearest run-rate within ±3 months** of the window (``NEAREST_MONTHS``), the month
   used named in the verdict;
3. **whole-year figures** of the window's year, compared as an annualised rate and said so
   (a year's total is the average rate, not the rate of one month).

A run-rate whose period starts after the date the claim was said is never used: a figure
measured later cannot confirm or refute what was said before it. Every rate is compared as a
yearly rate: the claim's monthly or daily figure and each row's are both annualised (the
store holds rates per year; the row's figure as written is shown beside its annualised one).
Scores, tolerances, P and labels are those of every level (``common``), and the two-source
rule for refutations is applied by the dispatcher as for any claim.

A window that is a whole written year keeps the level's own reading (every figure of that
year), with run-rates from after the date said left out.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from milbalance.claims.evaluate.common import (
    COUNT_TOLERANCE,
    EvaluatorBase,
    _combine,
    _evidence,
    _fmt,
    _score,
    _speaker_key,
    _words,
    tally,
)
from milbalance.claims.evaluate.level import level
from milbalance.claims.kinds import Level, Measure, QuantityUnit
from milbalance.claims.reading import comparator, figure_text
from milbalance.claims.verdict import Label, Verdict, label_for
from milbalance.claims.when import (
    NOW,
    POINT,
    figure_time,
    in_a_month,
)
from milbalance.periods import PeriodKind
from milbalance.store import ObservationRow

NEAREST_MONTHS = 3
"""How far (in months) from the claim's window a run-rate may be measured and still be used,
the month it was measured named; further away, a rate may have changed (US 155 mm output went
from 28,000 to 40,000 a month within a year)."""

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_MONTH = r"(?P<month>" + "|".join(MONTHS) + r")"
_MONTH_BEFORE = re.compile(r"\b(?:(?:in|of|during|as of)\s{1,3})?(?:(?P<part>early|mid|late)"
                           r"[- ]?)?" + _MONTH + r"\s{1,3}(?:of\s{1,3})?$", re.I)
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|before|since|from|after)\s{1,3}(?:the\s{1,3})?$",
                              re.I)
_IN_MONTH_AFTER = re.compile(r"\s{0,3}(?:[\w-]{1,30}\s{1,3}){0,3}?in\s{1,3}" + _MONTH
                             + r"\b", re.I)
_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "end": (10, 12),
                "first half": (1, 6), "second half": (7, 12)}
_EVENT_MONTHS = ((re.compile(r"full-scale invasion|February 2022|special military operation|"
                             r"invasion|war (?:began|started)", re.I), date(2022, 2, 1)),)
"""Events dated to a month: the full-scale invasion, 24 February 2022."""
_YEAR_TO_DATE = re.compile(r"\b(?:this year|the current year|so far this year)\b", re.I)


@dataclass(frozen=True)
class Window:
    """The span of days a rate claim is about, and how it was read."""

    start: date
    end: date
    label: str  # "March 2023", "mid-2025 (May–August)", "June 2025 (the date said)"
    whole_year: bool = False


def _month_window(year: int, month: int, label: str = "") -> Window:
    end = date(year, month, calendar.monthrange(year, month)[1])
    return Window(date(year, month, 1), end, label or f"{MONTHS[month - 1].title()} {year}")


def _said(c: Level) -> date | None:
    try:
        return date.fromisoformat(c.said_on) if c.said_on else None
    except ValueError:
        return None


def window(c: Level) -> Window | None:
    """The window a rate claim is about, or None where the level's own reading stands (a
    target, a running total, a named period, or a time the parser read differently)."""
    q, said, year = c.quantity, _said(c), c.year
    if year is None or not 1900 <= year <= 2100:
        return None
    t = figure_time(c.text, q.start, q.end, said)
    if t is not None and t.kind not in (POINT, NOW):
        return None  # since, by (a deadline), a named period: the level's reading
    if t is not None and t.kind == NOW:
        if said is None or said.year != year:
            return None
        if _YEAR_TO_DATE.search(t.text):
            return Window(date(year, 1, 1), said, f"{year} to {said.isoformat()} (the date "
                          "said)")
        return _month_window(year, said.month, f"{MONTHS[said.month - 1].title()} {year} "
                             f"('{t.text}', the date said {said.isoformat()})")
    if t is not None:  # a point: a year, maybe with a month, a part of it or an event
        if t.years[0] != year:
            return None
        if t.note:  # an event: its month where it has one
            for pattern, day in _EVENT_MONTHS:
                if day.year == year and pattern.search(t.text):
                    return _month_window(year, day.month, f"{MONTHS[day.month - 1].title()} "
                                         f"{year} ('{t.text}')")
            return None
        before = _MONTH_BEFORE.search(c.text, max(0, t.start - 30), t.start)
        if before is not None and not _DEADLINE_BEFORE.search(
                c.text, max(0, before.start() - 20), before.start()):
            month = MONTHS.index(before["month"].lower()) + 1
            part = (before["part"] or "").lower()
            label = f"{part + ' ' if part else ''}{before['month'].title()} {year}"
            return _month_window(year, month, label)
        if t.part:
            lo, hi = _PART_MONTHS.get(t.part, (1, 12))
            start = date(year, lo, 1)
            end = date(year, hi, calendar.monthrange(year, hi)[1])
            return Window(start, end, f"{t.text} ({MONTHS[lo - 1].title()}–"
                          f"{MONTHS[hi - 1].title()} {year})")
        return Window(date(year, 1, 1), date(year, 12, 31), str(year), whole_year=True)
    if in_a_month(c.text, q.end) and (m := _IN_MONTH_AFTER.match(c.text, q.end)):
        month = MONTHS.index(m["month"].lower()) + 1
        return _month_window(year, month)
    if said is not None and said.year == year and not c.year_from_text:
        return _month_window(year, said.month, f"{MONTHS[said.month - 1].title()} {year} "
                             f"(the date said, {said.isoformat()})")
    return None


def run_rate(row: ObservationRow) -> bool:
    """A rate measured over less than a year, or written per month or day for any period."""
    if row.period.kind in (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.DAY):
        return True
    if row.period.kind is PeriodKind.RANGE and row.period.days <= 200:
        return True
    raw = row.raw_unit.lower()
    return raw.endswith("_per_month") or raw.endswith("_per_day")


def _months_apart(row: ObservationRow, w: Window) -> float:
    """Months between a row's period and the window (0 when they overlap)."""
    def index(d: date) -> int:
        return d.year * 12 + d.month

    if row.period.end < w.start:
        return float(index(w.start) - index(row.period.end))
    if row.period.start > w.end:
        return float(index(row.period.start) - index(w.end))
    return 0.0


def _overlaps(row: ObservationRow, w: Window) -> bool:
    return row.period.start <= w.end and w.start <= row.period.end


def _as_written(row: ObservationRow) -> str:
    """'2025-06: 40,000 rounds_per_month (480,000 a year)' for a rescaled row."""
    if row.raw_value is None or not row.rescaled:
        return f"{row.period.label}: {_fmt(row.central)} a year"
    return (f"{row.period.label}: {_fmt(row.raw_value)} {row.raw_unit.replace('_', ' ')} "
            f"(= {_fmt(row.central)} a year)")


def pick(rows: list[ObservationRow], w: Window, said: date | None
         ) -> tuple[list[ObservationRow], str]:
    """The rows a rate claim for window ``w`` is compared with, and how they were chosen
    ('' when they are the window's own run-rates)."""
    rows = [r for r in rows if said is None or r.period.start <= said]
    rates = [r for r in rows if run_rate(r)]
    if w.whole_year:
        return [r for r in rows if _overlaps(r, w)], ""
    inside = [r for r in rates if _overlaps(r, w)]
    if inside:
        return inside, ""
    near = [(d, r) for r in rates if (d := _months_apart(r, w)) <= NEAREST_MONTHS]
    if near:
        best = min(d for d, _ in near)
        chosen = [r for d, r in near if d - best < 0.5]
        periods = ", ".join(dict.fromkeys(r.period.label for r in chosen))
        side = "before" if chosen[0].period.end < w.start else "after"
        return chosen, (f"no run-rate measured in {w.label}; the nearest, {periods} "
                        f"({best:.0f} month{'s' if round(best) != 1 else ''} {side}), used")
    totals = [r for r in rows if not run_rate(r) and r.period.kind in (
        PeriodKind.YEAR, PeriodKind.FISCAL_YEAR) and _overlaps(r, w)]
    if totals:
        years = ", ".join(dict.fromkeys(r.period.label for r in totals))
        return totals, (f"no run-rate within ±{NEAREST_MONTHS} months of {w.label}; the "
                        f"whole-year figure of {years} compared as an annualised rate (a "
                        "year's total is its average rate, not the rate of one month)")
    return [], ""


def _mixed(data: EvaluatorBase, c: Level, v: Verdict) -> Verdict:
    """A level's verdict with the mixing of totals and rates said: a yearly total claimed
    against run-rates (annualised), or a rate claimed against a year's total."""
    if c.year is None or not v.evidence:
        return v
    rows = {(r.source, r.metric, r.period.label): r for e in {x.metric for x in v.evidence}
            for r in data._rows(c.subject, e, (c.year - 1, c.year + 1))}
    used = [r for e in v.evidence if (r := rows.get((e.source_id, e.metric, e.period)))]
    if c.quantity.unit is QuantityUnit.RATE:
        totals = [r for r in used if not run_rate(r)]
        if not totals or (not any(run_rate(r) for r in used) and c.quantity.per == "year"):
            return v
        note = ("the whole-year figure" + ("s" if len(totals) > 1 else "") + " of "
                + ", ".join(dict.fromkeys(f"{r.period.label} ({r.source})" for r in totals))
                + " compared as an annualised rate (a year's total is its average rate)")
    elif c.quantity.unit is QuantityUnit.COUNT:
        rates = [r for r in used if run_rate(r)]
        if not rates:
            return v
        note = ("a total for the year compared with run-rates annualised: "
                + "; ".join(dict.fromkeys(f"{_as_written(r)} ({r.source})" for r in rates[:4])))
    else:
        return v
    return replace(v, caveats=(*v.caveats, note))


def rate_level(data: EvaluatorBase, c: Level) -> Verdict | None:
    """The verdict on a rate claim read at its window, or None where the level's own
    reading stands (see the module's docstring); a level's verdict that mixes a total and
    rates says so."""
    q = c.quantity
    if q.unit is QuantityUnit.MONEY or c.measure is Measure.TARGET or c.years:
        return None
    w, said = window(c) if q.unit is QuantityUnit.RATE else None, _said(c)
    if w is None or (w.whole_year and (said is None or said > w.end)):
        if q.unit in (QuantityUnit.RATE, QuantityUnit.COUNT):
            return _mixed(data, c, level(data, c))  # a past year: every figure of it
        return None
    tol = max(COUNT_TOLERANCE, min(q.precision, 2 * COUNT_TOLERANCE))
    primary, related = data._level_metrics(c)
    speaker = _speaker_key(c)
    best: tuple[str, float | None, dict[str, float], list[ObservationRow], str] = (
        "", None, {}, [], "")
    later: list[ObservationRow] = []
    for metric in primary:
        rows = data._rows(c.subject, metric, (w.start.year - 1, w.end.year + 1), speaker)
        later += [r for r in rows if said is not None and r.period.start > said
                  and run_rate(r)]
        chosen, how = pick(rows, w, said)
        scored = [(r, s) for r in chosen if (s := _score(q, r, tol)) is not None]
        if not scored:
            continue
        p, by_type = _combine(scored)
        if best[1] is None or (p is not None and p > best[1]):
            best = (metric, p, by_type, [r for r, _ in scored], how)
    metric, p, by_type, rows, how = best
    what = f"{c.subject} {c.item.replace('_', ' ')} ({c.measure}) in {w.label}"
    caveats = [*c.caveats, f"the rate read at {w.label}"]
    if how:
        caveats.append(how)
    if p is None:
        gap = (f"no {' or '.join(primary)} run-rate for {c.subject} within "
               f"±{NEAREST_MONTHS} months of {w.label}")
        summary = f"No run-rate for {what} in the data; {q.text} cannot be checked."
        if later:
            first = min(r.period.start for r in later)
            summary += (f" The first measured after it ({first:%Y-%m}) comes after the date "
                        f"said ({said.isoformat() if said else '?'}) and is not used.")
        better = data._better(c, q, c.subject, [*primary, *related], c.year, tol)
        if better:
            summary += f" It matches {better}."
        return Verdict(c, Label.NOT_CHECKABLE, None, summary, gaps=(gap,),
                       caveats=tuple(caveats), better_fit=better)
    scored = [(r, s) for r in rows if (s := _score(q, r, tol)) is not None]
    ev = [_evidence(r, s >= 1.0 if s != 0.5 else None,
                    "" if s != 0.5 else f"borderline: within ±{2 * tol:.0%}") for r, s in scored]
    label = label_for(p)
    claimed = (f"'{q.text}' is {_fmt(q.value)} a year" if q.per in ("month", "day")
               else f"'{q.text}' is a yearly rate")
    figures = "; ".join(f"{_as_written(r)} ({r.source})" for r in rows[:6])
    summary = (f"{comparator(q)} {figure_text(q)} ('{q.text}') for {what} is {label} "
               f"(P = {p:.2f}): {tally(ev, q, tol, len(by_type))}. Compared as yearly "
               f"rates: {claimed}; the data give {figures}.")
    if how:
        summary += f" {how[0].upper()}{how[1:]}."
    better = "" if label is Label.SUPPORTED else data._better(c, q, c.subject,
                                                              [*primary, *related], c.year,
                                                              tol)
    if better:
        summary += f" It fits better: {better}."
    return Verdict(c, label, p, summary, tuple(ev), {k: _words(v) for k, v in by_type.items()},
                   caveats=tuple(caveats), better_fit=better)

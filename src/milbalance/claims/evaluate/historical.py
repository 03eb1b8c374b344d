"""A share of GDP in a named war against a country now (parse/historical.py reads them).

Rule: the war side's figure is its peak share in the period, on each share-of-GDP definition
it has a figure for (SIPRI military expenditure; US national-defence outlays, OMB), a
year's published figure before a remark about the whole war; the other side's figures are
every definition's figures for its latest year with any, at most three years before the year
said, the speaker's own figures left out. Each (peak, figure) pair scores 1 when it goes the
way the claim says and 0 otherwise; P is the mean. Shares of GDP under different
definitions are compared as they stand, and said so.
"""

from __future__ import annotations

from milbalance.claims.evaluate.common import (
    EvaluatorBase,
    _evidence,
    _share_metrics,
    _speaker_key,
)
from milbalance.claims.kinds import Comparison
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.errors import UserError
from milbalance.store import ObservationRow


def historical_share(data: EvaluatorBase, c: Comparison) -> Verdict:
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    span = c.subject_years or (c.year, c.year)
    peaks: list[tuple[str, ObservationRow]] = []
    now_rows: list[tuple[str, ObservationRow]] = []
    for metric in _share_metrics(data.store):
        rows = [r for r in data._rows(c.subject, metric, span, _speaker_key(c))
                if r.value is not None]
        rows = [r for r in rows if r.period.days <= 366] or rows
        if rows:
            peaks.append((metric, max(rows, key=lambda r: r.central)))
        recent = [r for r in data._rows(c.other, metric, (c.year - 3, c.year), _speaker_key(c))
                  if r.value is not None]
        if recent:
            latest = max(r.period.year for r in recent)
            now_rows += [(metric, r) for r in recent if r.period.year == latest]
    if now_rows:
        latest = max(r.period.year for _, r in now_rows)
        now_rows = [(m, r) for m, r in now_rows if r.period.year == latest]
    what = "higher" if c.more else "lower"
    if not peaks or not now_rows:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No share-of-GDP figures for both {c.subject} in {span[0]}–{span[1]} "
                       f"and {c.other} around {c.year}.", caveats=c.caveats,
                       gaps=(f"share of GDP for {c.subject} {span[0]}–{span[1]} or "
                             f"{c.other} {c.year}",))
    wins: list[float] = []
    ev: list[Evidence] = []
    for _, peak in peaks:
        for _, b in now_rows:
            holds = peak.central > b.central if c.more else peak.central < b.central
            wins.append(1.0 if holds else 0.0)
    ev += [_evidence(p, None, f"peak of {span[0]}–{span[1]}") for _, p in peaks]
    ev += [_evidence(b, None) for _, b in now_rows]
    p = sum(wins) / len(wins)
    label = label_for(p)
    war = ", ".join(f"{r.central:.1f}% ({r.period.label}, {m})" for m, r in peaks)
    values = sorted(r.central for _, r in now_rows)
    year = now_rows[0][1].period.year
    now = (f"{values[0]:.1f}%" if values[0] == values[-1]
           else f"{values[0]:.1f}–{values[-1]:.1f}%")
    defs = ", ".join(sorted({m for m, _ in now_rows}))
    summary = (f"{c.subject}'s defence share of GDP in {span[0]}–{span[1]} was {what} than "
               f"{c.other}'s now: {label} (P = {p:.2f}): {c.subject} peaked at {war}; "
               f"{c.other} {now} in {year} ({defs}).")
    caveats = (*c.caveats, "shares of GDP under different definitions compared as they "
               "stand (military expenditure, SIPRI; national-defence outlays, OMB fiscal "
               "years)") if len({m for m, _ in peaks} | {m for m, _ in now_rows}) > 1 \
        else c.caveats
    by_metric = {m: f"{r.central:.1f}% ({r.period.label})" for m, r in peaks}
    return Verdict(c, label, p, summary, tuple(ev), by_metric, caveats=caveats,
                   checked_period=str(year) if year != c.year else "")

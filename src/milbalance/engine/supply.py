"""Levels of a side that come from outside the member's own annual figures: a supplier's
deliveries to the lead (``--supply``) and totals over multi-year periods spread evenly over
their period (``--cumulative``). The rules are in ``engine.blocs``'s module docstring."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from milbalance.engine.results import Assumption, Gap, GapReason, Level
from milbalance.model import Metric

if TYPE_CHECKING:
    from milbalance.engine.blocs import _Builder


def supply(b: _Builder, suppliers: Sequence[str], ids: list[str]) -> None:
    """Suppliers' deliveries to the lead, only with ``supply`` (else stated as not counted)."""
    o = b.options
    lead = ", ".join(ids) or b.entity.id
    counted = [s for s in suppliers if o.supply and (o.suppliers is None or s in o.suppliers)]
    left = [s for s in suppliers if s not in counted]
    item = b.metric.item or b.metric.id.partition(".")[0]
    deliveries = f"{item}.deliveries"
    if left:
        b.assumptions.append(Assumption(
            "supply:not-counted", f"deliveries from {', '.join(left)} (suppliers of {lead}) "
            f"are not counted in {b.entity.id}'s {b.metric.id}: their own output is not "
            f"{lead}'s; pass --supply to add their {deliveries} to it"))
    if not counted:
        return
    if deliveries not in {m.id for m in b.store.metrics()}:
        b.assumptions.append(Assumption("supply", f"--supply asked, but there is no metric "
                                        f"{deliveries}: nothing is added"))
        return
    by_id = {m.id: m for m in b.store.metrics()}
    for s in counted:
        rows = b.rows(s, deliveries, b.year, b.year)
        key = b.key(s, deliveries, b.year)
        flag = (f"deliveries from {s} to {lead} added to {b.metric.id} (--supply)",)
        if not rows and cumulative(b, s, by_id[deliveries], 1.0, flag):
            continue
        if not b.add(key, s, rows, 1.0, Level.SUPPLY, (s,), flag):
            reason = GapReason.NO_OBSERVATION if not b.store.observations(
                s, deliveries, start_year=b.year, end_year=b.year) else GapReason.FILTERED_OUT
            b.gaps.append(Gap(b.entity.id, s, deliveries, str(b.year), reason))
    b.assumptions.append(Assumption(
        "supply", f"{deliveries} from {', '.join(counted)} are added to {lead}'s "
        f"{b.metric.id} (supply, not production): the figures are read as deliveries to "
        f"{lead} (the data name no recipient), and may come from the supplier's stocks"))


def cumulative(b: _Builder, who: str, metric: Metric, scale: float,
                flags: tuple[str, ...] = ()) -> bool:
    """Level 5 for ``who`` on ``metric`` (see the module docstring): True when a total over a
    period covering the whole year was spread into it (``--cumulative``); otherwise states
    the totals that exist for the year and why they are not counted."""
    cum = f"{metric.id}_cumulative"
    if cum not in {m.id for m in b.store.metrics()}:
        return False
    first, last = date(b.year, 1, 1), date(b.year, 12, 31)
    rows = [o for o in b.rows(who, cum, None, None)
            if o.period.start <= last and o.period.end >= first]
    if not rows:
        return False
    whole = [o for o in rows if o.period.start <= first and o.period.end >= last]
    partial = [o for o in rows if o not in whole]
    part_note = (f"; {len(partial)} cover only part of {b.year} and are not used "
                 f"({', '.join(f'{o.period.label} {o.source}' for o in partial)}): spreading "
                 f"them would say nothing about the rest of the year" if partial else "")
    if not b.options.cumulative or not whole:
        why = ("pass --cumulative to spread those covering the whole year evenly over their "
               "period" if whole else "none covers the whole year")
        b.assumptions.append(Assumption(
            f"cumulative:not-counted:{who}", f"{who} has {len(rows)} total(s) on {cum} over "
            f"periods including {b.year} and no annual {metric.id} figure; they are not "
            f"counted ({why}){part_note}"))
        return False
    days = (last - first + timedelta(days=1)).days
    spread = [replace(o, value=None if o.value is None else o.value * days / o.period.days,
                      low=None if o.low is None else o.low * days / o.period.days,
                      high=None if o.high is None else o.high * days / o.period.days,
                      unit=metric.unit) for o in whole]
    flag = (f"total on {cum} spread evenly over its stated period (--cumulative): the "
            f"{days} days of {b.year} take days/period-days of each total",)
    level = Level.SUPPLY if flags else Level.CUMULATIVE
    if not b.add(b.key(who, cum, b.year), who, spread, scale, level, (who,), flags + flag):
        return False
    b.assumptions.append(Assumption(
        f"cumulative:{who}", f"{who} has no annual {metric.id} figure for {b.year}; "
        f"{len(whole)} total(s) on {cum} whose period covers all of {b.year} are spread "
        "evenly over their period (the same rate every day), and the share falling in "
        f"{b.year} is counted ({', '.join(f'{o.period.label} {o.source}' for o in whole)})"
        + part_note))
    return True

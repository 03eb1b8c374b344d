"""A bloc's spending where the data has no figure for the bloc itself ("NATO spent $1.5
trillion in 2024"): the engine's member sum (``spending.totals.total``) for the year, its
5th–95th percentiles scored as a level's range is, at the money tolerance widened to the
written precision. Members without a figure make the sum a lower bound: the claim is then
refuted only when it is below even that, else not checkable, naming them.
"""

from __future__ import annotations

from milbalance.claims.evaluate.common import MONEY_TOLERANCE, PPP_CUE, EvaluatorBase
from milbalance.claims.evaluate.share_total import score_interval
from milbalance.claims.kinds import Level, Measure, QuantityUnit
from milbalance.claims.verdict import Label, Verdict, label_for
from milbalance.errors import UserError
from milbalance.model import EntityKind

METRICS = {"USD": "military_expenditure.usd_current"}


def bloc_level(data: EvaluatorBase, c: Level) -> Verdict | None:
    """The verdict through the engine's bloc total, or None when this is not such a claim
    (not a bloc, not spending in US$, or the bloc has a figure of its own)."""
    q = c.quantity
    if (c.measure is not Measure.EXPENDITURE or q.unit is not QuantityUnit.MONEY
            or q.currency not in METRICS or c.year is None or c.years is not None):
        return None
    try:
        entity = data.store.entity(c.subject)
    except (UserError, KeyError, LookupError):
        return None
    metric = METRICS[q.currency]
    if entity.kind is not EntityKind.BLOC or metric not in data._metric_ids:
        return None
    if PPP_CUE.search(c.text):  # a bloc's total at PPP: its members' amounts at market rates
        return Verdict(c, Label.NOT_CHECKABLE, None,  # are no evidence for it
                       f"Not checkable: the figure is said at purchasing-power parity, and "
                       f"the data hold no PPP total for {entity.id}.", caveats=c.caveats,
                       gaps=(f"a PPP total for {entity.id} in {c.year}",))
    if data._rows(entity.id, metric, (c.year, c.year)):
        return None  # a figure filed on the bloc itself: checked as any level
    if not data.store.memberships(entity.id):
        return None
    from milbalance.spending.totals import total

    t = total(data.store, entity.id, metric, c.year)
    tol = max(MONEY_TOLERANCE, min(q.precision, 2 * MONEY_TOLERANCE))
    caveat = (f"{entity.id} has no figure of its own: its members' {metric} summed by the "
              f"engine ({len(t.counted)} of {len(t.members)} members)")
    if t.quantiles is None:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"Not checkable: no {metric} for any {entity.id} member in {c.year}.",
                       caveats=(*c.caveats, caveat), gaps=(t.missing or f"{metric} of "
                                                           f"{entity.id} members",))
    lo, mid, hi = t.quantiles.p5, t.quantiles.p50, t.quantiles.p95
    s = score_interval(q, lo, hi, tol)
    shown = f"{mid / 1e9:,.0f} bn US$" + (f" (90% {lo / 1e9:,.0f}–{hi / 1e9:,.0f})"
                                          if hi - lo > 0.001 * mid else "")
    gaps = tuple(f"{g}: no {metric} in {c.year}" for g in t.gaps)
    # with members missing the true total is at least the partial sum: only some answers stand
    decided = ((q.bound == "at-least" and s == 1.0) or (q.bound == "at-most" and s == 0.0)
               or (not q.bound and s == 0.0 and q.value < lo))
    if gaps and not decided:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"Not checkable: the {entity.id} members with figures spent {shown} in "
                       f"{c.year}, but {len(gaps)} have none, so the total is a lower bound.",
                       caveats=(*c.caveats, caveat), gaps=gaps)
    p = s
    return Verdict(c, label_for(p), p,
                   f"{q.text} for {entity.id} in {c.year} is {label_for(p)} (P = {p:.2f}): "
                   f"the engine's member total is {shown}.", caveats=(*c.caveats, caveat),
                   gaps=gaps)

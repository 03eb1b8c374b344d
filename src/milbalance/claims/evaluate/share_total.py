"""Shares of a total: the subject's spending over the world's (WLD, one source at both ends),
a bloc's (through the engine's bloc total: ``spending.totals``), or its own government's
spending (the ``*.share_expenditure`` and ``*.share_government`` figures).

The share is an interval [lo, hi] (a point from one source; the engine's 5th–95th
percentiles for a bloc total) scored as a level is, with the share-of-GDP tolerance widened
to the precision of the written figure. A bloc total with members missing is a lower bound,
so the share is an upper bound: the claim is refuted when even that is below it, else not
checkable, naming the members without a figure.
"""

from __future__ import annotations

import re

from milbalance.claims.evaluate.common import (
    SHARE_TOLERANCE,
    EvaluatorBase,
    _combine,
    _evidence,
    _score,
    _words,
    tally,
)
from milbalance.claims.kinds import Quantity, ShareOfTotal
from milbalance.claims.verdict import Label, Verdict, label_for

AMOUNT = "military_expenditure.usd_current"
_SECURITY = re.compile(r"\b(?:security|law enforcement|police)\b", re.I)


def score_interval(q: Quantity, lo: float, hi: float, tol: float) -> float:
    """1, ½ or 0 for a claimed figure against an interval (the rule of ``common._score``)."""
    x = q.value
    if q.bound == "at-least":
        return 1.0 if lo >= x else 0.0 if hi * (1 + tol) < x else 0.5
    if q.bound == "at-most":
        return 1.0 if hi <= x else 0.0 if lo > x * (1 + tol) else 0.5
    if lo / (1 + tol) <= x <= hi * (1 + tol):
        return 1.0
    return 0.5 if lo / (1 + 2 * tol) <= x <= hi * (1 + 2 * tol) else 0.0


def _not(c: ShareOfTotal, summary: str, gap: str) -> Verdict:
    return Verdict(c, Label.NOT_CHECKABLE, None, summary, caveats=c.caveats, gaps=(gap,))


def share_of_total(data: EvaluatorBase, c: ShareOfTotal) -> Verdict:
    q = c.quantity
    tol = max(SHARE_TOLERANCE, min(q.precision, 2 * SHARE_TOLERANCE))
    if c.year is None:
        return _not(c, "Not checkable: no year.", "no year in the text and no article date")
    if c.total == "budget":
        if not c.year_from_text and not any(p == "year" for p, _ in c.inferred):
            return _not(c, "Not checkable: a share of a budget is about one budget year, and "
                        "the sentence does not say which.", "the budget year")
        if _SECURITY.search(c.text):
            return _not(c, "Not checkable: defence and security together as a share of "
                        "government spending is not in the data.",
                        "defence and security spending as a share of government spending")
        return _budget(data, c, tol)
    year = c.year
    top = [r for r in data._rows(c.subject, AMOUNT, (year, year)) if r.value]
    caveats = list(c.caveats)
    if c.total == "WLD":
        world = [r for r in data._rows("WLD", AMOUNT, (year, year)) if r.value]
        if not world:
            return _not(c, f"Not checkable: no world total of {AMOUNT} for {year} in the "
                        "data.", f"world military expenditure in {year}")
        den_lo = den_hi = world[0].central
        source = world[0].source
        top = [r for r in top if r.source == source] or top
        den_note = f"world {den_lo / 1e9:,.0f} bn ({source})"
        gaps: tuple[str, ...] = ()
    else:
        from milbalance.spending.totals import total

        t = total(data.store, c.total, AMOUNT, year)
        if t.quantiles is None:
            return _not(c, f"Not checkable: no {AMOUNT} total for {c.total} in {year}: "
                        f"{t.missing or 'no member has a figure'}.",
                        f"{c.total} total {AMOUNT} in {year}")
        den_lo, den_hi = t.quantiles.p5, t.quantiles.p95
        den_note = (f"{c.total} {t.quantiles.p50 / 1e9:,.0f} bn (engine total of "
                    f"{len(t.counted)} members)")
        gaps = tuple(f"{c.total} member without a figure: {g}" for g in t.gaps)
        caveats.append(f"{c.total}'s total summed by the engine from its members' SIPRI "
                       "figures (no bloc figure)")
    if not top:
        return _not(c, f"Not checkable: no {AMOUNT} figure for {c.subject} in {year}.",
                    f"{AMOUNT} for {c.subject} in {year}")
    num = top[0]
    lo, hi = 100 * num.central / den_hi, 100 * num.central / den_lo
    s = score_interval(q, lo, hi, tol)
    shown = f"{lo:.1f}%" if abs(hi - lo) < 0.05 else f"{lo:.1f}–{hi:.1f}%"
    what = (f"{c.subject} {num.central / 1e9:,.1f} bn ({num.source}) of {den_note} = {shown}")
    # with members missing the true share is at most the one computed: only some answers stand
    decided = ((q.bound == "at-most" and s == 1.0) or (q.bound == "at-least" and s == 0.0)
               or (not q.bound and s == 0.0 and q.value > hi))
    if gaps:
        if decided:
            p = s
        else:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"Not checkable: {what}, but {len(gaps)} member(s) have no figure, "
                           "so the total is a lower bound.", (_evidence(num, None),),
                           caveats=tuple(caveats), gaps=gaps)
    else:
        p = s
    return Verdict(c, label_for(p), p,
                   f"{q.text} for {c.subject} in {year} is {label_for(p)} (P = {p:.2f}): "
                   f"{what}.", (_evidence(num, s == 1.0 if s != 0.5 else None),),
                   caveats=tuple(caveats), gaps=gaps)


def _budget(data: EvaluatorBase, c: ShareOfTotal, tol: float) -> Verdict:
    """Against the figures of defence as a share of government spending."""
    assert c.year is not None
    federal = any(w in c.text.lower() for w in ("federal", "state budget", "national budget"))
    metrics = [m for m in data._metric_ids if m.endswith("share_expenditure")]
    general = [m for m in data._metric_ids if m.endswith("share_government")]
    ordered = (metrics + general) if federal else (general + metrics)
    for metric in ordered:
        rows = [r for r in data._rows(c.subject, metric, (c.year, c.year)) if r.value]
        scored = [(r, s) for r in rows if (s := _score(c.quantity, r, tol)) is not None]
        if not scored:
            continue
        p, by_type = _combine(scored)
        assert p is not None
        ev = [_evidence(r, s == 1.0 if s != 0.5 else None) for r, s in scored]
        note = (f"compared with {metric}" + ("" if metric in metrics else
                " (general government spending, SIPRI: not the federal budget alone)"))
        return Verdict(c, label_for(p), p,
                       f"{c.quantity.text} of government spending for {c.subject} in "
                       f"{c.year} is {label_for(p)} (P = {p:.2f}): "
                       f"{tally(ev, c.quantity, tol, len(by_type))}.", tuple(ev),
                       {k: _words(v) for k, v in by_type.items()},
                       caveats=(*c.caveats, note))
    return _not(c, f"Not checkable: no figure for {c.subject}'s defence spending as a share of "
                f"government spending in {c.year}.",
                f"share of government spending for {c.subject} in {c.year}")

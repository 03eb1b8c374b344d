"""Several spending figures quoted together (local currency, US$, share of GDP) checked
against each other through ``milbalance.spending.consistency``."""

from __future__ import annotations

from milbalance.claims.evaluate.common import EvaluatorBase, _fmt
from milbalance.claims.kinds import Consistency, QuantityUnit
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.errors import UserError


def consistency(data: EvaluatorBase, c: Consistency) -> Verdict:
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    from milbalance.spending.consistency import check_quote

    amount = usd = share = None
    currency = None
    for q in c.quantities:
        if q.unit is QuantityUnit.MONEY and q.currency == "USD" and usd is None:
            usd = q.value
        elif q.unit is QuantityUnit.MONEY and amount is None:
            amount, currency = q.value, q.currency
        elif q.unit is QuantityUnit.PERCENT_GDP and share is None:
            share = q.value
    result = check_quote(data.store, c.year, amount=amount, currency=currency, usd=usd,
                         share_gdp=share, entity=c.subject)
    ran = [k for k in result.checks if k.passed is not None]
    if not ran:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       "No reference exchange rate or GDP for the year: the figures' "
                       "consistency cannot be checked.", caveats=c.caveats,
                       gaps=result.notes)
    p = min(check_score(k.deviation, k.tolerance) for k in ran)
    parts = [f"{k.name} implied {_fmt(k.implied)} vs {_fmt(k.preferred.value)} "
             f"({k.preferred.source}, {k.deviation or 0:+.1%}, "
             f"{_within(k.deviation, k.tolerance)})"
             for k in ran if k.preferred is not None]
    better = "; ".join(
        [f"year {f.year} (all {f.checks} checks pass)" for f in result.better_years]
        + [f"{m.figure} = {m.metric} {m.year} ({m.definition}; {m.source})"
           for m in result.other_fits][:4])
    ev = tuple(Evidence(r.source, c.subject, r.quantity, str(r.year), r.value, r.unit, "",
                        holds=k.passed) for k in ran for r in k.references[:1])
    figures = "; ".join(f"{v.figure} {v.status}" for v in result.verdicts)
    ref = f"{c.year}'s exchange rate and GDP"
    fit = {Label.SUPPORTED: f"fit {ref}", Label.REFUTED: f"do not fit {ref}",
           Label.CONTESTED: f"fit {ref} only at the edge of the tolerances"}[label_for(p)]
    summary = (f"The figures quoted together {fit}: {label_for(p)} (P = {p:.2f}, the "
               f"weakest check): {'; '.join(parts)}.")
    if better and label_for(p) is not Label.SUPPORTED:
        summary += f" They fit better: {better}."
    return Verdict(c, label_for(p), p, summary, ev, {"figures": figures},
                   caveats=(*c.caveats, *result.notes), better_fit=better)


def check_score(deviation: float | None, tolerance: float) -> float:
    """One implied figure against its reference: 1 within the tolerance, ½ within twice it
    (borderline), 0 beyond. Figures quoted together are claimed to hold together, so the
    quote's P is its weakest check's score."""
    d = abs(deviation or 0.0)
    return 1.0 if d <= tolerance else 0.5 if d <= 2 * tolerance else 0.0


def _within(deviation: float | None, tolerance: float) -> str:
    return {1.0: f"within ±{tolerance:.0%}", 0.5: f"borderline, beyond ±{tolerance:.0%}",
            0.0: f"beyond ±{2 * tolerance:.0%}"}[check_score(deviation, tolerance)]

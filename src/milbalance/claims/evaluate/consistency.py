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
    p = sum(1 for k in ran if k.passed) / len(ran)
    parts = [f"{k.name} implied {_fmt(k.implied)} vs {_fmt(k.preferred.value)} "
             f"({k.preferred.source}, {'ok' if k.passed else f'{k.deviation:+.0%}'})"
             for k in ran if k.preferred is not None]
    better = "; ".join(
        [f"year {f.year} (all {f.checks} checks pass)" for f in result.better_years]
        + [f"{m.figure} = {m.metric} {m.year} ({m.source})" for m in result.other_fits][:4])
    ev = tuple(Evidence(r.source, c.subject, r.quantity, str(r.year), r.value, r.unit, "",
                        holds=k.passed) for k in ran for r in k.references[:1])
    figures = "; ".join(f"{v.figure} {v.status}" for v in result.verdicts)
    summary = (f"The figures quoted together are {label_for(p)} with each other for "
               f"{c.year} (P = {p:.2f}): {'; '.join(parts)}.")
    if better:
        summary += f" They fit better: {better}."
    return Verdict(c, label_for(p), p, summary, ev, {"figures": figures},
                   caveats=(*c.caveats, *result.notes), better_fit=better)

"""Spending compared at purchasing-power parity as well as at market rates.

"Russia spent more on defence than the EU" is false at market exchange rates and argued true
at PPP (the IISS's reading): when the two bases give opposite answers, the comparison turns on
the basis and is contested, with both answers in the summary. PPP factors come a year late:
the year before is used when the claim's year has none, and the summary says so. PPP amounts
come from ``milbalance.spending`` (published PPP figures, else amount in local currency / the
World Bank's PPP factor; a bloc sums its members, gaps listed).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.kinds import Comparison
from milbalance.claims.verdict import Label, Verdict

if TYPE_CHECKING:
    from milbalance.spending.derive import Lookup


def _ppp_amount(data: EvaluatorBase, lk: Lookup, entity: str,
                year: int) -> tuple[float, str] | None:
    """(the PPP amount, a note on gaps) for a country or bloc in ``year``, or None."""
    from milbalance.model import EntityKind
    from milbalance.spending.basis import Basis
    from milbalance.spending.definitions import Definition
    from milbalance.spending.series import bloc_ppp, entity_figure

    if data.store.entity(entity).kind is EntityKind.BLOC:
        found = bloc_ppp(lk, entity, year, Definition.SIPRI)
        if found is None:
            return None
        detail, figure = found
        gaps = f" ({len(detail.gaps)} members without a figure)" if detail.gaps else ""
        return (figure.value, gaps) if figure.value is not None else None
    value = entity_figure(lk, entity, year, Basis.PPP, Definition.SIPRI).value
    return (value, "") if value is not None else None


def basis_turns_it(data: EvaluatorBase, c: Comparison, verdict: Verdict) -> Verdict:
    """The market-rate ``verdict`` on a plain 'A spends more than B', contested when PPP
    amounts of the same year give the opposite answer."""
    if verdict.label not in (Label.SUPPORTED, Label.REFUTED) or c.ratio is not None \
            or c.year is None:
        return verdict
    from milbalance.spending.derive import Lookup

    lk = Lookup(data.store)  # one reading of the rows for both sides and both years
    a = b = None
    for year in (c.year, c.year - 1):  # PPP factors come a year late: the latest both have
        a, b = _ppp_amount(data, lk, c.subject, year), _ppp_amount(data, lk, c.other, year)
        if a is not None and b is not None:
            break
    if a is None or b is None:
        return verdict
    holds_at_ppp = a[0] > b[0] if c.more else a[0] < b[0]
    if holds_at_ppp == (verdict.label is Label.SUPPORTED):
        return replace(verdict, caveats=(*verdict.caveats, (
            f"at PPP the answer is the same: {c.subject} {a[0] / 1e9:,.0f} bn against "
            f"{c.other} {b[0] / 1e9:,.0f} bn international $ in {year}")))
    return replace(verdict, label=Label.CONTESTED, probability=0.5, summary=(
        f"Contested (P = 0.50): it turns on the exchange-rate basis. At market rates: "
        f"{verdict.summary} At purchasing-power parity {c.subject} spent "
        f"{a[0] / 1e9:,.0f} bn{a[1]} against {c.other} {b[0] / 1e9:,.0f} bn{b[1]} "
        f"international $ in {year}" + ("" if year == c.year else
                                          ", the latest year with PPP factors") +
        " (derived: amount in local currency / PPP factor)."))

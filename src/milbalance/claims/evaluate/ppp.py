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

from milbalance.claims.evaluate.common import PPP_CUE, EvaluatorBase
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
        if PPP_CUE.search(c.text):
            return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
                "Not checkable: the comparison is made at purchasing-power parity and the "
                f"data have no PPP amounts for both sides. At market rates: {verdict.summary}"),
                gaps=(*verdict.gaps, "PPP amounts for both sides"))
        return verdict
    holds_at_ppp = a[0] > b[0] if c.more else a[0] < b[0]
    if PPP_CUE.search(c.text):
        return _at_ppp(c, verdict, a, b, year, holds_at_ppp)
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


_CLOSE = 0.1
"""Sides within 10% of each other at PPP: the answer turns on the PPP factors used."""


def _at_ppp(c: Comparison, verdict: Verdict, a: tuple[float, str], b: tuple[float, str],
            year: int, holds: bool) -> Verdict:
    """A comparison the sentence makes at PPP ('after adjusting for purchasing power, Russia
    spent more than Europe'), judged on PPP amounts only. The amounts here are derived with
    the World Bank's factors, while the IISS publishes its own: a clear margin the derived
    amounts agree with supports the claim; a close or opposite answer decides nothing."""
    amounts = (f"at purchasing-power parity {c.subject} spent {a[0] / 1e9:,.0f} bn{a[1]} "
               f"against {c.other} {b[0] / 1e9:,.0f} bn{b[1]} international $ in {year}"
               " (derived: amount in local currency / World Bank PPP factor)")
    if holds and abs(a[0] - b[0]) > _CLOSE * max(a[0], b[0]):
        return replace(verdict, label=Label.SUPPORTED, probability=1.0, summary=(
            f"Supported: said at PPP, and {amounts}."))
    return replace(verdict, label=Label.NOT_CHECKABLE, probability=None, summary=(
        f"Not checkable: said at PPP, and {amounts}; PPP estimates differ with the factors "
        "used (the IISS uses its own), so a close or opposite derived answer decides "
        "nothing."), gaps=(*verdict.gaps, "PPP amounts on the claim's own method"))

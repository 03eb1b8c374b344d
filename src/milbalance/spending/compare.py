"""Two spending series side by side, with the ratio per year and what differs in definition.

Deterministic: ratios of the preferred figures. Uncertainty (P(A > B) over sources' ranges
and PPP factor ranges) belongs to the engine (milbalance.engine.compare) and is not redone
here.
"""

from __future__ import annotations

from dataclasses import dataclass

from milbalance.spending.basis import Basis, YearRange
from milbalance.spending.definitions import Definition, cross_definition_note
from milbalance.spending.derive import Lookup
from milbalance.spending.series import Series, spending_series
from milbalance.store import Store


@dataclass(frozen=True)
class YearComparison:
    """One year: A's and B's values (None = gap) and A / B when both exist."""

    year: int
    a: float | None
    b: float | None
    a_partial: bool
    b_partial: bool

    @property
    def ratio(self) -> float | None:
        if self.a is None or self.b is None or self.b == 0:
            return None
        return self.a / self.b


@dataclass(frozen=True)
class SpendingComparison:
    a: Series
    b: Series
    rows: tuple[YearComparison, ...]
    notes: tuple[str, ...]


def _partial(s: Series, year: int) -> bool:
    """True when a bloc's sum for the year exists but misses members."""
    return any(b.year == year and b.gaps and b.counted for b in s.blocs)


def compare_spending(store: Store, a: str, b: str, basis: Basis, years: YearRange,
                     definition: Definition = Definition.SIPRI,
                     b_definition: Definition | None = None,
                     lookup: Lookup | None = None) -> SpendingComparison:
    """A vs B on one basis; notes say when definitions or period kinds differ, or sums are
    partial."""
    lk = lookup or Lookup(store)
    sa = spending_series(store, a, basis, years, definition, lk)
    sb = spending_series(store, b, basis, years, b_definition or definition, lk)
    rows = tuple(YearComparison(y, fa.value, fb.value, _partial(sa, y), _partial(sb, y))
                 for y, fa, fb in zip(years.years, sa.figures, sb.figures, strict=True))
    notes = [n for n in (cross_definition_note(sa.definition, sb.definition),) if n]
    if any(r.a_partial or r.b_partial for r in rows):
        notes.append("a partial bloc sum (members missing) is a lower bound; its ratio too")
    if basis in (Basis.USD, Basis.PPP):
        notes.append("market exchange rates and PPP tell different stories: compare both "
                     "(`--basis usd` and `--basis ppp`)")
    return SpendingComparison(sa, sb, rows, tuple(notes))

"""Two spending series side by side: per year both totals, their ratio and P(A > B).

Amounts go through the engine (``totals.answer``: ``engine.compare`` where both sides have
figures), so uncertainty — ranges, several sources of one figure — gives quantiles of each
side and of A / B, and P(A > B), with the engine's assumptions. Where every input is a point
figure the quantiles coincide and P(A > B) is 0 or 1 (a tie is reported apart). A share of
GDP for a bloc is a weighted mean, not an engine quantity: its ratio is the plain ratio of
the two figures and P(A > B) is not given (said in the notes).
"""

from __future__ import annotations

from dataclasses import dataclass

from milbalance.engine import Assumption, EngineOptions, Quantiles
from milbalance.spending.basis import Basis, YearRange
from milbalance.spending.definitions import Definition, cross_definition_note, metric_for
from milbalance.spending.derive import Lookup
from milbalance.spending.series import Series, spending_series
from milbalance.spending.totals import DEFAULT_OPTIONS, Total, YearAnswer, answer
from milbalance.store import Store


@dataclass(frozen=True)
class YearComparison:
    """One year: A's and B's figures (None = gap; the engine's medians where it answered,
    else the series' figures), partial flags and the engine's answer."""

    year: int
    a: float | None
    b: float | None
    a_partial: bool
    b_partial: bool
    answer: YearAnswer | None = None

    @property
    def ratio(self) -> float | None:
        """A / B: the engine's median of A / B where it answered, else the plain ratio."""
        if self.answer is not None and self.answer.ratio is not None:
            return self.answer.ratio.p50
        if self.a is None or self.b is None or self.b == 0:
            return None
        return self.a / self.b

    @property
    def ratio_quantiles(self) -> Quantiles | None:
        return self.answer.ratio if self.answer is not None else None

    @property
    def p_a_gt_b(self) -> float | None:
        return self.answer.p_a_gt_b if self.answer is not None else None

    @property
    def a_total(self) -> Total | None:
        return self.answer.a if self.answer is not None else None

    @property
    def b_total(self) -> Total | None:
        return self.answer.b if self.answer is not None else None


@dataclass(frozen=True)
class SpendingComparison:
    a: Series
    b: Series
    rows: tuple[YearComparison, ...]
    notes: tuple[str, ...]
    assumptions: tuple[Assumption, ...] = ()
    seed: int | None = None
    samples: int | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        found: dict[str, None] = dict.fromkeys(self.a.sources + self.b.sources)
        for r in self.rows:
            for t in (r.a_total, r.b_total):
                if t is not None:
                    found.update(dict.fromkeys(t.sources))
        return tuple(found)


def _partial(s: Series, year: int) -> bool:
    """True when a bloc's figure for the year exists but misses members."""
    return any(b.year == year and b.partial for b in s.blocs)


def compare_spending(store: Store, a: str, b: str, basis: Basis, years: YearRange,
                     definition: Definition = Definition.SIPRI,
                     b_definition: Definition | None = None,
                     lookup: Lookup | None = None,
                     options: EngineOptions = DEFAULT_OPTIONS) -> SpendingComparison:
    """A vs B on one basis, year by year (see the module docstring); notes say when
    definitions or period kinds differ, sums are partial, or P(A > B) is not given."""
    lk = lookup or Lookup(store)
    b_def = b_definition or definition
    sa = spending_series(store, a, basis, years, definition, lk, options)
    sb = spending_series(store, b, basis, years, b_def, lk, options)
    ma, mb = metric_for(definition, basis), metric_for(b_def, basis)
    engine = (ma is not None and mb is not None and lk.has_metric(ma) and lk.has_metric(mb)
              and not (basis is Basis.GDP_SHARE and (sa.is_bloc or sb.is_bloc)))
    rows: list[YearComparison] = []
    assumptions: dict[Assumption, None] = {}
    for y, fa, fb in zip(years.years, sa.figures, sb.figures, strict=True):
        ans = answer(lk.store, sa.entity, sb.entity, ma, y, options, mb) \
            if engine and ma is not None else None
        if ans is not None:
            assumptions.update(dict.fromkeys(ans.assumptions + ans.a.assumptions
                                             + ans.b.assumptions))
        va = ans.a.value if ans is not None and ans.a.value is not None else fa.value
        vb = ans.b.value if ans is not None and ans.b.value is not None else fb.value
        rows.append(YearComparison(y, va, vb, _partial(sa, y), _partial(sb, y), ans))
    notes = [n for n in (cross_definition_note(sa.definition, sb.definition),) if n]
    if any(r.a_partial or r.b_partial for r in rows):
        notes.append("a partial bloc sum (members missing) is a lower bound; its ratio and "
                     "P(A > B) too")
    if not engine:
        notes.append(f"P(A > B) not given on basis {basis}: "
                     + ("a bloc's share of GDP is a weighted mean of its members' shares, "
                        "not a quantity the engine samples" if basis is Basis.GDP_SHARE else
                        "there is no published metric for this basis to sample")
                     + "; the ratio is of the figures shown")
    elif not any(r.p_a_gt_b is not None for r in rows):
        derived = any(f.published is None and f.derived is not None
                      for f in (*sa.figures, *sb.figures))
        notes.append(f"P(A > B) not given on basis {basis}: "
                     + ("no year has published figures on both sides for the engine to "
                        "sample; the figures shown are derived (d, formula in the "
                        "provenance) and the ratio is of those" if derived else
                        "no year has figures on both sides"))
        engine = False
    else:
        notes.append("totals, A/B and P(A > B) by the engine: for a country its figures from "
                     "every source (mixed), for a bloc the sum over its members; the figure "
                     "shown is the median, with the 5–95 % interval where figures are "
                     "uncertain")
    if basis in (Basis.USD, Basis.PPP):
        notes.append("market exchange rates and PPP tell different stories: compare both "
                     "(`--basis usd` and `--basis ppp`)")
    return SpendingComparison(sa, sb, tuple(rows), tuple(notes), tuple(assumptions),
                              options.seed if engine else None,
                              options.samples if engine else None)

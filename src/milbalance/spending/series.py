"""A spending series for a country or a bloc: one ``Figure`` per year, gaps kept as gaps.

For a country each year holds the preferred published figure (see provenance.choose), the
other sources' figures and an independent derivation. For a bloc each year is the sum over
the members active on any day of that year (the engine's default membership rule,
``any-day``); members without a figure are listed as gaps and the sum is then partial (a
lower bound), never zero-filled. ``bloc_year`` is the one place that sums; it will delegate to
the engine's aggregation once that lands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from milbalance.errors import UserError
from milbalance.model import EntityKind
from milbalance.periods import PeriodKind
from milbalance.spending import conversions as cv
from milbalance.spending.basis import Basis, YearRange
from milbalance.spending.definitions import DEFINITIONS, Definition, metric_for
from milbalance.spending.derive import GDP_USD, Lookup, derive
from milbalance.spending.provenance import Derived, Figure, Input, choose
from milbalance.store import Store

UNITS = {Basis.USD: "USD", Basis.CONSTANT_USD: "USD_2023", Basis.PPP: "USD_PPP",
         Basis.GDP_SHARE: "percent", Basis.PER_CAPITA: "USD"}


@dataclass(frozen=True)
class BlocYear:
    """A bloc's year: members counted (with their figures) and members missing (gaps)."""

    year: int
    members: tuple[str, ...]
    counted: tuple[Figure, ...]
    gaps: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.gaps and bool(self.counted)


@dataclass(frozen=True)
class Series:
    """``entity`` on ``basis`` by ``definition`` for each year in ``years``."""

    entity: str
    name: str
    is_bloc: bool
    definition: Definition
    basis: Basis
    metric: str | None
    unit: str
    years: YearRange
    figures: tuple[Figure, ...]
    blocs: tuple[BlocYear, ...] = ()
    notes: tuple[str, ...] = ()

    def figure(self, year: int) -> Figure | None:
        return next((f for f in self.figures if f.year == year), None)

    @property
    def sources(self) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for f in self.figures:
            found.update(dict.fromkeys(f.sources))
            for b in self.blocs:
                if b.year == f.year:
                    for m in b.counted:
                        found.update(dict.fromkeys(m.sources))
        return tuple(found)

    @property
    def gaps(self) -> tuple[str, ...]:
        """'YEAR' for a country year with no figure; 'YEAR: A, B' for members missing."""
        if self.is_bloc:
            return tuple(f"{b.year}: {', '.join(b.gaps)}" if b.counted else
                         f"{b.year}: no member has a figure ({len(b.members)} members)"
                         for b in self.blocs if b.gaps)
        return tuple(str(f.year) for f in self.figures if f.value is None)


def entity_figure(lk: Lookup, entity: str, year: int, basis: Basis,
                  definition: Definition) -> Figure:
    """One country-year: the preferred published figure, the others, and a derivation."""
    metric = metric_for(definition, basis)
    chosen, others = (choose(lk.year(entity, metric, year), lk.coverage(entity, metric))
                      if metric else (None, ()))
    derived = derive(lk, entity, year, basis, DEFINITIONS[definition].metrics)
    unit = chosen.unit if chosen else derived.unit if derived else UNITS.get(basis, "")
    note = ""
    if chosen is not None and chosen.period.kind is PeriodKind.FISCAL_YEAR \
            and chosen.period.start.month != 1:
        note = f"fiscal year {chosen.period.label} ({chosen.period.start}–{chosen.period.end})"
    return Figure(entity, year, metric or "", unit, Input.of(chosen) if chosen else None,
                  tuple(Input.of(o) for o in others), derived, note)


def _members(store: Store, bloc: str, year: int) -> tuple[str, ...]:
    """Members active on any day of the year (joined by 31 Dec, not left before 1 Jan)."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    found = [m.member for m in store.memberships(bloc)
             if m.start <= last and (m.end is None or m.end >= first)]
    return tuple(dict.fromkeys(found))


def _gdp_usd(lk: Lookup, member: Figure, usd: Figure) -> Input | Derived | None:
    """A member's GDP in US$: published, else US$ spending × 100 / its share of GDP."""
    published = lk.best(member.entity, GDP_USD, member.year)
    if published is not None:
        return published
    if usd.value is None or member.value is None or member.value <= 0 or usd.published is None \
            or member.published is None:
        return None
    return Derived(cv.implied_gdp(usd.value, member.value), "USD",
                   "GDP (US$) = spending (US$) × 100 / share of GDP",
                   (usd.published, member.published))


def bloc_year(store: Store, lk: Lookup, bloc: str, year: int, basis: Basis,
              definition: Definition) -> tuple[BlocYear, Figure]:
    """Sum a bloc's members for one year; the total is partial when a member is missing.

    US$, constant US$, PPP and per capita are summed (per capita: Σ US$ / Σ population is not
    attempted, so per capita is refused). A share of GDP is Σ spending (US$) / Σ GDP (US$)
    × 100, each member's GDP published or implied by its own spending and share.
    """
    if basis in (Basis.LCU, Basis.PER_CAPITA):
        raise UserError(f"basis {basis} is not defined for a bloc ({bloc}): its members use "
                        "different currencies; use usd, constant-usd, ppp or gdp-share")
    members = _members(store, bloc, year)
    counted: list[Figure] = []
    gaps: list[str] = []
    parts: list[tuple[float, float]] = []  # (spending, GDP) for shares
    inputs: list[Input] = []
    for member in members:
        fig = entity_figure(lk, member, year, basis, definition)
        if fig.value is None:
            gaps.append(member)
            continue
        if basis is Basis.GDP_SHARE:
            usd = entity_figure(lk, member, year, Basis.USD, definition)
            gdp = _gdp_usd(lk, fig, usd)
            if usd.value is None or gdp is None:
                gaps.append(member)
                continue
            parts.append((usd.value, gdp.value))
            inputs.extend(gdp.inputs if isinstance(gdp, Derived) else (gdp,))
        counted.append(fig)
        inputs.extend((fig.published,) if fig.published else fig.derived.inputs
                      if fig.derived else ())
    detail = BlocYear(year, members, tuple(counted), tuple(gaps))
    if not counted:
        return detail, Figure(bloc, year, metric_for(definition, basis) or "",
                              UNITS.get(basis, ""), None)
    if basis is Basis.GDP_SHARE:
        value = cv.share_of_gdp(sum(p[0] for p in parts), sum(p[1] for p in parts))
        formula = "share = 100 × Σ members' spending (US$) / Σ members' GDP (US$)"
    else:
        value = sum(f.value or 0.0 for f in counted)  # every counted figure has a value
        formula = f"Σ over {len(counted)} of {len(members)} members"
    if gaps:
        formula += f"; partial: {len(gaps)} member(s) missing ({', '.join(gaps)})"
    total = Derived(value, UNITS.get(basis, ""), formula, tuple(inputs))
    return detail, Figure(bloc, year, metric_for(definition, basis) or "", total.unit, None,
                          (), total, "" if not gaps else "partial sum (gaps listed)")


def spending_series(store: Store, name: str, basis: Basis, years: YearRange,
                    definition: Definition = Definition.SIPRI,
                    lookup: Lookup | None = None) -> Series:
    """The series of ``name`` (country id, name or alias, or a bloc) on ``basis``."""
    entity = store.entity(name)
    lk = lookup or Lookup(store)
    metric = metric_for(definition, basis)
    notes: list[str] = []
    if metric is None:
        notes.append(f"{DEFINITIONS[definition].label} has no published {basis} series; "
                     "figures are derived where possible")
    elif not lk.has_metric(metric):
        notes.append(f"metric {metric} is not defined in data/metrics.csv")
    if basis in (Basis.PPP, Basis.CONSTANT_USD):
        notes.append(f"{basis} figures are published ones only: the data has no PPP-factor "
                     "or deflator series to derive them from")
    if DEFINITIONS[definition].fiscal_years:
        notes.append("fiscal years (labelled by the year they end in), not calendar years")
    if entity.kind is EntityKind.BLOC:
        pairs = [bloc_year(store, lk, entity.id, y, basis, definition) for y in years.years]
        figures = tuple(p[1] for p in pairs)
        blocs = tuple(p[0] for p in pairs)
        unit = UNITS.get(basis, "")
        notes.append("bloc totals: members counted for a year if members on any day of it; "
                     "missing members are listed, not zero-filled")
        return Series(entity.id, entity.name, True, definition, basis, metric, unit, years,
                      figures, blocs, tuple(notes))
    figures = tuple(entity_figure(lk, entity.id, y, basis, definition) for y in years.years)
    unit = next((f.unit for f in figures if f.value is not None), UNITS.get(basis, ""))
    return Series(entity.id, entity.name, False, definition, basis, metric, unit, years,
                  figures, (), tuple(notes))

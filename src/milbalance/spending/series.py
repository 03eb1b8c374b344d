"""A spending series for a country or a bloc: one ``Figure`` per year, gaps kept as gaps.

For a country each year holds the preferred published figure (see provenance.choose), the
other sources' figures and an independent derivation. For a bloc, an amount (US$, constant
US$, PPP) is the engine's total (``totals.total``: members by their membership dates, gaps
listed, never zero-filled, sources mixed; the figure is its median, the 5–95 % interval kept
beside it); the spending module has no bloc sum of its own. A bloc's share of GDP is not a
sum (see ``bloc_share``). Projections are left out unless the Lookup reads them (``rows``).
"""

from __future__ import annotations

from dataclasses import dataclass

from milbalance.engine import EngineOptions
from milbalance.errors import UserError
from milbalance.model import EntityKind
from milbalance.periods import PeriodKind
from milbalance.spending import conversions as cv
from milbalance.spending.basis import Basis, YearRange
from milbalance.spending.definitions import DEFINITIONS, Definition, metric_for
from milbalance.spending.derive import GDP_USD, PPP_FACTOR, Lookup, derive
from milbalance.spending.provenance import Derived, Figure, Input, choose
from milbalance.spending.totals import DEFAULT_OPTIONS, Total, total
from milbalance.store import Store

UNITS = {Basis.USD: "USD", Basis.CONSTANT_USD: "USD_2023", Basis.PPP: "USD_PPP",
         Basis.GDP_SHARE: "percent", Basis.PER_CAPITA: "USD"}


@dataclass(frozen=True)
class BlocYear:
    """A bloc's year: members (by the engine's membership rule), those counted, those missing
    (gaps), the engine's total for an amount (None for a share) and the sources used."""

    year: int
    members: tuple[str, ...]
    counted: tuple[str, ...]
    gaps: tuple[str, ...]
    total: Total | None = None
    sources: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.gaps and bool(self.counted)

    @property
    def partial(self) -> bool:
        """A figure exists but misses members: a lower bound for an amount."""
        if self.total is not None:
            return self.total.partial
        return bool(self.gaps) and bool(self.counted)


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
            found.update(dict.fromkeys(b.sources))
        return tuple(found)

    @property
    def totals(self) -> tuple[Total | None, ...]:
        """The engine's total per year (bloc amounts; None for countries and shares)."""
        by_year = {b.year: b.total for b in self.blocs}
        return tuple(by_year.get(y) for y in self.years.years)

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


def _members(store: Store, bloc: str, year: int, options: EngineOptions) -> tuple[str, ...]:
    from milbalance.engine.blocs import members_in_year  # the engine's membership rule

    return tuple(m for m, _, _ in members_in_year(store, store.entity(bloc), year,
                                                   options.membership))


def bloc_share(lk: Lookup, bloc: str, year: int, definition: Definition,
               options: EngineOptions = DEFAULT_OPTIONS) -> tuple[BlocYear, Figure]:
    """A bloc's share of GDP: the bloc's own published share where it has one, and beside it
    the GDP-weighted mean of its members' shares, 100 × Σ spending (US$) / Σ GDP (US$), each
    member's GDP published or implied by its own spending and share.

    A share is not additive, so this is not a bloc total and does not go to the engine; the
    members are the engine's (same membership rule), and a member without both figures is a
    gap: the mean is then over the members counted (stated), never a zero.
    """
    members = _members(lk.store, bloc, year, options)
    counted: list[str] = []
    gaps: list[str] = []
    inputs: list[Input] = []
    spend, gdp_sum = 0.0, 0.0
    for member in members:
        share = entity_figure(lk, member, year, Basis.GDP_SHARE, definition)
        usd = entity_figure(lk, member, year, Basis.USD, definition)
        gdp = _gdp_usd(lk, share, usd) if share.value is not None else None
        if usd.value is None or gdp is None:
            gaps.append(member)
            continue
        counted.append(member)
        spend += usd.value
        gdp_sum += gdp.value
        inputs.extend(gdp.inputs if isinstance(gdp, Derived) else (gdp,))
        inputs.extend((usd.published,) if usd.published else ())
    metric = metric_for(definition, Basis.GDP_SHARE) or ""
    own = entity_figure(lk, bloc, year, Basis.GDP_SHARE, definition)
    derived = None
    if counted:
        formula = (f"GDP-weighted mean over {len(counted)} of {len(members)} members: "
                   "100 × Σ spending (US$) / Σ GDP (US$)")
        if gaps:
            formula += f"; {len(gaps)} member(s) missing ({', '.join(gaps)})"
        derived = Derived(cv.share_of_gdp(spend, gdp_sum), "percent", formula, tuple(inputs))
    detail = BlocYear(year, members, tuple(counted), tuple(gaps),
                      sources=tuple(dict.fromkeys(i.source for i in inputs)))
    note = "mean over the members counted (gaps listed)" if gaps and counted else ""
    return detail, Figure(bloc, year, metric, "percent", own.published, own.alternatives,
                          derived, note)


def bloc_amount(lk: Lookup, bloc: str, year: int, basis: Basis, definition: Definition,
                options: EngineOptions = DEFAULT_OPTIONS) -> tuple[BlocYear, Figure]:
    """A bloc's amount for one year: the engine's total (``totals.total``), its median as the
    figure; partial (a lower bound) when members are missing, which are listed."""
    if basis in (Basis.LCU, Basis.PER_CAPITA):
        raise UserError(f"basis {basis} is not defined for a bloc ({bloc}): its members use "
                        "different currencies; use usd, constant-usd, ppp or gdp-share")
    metric = metric_for(definition, basis)
    unit = UNITS.get(basis, "")
    if metric is None or not lk.has_metric(metric):
        members = _members(lk.store, bloc, year, options)
        return (BlocYear(year, members, (), members),
                Figure(bloc, year, metric or "", unit, None))
    t = total(lk.store, bloc, metric, year, options)
    detail = BlocYear(year, t.members, t.counted if t.estimate else (), t.gaps, t, t.sources)
    if basis is Basis.PPP and (t.value is None or t.estimate is None or t.partial):
        derived = bloc_ppp(lk, bloc, year, definition, options)
        if derived is not None:
            return derived
    if t.value is None or t.estimate is None:
        return detail, Figure(bloc, year, metric, unit, None)
    q = t.estimate.quantiles
    formula = (f"engine: Σ over {len(detail.counted)} of {len(t.members)} members, median of "
               f"{t.estimate.samples} samples (seed {t.estimate.seed})")
    if t.uncertain:
        formula += f"; 5–95 %: {q.p5:.4g}–{q.p95:.4g}"
    if t.partial:
        formula += f"; partial: {len(t.gaps)} member(s) missing ({', '.join(t.gaps)})"
    return detail, Figure(bloc, year, metric, t.unit, None, (),
                          Derived(t.value, t.unit, formula, ()),
                          "partial sum (gaps listed)" if t.partial else "")


def bloc_ppp(lk: Lookup, bloc: str, year: int, definition: Definition,
             options: EngineOptions = DEFAULT_OPTIONS) -> tuple[BlocYear, Figure] | None:
    """A bloc's PPP amount where members have no (or too few) published PPP figures: the sum
    over members of each one's published PPP figure, else its amount in LCU / its PPP factor
    (``derive_ppp``); marked derived, the formula and every input in the provenance, members
    without either listed as gaps (the sum is then a lower bound). None when no member has
    a figure."""
    members = _members(lk.store, bloc, year, options)
    figures = [entity_figure(lk, m, year, Basis.PPP, definition) for m in members]
    counted = tuple(f for f in figures if f.value is not None)
    if not counted:
        return None
    gaps = tuple(f.entity for f in figures if f.value is None)
    inputs = tuple(i for f in counted for i in (
        (f.published,) if f.published is not None else f.derived.inputs if f.derived else ()))
    n_derived = sum(1 for f in counted if f.published is None)
    formula = (f"Σ over {len(counted)} of {len(members)} members of each one's PPP figure: "
               f"published, or {metric_for(definition, Basis.LCU)} / {PPP_FACTOR} for the "
               f"year ({n_derived} derived)")
    if gaps:
        formula += f"; partial: {len(gaps)} member(s) missing ({', '.join(gaps)})"
    value = sum(f.value for f in counted if f.value is not None)
    detail = BlocYear(year, members, tuple(f.entity for f in counted), gaps, None,
                      tuple(dict.fromkeys(i.source for i in inputs)))
    return detail, Figure(bloc, year, metric_for(definition, Basis.PPP) or "", "USD_PPP", None,
                          (), Derived(value, "USD_PPP", formula, inputs),
                          "partial sum (gaps listed)" if gaps else "")


def bloc_year(lk: Lookup, bloc: str, year: int, basis: Basis, definition: Definition,
              options: EngineOptions = DEFAULT_OPTIONS) -> tuple[BlocYear, Figure]:
    """One bloc-year: ``bloc_share`` for a share of GDP, else ``bloc_amount`` (the engine)."""
    if basis is Basis.GDP_SHARE:
        return bloc_share(lk, bloc, year, definition, options)
    return bloc_amount(lk, bloc, year, basis, definition, options)


def basis_notes(lk: Lookup, entities: tuple[str, ...], basis: Basis,
                years: YearRange) -> tuple[str, ...]:
    """What a PPP or constant-US$ series can and cannot show, from what the data hold.

    PPP: published figures, and derived ones where ``ppp_factor.lcu_per_intl_usd`` exists for
    the entity-year; the note names the entity-years without a factor. Constant US$: SIPRI's
    published constant 2023 US$ only (the data define no deflator or CPI metric).
    """
    if basis is Basis.CONSTANT_USD:
        return ("constant-usd: published figures only (SIPRI's constant 2023 US$); the data "
                "define no deflator or CPI series, so none is derived and a year without a "
                "published figure is a gap",)
    if basis is not Basis.PPP:
        return ()
    if not lk.has_metric(PPP_FACTOR):
        return (f"ppp: published figures only; {PPP_FACTOR} is not defined in data/metrics.csv",)
    have = {(e, y) for e in entities for y in years.years if lk.best(e, PPP_FACTOR, y)}
    missing = [e for e in entities if not any((e, y) in have for y in years.years)]
    notes = [f"ppp: published figures, and derived ones (LCU / {PPP_FACTOR}) where the data "
             "hold a PPP factor for the year"]
    if missing:
        shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more"
                                           if len(missing) > 12 else "")
        notes.append(f"ppp gap: no {PPP_FACTOR} in the data for {shown} in {years}; "
                     "their PPP figures are published ones only")
    return tuple(notes)


def spending_series(store: Store, name: str, basis: Basis, years: YearRange,
                    definition: Definition = Definition.SIPRI,
                    lookup: Lookup | None = None,
                    options: EngineOptions = DEFAULT_OPTIONS) -> Series:
    """The series of ``name`` (country id, name or alias, or a bloc) on ``basis``.

    ``lookup`` decides whether projections are read (default: left out, stated in the notes);
    ``options`` are the engine's, for bloc totals.
    """
    lk = lookup or Lookup(store)
    entity = lk.store.entity(name)
    metric = metric_for(definition, basis)
    notes: list[str] = [lk.store.note]
    if metric is None:
        notes.append(f"{DEFINITIONS[definition].label} has no published {basis} series; "
                     "figures are derived where possible")
    elif not lk.has_metric(metric):
        notes.append(f"metric {metric} is not defined in data/metrics.csv")
    if DEFINITIONS[definition].fiscal_years:
        notes.append("fiscal years (labelled by the year they end in), not calendar years")
    if entity.kind is EntityKind.BLOC:
        pairs = [bloc_year(lk, entity.id, y, basis, definition, options) for y in years.years]
        figures = tuple(p[1] for p in pairs)
        blocs = tuple(p[0] for p in pairs)
        members = tuple(dict.fromkeys(m for b in blocs for m in b.members))
        notes.extend(basis_notes(lk, members, basis, years))
        unit = UNITS.get(basis, "")
        if basis is Basis.GDP_SHARE:
            notes.append("a bloc's share of GDP: its own published figure where it has one, "
                         "and the GDP-weighted mean of its members' shares (not a sum)")
        else:
            notes.append(f"bloc totals by the engine: members counted by membership rule "
                         f"{options.membership}; missing members are listed, not zero-filled")
        return Series(entity.id, entity.name, True, definition, basis, metric, unit, years,
                      figures, blocs, tuple(notes))
    notes.extend(basis_notes(lk, (entity.id,), basis, years))
    figures = tuple(entity_figure(lk, entity.id, y, basis, definition) for y in years.years)
    unit = next((f.unit for f in figures if f.value is not None), UNITS.get(basis, ""))
    return Series(entity.id, entity.name, False, definition, basis, metric, unit, years,
                  figures, (), tuple(notes))

"""Derivations from the store: a spending figure on one basis computed from published figures
on others, each a ``Derived`` that names its inputs, their sources and the formula.

Reference metrics: ``fx_rate.lcu_per_usd`` (annual average, LCU per US$), ``gdp.lcu``,
``gdp.usd_current``, ``ppp_factor.lcu_per_intl_usd`` (World Bank PPP conversion factor, LCU
per international $), and a population metric (kind ``population``) when the data has one.
Constant prices need a deflator or CPI series, which data/metrics.csv does not define: no
constant-US$ figure is derived (SIPRI's published constant 2023 US$ are read as they are).
Only annual rows (calendar or fiscal years) are used; a missing input gives None — a gap,
never a zero.
"""

from __future__ import annotations

from collections import Counter

from milbalance.model import MetricKind
from milbalance.periods import PeriodKind
from milbalance.spending import conversions as cv
from milbalance.spending.basis import Basis
from milbalance.spending.provenance import Derived, Input, choose, coverage
from milbalance.spending.rows import RowView, view
from milbalance.store import ObservationRow, Store

FX = "fx_rate.lcu_per_usd"
GDP_LCU = "gdp.lcu"
GDP_USD = "gdp.usd_current"
PPP_FACTOR = "ppp_factor.lcu_per_intl_usd"
ANNUAL = (PeriodKind.YEAR, PeriodKind.FISCAL_YEAR)


class Lookup:
    """Annual observations per (entity, metric), read once from the store and cached.

    Rows come through ``rows.view``: projections are left out unless
    ``include_projections`` (``self.store`` is that view; hand it to the engine too).
    """

    def __init__(self, store: Store, include_projections: bool = False):
        self.store: RowView = view(store, include_projections)
        self._metrics = {m.id for m in store.metrics()}
        self._rows: dict[tuple[str, str], list[ObservationRow]] = {}
        self._currency: dict[str, str] = {}
        self._publishers: dict[str, str] = {}

    @property
    def include_projections(self) -> bool:
        return self.store.include_projections

    def publisher(self, source: str) -> str:
        """The publisher of a source id ('' when unknown)."""
        if not self._publishers:
            self._publishers = {s.id: s.publisher for s in self.store.sources()}
        return self._publishers.get(source, "")

    def has_metric(self, metric: str) -> bool:
        return metric in self._metrics

    def rows(self, entity: str, metric: str) -> list[ObservationRow]:
        """Every annual row of ``entity`` × ``metric`` ([] when the metric is not defined)."""
        key = (entity, metric)
        if key not in self._rows:
            found = self.store.observations(entity, metric) if metric in self._metrics else []
            self._rows[key] = [r for r in found if r.period.kind in ANNUAL]
        return self._rows[key]

    def year(self, entity: str, metric: str, year: int) -> list[ObservationRow]:
        return [r for r in self.rows(entity, metric) if r.period.year == year]

    def coverage(self, entity: str, metric: str) -> Counter[str]:
        return coverage(self.rows(entity, metric))

    def best(self, entity: str, metric: str, year: int) -> Input | None:
        """The preferred published figure for the year (see provenance.choose), or None."""
        row, _ = choose(self.year(entity, metric, year), self.coverage(entity, metric))
        return Input.of(row) if row is not None else None

    def currency(self, entity: str) -> str:
        """The entity's current currency (ISO 4217), '' when none is recorded."""
        if entity not in self._currency:
            found = self.store.entity(entity).currencies
            self._currency[entity] = found[0] if found else ""
        return self._currency[entity]

    def population_metric(self) -> str | None:
        found = [m.id for m in self.store.metrics(str(MetricKind.POPULATION))]
        return found[0] if found else None


def derive_usd(lk: Lookup, entity: str, year: int, lcu_metric: str) -> Derived | None:
    """Current US$ = amount in LCU / annual average rate (LCU per US$)."""
    amount = lk.best(entity, lcu_metric, year)
    if amount is None:
        return None
    if amount.unit == "USD":
        return Derived(amount.value, "USD", "US$ = amount (already in US$)", (amount,))
    rate = lk.best(entity, FX, year)
    if rate is None:
        return None
    return Derived(cv.lcu_to_usd(amount.value, rate.value), "USD",
                   f"US$ = {lcu_metric} / {FX}", (amount, rate))


def derive_lcu(lk: Lookup, entity: str, year: int, usd_metric: str) -> Derived | None:
    """Amount in LCU = current US$ × annual average rate (LCU per US$)."""
    amount = lk.best(entity, usd_metric, year)
    if amount is None:
        return None
    if lk.currency(entity) == "USD":
        return Derived(amount.value, "USD", "LCU = US$ (the local currency is the US$)",
                       (amount,))
    rate = lk.best(entity, FX, year)
    if rate is None:
        return None
    unit = rate.unit.partition("_per_")[0] or lk.currency(entity)
    return Derived(cv.usd_to_lcu(amount.value, rate.value), unit,
                   f"LCU = {usd_metric} × {FX}", (amount, rate))


def derive_share(lk: Lookup, entity: str, year: int, lcu_metric: str | None,
                 usd_metric: str | None) -> Derived | None:
    """Per cent of GDP = 100 × amount / GDP, in local currency if possible, else in US$."""
    for metric, gdp_metric in ((lcu_metric, GDP_LCU), (usd_metric, GDP_USD)):
        if metric is None:
            continue
        amount, gdp = lk.best(entity, metric, year), lk.best(entity, gdp_metric, year)
        if amount is not None and gdp is not None and amount.unit == gdp.unit:
            return Derived(cv.share_of_gdp(amount.value, gdp.value), "percent",
                           f"share = 100 × {metric} / {gdp_metric}", (amount, gdp))
    return None


def derive_per_capita(lk: Lookup, entity: str, year: int, usd_metric: str) -> Derived | None:
    """US$ per head = current US$ / population (a population metric must exist)."""
    pop_metric = lk.population_metric()
    amount = lk.best(entity, usd_metric, year)
    pop = lk.best(entity, pop_metric, year) if pop_metric else None
    if amount is None or pop is None or pop_metric is None:
        return None
    return Derived(cv.per_capita(amount.value, pop.value), "USD",
                   f"US$ per head = {usd_metric} / {pop_metric}", (amount, pop))


def derive_ppp(lk: Lookup, entity: str, year: int, lcu_metric: str) -> Derived | None:
    """International $ = amount in LCU / PPP factor (LCU per international $), both the
    year's; None (a gap) when either is missing."""
    amount, factor = lk.best(entity, lcu_metric, year), lk.best(entity, PPP_FACTOR, year)
    if amount is None or factor is None:
        return None
    return Derived(cv.lcu_to_ppp(amount.value, factor.value), "USD_PPP",
                   f"PPP $ = {lcu_metric} / {PPP_FACTOR}", (amount, factor))


def derive(lk: Lookup, entity: str, year: int, basis: Basis,
           metrics: dict[Basis, str]) -> Derived | None:
    """An independent derivation of the ``basis`` figure from the definition's other metrics.

    PPP is derived from the amount in LCU and ``ppp_factor.lcu_per_intl_usd`` where the data
    hold both for the year; constant US$ never (no deflator metric: published figures only).
    """
    lcu, usd = metrics.get(Basis.LCU), metrics.get(Basis.USD)
    if basis is Basis.PPP and lcu is not None and lcu != usd:
        return derive_ppp(lk, entity, year, lcu)
    if basis is Basis.USD and lcu is not None and lcu != usd:
        return derive_usd(lk, entity, year, lcu)
    if basis is Basis.LCU and usd is not None and lcu != usd:
        return derive_lcu(lk, entity, year, usd)
    if basis is Basis.GDP_SHARE:
        return derive_share(lk, entity, year, lcu, usd)
    if basis is Basis.PER_CAPITA and usd is not None:
        return derive_per_capita(lk, entity, year, usd)
    return None

"""Do figures quoted together fit each other and the reference data?

A quote is any subset of: an amount in local currency (LCU), an amount in US$, a share of GDP,
for one entity and year. Each pair of figures implies a reference quantity:

    implied rate      = amount (LCU) / amount (US$)            (LCU per US$)
    implied GDP (LCU) = amount (LCU) × 100 / share (%)
    implied GDP (US$) = amount (US$) × 100 / share (%)

Each is compared with every reference figure for the year, by source: published exchange
rates and GDP first, then ones derived from a single source's own pair of figures (e.g.
SIPRI's spending in roubles / SIPRI's spending in US$ is the rate SIPRI used). A check passes
when the implied quantity is within its tolerance of the preferred reference. A figure is
``off`` when every failed check involves it and it alone takes part in no passing check; it
``fits`` when every check it takes part in passes or is explained by another figure being
off; else it is ``in-doubt``. Finally each quoted figure is matched against the spending
figures of every definition for nearby years (is 13.5 trillion roubles a budget line of
another year?).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from milbalance.errors import UserError
from milbalance.model import EntityKind
from milbalance.spending import conversions as cv
from milbalance.spending.basis import Basis
from milbalance.spending.definitions import DEFINITIONS, figure_definition
from milbalance.spending.derive import FX, GDP_LCU, GDP_USD, Lookup
from milbalance.spending.provenance import CLAIMANT_PREFERENCE, Derived, Input
from milbalance.store import ObservationRow, Store

AMOUNT, USD, SHARE = "amount", "usd", "gdp-share"
RATE_CHECK, GDP_LCU_CHECK, GDP_USD_CHECK = "exchange rate", "GDP (LCU)", "GDP (US$)"
YEARS_BEFORE, YEARS_AFTER = 3, 2
"""Other years searched for a better fit: the quoted year − 3 to + 2."""


class Status(StrEnum):
    FITS = "fits"
    OFF = "off"
    IN_DOUBT = "in-doubt"
    NOT_CHECKABLE = "not-checkable"


@dataclass(frozen=True)
class Tolerances:
    """Relative tolerances (0.05 = ±5 %), stated with every result.

    ``rate``: quoted conversions often use a budget-planning, spot or year-end rate rather
    than the annual average. ``gdp``: GDP estimates are revised, and a share quoted to 0.1
    point carries up to ±0.8 % rounding at 6 %. ``match``: an amount counts as another
    year's or definition's figure when within this of it.
    """

    rate: float = 0.05
    gdp: float = 0.05
    match: float = 0.03

    def __post_init__(self) -> None:
        for name in ("rate", "gdp", "match"):
            value = getattr(self, name)
            if not (math.isfinite(value) and 0 < value < 1):
                raise UserError(f"tolerance {name} must be between 0 and 1, got {value!r}")


@dataclass(frozen=True)
class Quote:
    """Figures quoted together: any of amount (LCU), US$ and share of GDP (per cent)."""

    entity: str
    year: int
    currency: str
    amount: float | None = None
    usd: float | None = None
    share_gdp: float | None = None

    def given(self) -> dict[str, float]:
        found = {AMOUNT: self.amount, USD: self.usd, SHARE: self.share_gdp}
        return {k: v for k, v in found.items() if v is not None}


@dataclass(frozen=True)
class Reference:
    """A reference rate or GDP for a year: published (``observation``) or ``derived``."""

    quantity: str
    year: int
    value: float
    unit: str
    source: str
    observation: Input | None = None
    derived: Derived | None = None

    @property
    def label(self) -> str:
        if self.derived is not None:
            return f"{self.source} (derived: {self.derived.formula})"
        return self.source


@dataclass(frozen=True)
class Check:
    """One implied quantity against the references; ``deviations[i]`` = implied / ref − 1."""

    name: str
    figures: tuple[str, str]
    implied: float
    unit: str
    references: tuple[Reference, ...]
    deviations: tuple[float, ...]
    tolerance: float

    @property
    def preferred(self) -> Reference | None:
        return self.references[0] if self.references else None

    @property
    def deviation(self) -> float | None:
        return self.deviations[0] if self.deviations else None

    @property
    def passed(self) -> bool | None:
        """None when there is no reference to check against."""
        return None if self.deviation is None else abs(self.deviation) <= self.tolerance


@dataclass(frozen=True)
class FigureVerdict:
    """A quoted figure: fits / off / in doubt, and what the reference data would make it."""

    figure: str
    quoted: float
    unit: str
    status: Status
    expected: float | None
    deviation: float | None
    reason: str


@dataclass(frozen=True)
class Match:
    """A reference spending figure (any definition, nearby year) close to a quoted one."""

    figure: str
    quoted: float
    metric: str
    definition: str
    year: int
    value: float
    source: str
    deviation: float
    derived: Derived | None = None


@dataclass(frozen=True)
class YearFit:
    """How well the quote fits year ``year``: mean |deviation| over the checks that ran."""

    year: int
    score: float
    checks: int
    passed: int


@dataclass(frozen=True)
class ConsistencyResult:
    quote: Quote
    implied_rate: float | None
    implied_gdp_lcu: float | None
    implied_gdp_usd: float | None
    checks: tuple[Check, ...]
    verdicts: tuple[FigureVerdict, ...]
    matches: tuple[Match, ...]
    year_fits: tuple[YearFit, ...]
    tolerances: Tolerances
    notes: tuple[str, ...] = field(default=())

    @property
    def other_fits(self) -> tuple[Match, ...]:
        """Quoted figures that match, within tolerance, a figure of another year."""
        return tuple(m for m in self.matches if m.year != self.quote.year
                     and abs(m.deviation) <= self.tolerances.match)

    @property
    def better_years(self) -> tuple[YearFit, ...]:
        """Other years where every check passes and the fit is closer than the quoted one's."""
        own = next((f for f in self.year_fits if f.year == self.quote.year), None)
        return tuple(f for f in self.year_fits if f.year != self.quote.year
                     and f.passed == f.checks > 0 and (own is None or f.score < own.score))


# --- references -------------------------------------------------------------------------


def _rank(row: ObservationRow) -> int:
    order = {c: i for i, c in enumerate(CLAIMANT_PREFERENCE)}
    return order.get(row.claimant_type, len(order))


def _pairs(lk: Lookup, entity: str, year: int, m1: str,
           m2: str) -> list[tuple[ObservationRow, ObservationRow]]:
    """Rows of ``m1`` and ``m2`` for one year from the same source and claimant."""
    a = lk.year(entity, m1, year)
    b = {(r.source, r.claimant): r for r in lk.year(entity, m2, year)}
    return [(r, b[(r.source, r.claimant)]) for r in a if (r.source, r.claimant) in b]


def _published(lk: Lookup, quantity: str, entity: str, year: int, metric: str,
               unit_ok: Callable[[str], bool]) -> list[Reference]:
    rows = sorted((r for r in lk.year(entity, metric, year) if unit_ok(r.unit)), key=_rank)
    return [Reference(quantity, year, r.central, r.unit, r.source, Input.of(r)) for r in rows]


def rate_references(lk: Lookup, entity: str, year: int, currency: str) -> list[Reference]:
    """Published annual rates (LCU per US$), then rates implied by one source's own pairs."""
    refs = _published(lk, RATE_CHECK, entity, year, FX, lambda u: u.startswith(currency))
    pairs = [(GDP_LCU, GDP_USD)] + [
        (info.metrics[Basis.LCU], info.metrics[Basis.USD]) for info in DEFINITIONS.values()
        if Basis.LCU in info.metrics and Basis.USD in info.metrics
        and info.metrics[Basis.LCU] != info.metrics[Basis.USD]]
    derived: list[tuple[int, Reference]] = []
    for lcu_metric, usd_metric in pairs:
        for a, b in _pairs(lk, entity, year, lcu_metric, usd_metric):
            if a.unit != currency or b.unit != "USD" or a.central <= 0 or b.central <= 0:
                continue
            d = Derived(cv.implied_rate(a.central, b.central), f"{currency}_per_USD",
                        f"{lcu_metric} / {usd_metric}", (Input.of(a), Input.of(b)))
            derived.append((lk.coverage(entity, lcu_metric)[a.source],
                            Reference(RATE_CHECK, year, d.value, d.unit, a.source, derived=d)))
    # a source that converts a whole series (SIPRI: annual average market rates) before a
    # one-off conversion quoted for a single year
    return refs + [r for _, r in sorted(derived, key=lambda x: -x[0])]


def gdp_references(lk: Lookup, entity: str, year: int, currency: str,
                   in_usd: bool) -> list[Reference]:
    """Published GDP (LCU or US$), then GDP implied by one source's spending and its share."""
    quantity, metric, unit = ((GDP_USD_CHECK, GDP_USD, "USD") if in_usd
                              else (GDP_LCU_CHECK, GDP_LCU, currency))
    refs = _published(lk, quantity, entity, year, metric, lambda u: u == unit)
    basis = Basis.USD if in_usd else Basis.LCU
    for info in DEFINITIONS.values():
        amount_metric, share_metric = info.metrics.get(basis), info.metrics.get(Basis.GDP_SHARE)
        if amount_metric is None or share_metric is None:
            continue
        for a, s in _pairs(lk, entity, year, amount_metric, share_metric):
            if a.unit != unit or a.central <= 0 or s.central <= 0:
                continue
            d = Derived(cv.implied_gdp(a.central, s.central), unit,
                        f"{amount_metric} × 100 / {share_metric}", (Input.of(a), Input.of(s)))
            refs.append(Reference(quantity, year, d.value, unit, a.source, derived=d))
    return refs


# --- checks and verdicts ----------------------------------------------------------------


def _check(name: str, figures: tuple[str, str], implied: float, unit: str,
           refs: list[Reference], tolerance: float) -> Check:
    refs = [r for r in refs if r.value > 0]
    return Check(name, figures, implied, unit, tuple(refs),
                 tuple(cv.relative_difference(implied, r.value) for r in refs), tolerance)


def _checks(lk: Lookup, quote: Quote, year: int, tol: Tolerances) -> list[Check]:
    out: list[Check] = []
    amount, usd, share, cur = quote.amount, quote.usd, quote.share_gdp, quote.currency
    if amount is not None and usd is not None:
        out.append(_check(RATE_CHECK, (AMOUNT, USD), cv.implied_rate(amount, usd),
                          f"{cur}_per_USD", rate_references(lk, quote.entity, year, cur),
                          tol.rate))
    if amount is not None and share is not None:
        out.append(_check(GDP_LCU_CHECK, (AMOUNT, SHARE), cv.implied_gdp(amount, share), cur,
                          gdp_references(lk, quote.entity, year, cur, False), tol.gdp))
    if usd is not None and share is not None:
        out.append(_check(GDP_USD_CHECK, (USD, SHARE), cv.implied_gdp(usd, share), "USD",
                          gdp_references(lk, quote.entity, year, cur, True), tol.gdp))
    return out


def _expected(figure: str, check: Check, quote: Quote) -> float | None:
    """What ``figure`` would be, given the check's other quoted figure and its reference."""
    ref = check.preferred
    if ref is None:
        return None
    given = quote.given()
    if check.name == RATE_CHECK:
        return given[USD] * ref.value if figure == AMOUNT else given[AMOUNT] / ref.value
    other = next(f for f in check.figures if f != figure)
    if figure == SHARE:
        return cv.share_of_gdp(given[other], ref.value)
    return cv.amount_from_share(given[SHARE], ref.value)


def _verdicts(quote: Quote, checks: list[Check]) -> list[FigureVerdict]:
    ran = [c for c in checks if c.passed is not None]
    failed = [c for c in ran if c.passed is False]
    ok = [c for c in ran if c.passed]
    suspects = ({f for f in quote.given() if all(f in c.figures for c in failed)}
                if failed else set())
    culprits = {f for f in suspects if not any(f in c.figures for c in ok)}
    if len(culprits) > 1:  # two figures that only disagree with each other: cannot tell
        culprits = set()
    units = {AMOUNT: quote.currency, USD: "USD", SHARE: "percent"}
    out: list[FigureVerdict] = []
    for figure, quoted in quote.given().items():
        mine = [c for c in ran if figure in c.figures]
        if not mine:
            why = ("no other quoted figure to check it against" if len(quote.given()) < 2
                   else "no reference data for the year")
            out.append(FigureVerdict(figure, quoted, units[figure], Status.NOT_CHECKABLE,
                                     None, None, why))
            continue
        basis = next((c for c in mine if c.passed is False), mine[0])
        expected = _expected(figure, basis, quote)
        deviation = cv.relative_difference(quoted, expected) if expected else None
        bad = [c.name for c in mine if c.passed is False]
        if not bad:
            status, why = Status.FITS, f"passes {', '.join(c.name for c in mine)}"
        elif figure in culprits:
            status, why = Status.OFF, (f"fails {', '.join(bad)}; the other figures agree "
                                       "with each other")
        elif culprits:
            status = Status.FITS
            why = f"fails {', '.join(bad)} only through {', '.join(sorted(culprits))}"
        else:
            status, why = Status.IN_DOUBT, (f"fails {', '.join(bad)}; the data cannot tell "
                                            "which figure is off")
        out.append(FigureVerdict(figure, quoted, units[figure], status, expected, deviation,
                                 why))
    return out


# --- other years and definitions --------------------------------------------------------


def _score(checks: list[Check]) -> YearFit | None:
    ran = [c for c in checks if c.deviation is not None]
    if not ran:
        return None
    score = sum(abs(c.deviation or 0.0) for c in ran) / len(ran)
    return YearFit(0, score, len(ran), sum(1 for c in ran if c.passed))


def _matches(lk: Lookup, quote: Quote, years: range, tol: Tolerances) -> list[Match]:
    out: list[Match] = []
    wanted = {AMOUNT: Basis.LCU, USD: Basis.USD, SHARE: Basis.GDP_SHARE}
    for figure, quoted in quote.given().items():
        unit = {AMOUNT: quote.currency, USD: "USD", SHARE: "percent"}[figure]
        found: list[Match] = []
        metrics = {info.metrics[wanted[figure]] for info in DEFINITIONS.values()
                   if wanted[figure] in info.metrics}
        for metric in sorted(metrics):
            for year in years:
                for r in lk.year(quote.entity, metric, year):
                    if r.unit == unit and r.central > 0:
                        label = figure_definition(metric, r.claimant, lk.publisher(r.source))
                        found.append(Match(figure, quoted, metric, label, year, r.central,
                                           r.source, cv.relative_difference(quoted, r.central)))
        if figure == USD:  # budget lines in LCU, converted at the year's preferred rate
            for info in DEFINITIONS.values():
                lcu_metric = info.metrics.get(Basis.LCU)
                if lcu_metric is None or info.metrics.get(Basis.USD) is not None:
                    continue
                for year in years:
                    rates = rate_references(lk, quote.entity, year, quote.currency)
                    for r in lk.year(quote.entity, lcu_metric, year):
                        if not rates or r.unit != quote.currency or r.central <= 0:
                            continue
                        d = Derived(cv.lcu_to_usd(r.central, rates[0].value), "USD",
                                    f"{lcu_metric} / rate ({rates[0].label})",
                                    (Input.of(r), *(rates[0].derived.inputs
                                                    if rates[0].derived else
                                                    (rates[0].observation,)
                                                    if rates[0].observation else ())))
                        found.append(Match(figure, quoted, lcu_metric, info.label, year,
                                           d.value, r.source,
                                           cv.relative_difference(quoted, d.value), d))
        found.sort(key=lambda m: abs(m.deviation))
        close = [m for m in found if abs(m.deviation) <= tol.match]
        out.extend(close or found[:3])
    return out


def _resolve(store: Store, entity: str | None, currency: str | None) -> tuple[str, str]:
    if entity:
        who = store.entity(entity)
        if who.kind is not EntityKind.COUNTRY:
            raise UserError(f"{who.id} is a {who.kind}; quote figures for one country")
        cur = (currency or (who.currencies[0] if who.currencies else "")).upper()
        if who.currencies and cur not in who.currencies:
            raise UserError(f"{who.id} figures are in {', '.join(who.currencies)}, "
                            f"got currency {cur!r}")
        return who.id, cur
    if not currency:
        raise UserError("say whose figures these are: give --entity or --currency")
    cur = currency.upper()
    found = [e.id for e in store.entities(str(EntityKind.COUNTRY))
             if e.currencies and e.currencies[0] == cur]
    if len(found) != 1:
        which = f"{len(found)} countries use it ({', '.join(found[:8])})" if found else \
            "no country in data/countries.csv uses it"
        raise UserError(f"cannot tell the country from currency {cur!r}: {which}; "
                        "give --entity")
    return found[0], cur


def check_quote(store: Store, year: int, *, amount: float | None = None,
                currency: str | None = None, usd: float | None = None,
                share_gdp: float | None = None, entity: str | None = None,
                tolerances: Tolerances | None = None,
                lookup: Lookup | None = None) -> ConsistencyResult:
    """Check figures quoted together for ``year`` (see the module docstring for the method).

    ``amount`` is in ``currency`` (the entity's, e.g. RUB), ``usd`` in US$, ``share_gdp`` in
    per cent (6.3, not 0.063). At least one figure is needed; two or more for any check.
    Unlike series and records, the default lookup reads projections too: a quoted figure is
    often a budget law's (is 13.5 trillion the 2025 chapter?), so plans are matched, flagged.
    """
    tol = tolerances or Tolerances()
    for name, value in (("amount", amount), ("US$ amount", usd)):
        if value is not None and not (math.isfinite(value) and value > 0):
            raise UserError(f"{name} must be a positive number, got {value!r}")
    if share_gdp is not None and not (math.isfinite(share_gdp) and 0 < share_gdp <= 100):
        raise UserError(f"share of GDP is in per cent, between 0 and 100, got {share_gdp!r}")
    if amount is None and usd is None and share_gdp is None:
        raise UserError("give at least one figure: --amount, --usd or --gdp-share")
    if amount is not None and not (currency or entity):
        raise UserError("an amount in local currency needs --currency (e.g. RUB)")
    who, cur = _resolve(store, entity, currency)
    quote = Quote(who, year, cur, amount, usd, share_gdp)
    lk = lookup or Lookup(store, include_projections=True)
    checks = _checks(lk, quote, year, tol)
    notes: list[str] = []
    if len(quote.given()) < 2:
        notes.append("one figure alone cannot be checked for consistency; only matched "
                     "against reference figures")
    for c in checks:
        if not c.references:
            notes.append(f"gap: no reference {c.name} for {who} {year} in the data")
    fits: list[YearFit] = []
    years = range(year - YEARS_BEFORE, year + YEARS_AFTER + 1)
    for y in years:
        fit = _score(checks if y == year else _checks(lk, quote, y, tol))
        if fit is not None:
            fits.append(YearFit(y, fit.score, fit.checks, fit.passed))
    implied_rate = cv.implied_rate(amount, usd) if amount and usd else None
    gdp_lcu = cv.implied_gdp(amount, share_gdp) if amount and share_gdp else None
    gdp_usd = cv.implied_gdp(usd, share_gdp) if usd and share_gdp else None
    return ConsistencyResult(quote, implied_rate, gdp_lcu, gdp_usd, tuple(checks),
                             tuple(_verdicts(quote, checks)),
                             tuple(_matches(lk, quote, years, tol)), tuple(fits), tol,
                             tuple(notes))

"""A side of a comparison: an entity, or a bloc's members active in the period, each with
the mixture of its observations, and the members that have none (coverage gaps).

Rules:
- Members are those active on any day of the year, counted by ``MembershipRule`` (default
  ``any-day``: a mid-year accession such as Finland's on 2023-04-04 counts its whole 2023
  figure, flagged as an Assumption; ``pro-rata`` scales it by the days it was a member).
- An observation counts for year Y when its period ends in Y (the store's year). Rates given
  per month or day are already annualised by the store (×12, ×365); the engine flags them,
  and flags periods that are not the calendar year (fiscal years, months, ranges).
- A member without a usable observation is a Gap, never a zero. ``carry_forward`` fills it
  with the member's latest earlier figure, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from milbalance.engine.mixture import Quantity, mixture, select
from milbalance.engine.options import EngineOptions, MembershipRule
from milbalance.engine.results import Assumption, Gap, GapReason
from milbalance.errors import UserError
from milbalance.model import Entity, EntityKind, Metric
from milbalance.periods import PeriodKind
from milbalance.store import ObservationRow, Store


class NoDataError(UserError):
    """Nothing at all to estimate from for an entity, metric and year."""


@dataclass(frozen=True)
class Side:
    """Everything one side of an answer is made of."""

    entity: Entity
    metric: Metric
    year: int
    quantities: tuple[Quantity, ...]
    gaps: tuple[Gap, ...]
    assumptions: tuple[Assumption, ...]
    unit: str


def members_in_year(store: Store, entity: Entity, year: int,
                    rule: MembershipRule) -> list[tuple[str, float, str]]:
    """(member, scale, note) for each member counted in ``year``; a country is its own member.

    scale = 1, or days-as-member / days-in-year under the pro-rata rule.
    """
    if entity.kind is not EntityKind.BLOC:
        return [(entity.id, 1.0, "")]
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = (last - first).days + 1
    out: dict[str, tuple[float, str]] = {}
    for m in store.memberships(entity.id):
        start = max(m.start, first)
        end = min(m.end or last, last)
        if end < start:
            continue
        share = ((end - start).days + 1) / days
        if share < 1 and rule is MembershipRule.WHOLE_PERIOD:
            continue
        scale = share if rule is MembershipRule.PRO_RATA else 1.0
        note = "" if share == 1 else (
            f"{m.member} was a member of {entity.id} {start}–{end} in {year} "
            f"({share:.1%} of the year); " + ("counted pro rata" if rule is
                                              MembershipRule.PRO_RATA else
                                              "its whole annual figure is counted"))
        prev = out.get(m.member)
        out[m.member] = (min(1.0, scale + prev[0]) if prev else scale,
                         note if not prev else "")
    return [(k, s, n) for k, (s, n) in sorted(out.items())]


def _flags(rows: list[ObservationRow], year: int) -> tuple[str, ...]:
    flags: list[str] = []
    for o in rows:
        if o.rescaled and o.period.kind is not PeriodKind.YEAR:
            flags.append(f"annualised from {o.raw_unit} ({o.period.label}, {o.source})")
        if o.period.kind is not PeriodKind.YEAR:
            flags.append(f"period {o.period.label} read as {year} ({o.source})")
        flags.extend(f"{f} ({o.source})" for f in o.flags)
    return tuple(dict.fromkeys(flags))


def gather(store: Store, entity_name: str, metric_name: str, year: int,
           options: EngineOptions, claimant_type: str | None = None) -> Side:
    """The side for ``entity_name`` × ``metric_name`` in ``year`` under ``options``.

    ``claimant_type`` (for per-claimant answers) narrows further than ``options`` does.
    """
    entity = store.entity(entity_name)
    metric = store.metric(metric_name)
    ctype = claimant_type or options.claimant_type
    quantities: list[Quantity] = []
    gaps: list[Gap] = []
    assumptions: list[Assumption] = []
    units: set[str] = set()
    for member, scale, note in members_in_year(store, entity, year, options.membership):
        rows = store.observations(member, metric.id, start_year=year, end_year=year)
        chosen = select(rows, ctype, options.claimant, options.source)
        used_year = year
        reason = GapReason.NO_OBSERVATION if not rows else GapReason.FILTERED_OUT
        if not chosen and options.carry_forward:
            earlier = select(store.observations(member, metric.id, end_year=year - 1),
                             ctype, options.claimant, options.source)
            if earlier:
                used_year = max(o.period.year for o in earlier)
                chosen = [o for o in earlier if o.period.year == used_year]
        key = f"{member}|{metric.id}|{year}|{ctype or ''}|{options.claimant or ''}|" \
              f"{options.source or ''}|{used_year}"
        quantity, assumed = mixture(key, member, chosen, options.claimant_weights,
                                    options.range_confidence, scale, _flags(chosen, year))
        if quantity is None:
            gaps.append(Gap(entity.id, member, metric.id, str(year),
                            reason if not chosen else GapReason.ZERO_WEIGHT))
            continue
        if used_year != year:
            fill = Assumption(f"carry-forward:{member}",
                              f"{member} has no {metric.id} figure for {year}; its {used_year} "
                              "figure is used instead (carry-forward)")
            assumptions.append(fill)
            gaps.append(Gap(entity.id, member, metric.id, str(year), reason, fill.key))
        if note:
            assumptions.append(Assumption(f"membership:{member}", note))
        assumptions.extend(assumed)
        quantities.append(quantity)
        units.update(c.observation.unit for c in quantity.components)
    if not quantities:
        raise NoDataError(_no_data(store, entity, metric, year, options, ctype))
    if len(units) > 1:
        raise UserError(f"figures for {entity.id} {metric.id} {year} are in several units "
                        f"({', '.join(sorted(units))}); the metric's unit is {metric.unit}")
    return Side(entity, metric, year, tuple(quantities), tuple(gaps),
                tuple(dict.fromkeys(assumptions)), units.pop())


def _no_data(store: Store, entity: Entity, metric: Metric, year: int,
             options: EngineOptions, ctype: str | None) -> str:
    members = [m for m, _, _ in members_in_year(store, entity, year, options.membership)]
    years = sorted({o.period.year for m in members
                    for o in store.observations(m, metric.id)})
    where = f" for the members of {entity.id} active then" if entity.kind is EntityKind.BLOC \
        else ""
    narrowed = [f"{k} {v}" for k, v in (("claimant type", ctype),
                                        ("claimant", options.claimant),
                                        ("source", options.source)) if v]
    also = f" from {', '.join(narrowed)}" if narrowed else ""
    have = (f"; years with data: {', '.join(map(str, years))}" if years
            else f"; there are no {metric.id} figures for {entity.id}"
            + (" or its members" if entity.kind is EntityKind.BLOC else "") + " in any year")
    return f"no {metric.id} data for {entity.id} in {year}{where}{also}{have}"

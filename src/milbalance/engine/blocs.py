"""A side of a comparison: an entity, or a bloc built from every level of data, with the
members that nothing covers (coverage gaps) and every rule it used stated as an Assumption.

Membership:
- Members are those active on any day of the year, counted by ``MembershipRule`` (default
  ``any-day``: a mid-year accession such as Finland's on 2023-04-04 counts its whole 2023
  figure, flagged as an Assumption; ``pro-rata`` scales it by the days it was a member).
- An observation counts for year Y when its period ends in Y (the store's year). Rates given
  per month or day are already annualised by the store (×12, ×365); the engine flags them,
  and flags periods that are not the calendar year (fiscal years, months, ranges).

Levels of data, for a bloc B on metric M in year Y. Each member m (suppliers apart, below)
is covered by the first of these that has a figure, and every level but the first is flagged:
1. ``member``: m's own figures on M.
2. ``group``: a figure filed on another bloc G (the EU's total) stands in, as one part, for
   the members of B ∩ G — only if none of them has its own figure on M (the group total
   already contains theirs; counting both would count them twice), and no other group
   already stands in for one of them. Groups are tried in order: the one sharing most
   members with B first, then the one with fewest non-members of B, then by id (on NATO's
   side NATO_EUROPE, 'Europe' as sources mean it, comes before the EU; the EU's figure is
   then not used, as it would count its members twice). The answer names the members of B
   it leaves out (still gaps unless covered below) and the non-members of B it includes (an
   overlap caveat: the part overstates B's share by theirs). Only for bloc sides, only on M
   itself.
3. ``company`` (only with ``companies``): figures of companies whose home country is m
   (companies.csv), each its own part, flagged as covering only the companies with figures.
4. ``narrower`` (only with ``allow_narrower``): m's figures on a narrower metric (see
   ``narrower_metrics``), then its companies' (with ``companies``): a lower bound of m.
5. ``cumulative`` (only with ``cumulative``): m's totals over a multi-year period on
   ``<M>_cumulative`` (PRK's "6 million since mid-2022"), spread evenly over the period the
   source states: the part falling in year Y is total × (days of the period in Y) / (days
   of the period). Only periods covering the whole of Y are used (a period covering part of
   Y says nothing about the rest of it); each use is flagged and stated. Without
   ``cumulative``, such totals are listed as not counted, with the reason — never dropped
   silently. The same applies to a supplier's deliveries (``--supply``).
6. ``carry_forward``: levels 1, 3, 4 in m's latest earlier year with figures, stated.
Otherwise m is a Gap, never a zero.

The bloc's own figures (filed on B itself, e.g. "NATO allies produce 1.3 million") are not
summed with the members: they are alternative estimates of the whole, combined with the
member sum by ``LevelRule`` (see options). Where B has no figure on M, ``allow_narrower``
reads its narrower figures, flagged as a lower bound.

Supply (``artillery`` output and the like): a bloc member with role ``supplier`` (PRK in
RUS_SUPPLIERS) does not add its own output to the bloc's output — what reaches the lead is
its deliveries. For a metric of kind ``output`` the suppliers of the side (a bloc's supplier
members; for a country, the suppliers of every bloc it leads) are counted only with
``supply``, as their ``<item>.deliveries`` figures, flagged; a supplier without such a figure
is a gap. For other kinds, supplier members count like any member.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from milbalance.engine.mixture import Quantity, mixture, select
from milbalance.engine.options import EngineOptions, LevelRule, MembershipRule
from milbalance.engine.results import Assumption, Gap, GapReason, Level
from milbalance.errors import UserError
from milbalance.model import Entity, EntityKind, Metric, MetricKind
from milbalance.periods import PeriodKind
from milbalance.store import ObservationRow, Store

SUPPLIER_ROLE = "supplier"


class NoDataError(UserError):
    """Nothing at all to estimate from for an entity, metric and year."""


@dataclass(frozen=True)
class Side:
    """Everything one side of an answer is made of.

    ``quantities`` are the parts of the member sum S; ``whole`` is the mixture W of the
    figures filed on the bloc itself. The side's value in a sample is S with probability
    ``p_parts`` = parts_weight / (parts_weight + whole_weight), else W.
    """

    entity: Entity
    metric: Metric
    year: int
    quantities: tuple[Quantity, ...]
    gaps: tuple[Gap, ...]
    assumptions: tuple[Assumption, ...]
    unit: str
    whole: Quantity | None = None
    parts_weight: float = 1.0
    whole_weight: float = 0.0
    key: str = ""  # identifies the side's hypothesis choice (shared by identical sides)

    @property
    def mixed(self) -> bool:
        """True when each sample chooses between the member sum and the bloc's figures."""
        return self.parts_weight > 0 and self.whole_weight > 0

    @property
    def p_parts(self) -> float:
        return self.parts_weight / (self.parts_weight + self.whole_weight)

    @property
    def used(self) -> tuple[Quantity, ...]:
        """What is summed when the side is not mixed."""
        if self.parts_weight > 0 or self.whole is None:
            return self.quantities
        return (self.whole,)

    @property
    def sampled(self) -> tuple[Quantity, ...]:
        """Every quantity the side draws: the parts, then the bloc's own figures."""
        return self.quantities + ((self.whole,) if self.whole is not None else ())

    @property
    def open_gaps(self) -> tuple[Gap, ...]:
        """Gaps no stated assumption filled."""
        return tuple(g for g in self.gaps if not g.filled_by)


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


def _roles(store: Store, bloc: str, year: int) -> dict[str, str]:
    first, last = date(year, 1, 1), date(year, 12, 31)
    return {m.member: m.role for m in store.memberships(bloc)
            if m.start <= last and (m.end is None or m.end >= first)}


def suppliers_of(store: Store, entity: Entity, year: int) -> tuple[str, ...]:
    """The suppliers (role ``supplier``) of a bloc in ``year``, or for a country those of every
    bloc in which it is a member other than a supplier (RUS → BLR, IRN, PRK)."""
    if entity.kind is EntityKind.BLOC:
        return tuple(sorted(m for m, r in _roles(store, entity.id, year).items()
                            if r == SUPPLIER_ROLE))
    found: set[str] = set()
    for bloc in store.entities("bloc"):
        roles = _roles(store, bloc.id, year)
        if roles.get(entity.id, SUPPLIER_ROLE) != SUPPLIER_ROLE:
            found |= {m for m, r in roles.items() if r == SUPPLIER_ROLE and m != entity.id}
    return tuple(sorted(found))


def narrower_metrics(store: Store, metric: Metric) -> list[Metric]:
    """Metrics that count a subset of what ``metric`` counts, sorted by id.

    Rule (from the metric ids, until metrics.csv declares it): N is narrower than M when
    both have the same kind and suffix after the item (``.output``) and N's item extends M's
    item with ``_`` (``artillery_shells_155mm`` ⊂ ``artillery_shells``). A figure on N is a
    lower bound of M.
    """
    item = metric.item or metric.id.partition(".")[0]
    suffix = metric.id[len(item):]
    out = []
    for m in store.metrics():
        other = m.item or m.id.partition(".")[0]
        if (m.kind is metric.kind and m.id[len(other):] == suffix
                and other.startswith(item + "_")):
            out.append(m)
    return sorted(out, key=lambda m: m.id)


def companies_of(store: Store, country: str) -> list[str]:
    """Companies whose home country is ``country`` (companies.csv), by id."""
    return sorted(e.id for e in store.entities("company") if e.country == country)


def _flags(rows: list[ObservationRow], year: int) -> tuple[str, ...]:
    flags: list[str] = []
    for o in rows:
        if o.rescaled and o.period.kind is not PeriodKind.YEAR:
            flags.append(f"annualised from {o.raw_unit} ({o.period.label}, {o.source})")
        if o.period.kind is not PeriodKind.YEAR:
            flags.append(f"period {o.period.label} read as {year} ({o.source})")
        flags.extend(f"{f} ({o.source})" for f in o.flags)
    return tuple(dict.fromkeys(flags))


@dataclass
class _Builder:
    """Collects one side's parts, gaps and assumptions while ``gather`` walks the levels."""

    store: Store
    entity: Entity
    metric: Metric
    year: int
    options: EngineOptions
    ctype: str | None
    quantities: list[Quantity]
    gaps: list[Gap]
    assumptions: list[Assumption]

    def key(self, who: str, metric: str, used_year: int) -> str:
        """A part's identity: whose figures, on which metric, for which year and filters —
        the same figures get the same key (and draws) on whichever side or level they are
        used (EU's total as NATO's group part and as EU's own figure)."""
        return f"{who}|{metric}|{self.year}|{self.filters}|{used_year}"

    @property
    def filters(self) -> str:
        o = self.options
        return (f"{self.ctype or ''}|{o.claimant or ''}|{o.source or ''}"
                + (f"|-{sorted(o.exclude_claimants)}" if o.exclude_claimants else ""))

    def rows(self, entity: str, metric: str, start: int | None, end: int | None
             ) -> list[ObservationRow]:
        o = self.options
        rows = select(self.store.observations(entity, metric, start_year=start, end_year=end),
                      self.ctype, o.claimant, o.source)
        if not o.exclude_claimants:
            return rows
        out = [r for r in rows if not _excluded(r, o.exclude_claimants)]
        for r in rows:
            if r not in out:
                self.assumptions.append(Assumption(
                    f"said-before:{r.path}:{r.line}", f"said before by {r.claimant} "
                    f"({r.source}, {r.period.label}): the claimant's own figure is context, "
                    "not evidence for the claim, and is left out"))
        return out

    def add(self, key: str, member: str, rows: list[ObservationRow], scale: float,
            level: Level, covers: Sequence[str], flags: tuple[str, ...] = ()) -> bool:
        o = self.options
        quantity, assumed = mixture(key, member, rows, o.claimant_weights,
                                    o.range_confidence, scale,
                                    flags + _flags(rows, self.year), str(level),
                                    tuple(covers), o.quoted, o.quoted_spread, o.bound_factor)
        if quantity is None:
            return False
        self.quantities.append(quantity)
        self.assumptions.extend(assumed)
        return True

    def chain(self, member: str, start: int | None, end: int
              ) -> list[tuple[Level, str, Metric, list[ObservationRow]]]:
        """Levels 1, 3, 4 for one member in years start..end: the first that has figures
        (each entity's latest year only)."""
        o = self.options
        metrics = [(self.metric, False)] + ([(m, True) for m in
                                             narrower_metrics(self.store, self.metric)]
                                            if o.allow_narrower else [])
        for metric, narrow in metrics:
            own = _latest(self.rows(member, metric.id, start, end))
            if own:
                return [(Level.NARROWER if narrow else Level.MEMBER, member, metric, own)]
            if o.companies:
                found = [(Level.COMPANY, c, metric, rows) for c in companies_of(self.store,
                                                                                member)
                         if (rows := _latest(self.rows(c, metric.id, start, end)))]
                if found:
                    return found
        return []

    def add_chain(self, member: str, scale: float,
                  found: list[tuple[Level, str, Metric, list[ObservationRow]]]) -> None:
        for level, who, metric, rows in found:
            used_year = rows[0].period.year
            narrow = metric.id != self.metric.id
            flags: list[str] = []
            if level is Level.COMPANY:
                flags.append(f"company figure ({who}) rolled into its home country {member} "
                             "(--companies); covers only the companies with figures")
            if narrow:
                flags.append(f"narrower metric {metric.id} read as {self.metric.id} "
                             "(--allow-narrower): a lower bound")
            shown = Level.NARROWER if narrow and level is Level.MEMBER else level
            self.add(self.key(who, metric.id, used_year), who, rows, scale, shown, (member,),
                     tuple(flags))


def _excluded(row: ObservationRow, claimants: frozenset[str]) -> bool:
    """True when the row's claimant is one of ``claimants`` (case-insensitive; a claimant
    given as a surname matches it as a whole word)."""
    who = row.claimant.lower()
    return any(c.strip() and re.search(rf"\b{re.escape(c.strip().lower())}\b", who)
               for c in claimants)


def _latest(rows: list[ObservationRow]) -> list[ObservationRow]:
    if not rows:
        return rows
    last = max(o.period.year for o in rows)
    return [o for o in rows if o.period.year == last]


def gather(store: Store, entity_name: str, metric_name: str, year: int,
           options: EngineOptions, claimant_type: str | None = None) -> Side:
    """The side for ``entity_name`` × ``metric_name`` in ``year`` under ``options``.

    ``claimant_type`` (for per-claimant answers) narrows further than ``options`` does.
    """
    from milbalance.engine.supply import cumulative, supply  # it types against _Builder

    entity = store.entity(entity_name)
    metric = store.metric(metric_name)
    ctype = claimant_type or options.claimant_type
    b = _Builder(store, entity, metric, year, options, ctype, [], [], [])
    members = members_in_year(store, entity, year, options.membership)
    suppliers = suppliers_of(store, entity, year) if metric.kind is MetricKind.OUTPUT else ()
    members = [x for x in members if x[0] not in suppliers]
    ids = [m for m, _, _ in members]
    notes = {m: n for m, _, n in members}
    # level 1: own figures
    own: dict[str, list[ObservationRow]] = {}
    for member in ids:
        rows = b.rows(member, metric.id, year, year)
        if rows:
            own[member] = rows
    # level 2: another group's figure
    by_group = _groups(b, ids, own) if entity.kind is EntityKind.BLOC else {}
    # levels 1, 3, 4, then carry-forward, else a gap
    for member, scale, _ in members:
        if member in by_group:
            continue
        found = b.chain(member, year, year)
        if not found and cumulative(b, member, metric, scale):
            if notes[member]:
                b.assumptions.append(Assumption(f"membership:{member}", notes[member]))
            continue
        reason = GapReason.NO_OBSERVATION if not store.observations(
            member, metric.id, start_year=year, end_year=year) else GapReason.FILTERED_OUT
        filled = ""
        if not found and options.carry_forward:
            found = b.chain(member, None, year - 1)
            if found:
                used = max(rows[0].period.year for _, _, _, rows in found)
                fill = Assumption(f"carry-forward:{member}",
                                  f"{member} has no {metric.id} figure for {year}; its "
                                  f"{used} figure is used instead (carry-forward)")
                b.assumptions.append(fill)
                filled = fill.key
        before = len(b.quantities)
        b.add_chain(member, scale, found)
        if len(b.quantities) == before:
            reason = reason if not found else GapReason.ZERO_WEIGHT
            b.gaps.append(Gap(entity.id, member, metric.id, str(year), reason))
            continue
        if filled:
            b.gaps.append(Gap(entity.id, member, metric.id, str(year), reason, filled))
        if notes[member]:
            b.assumptions.append(Assumption(f"membership:{member}", notes[member]))
    if suppliers:
        supply(b, suppliers, ids)
    whole = _whole(b, ids) if entity.kind is EntityKind.BLOC else None
    return _finish(b, whole)


def _groups(b: _Builder, ids: list[str], own: dict[str, list[ObservationRow]]
            ) -> dict[str, str]:
    """Level 2: {member: group} for the members another bloc's figure stands in for."""
    covered: dict[str, str] = {}
    candidates = []
    for group in b.store.entities("bloc"):
        if group.id == b.entity.id:
            continue
        rows = b.rows(group.id, b.metric.id, b.year, b.year)
        if not rows:
            continue
        in_group = {m for m, _, _ in members_in_year(b.store, group, b.year,
                                                     b.options.membership)}
        shared = [m for m in ids if m in in_group]
        if shared:
            candidates.append((group, rows, in_group, shared))
    # the group that stands in for most of the side's members first, then the one that
    # brings in fewest non-members, then by id: NATO_EUROPE before the EU on NATO's side
    candidates.sort(key=lambda c: (-len(c[3]), len(c[2] - set(ids)), c[0].id))
    for group, rows, in_group, shared in candidates:
        blocked = [m for m in shared if m in own or m in covered]
        if blocked:
            b.assumptions.append(Assumption(
                f"group:{group.id}", f"{group.id}'s {b.metric.id} figure is not used for "
                f"{b.entity.id}: it includes {', '.join(blocked)}, already counted from "
                "their own figures (or another group's), and would count them twice"))
            continue
        left_out = [m for m in ids if m not in in_group]
        outside = sorted(in_group - set(ids))
        text = (f"{group.id}'s {b.metric.id} figure stands in for the {len(shared)} members of "
                f"{b.entity.id} it shares ({', '.join(shared)}), none of which has its own "
                "figure")
        text += (f"; it leaves out {', '.join(left_out)} (gaps unless covered otherwise)"
                 if left_out else "")
        text += (f"; overlap: it also covers non-members {', '.join(outside)}, so it "
                 f"overstates {b.entity.id}'s part by theirs" if outside else "")
        key = b.key(group.id, b.metric.id, b.year)
        flags = (f"{group.id} figure for the members it shares with {b.entity.id}",) + (
            (f"includes non-members {', '.join(outside)}",) if outside else ())
        if b.add(key, group.id, rows, 1.0, Level.GROUP, shared, flags):
            b.assumptions.append(Assumption(f"group:{group.id}", text))
            covered.update(dict.fromkeys(shared, group.id))
    return covered


def _whole(b: _Builder, ids: list[str]) -> Quantity | None:
    """The figures filed on the bloc itself, as one mixture (alternatives of the whole)."""
    metrics = [b.metric] + (narrower_metrics(b.store, b.metric) if b.options.allow_narrower
                            else [])
    for metric in metrics:
        rows = b.rows(b.entity.id, metric.id, b.year, b.year)
        if not rows:
            continue
        flags: tuple[str, ...] = (
            f"figure filed on {b.entity.id} itself: an estimate of the whole bloc; "
            "check its notes for the members it covers",)
        if metric.id != b.metric.id:
            flags += (f"narrower metric {metric.id} read as {b.metric.id} "
                      "(--allow-narrower): a lower bound",)
        quantity, assumed = mixture(b.key(b.entity.id, metric.id, b.year),
                                    b.entity.id, rows, b.options.claimant_weights,
                                    b.options.range_confidence, 1.0,
                                    flags + _flags(rows, b.year), str(Level.BLOC),
                                    tuple(ids), b.options.quoted, b.options.quoted_spread,
                                    b.options.bound_factor)
        if quantity is not None:
            b.assumptions.extend(assumed)
            return quantity
    return None


def _finish(b: _Builder, whole: Quantity | None) -> Side:
    """Apply the level rule, check units, and state what was done."""
    o = b.options
    parts = tuple(b.quantities)
    open_gaps = [g for g in b.gaps if not g.filled_by]
    name = f"{b.entity.id} {b.metric.id} {b.year}"
    if not parts and whole is None:
        raise NoDataError(_no_data(b.store, b.entity, b.metric, b.year, o, b.ctype))
    parts_w, whole_w = 1.0, 0.0
    whole_total = sum(c.weight for c in whole.components) if whole is not None else 0.0
    if whole is None and b.entity.kind is not EntityKind.BLOC:
        pass  # a country or company: its own figures; the level rule is about blocs
    elif o.levels is LevelRule.MEMBERS_ONLY:
        if not parts:
            raise NoDataError(_no_data(b.store, b.entity, b.metric, b.year, o, b.ctype)
                              + f"; there are figures filed on {b.entity.id} itself: use "
                              "--levels mixture or bloc-only")
        if whole is not None:
            b.assumptions.append(Assumption("levels", f"{name}: the member sum alone "
                                            "(members-only); the bloc's own figures are "
                                            "shown beside it, not used"))
    elif o.levels is LevelRule.BLOC_ONLY or not parts:
        if whole is None:
            raise NoDataError(f"no {b.metric.id} figure filed on {b.entity.id} itself in "
                              f"{b.year} (bloc-only); use --levels mixture or members-only")
        parts_w, whole_w = 0.0, 1.0
        b.assumptions.append(Assumption("levels", f"{name}: the figures filed on "
                                        f"{b.entity.id} itself alone" +
                                        (" (bloc-only)" if parts else
                                         " (no member-level figure)")))
    elif whole is not None:
        if open_gaps or o.member_sum_weight == 0:
            parts_w, whole_w = 0.0, 1.0
            why = (f"the member sum leaves {len(open_gaps)} member(s) uncovered "
                   f"({', '.join(g.member for g in open_gaps)}) and is not an estimate of the "
                   "whole (that would count the gaps as zero)" if open_gaps else
                   "the member-sum weight is 0")
            b.assumptions.append(Assumption(
                "levels", f"{name}: {why}, so the answer uses the {len(whole.components)} "
                f"figure(s) filed on {b.entity.id} itself; the member sum is shown beside it"))
        else:
            parts_w, whole_w = o.member_sum_weight, whole_total
            b.assumptions.append(Assumption(
                "levels", f"{name}: the member sum and the {len(whole.components)} figure(s) "
                f"filed on {b.entity.id} itself are alternative estimates of the whole, mixed "
                f"as hypotheses: P(member sum) = {parts_w / (parts_w + whole_w):.3f} "
                "(weight of the member sum / total weight; each figure weighs its claimant "
                "type's weight)"))
    units = {c.observation.unit for q in parts + ((whole,) if whole else ())
             for c in q.components}
    if len(units) > 1:
        raise UserError(f"figures for {name} are in several units ({', '.join(sorted(units))})"
                        f"; the metric's unit is {b.metric.unit}")
    key = f"side:{b.entity.id}|{b.metric.id}|{b.year}|{b.filters}|{o.levels}|" \
          f"{o.companies}|{o.allow_narrower}|{o.supply}|{sorted(o.suppliers or ())}|" \
          f"{o.carry_forward}|{o.membership}|{o.cumulative}"
    return Side(b.entity, b.metric, b.year, parts, tuple(b.gaps),
                tuple(dict.fromkeys(b.assumptions)), units.pop(), whole, parts_w, whole_w, key)


def without_whole(side: Side) -> Side:
    """The side as its member sum alone (for showing levels side by side)."""
    return replace(side, whole=None, parts_weight=1.0, whole_weight=0.0)


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
    hint = ""
    if not options.allow_narrower and any(
            store.observations(m, n.id, start_year=year, end_year=year)
            for m in members for n in narrower_metrics(store, metric)):
        hint = "; narrower figures exist (--allow-narrower reads them as a lower bound)"
    cum = f"{metric.id}_cumulative"
    if not options.cumulative and any(m.id == cum for m in store.metrics()) and any(
            o.period.start.year <= year <= o.period.end.year
            for m in members for o in store.observations(m, cum)):
        hint += (f"; totals over longer periods exist on {cum} (--cumulative spreads those "
                 "covering the whole year evenly over their period)")
    return f"no {metric.id} data for {entity.id} in {year}{where}{also}{have}{hint}"

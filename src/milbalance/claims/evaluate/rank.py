"""Ranks among spenders, from one source's figures for every country of the scope in the year.

World ranks read every country with a figure from the source of the world total (SIPRI):
the countries without a figure spend at most the world total less those counted, so at most
k = ⌊rest / the subject's figure⌋ of them can stand above the subject. A bloc's ranks read its
members that year; each member without a figure could stand anywhere. The rank is then a
range [r, r + k]: "Nth" holds when the range is N alone and fails when N is outside it;
"among the top N" holds when r + k ≤ N and fails when r > N; anything else is not checkable,
naming the missing countries. A region with no member list in the data is not checkable.
"""

from __future__ import annotations

from datetime import date

from milbalance.claims.evaluate.common import EvaluatorBase, _evidence
from milbalance.claims.kinds import Rank
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.errors import UserError
from milbalance.model import Entity, EntityKind
from milbalance.store import ObservationRow

AMOUNT = "military_expenditure.usd_current"
SHARE = "military_expenditure.share_gdp"


def _by_country(data: EvaluatorBase, metric: str, year: int, source: str | None
                ) -> dict[str, ObservationRow]:
    rows = [r for r in data.store.observations(None, metric, start_year=year, end_year=year)
            if r.value is not None and r.period.days <= 366]
    if source is None and rows:
        counts: dict[str, int] = {}
        for r in rows:
            counts[r.source] = counts.get(r.source, 0) + 1
        source = max(counts, key=lambda s: counts[s])
    kinds = {e.id: e.kind for e in data.store.entities()}
    return {r.entity: r for r in rows if r.source == source
            and kinds.get(r.entity) is EntityKind.COUNTRY}


def scope_entity(data: EvaluatorBase, scope: str) -> Entity | None:
    """The bloc or WLD a scope names, None when the data does not know it."""
    try:
        return data.store.entity(scope)
    except (UserError, KeyError, LookupError):
        return None


def _verdict(c: Rank, p: float | None, summary: str, ev: tuple[Evidence, ...] = (),
             gaps: tuple[str, ...] = (),
             caveats: tuple[str, ...] = (), checked: int | None = None) -> Verdict:
    period = str(checked) if checked is not None and checked != c.year else ""
    if p is None:
        return Verdict(c, Label.NOT_CHECKABLE, None, summary, ev, caveats=(*c.caveats,
                                                                         *caveats), gaps=gaps,
                       checked_period=period)
    return Verdict(c, label_for(p), p, summary, ev, caveats=(*c.caveats, *caveats), gaps=gaps,
                   checked_period=period)


def rank(data: EvaluatorBase, c: Rank) -> Verdict:
    if c.year is None:
        return _verdict(c, None, "Not checkable: no year for the rank.",
                        gaps=("no year in the text and no article date",))
    metric = SHARE if c.share_of_gdp else AMOUNT
    scope = scope_entity(data, c.scope)
    if scope is None:
        return _verdict(c, None, f"Not checkable: the data has no member list for "
                        f"'{c.scope}', so its countries cannot be ranked.",
                        gaps=(f"no member list for {c.scope}",))
    members: list[str] | None = None
    if scope.id != "WLD":
        on = date(c.year, 7, 1)
        members = sorted({m.member for m in data.store.members(scope.id, on)})
        if not members:
            return _verdict(c, None, f"Not checkable: the data has no member list for "
                            f"{scope.id}, so its countries cannot be ranked.",
                            gaps=(f"no member list for {scope.id}",))
    year: int = c.year
    caveats: tuple[str, ...] = ()
    world = [r for r in data._rows("WLD", AMOUNT, (year, year)) if r.value]
    if not world and not c.year_from_text:  # 'is the third-largest': the latest year held
        held = sorted({r.period.year for r in data.store.observations("WLD", AMOUNT)
                       if r.value and r.period.year < year})
        if held:
            year = held[-1]
            world = [r for r in data._rows("WLD", AMOUNT, (year, year)) if r.value]
            caveats = (f"year not written: checked against {year}, the latest year with a "
                       "world total in the data",)
    source = world[0].source if world and members is None else None
    figures = _by_country(data, metric, year, source)
    if members is not None:
        figures = {k: v for k, v in figures.items() if k in members}
    mine = figures.get(c.subject)
    if mine is None:
        return _verdict(c, None, f"Not checkable: no {metric} figure for {c.subject} in "
                        f"{year}.", gaps=(f"{metric} for {c.subject} in {year}",))
    value = mine.central
    sign = -1 if c.smallest else 1
    ordered = sorted(figures.values(), key=lambda r: -sign * r.central)
    r = 1 + sum(1 for x in ordered if sign * x.central > sign * value)
    missing: list[str] = []
    if members is not None:
        missing = [m for m in members if m not in figures]
        k = len(missing)
        unknown = f"{k} member(s) without a figure: {', '.join(missing[:8])}" if k else ""
    else:
        if not world:
            return _verdict(c, None, f"Not checkable: no world total of {AMOUNT} for "
                            f"{year}, so the countries without a figure cannot be bounded.",
                            gaps=(f"world military expenditure in {year}",))
        if metric == SHARE or c.smallest:
            return _verdict(c, None, "Not checkable: a world rank by share of GDP or from the "
                            "bottom needs every country's figure, and the data lacks some.",
                            gaps=("figures for every country in the world",))
        rest = max(0.0, world[0].central - sum(x.central for x in figures.values()))
        k = int(rest // value)
        unknown = (f"the countries without a figure spend ${rest / 1e9:.0f} bn in all (world "
                   f"total less the {len(figures)} countries counted), room for {k} above "
                   f"{c.subject}") if k else ""
    low, high = r, r + k
    if c.top:
        p: float | None = 1.0 if high <= c.position else 0.0 if low > c.position else None
    else:
        p = 1.0 if low == high == c.position else 0.0 if not low <= c.position <= high \
            else None
    top = ", ".join(f"{x.entity} {x.central / 1e9:.1f}" if metric == AMOUNT else
                    f"{x.entity} {x.central:.2f}%" for x in ordered[:max(5, r + 1)])
    where = f"#{r}" if k == 0 else f"#{low}–#{high}"
    summary = (f"{c.subject} is {where} in {scope.id} by {metric} in {year} "
               f"({mine.source}: {top}{' US$ bn' if metric == AMOUNT else ''})")
    ev = tuple(_evidence(x, None) for x in ordered[:max(5, r + 1)])
    gaps = (unknown,) if unknown else ()
    if p is None:
        return _verdict(c, None, f"Not checkable: {summary}; {unknown}, which could change "
                        "the rank.", ev, gaps, caveats, year)
    return _verdict(c, p, f"The rank is {label_for(p)}: {summary}"
                    + (f"; {unknown}, which cannot change the answer" if unknown else "")
                    + ".", ev, gaps, caveats, year)

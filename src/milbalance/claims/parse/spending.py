"""Spending figures: amounts of money (defence budgets and spending, GDP), shares of GDP, and
several of them quoted together for one subject (read as a consistency claim)."""

from __future__ import annotations

import re
from dataclasses import replace

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import (
    Attribution,
    Claim,
    Consistency,
    Level,
    Measure,
    NotCheckable,
    NotCheckableReason,
    Quantity,
    QuantityUnit,
    ShareOfGdp,
)
from milbalance.claims.parse.bounds import resolve_bound
from milbalance.claims.parse.common import (
    DEFENCE,
    GDP_LEVEL,
    money_purpose,
    neg_caveat,
    negation_cue,
    not_currency,
)
from milbalance.claims.parse.percent import (
    bare_percent,
    change_amount,
    is_norm,
    norm_reached,
    share_of,
)
from milbalance.claims.subjects import paired_subject, subject_before
from milbalance.claims.when import (
    RANGE,
    event_reading,
    figure_time,
    held_since,
    running_total,
    time_expressions,
    year_near,
)

_AS_SHARE = re.compile(r"\b(?:as\s+a|its|the)\s+(?:share|proportion|percentage)\s+of\s+"
                       r"(?:GDP|gross domestic product)\b", re.I)
"""'as a share of GDP' written before the per cents it qualifies."""


def spending(gaz: Gazetteer, text: str, quantities: list[Quantity], mentions: list[Mention],
              years: list[tuple[int, int]], common: dict[str, object],
              caveats: tuple[str, ...], ctx: Context,
              speaker: Attribution | None) -> list[Claim]:
    mentions = not_currency(text, mentions)
    money = [q for q in quantities if q.unit is QuantityUnit.MONEY]
    shares = [q for q in quantities if q.unit is QuantityUnit.PERCENT_GDP]
    if shares:  # "14% of GDP on Korea, 10% in Vietnam": the list shares the 'of GDP'
        shares += [q for q in quantities if q.unit is QuantityUnit.PERCENT
                   and q.start > shares[0].end and bare_percent(text, q)]
    elif (named := _AS_SHARE.search(text)) is not None:  # 'lower as a share of GDP, from
        shares = [q for q in quantities if q.unit is QuantityUnit.PERCENT  # 2.12% to 1.61%'
                  and named.end() <= q.start < named.end() + 60 and bare_percent(text, q)]
    # a share of GDP is a defence share only when its own noun phrase is not another
    # quantity's ('a budget deficit of 2.6% of GDP', 'debt of 20% of GDP'); a bare per cent
    # in the list after it is the same quantity's ('a deficit of 0.9% of GDP against 1.8%')
    kept, other = [], False
    for q in sorted(shares, key=lambda x: x.start):
        if q.unit is QuantityUnit.PERCENT_GDP or share_of(text, q) == "other":
            other = share_of(text, q) == "other"
        if not other:
            kept.append(replace(q, unit=QuantityUnit.PERCENT_GDP))
    # 'the guideline of 2%' is no level; 'met the 2% target' is a level of at least 2%
    kept = [q for q in kept if not change_amount(text, q)]  # 'raise spending by 1.5% of GDP'
    shares = [q if not is_norm(text, q) else
              replace(q, bound=reached, strict=reached == "at-most", approximate=False)
              for q in kept if not is_norm(text, q) or (reached := norm_reached(text, q))]
    if not money and not shares:
        return []
    if money and not shares and not DEFENCE.search(text) and not GDP_LEVEL.search(text):
        if ctx.topic != "military_expenditure":
            return []
        caveats = (*caveats, "read as defence spending, the topic of the sentence before: "
                   "taken from context")
    periods = [t for t in time_expressions(text, None) if t.kind == RANGE]
    figures = sorted((x.start, x.end) for x in quantities)
    out: list[Claim] = []
    subject = ""
    window_start = 0
    for q in sorted(money + shares, key=lambda x: x.start):
        cue = negation_cue(text, window_start, q.start)
        window_start = q.end
        inside = [m for m in mentions if q.start <= m.start < q.end]
        pair = paired_subject(text, mentions, q.start)
        subject, caveat = (inside[0].entity, inside[0].caveat) if inside else \
            (pair.entity, pair.caveat) if pair is not None else \
            subject_before(gaz, text, mentions, q.start, ctx, speaker)
        if not subject:
            continue
        qyear, from_text = year_near(text, q.start, q.end, years, common["year"],  # type: ignore[arg-type]
                                     figures)
        from_text = from_text or bool(common["year_from_text"])
        when = figure_time(text, q.start, q.end, ctx.on, figures)
        if q.unit is QuantityUnit.MONEY and (total := running_total(when)):
            out.append(NotCheckable(reason=NotCheckableReason.UNRESOLVED, explanation=total,
                                    **common))  # type: ignore[arg-type]
            continue
        span = None
        cav = tuple(dict.fromkeys([*caveats, *([caveat] if caveat else [])]))
        if when is not None and (held := held_since(when)):  # a share since a date
            qyear, from_text, cav = when.year, True, (*cav, held)
        elif when is not None and (event := event_reading(when)):  # 'when Russia launched …'
            qyear, from_text, cav = when.year, True, (*cav, event)
        if periods:
            period = ([t for t in periods if t.start >= q.end] or periods)[0]
            span, qyear, from_text = period.years, period.year, True
            cav += (f"'{period.text}' read as {period.note}; each source's highest year "
                    f"in {span[0]}–{span[1]} is compared",)
        q, negated, bound_caveats = resolve_bound(text, q, cue)
        cav += tuple(bound_caveats)
        if negated:
            cav += (neg_caveat(cue),)
        fields = {**common, "year": qyear, "year_from_text": from_text, "caveats": cav,
                  "negated": negated}
        if q.unit is QuantityUnit.PERCENT_GDP:
            out.append(ShareOfGdp(subject=subject, quantity=q, years=span,
                                  **fields))  # type: ignore[arg-type]
        else:
            window = text[max(0, q.start - 45):q.start] + text[q.end:q.end + 12]
            is_gdp = bool(GDP_LEVEL.search(window)) and not DEFENCE.search(
                text[max(0, q.start - 30):q.start])
            if not is_gdp and money_purpose(text, q.start, q.end, figures) == "other":
                continue  # 'funding for internal security … 3.9 trillion': not defence
            item, measure = ("gdp", Measure.GDP) if is_gdp else (
                "military_expenditure", Measure.EXPENDITURE)
            if not is_gdp:
                fields["caveats"] = (*cav, "defence spending: compared with SIPRI's "
                                     "military expenditure and budget definitions")
            out.append(Level(subject=subject, item=item, measure=measure, quantity=q,
                             years=span, **fields))  # type: ignore[arg-type]
    spend = [c for c in out if isinstance(c, Level | ShareOfGdp)]
    bases = {("share" if isinstance(c, ShareOfGdp) else
              f"{c.item}:{c.quantity.currency}") for c in spend}
    subjects = {c.subject for c in spend}
    if len(bases) >= 2 and len(subjects) == 1 and not periods:
        out.append(Consistency(subject=next(iter(subjects)),
                               quantities=tuple(c.quantity for c in spend),
                               **{**common, "caveats": caveats}))  # type: ignore[arg-type]
    return out

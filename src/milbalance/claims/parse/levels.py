"""Levels of counted things: 'Russia produced 2 million shells in 2023', '40,000 rounds a
month', '4 million shells in stock' (what the figure counts is read from its own clause)."""

from __future__ import annotations

import re
from dataclasses import replace

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import (
    Claim,
    Level,
    Measure,
    NotCheckable,
    NotCheckableReason,
    Quantity,
    QuantityUnit,
)
from milbalance.claims.numbers import rate_note
from milbalance.claims.parse.bounds import resolve_bound
from milbalance.claims.parse.common import (
    PROJECTION,
    item_for,
    measure_near,
    neg_caveat,
    negation_cue,
    not_currency,
)
from milbalance.claims.subjects import subject_before
from milbalance.claims.when import (
    DEADLINE,
    event_reading,
    figure_time,
    held_since,
    in_a_month,
    level_at_since,
    running_total,
    year_near,
)

_MAKING = re.compile(r"\b(?:production|produc(?:e|es|ed|ing)|output|manufactur\w*|"
                    r"capacity)\b", re.I)
"""A sentence about making something that does not name the item: it is the item of the
sentence before ('The U.S. makes 28,000 155 mm shells a month. The Army plans to raise
production to 60,000 per month in 2024.')."""


def levels(gaz: Gazetteer, text: str, quantities: list[Quantity], mentions: list[Mention],
            years: list[tuple[int, int]], common: dict[str, object],
            caveats: tuple[str, ...], ctx: Context) -> list[Claim]:
    mentions = not_currency(text, mentions)
    out: list[Claim] = []
    counted = [q for q in quantities if q.unit in (QuantityUnit.COUNT, QuantityUnit.RATE)]
    item_default, item_caveat = item_for(gaz, text)
    if not item_default and ctx.topic and ctx.topic != "military_expenditure" and \
            _MAKING.search(text):  # 'increasing production to 60,000 per month'
        item_default = ctx.topic
        item_caveat = (f"read as {ctx.topic}, the topic of the sentence before: taken from "
                       "context")
    previous_end = 0
    listed: Measure | None = None
    figures = sorted((x.start, x.end) for x in quantities)
    for q in counted:
        item, cav = q.item, ""
        if not item:
            item, cav = item_default, item_caveat
        else:
            cav = next((i.caveat for i in gaz.item_mentions(text[q.start:q.end + 1])
                        if i.caveat), "")
        if not item:
            continue
        subject, scav = subject_before(gaz, text, mentions, q.start, ctx)
        if not subject:
            continue
        measure = measure_near(text, previous_end, q.start, q.end,
                               listed if previous_end else None)
        listed = measure
        window_start, previous_end = previous_end, q.end
        qyear, from_text = year_near(text, q.start, q.end, years, common["year"],  # type: ignore[arg-type]
                                     figures)
        from_text = from_text or bool(common["year_from_text"])
        cv = [*caveats, *filter(None, [cav, scav])]
        when = figure_time(text, q.start, q.end, ctx.on, figures)
        if q.unit is QuantityUnit.COUNT and (total := running_total(when)):
            out.append(NotCheckable(reason=NotCheckableReason.UNRESOLVED, explanation=total,
                                    **common))  # type: ignore[arg-type]
            continue
        if when is not None and when.kind == DEADLINE:
            measure, qyear, from_text = Measure.TARGET, when.year, True
            cv.append(f"{when.note}: read as a target")
        elif when is not None and (start := level_at_since(text, q.start, when)):
            qyear, from_text = when.years[0], True  # 'grown from X since 2022': X in 2022
            cv.append(start)
        elif held := held_since(when):  # a rate since a date: held till the date said
            qyear, from_text = when.year if when else qyear, True
            cv.append(held)
        elif event := event_reading(when):  # 'when Russia launched …', 'last year'
            qyear, from_text = when.year if when else qyear, True
            cv.append(event)
        cv += filter(None, [rate_note(q)])
        if PROJECTION.search(text[max(0, q.start - 40):q.start]):
            cv.append("a projection for the year, compared with estimates of actual output")
        if q.unit is QuantityUnit.COUNT and in_a_month(text, q.end):
            q = replace(q, value=q.value * 12, unit=QuantityUnit.RATE, per="month")
            cv.append("a count for one named month, annualised (×12)")
        elif q.unit is QuantityUnit.COUNT and measure in (Measure.OUTPUT,
                                                          Measure.CAPACITY):
            cv.append("a total, not an annual rate: compared as the year's figure")
        cue = negation_cue(text, window_start, q.start)
        q, negated, bound_caveats = resolve_bound(text, q, cue)
        cv += bound_caveats
        if negated:
            cv.append(neg_caveat(cue))
        out.append(Level(subject=subject, item=item, measure=measure, quantity=q,
                         **{**common, "year": qyear, "year_from_text": from_text,
                            "caveats": tuple(dict.fromkeys(cv)),
                            "negated": negated}))  # type: ignore[arg-type]
    return out

"""Changes and records: 'doubled since 2022', 'up 14-fold', 'rose 40%', 'from 400,000 in
2022 to 4.5 million in 2024'; 'the highest since 1990', 'levels not seen in decades'."""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import AMMUNITION_CAVEAT, Gazetteer, Mention
from milbalance.claims.kinds import (
    Change,
    Claim,
    Measure,
    NotCheckable,
    NotCheckableReason,
    Quantity,
    QuantityUnit,
    Record,
)
from milbalance.claims.numbers import MULTIPLIER, multiplier_value
from milbalance.claims.parse.change_base import without_base
from milbalance.claims.parse.change_words import change_words
from milbalance.claims.parse.common import (
    ECONOMY_ASIDE,
    figure,
    item_for,
    measure_of,
    money_purpose,
    neg_caveat,
    negation_cue,
    not_currency,
)
from milbalance.claims.parse.comparison import TIMES_AS
from milbalance.claims.subjects import subject_before
from milbalance.claims.when import since as since_of
from milbalance.claims.when import since_event, since_near, year_in

RECORD_SPAN_DECADES = 20
"""'Not seen in decades' read in its weakest sense: at least two decades (20 years)."""

_RECORD = re.compile(
    r"\b(?:highest|largest|biggest|most|greatest|record|peak)\b[^.;]{0,60}?\bsince\s+"
    r"(?P<since>[^,.;]+)|\b(?:not seen|unseen|unprecedented)\s+(?:since\s+(?P<since2>[^,.;]+)|"
    r"in\s+(?P<decades>decades|a generation|half a century|a century))|"
    r"\b(?:more than|most)\b[^.;]{0,40}\bin\s+(?P<decades2>decades)\b|"
    r"\ba record\b|\brecord[- ]high\b|\bfor the first time since\s+(?P<since3>[^,.;]+)", re.I)
_CHANGE_NOUN = re.compile(r"\b(?:increases?|rises?|uptick|jump|growth|surge|hike|boost|gain|"
                          r"falls?|drops?|declines?|cuts?|decreases?|reduction|contraction|"
                          r"year-on-year|annual)\b", re.I)
"""'the most substantial uptick since 2009': a record of a change, not of the level (the
size of a change is no series the data hold)."""
_PAST_PLAN = re.compile(r"\b(?:had\s+)?(?:planned|intended|aimed|hoped|pledged|promised)\s+to\b|"
                        r"\b(?:was|were)\s+(?:set|due|supposed|meant)\s+to\b", re.I)
"""'In 2023 it planned to cut spending by 21%': a past plan, not a change that happened."""
_ASIDE_NAME = re.compile(r"\b(?:including|excluding|except|such as|like|besides)\s+"
                         r"(?:the\s+)?$", re.I)
"""'Spending in Europe, including Russia, rose 17%': a name in an aside is not the subject."""
_RANK_WORD = re.compile(r"\b(?:largest|biggest|top|leading)\s+(?:military\s+|defen[cs]e\s+)?"
                        r"(?:spender|budget|producer|supplier|manufacturer)", re.I)
_GROWTH_PCT = re.compile(r"\b(?:grew|rose|increased|up|growth of|increase of|jumped|"
                         r"climbed)\s+"
                         r"(?:by\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)", re.I)
_FIGURE = r"\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|thousand|bn|m)\b)?"
_NOT_PCT = r"(?![\d.,]*\s*(?:%|per\s?cent|percent))"
_FROM_TO = re.compile(rf"\bfrom\s+(?:about\s+|some\s+)?(?P<a>{_FIGURE}){_NOT_PCT}"
                      rf"(?P<mid>[^.;]{{0,40}}?)"
                      rf"\bto\s+(?:about\s+|some\s+)?(?P<b>{_FIGURE}){_NOT_PCT}", re.I)
"""'rose from 400,000 in 2022 to 4.5 million in 2024': a change given by its two ends.
Per cents are left alone: 'from 41% to 38%' of a budget is a change in a share, not in
the level."""


_SHARE_OF = re.compile(r"\s+of\s+(?!the\s+(?:previous|prior|last)\b)", re.I)


def change_and_record(gaz: Gazetteer, text: str, quantities: list[Quantity],
                      mentions: list[Mention], common: dict[str, object], caveats: tuple[str, ...],
                      ctx: Context) -> list[Claim]:
    mentions = not_currency(text, mentions)
    mentions = [m for m in mentions if not _ASIDE_NAME.search(text, 0, m.start)]
    out: list[Claim] = []
    subject, scav = subject_before(gaz, text, mentions, len(text), ctx)
    item, icav = item_for(gaz, text)
    spending_words = False
    if not subject and not mentions:
        return out  # nobody named: a change of no one (a subject after an unknown state
        #             at the end, 'since the collapse of the Soviet Union', is found below)
    if not item:
        if re.search(r"\bspen[dt]|budget|\bexpenditure", text, re.I):
            item = "military_expenditure"
            spending_words = True
        elif ctx.topic:  # 'the figure shows an increase of 9%': the sentence before's item
            item, icav = ctx.topic, (f"read as {ctx.topic}, the topic of the sentence "
                                     "before: taken from context")
        else:
            item, icav = "artillery_shells", "no item named; " + AMMUNITION_CAVEAT
    measure = (Measure.EXPENDITURE if item == "military_expenditure"
               else measure_of(text))
    cv = tuple(dict.fromkeys([*caveats, *filter(None, [scav, icav])]))
    # 'rose 75% in 2023, the biggest rise since 2009': that 'since' is the record's, not
    # the change's base
    rec = _RECORD.search(text)
    masked = text if rec is None else text[:rec.start()] + " " * len(rec.group(0)) \
        + text[rec.end():]
    since = since_of(masked, ctx.on)
    factor: float | None = None
    change_at = 0
    words = change_words(text) if not ECONOMY_ASIDE.search(text) else None
    if words is not None:
        factor, change_at = words.factor, words.start
    elif TIMES_AS.search(text) and re.search(r"\b(?:as|than)\b", text):
        pass  # "N times as much as B" with no subject: an unresolved comparison
    elif (m := MULTIPLIER.search(text)) is not None and not ECONOMY_ASIDE.search(text):
        factor = multiplier_value(m)
        change_at = m.start()
    elif (g := _GROWTH_PCT.search(text)) is not None:
        factor = 1 + float(g["n"]) / 100
        change_at = g.start()
    else:
        same = [q for q in quantities if q.item == item and q.unit in
                (QuantityUnit.RATE, QuantityUnit.COUNT)]
        if len(same) >= 2 and re.search(r"\bfrom\b.*\bto\b", text, re.I) and same[0].value:
            factor = same[1].value / same[0].value
    if factor is None and (ft := _FROM_TO.search(text)) is not None:
        a, b = figure(ft["a"]), figure(ft["b"])
        if a and b:
            factor, change_at = b / a, ft.start()
            if (y := year_in(ft["mid"])) is not None:
                since = y
    if factor is not None and spending_words and money_purpose(
            text, change_at, change_at + 1) == "other":
        factor = None  # 'a 13% cut in social spending': a change, but not of defence spending
    if factor is not None:
        subject, scav = subject_before(gaz, text, mentions, change_at, ctx)
        cv = tuple(dict.fromkeys([*caveats, *filter(None, [scav, icav])]))
        cue = negation_cue(text, 0, change_at + 1)
        since = since_near(masked, ctx.on, change_at)
        extra, fields = without_base(text, words, since, common, ctx)
        if (plan := _PAST_PLAN.search(text, 0, change_at + 1)) is not None:
            out.append(NotCheckable(reason=NotCheckableReason.FORECAST, explanation=(
                f"a plan told in the past ('{plan.group(0)}'): the sentence does not say the "
                "change happened"), **{**common, "caveats": cv}))  # type: ignore[arg-type]
            factor = None
    if factor is not None and subject:
        out.append(Change(subject=subject, item=item, measure=measure, factor=factor,
                          **{**common, **fields, "negated": bool(cue), "caveats": (
                              *cv, *extra, *([neg_caveat(cue)] if cue else []))}))  # type: ignore[arg-type]
    share = any(q.unit is QuantityUnit.PERCENT_GDP or (
        q.unit is QuantityUnit.PERCENT and _SHARE_OF.match(text, q.end)) for q in quantities)
    #   a share ('7% of GDP', '40% of all expenditures'): a record or first in the sentence
    #   is the share's, not the level's
    if share and words is not None and words.first_since_text:
        out = [c for c in out if not isinstance(c, Change)]  # 'topped 2% of GDP for the
        #   first time since 1991': a first of the share, not a change of the level
    if subject and not share and (r := _RECORD.search(text)) is not None and \
            not _CHANGE_NOUN.search(r.group(0)) and not (
            words is not None and words.first_since_text and r["since3"]) and not (
            r["since3"] and _RANK_WORD.search(text)):  # first time since … the largest: a rank
        since_text = r["since"] or r["since2"] or r["since3"] or ""
        rsince = since_event(since_text)
        span = RECORD_SPAN_DECADES if (r["decades"] or r["decades2"]) and rsince is None \
            else 0
        rcv = cv + ((f"'in decades' read as at least {RECORD_SPAN_DECADES} years",)
                    if span else ())
        cue = negation_cue(text, 0, r.start() + 1)
        if cue:
            rcv += (neg_caveat(cue),)
        out.append(Record(subject=subject, item=item, measure=measure, since=rsince,
                          span_years=span, **{**common, "caveats": rcv,
                                              "negated": bool(cue)}))  # type: ignore[arg-type]
    return out

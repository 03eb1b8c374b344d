"""Shares of GDP in a named war against a country now: "the US spent a higher share of GDP
on defence during the Korean and Vietnam wars than Russia does today", "allocated even higher
percentages of GDP to defense during past conflicts such as the Korean and Vietnam Wars".

Reading (one Comparison per named period, ``subject_years`` = the period, the subject the
side that had the war): the comparison word ('higher', 'lower', 'a larger share', …) before or
after the share phrase ('share of GDP', 'percentage(s) of GDP', 'per cent of GDP') sets the
direction. The side the period is written with is the war side: the name before the
comparison word, unless every period is written after 'than' with a name there ('Russia
spends more of its GDP today than the US did in Vietnam': the US had the war, and has less).
The other side is the name after 'than'; with none written, the speaker's country when the
speaker's words name one ('Russia's president'), else the article's main subject, else the
same country now — all said on the claim. A speaker named with no country the text gives
('Putin said …' alone) leaves the counterpart unresolved: no claim.
"""

from __future__ import annotations

import re
from typing import Any

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Attribution, Comparison, Measure
from milbalance.claims.parse.common import negation_cue
from milbalance.claims.when import RANGE, period_notes, time_expressions

_SHARE = re.compile(r"(?<![\d.,]\s)(?<![\d.,])\b(?:share|proportion|percentages?|per\s?cents?)\s+"
                    r"of\s+(?:its\s+|their\s+|the\s+|national\s+)?(?:GDP|gross domestic "
                    r"product|economic output|national income)\b|\b(?:more|less)\s+of\s+(?:its\s+|"
                    r"their\s+)?(?:GDP|gross domestic product|national income)\b", re.I)
"""A share of GDP named ('a higher share of GDP', 'more of its GDP'), not a figure ('37 per
cent of GDP' is a level, not this kind)."""
_NOT_THIS = re.compile(r"\bthan\s+(?:about\s+|some\s+|around\s+|nearly\s+|almost\s+)?"
                       r"(?:[\d$€£]|(?:in|at|during)\s+any\b|ever\b)", re.I)
"""'more than 40%' is a bound; 'higher than in any year since' a record."""
_MORE = r"higher|larger|greater|bigger|more"
_LESS = r"lower|smaller|less"
_DIRECTION = re.compile(rf"\b(?P<word>{_MORE}|{_LESS})\b", re.I)
_THAN = re.compile(r"\bthan\b", re.I)


def historical(gaz: Gazetteer, text: str, mentions: list[Mention], claims: list[Comparison],
               common: dict[str, object], caveats: tuple[str, ...], ctx: Context,
               speaker: Attribution | None) -> list[Comparison]:
    """``claims`` with the sentence's share-of-GDP comparisons across a named period read
    as the module docstring says (replacing any other reader's reading of them)."""
    found = read(gaz, text, mentions, common, caveats, ctx, speaker)
    if not found:
        return claims
    pairs = {frozenset((c.subject, c.other)) for c in found}
    # another reader's reading of the same comparison ('a larger proportion of its GDP'
    # read as GDP itself, 'the wars in Korea and Vietnam' read as the US against Vietnam)
    # gives way
    kept = [c for c in claims if not c.share_of_gdp and c.subject_years is None
            and frozenset((c.subject, c.other)) not in pairs]
    return [*kept, *found]


def read(gaz: Gazetteer, text: str, mentions: list[Mention], common: dict[str, object],
         caveats: tuple[str, ...], ctx: Context,
         speaker: Attribution | None) -> list[Comparison]:
    share = _SHARE.search(text)
    periods = [t for t in time_expressions(text, None) if t.kind == RANGE]
    if share is None or not periods:
        return []
    word = next((m for m in _DIRECTION.finditer(text)
                 if -40 <= share.start() - m.end() <= 40 or
                 0 <= m.start() - share.end() <= 60), None)
    if word is None:
        return []
    than = _THAN.search(text, word.end())
    if than is not None and _NOT_THIS.match(text, than.start()):
        return []
    more = re.fullmatch(_MORE, word["word"], re.I) is not None
    named = [m for m in mentions if m.kind.value in ("country", "bloc")
             and all(m.end <= t.start or m.start >= t.end for t in periods)]
    trigger = min(word.start(), share.start())
    before = [m for m in named if m.start < trigger]
    after = [m for m in named if than is not None and m.start >= than.end()]
    notes: list[str] = []
    war = before[-1].entity if before else ""
    if not war and ctx.last_entity:
        war = ctx.last_entity
        notes.append(f"the subject read as {war}, named earlier in the article: taken from "
                     "context")
    if not war:
        return []
    now = after[0].entity if after else ""
    if than is not None and now and all(t.start >= than.end() for t in periods):
        war, now, more = now, war, not more  # 'A spends more now than B did in the war'
    if not now:
        now, how = _counterpart(gaz, war, ctx, speaker)
        if not now:
            return []
        notes.append(how)
    subject_end = before[-1].end if before else 0
    if (cue := negation_cue(text, subject_end, trigger + 12)):
        more = not more
        notes.append(f"'{cue}' read as a denial: the comparison is turned round")
    notes.append("read as the peak share of GDP in each named period against the latest "
                 "share now, on every definition the data hold (military expenditure, "
                 "national-defence outlays)")
    notes += period_notes(text)
    fields: dict[str, Any] = {**common, "caveats": tuple(dict.fromkeys([*caveats, *notes]))}
    return [Comparison(subject=war, other=now, item="military_expenditure",
                       measure=Measure.EXPENDITURE, more=more, share_of_gdp=True,
                       subject_years=t.years, **fields) for t in periods]


def _counterpart(gaz: Gazetteer, war: str, ctx: Context,
                 speaker: Attribution | None) -> tuple[str, str]:
    """The country compared with when no name follows 'than', and how it was found."""
    if speaker is not None and not speaker.cited:
        said = " ".join(filter(None, (speaker.speaker, speaker.entity)))
        countries = [m.entity for m in gaz.mentions(said) if m.kind.value == "country"]
        if countries:
            return countries[0], (f"no counterpart named: compared with {countries[0]} now, "
                                  f"the speaker's country ('{said}'): taken from context")
        if ctx.main_subject and ctx.main_subject != war:
            return ctx.main_subject, (f"no counterpart named: compared with "
                                      f"{ctx.main_subject} now, the article's main subject "
                                      "(the speaker's country is not written): taken from "
                                      "context")
        return "", ""
    if ctx.main_subject and ctx.main_subject != war:
        return ctx.main_subject, (f"no counterpart named: compared with {ctx.main_subject} "
                                  "now, the article's main subject: taken from context")
    return war, f"no counterpart named: compared with {war} now, the same country"

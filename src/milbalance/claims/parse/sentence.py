"""One sentence → its claims: the pieces (speaker, figures, names, years) are read once, then
each kind's reader (comparison, spending, levels, change and record) looks for its claims,
and the opinion / forecast gate decides whether any of them stands."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date

from milbalance.claims.context import Context, date_caveats, referents
from milbalance.claims.gazetteer import Gazetteer
from milbalance.claims.kinds import (
    Attribution,
    AttributionClaim,
    Change,
    Claim,
    Level,
    NotCheckable,
    NotCheckableReason,
    Quantity,
    ShareOfGdp,
)
from milbalance.claims.numbers import find_quantities
from milbalance.claims.parse.attribution import attribution, attribution_claim
from milbalance.claims.parse.change import change_and_record
from milbalance.claims.parse.common import ECONOMY_ASIDE, HEDGE, span_free
from milbalance.claims.parse.comparison import comparison
from milbalance.claims.parse.gate import not_checkable as gate
from milbalance.claims.parse.historical import historical
from milbalance.claims.parse.levels import levels
from milbalance.claims.parse.lists import listed_changes
from milbalance.claims.parse.more_kinds import more_kinds
from milbalance.claims.parse.ratio_compare import ratio_comparisons
from milbalance.claims.parse.spending import spending
from milbalance.claims.reading import yearly_statistic
from milbalance.claims.subjects import add_we, groups
from milbalance.claims.when import (
    fiscal_notes,
    now_caveats,
    past_tense,
    sentence_year,
    stated_on,
    years_in,
)


@dataclass(frozen=True)
class Parse:
    """A sentence's claims, or why it has none (``not_checkable`` or ``skipped``)."""

    sentence: str
    claims: tuple[Claim, ...] = ()
    not_checkable: NotCheckable | None = None
    skipped: str = ""
    attribution: Attribution | None = None
    entities: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class _Pieces:
    """What a sentence's text alone decides, read once per text (see ``Parser._pieces``)."""

    day: date | None  # the date the sentence says a statement was made
    aside: tuple[tuple[int, int], ...]  # spans of asides on the economy
    quantities: tuple[Quantity, ...]  # figures outside the asides
    years: tuple[tuple[int, int], ...]  # (year, position) outside the figures
    hedge: str | None  # the hedging words, if any


_SEEN_MAX = 4096
"""Texts (and text-date pairs) whose pieces a Parser keeps; emptied when full."""


class Parser:
    """Reads sentences with one gazetteer; ``parse`` never raises on text.

    ``parse`` must stay a function of (sentence, context, gazetteer) alone, its result made
    of immutable parts: readings are remembered by those and handed out again as deep
    copies (see ``parse``). A rule that reads anything else (the clock, a counter, the
    article beyond the context) must become part of ``Context`` first."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._seen_pieces: dict[str, _Pieces] = {}
        self._seen_parses: dict[tuple[str, Context | None], tuple[Parse, Context | None]] = {}
        self._seen_said: dict[tuple[str, date | None], tuple[Attribution | None,
                                                             tuple[tuple[int, int], ...]]] = {}

    def attribution(self, sentence: str, on: date | None) -> tuple[Attribution | None,
                                                                     list[tuple[int, int]]]:
        """Who the sentence says is speaking, and the character spans naming them."""
        return self._attribution(sentence, on)

    def _attribution(self, text: str, on: date | None) -> tuple[Attribution | None,
                                                                 list[tuple[int, int]]]:
        """``attribution``, remembered per (text, date); every call gets an Attribution of
        its own (a copy), as a fresh reading would: the article tells a speaker carried from
        the sentence before from the sentence's own by identity."""
        key = (text, on)
        seen = self._seen_said.get(key)
        if seen is None:
            found, named = attribution(self.gaz, text, on)
            seen = (found, tuple(named))
            if len(self._seen_said) >= _SEEN_MAX:
                self._seen_said.clear()
            self._seen_said[key] = seen
        said, spans = seen
        return (None if said is None else copy.copy(said)), list(spans)

    def _pieces(self, text: str) -> _Pieces:
        """The date said, asides, figures, years and hedge of a text, remembered per text:
        the article reads a sentence more than once and a corpus repeats sentences."""
        seen = self._seen_pieces.get(text)
        if seen is not None:
            return seen
        aside = [(m.start(), m.end()) for m in ECONOMY_ASIDE.finditer(text)]
        quantities = [q for q in find_quantities(text, self.gaz.item_after)
                      if span_free(q.start, q.end, aside)]
        taken = [(q.start, q.end) for q in quantities]
        hedge = HEDGE.search(text)
        seen = _Pieces(stated_on(text), tuple(aside), tuple(quantities),
                       tuple(years_in(text, taken)), None if hedge is None else hedge.group(0))
        if len(self._seen_pieces) >= _SEEN_MAX:
            self._seen_pieces.clear()
        self._seen_pieces[text] = seen
        return seen

    def parse(self, sentence: str, context: Context | None = None) -> Parse:
        """All claims in one sentence (see the module docstring for what is recognised).

        A sentence read before in the same context (a corpus repeats paragraphs) gives a
        copy of the reading it gave then, as new as a fresh reading: a copy that refers to
        this context's speaker where the first referred to that context's, so the article
        tells a carried speaker from a sentence's own just as before."""
        key = (sentence, context)
        try:
            seen = self._seen_parses.get(key)
        except TypeError:  # a context with an unhashable part: read every time
            return self._parse(sentence, context)
        if seen is not None:
            first, then = seen
            same: dict[int, object] = {}
            if then is not None and context is not None:
                same = {id(then): context, id(then.speaker): context.speaker,
                        id(then.on): context.on}
            return copy.deepcopy(first, same)
        found = self._parse(sentence, context)
        if len(self._seen_parses) >= _SEEN_MAX:
            self._seen_parses.clear()
        self._seen_parses[key] = (found, context)
        return found

    def _parse(self, sentence: str, context: Context | None) -> Parse:
        gaz = self.gaz
        ctx = context or Context()
        text = sentence.strip()
        if not text:
            return Parse(sentence, skipped="empty sentence")
        if text.rstrip("*_ ").endswith("?"):
            return Parse(sentence, skipped="a question, not a claim")
        pieces = self._pieces(text)
        if (day := pieces.day) is not None:
            ctx = replace(ctx, on=day)
        said, said_spans = self._attribution(text, ctx.on)
        speaker = (said if said is None or not said.cited else None) or ctx.speaker
        aside = list(pieces.aside)
        quantities = list(pieces.quantities)
        mentions = [m for m in gaz.mentions(text)
                    if span_free(m.start, m.end, said_spans + aside)]
        mentions = add_we(gaz, text, mentions, speaker)
        mentions = referents(gaz, text, mentions, ctx)  # 'the country', 'it': from context
        mentions, group_caveats = groups(gaz, text, mentions)
        entities = tuple(dict.fromkeys(m.entity for m in mentions))
        years = list(pieces.years)
        year, from_text = sentence_year(text, years, ctx.on)
        said_year = year
        year_context = _year_before(text, from_text, ctx) or _last_full_year(
            text, from_text, ctx, speaker)
        if year_context:
            year = ctx.year_before if ctx.year_before is not None else year - 1  # type: ignore[operator]
        base_caveats = tuple(dict.fromkeys([*(m.caveat for m in mentions if m.caveat),
                                            *group_caveats,
                                            *((f"year {year} taken from context: "
                                               f"{year_context}",) if year_context
                                              else date_caveats(ctx, from_text)),
                                            *now_caveats(text, years, ctx.on),
                                            *fiscal_notes(text)]))
        common: dict[str, object] = {"text": text, "year": year,
                                     "year_from_text": from_text, "attribution": speaker,
                                     "said_on": ctx.on.isoformat() if ctx.on else ""}
        if year_context:
            common.update(year_context=year_context, inferred=(("year", year_context),))
        if (hedge := pieces.hedge) is not None:
            common["hedge"] = hedge
            base_caveats = (*base_caveats, f"hedged ('{hedge}'): reported as likely "
                            "or possible, not asserted; checked as if asserted")

        claims: list[Claim] = []
        compared = comparison(gaz, text, mentions, quantities, common, base_caveats, ctx)
        compared = ratio_comparisons(gaz, text, mentions, compared, common, base_caveats,
                                     ctx)
        compared = historical(gaz, text, mentions, compared, common, base_caveats, ctx, speaker)
        claims += compared
        claims += spending(gaz, text, quantities, mentions, years, common, base_caveats, ctx,
                           speaker)
        if not compared:
            claims += levels(gaz, text, quantities, mentions, years, common, base_caveats, ctx)
            claims += change_and_record(gaz, text, quantities, mentions, common, base_caveats,
                                        ctx)
            if not any(isinstance(c, Change) for c in claims):
                claims += listed_changes(text, mentions, common, base_caveats)
        claims = more_kinds(gaz, text, mentions, common, base_caveats, ctx, claims)
        if year_context:
            claims = [_settle_year(c, year, said_year) for c in claims]
        sides = {m.entity for m in mentions if m.kind.value in ("country", "bloc")}
        if len(sides) > 1:
            claims = [_one_of_several(c) for c in claims]
        if (said_claim := attribution_claim(said, text, claims, entities, common)) is not None:
            claims.append(said_claim)
        checkable = [c for c in claims if not isinstance(c, AttributionClaim)]
        not_checkable = gate(text, bool(quantities), common)
        strong = [c for c in checkable if not isinstance(c, Level)]
        if not_checkable is not None and (not checkable or (
                not_checkable.reason is NotCheckableReason.OPINION and not strong)):
            return Parse(text, (), not_checkable, attribution=said, entities=entities)
        if not checkable:
            reason = ("names no entity the data knows" if quantities and not mentions
                      else "no figure, comparison, change or record to check")
            return Parse(text, tuple(claims), skipped=reason, attribution=said,
                         entities=entities)
        return Parse(text, tuple(claims), attribution=said, entities=entities)


def _year_before(text: str, from_text: bool, ctx: Context) -> str:
    """Where the year of a sentence that writes none comes from when the sentence before
    wrote one: a past-tense report ('Poland's budget reached $31.6 billion') after 'Poland's
    spending rose 75% in 2023' is about 2023, not the year the article appeared. '' when
    the sentence sets its own time or speaks of the present."""
    if from_text or ctx.year_before is None or ctx.on is None or \
            ctx.year_before >= ctx.on.year or not past_tense(text):
        return ""
    return "the year the sentence before wrote"


def _last_full_year(text: str, from_text: bool, ctx: Context,
                    speaker: Attribution | None) -> str:
    """A report in the simple past with no year ('SIPRI notes that Russia's spending went up
    38 percent to an estimated $149 billion', April 2025) is about the last full year. Not
    for a person speaking (a government's own figures are its current budget year: the
    ``now`` rule decides those), nor where the article set the date ('As of June 2025')."""
    if from_text or ctx.on is None or ctx.on_from or not past_tense(text) or (
            speaker is not None and not speaker.cited):
        return ""
    return LAST_FULL_YEAR


LAST_FULL_YEAR = "assumed: the last full year before the article (a past tense, no year written)"


def _settle_year(claim: Claim, context_year: int | None, said_year: int | None) -> Claim:
    """A claim whose year the sentence's context set, checked once its own figure is read:
    a figure with a time of its own ('before the full-scale invasion') keeps that time and
    drops the context; the last-full-year reading is for statistics published for whole
    years ('Russia spent $149 billion', a change of spending), not for output, stocks or
    run-rates ('Russia produced 2 million shells'), read at the date said instead."""
    if not claim.year_context:
        return claim
    own_time = claim.year_from_text or claim.year != context_year
    if not own_time and (not claim.year_context.startswith(LAST_FULL_YEAR)
                         or yearly_statistic(claim) or isinstance(claim, Change)):
        return claim
    return replace(claim, year=claim.year if own_time else said_year, year_context="",
                   inferred=tuple(x for x in claim.inferred if x[1] != claim.year_context),
                   caveats=tuple(c for c in claim.caveats
                                 if not c.endswith(f"taken from context: {claim.year_context}")))


ONE_OF_SEVERAL = "one of several the sentence names: the one the figure stands nearest"


def _one_of_several(claim: Claim) -> Claim:
    """A figure in a sentence that names several countries or blocs ('Israel came second
    after Saudi Arabia, with $27.5 billion') belongs to the one it is read with by position,
    not by the sentence's grammar: its subject is marked as read, so a disagreement with the
    data is no refutation (a match still supports it)."""
    if not isinstance(claim, Level | ShareOfGdp | Change) or any(p == "subject"
                                                        for p, _ in claim.inferred):
        return claim
    return replace(claim, inferred=(*claim.inferred, ("subject", ONE_OF_SEVERAL)))

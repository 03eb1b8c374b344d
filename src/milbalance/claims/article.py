"""Whole texts: split into sentences (``split``), parse each with what the article has told
so far (``context``: its date and the dates it wrote once, the speaker whose words a sentence
reports, the entities 'the country', 'the alliance' and 'it' stand for), evaluate every
claim, and collect the result in the shape the CLI prints (see ``report``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from milbalance.claims.context import (
    Context,
    continues_speech,
    dateline_date,
    main_subject,
    norm_named,
    opening_date,
)
from milbalance.claims.evaluate import Evaluator
from milbalance.claims.gazetteer import Gazetteer
from milbalance.claims.kinds import Attribution, AttributionClaim, Claim, NotCheckable
from milbalance.claims.parse.attribution import attribution_claim, date_in
from milbalance.claims.parser import Parse, Parser
from milbalance.claims.split import Sentence, split_sentences
from milbalance.claims.verdict import Verdict
from milbalance.errors import UserError
from milbalance.store import Store

_OPENERS = ("\"", "“", "‘", "«")


@dataclass(frozen=True)
class Skipped:
    """A sentence with nothing checkable, and why."""

    text: str
    reason: str
    kind: str  # "not_checkable" (opinion, motive, forecast) or "no_claim"
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class CheckedClaim:
    verdict: Verdict
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Reading:
    claims: tuple[CheckedClaim, ...]
    skipped: tuple[Skipped, ...]
    on: date | None


class Checker:
    """Parser + evaluator over one store: build once, check many texts."""

    def __init__(self, store: Store):
        self.store = store
        self.gazetteer = Gazetteer.from_data(store.entities(), store.metrics())
        blocs = [e.id for e in store.entities("bloc")]
        today = date.today()
        self.gazetteer.add_groups(
            {b: {m.member for m in store.members(b, today)} for b in blocs},
            [(b, r.notes, r.source) for b in blocs for r in store.observations(b)
             if " and " in r.notes or "&" in r.notes])
        self.parser = Parser(self.gazetteer)
        self.evaluator = Evaluator(store)

    def check(self, text: str, on: date | None = None) -> Reading:
        """One sentence (or a short passage read as one text)."""
        return self.read(text, on)

    def read(self, text: str, on: date | None = None) -> Reading:
        """Every sentence of an article; raises UserError on empty text."""
        if not text.strip():
            raise UserError("the text is empty: give a sentence or a file with text")
        sentences = split_sentences(text)
        state = _State(self.gazetteer, on, main=self._main_subject(sentences),
                       ahead=self._quoted_ahead(sentences, on))
        claims: list[CheckedClaim] = []
        skipped: list[Skipped] = []
        for s in sentences:
            if s.kind == "dateline":
                state.dateline(s.text)
                skipped.append(Skipped(s.text, "a dateline: the date the report is read at",
                                       "no_claim", s.start, s.end))
                continue
            ctx = state.context_for(s)
            parse = self.parser.parse(s.text, ctx)
            state.after(s, parse, ctx)
            said = _said(parse, ctx, s.text)
            if said is not None:  # who said it is checkable even where what was said is not
                claims.append(CheckedClaim(self.evaluator.evaluate(_mark(said, ctx)),
                                           s.start, s.end))
            if parse.not_checkable is not None:
                skipped.append(_skip(s, parse.not_checkable))
                continue
            if parse.skipped:
                skipped.append(Skipped(s.text, parse.skipped, "no_claim", s.start, s.end))
                continue
            for claim in parse.claims:
                if isinstance(claim, AttributionClaim):
                    continue
                claims.append(CheckedClaim(self.evaluator.evaluate(_mark(claim, ctx)),
                                           s.start, s.end))
        return Reading(tuple(claims), tuple(skipped), on)

    def _quoted_ahead(self, sentences: list[Sentence], on: date | None
                      ) -> dict[int, Attribution]:
        """Speakers named at the end of a quotation ('"… two years ago. Six times," Rutte
        said.'), for the quotation's earlier sentences: by their start offsets."""
        out: dict[int, Attribution] = {}
        chain: list[Sentence] = []
        for s in [*sentences, None]:
            opens = s is not None and s.text.lstrip("*_(").startswith(_OPENERS)
            if s is not None and s.quoted and not opens and chain and \
                    s.paragraph == chain[0].paragraph:
                chain.append(s)
                said = self.parser.attribution(s.text, on)[0]
                if said is not None:
                    out.update({x.start: said for x in chain[:-1]})
                    chain = []
                continue
            chain = [s] if s is not None and opens else []
            if chain and self.parser.attribution(s.text, on)[0] is not None:  # type: ignore[union-attr]
                chain = []  # the quotation names its speaker in its first sentence
        return out

    def _main_subject(self, sentences: list[Sentence]) -> str:
        """The entity the title and the first paragraph of text name most."""
        first = next((s.paragraph for s in sentences if s.kind == "sentence"
                      and len(s.text.split()) > 8), None)
        head = [s for s in sentences if (s.kind == "heading" and (
            first is None or s.paragraph < first)) or s.paragraph == first]
        return main_subject([self.gazetteer.mentions(s.text) for s in head])


@dataclass
class _State:
    """What the article has told so far, turned into a Context for each sentence."""

    gaz: Gazetteer
    on: date | None
    main: str = ""
    on_from: str = ""
    paragraph: int = -1
    paragraph_on: date | None = None
    paragraph_from: str = ""
    speaker: Attribution | None = None
    speaker_paragraph: int = -1
    speaking: bool = False  # the sentence before was the speaker's
    last: dict[str, str] = field(default_factory=dict)  # "entity", "country", "bloc", "topic"
    ahead: dict[int, Attribution] = field(default_factory=dict)  # see Checker._quoted_ahead
    lead_speaker: tuple[int, Attribution | None] = (-1, None)  # a lead-in's, by paragraph
    year_before: tuple[int, int | None] = (-1, None)  # (paragraph, the one year written)
    norm: float | None = None  # the share of GDP last named as a target

    def dateline(self, text: str) -> None:
        found = dateline_date(text, self.on)
        if found is not None:
            self.on, self.on_from = found, f"the dateline '{text}'"

    def context_for(self, s: Sentence) -> Context:
        first = s.paragraph != self.paragraph
        if first:
            self.paragraph, self.paragraph_on, self.paragraph_from = s.paragraph, None, ""
        opening = opening_date(s.text)
        lead_in = s.text.rstrip("*_ ").endswith(":")  # introduces a list, a table or a quote
        if opening is not None and (first or opening[1].lower().startswith("as ")):
            self.paragraph_on = opening[0]
            self.paragraph_from = f"'{opening[1]}' earlier in the paragraph"
        elif lead_in and len(years := set(_YEAR.findall(s.text))) == 1:
            self.paragraph_on = date(int(years.pop()), 12, 31)
            self.paragraph_from = f"the lead-in '{s.text}'"
            opening = (self.paragraph_on, s.text)
        on = self.paragraph_on or self.on
        on_from = "" if opening is not None else (self.paragraph_from or self.on_from)
        speaker = self.speaker if self.speaker is not None and continues_speech(
            s.text, s.quoted and self.speaking, s.paragraph == self.speaker_paragraph) else None
        if speaker is not None and (said_on := date_in(s.text, self.on)) is not None:
            speaker = replace(speaker, date=said_on.isoformat())  # 'In June 2025 he went on'
        speaker = self.ahead.get(s.start, speaker)
        if (again := self._again(s.text)) is not None and opening is None:
            on, on_from = again  # 'Putin also said …': on the occasion just reported
        if s.kind == "item" and self.lead_speaker[0] == s.paragraph:
            speaker = self.lead_speaker[1]  # 'Rutte said:' and the points he made
        it = "" if lead_in else self.last.get("entity", "")  # a lead-in's subject follows it
        before = self.year_before[1] if self.year_before[0] == s.paragraph else None
        return Context(on=on, speaker=speaker, last_entity=it,
                       last_country=self.last.get("country", ""),
                       last_bloc=self.last.get("bloc", ""), main_subject=self.main,
                       topic=self.last.get("topic", ""), on_from=on_from, year_before=before,
                       norm=self.norm)

    def _year_written(self, s: Sentence, parse: Parse) -> None:
        """The one year a sentence writes (its claims' years, or the years in its text when
        it makes no claim), kept for the paragraph's next sentences; several years, or a
        new paragraph, and none is kept. A sentence that writes no year keeps the one before."""
        years = {c.year for c in parse.claims if c.year_from_text and c.year is not None} \
            or {int(y) for y in _YEAR.findall(s.text)}
        if s.paragraph != self.year_before[0]:
            self.year_before = (s.paragraph, None)
        if years:
            self.year_before = (s.paragraph, years.pop() if len(years) == 1 else None)

    def _again(self, text: str) -> tuple[date, str] | None:
        """'X also said …' with no date of its own: the date of X's statement before."""
        if self.speaker is None or not self.speaker.date or date_in(text, self.on):
            return None
        surname = self.speaker.speaker.split()[-1]
        if not re.search(rf"\b{re.escape(surname)}\s+(?:also|further|later)\s+\w+", text):
            return None
        return (date.fromisoformat(self.speaker.date),
                f"the date of {self.speaker.speaker}'s statement before")

    def after(self, s: Sentence, parse: Parse, ctx: Context) -> None:
        self._year_written(s, parse)
        if (target := norm_named(s.text)) is not None:
            self.norm = target
        if s.kind != "item" and s.text.rstrip("*_ ").endswith(":"):
            self.lead_speaker = (s.paragraph, parse.attribution or ctx.speaker)
        if parse.attribution is not None:
            self.speaker, self.speaker_paragraph = parse.attribution, s.paragraph
            self.speaking = True
        else:
            self.speaking = ctx.speaker is not None
            if ctx.speaker is not None and self.speaker is not None and \
                    ctx.speaker.speaker == self.speaker.speaker:
                self.speaker = ctx.speaker  # the date the sentence gave the same speaker
        kinds = {e: self.gaz.entities[e].kind.value for e in parse.entities
                 if e in self.gaz.entities}
        subject = next((x for c in parse.claims if (x := _subject(c))), "")
        for kind in ("country", "bloc"):
            named = [e for e, k in kinds.items() if k == kind]
            if named:
                self.last[kind] = subject if subject in named else named[0]
        entity = subject or next((e for e, k in kinds.items() if k in ("country", "bloc")), "")
        if entity:
            self.last["entity"] = entity
        topic = next((x for c in parse.claims if (x := _item(c))), "")
        if topic:
            self.last["topic"] = topic


def _said(parse: Parse, ctx: Context, text: str) -> AttributionClaim | None:
    """The sentence's attribution claim: the one the parser made, or, for words the
    article gives to the speaker before it (a quotation that follows, 'He added that …'),
    one for that speaker, where those words hold a claim of their own."""
    found = next((c for c in parse.claims if isinstance(c, AttributionClaim)), None)
    if found is not None or parse.attribution is not None:
        if found is None and parse.entities:
            return attribution_claim(parse.attribution, text, [], parse.entities,
                                     {"text": text, "attribution": parse.attribution})
        return found
    if ctx.speaker is None or not any(not isinstance(c, AttributionClaim)
                                      for c in parse.claims):
        return None  # words given to an earlier speaker: only where they hold a claim
    return attribution_claim(ctx.speaker, text, list(parse.claims), parse.entities,
                             {"text": text, "attribution": ctx.speaker})


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_REFERENT_CAVEAT = re.compile(r"^'(?P<phrase>[^']+)' read as .* \((?P<id>[^)]+)\), (?P<how>[^:]+): "
                              r"taken from context$")


def _mark(claim: Claim, ctx: Context) -> Claim:
    """The claim with the parts the article's context supplied listed in ``inferred`` (the
    reading shows them): a subject named as 'the country' or 'it', a year set by a dateline
    or a date written earlier in the paragraph, a topic carried from the sentence before."""
    marks = list(claim.inferred)
    subject = _subject(claim)
    for caveat in claim.caveats:
        if (m := _REFERENT_CAVEAT.match(caveat)) and m["id"] == subject:
            marks.append(("subject", f"'{m['phrase']}', {m['how']}"))
        elif caveat.startswith("read as ") and ", the topic of the sentence before" in caveat:
            marks.append(("metric", "the topic of the sentence before"))
    if ctx.on_from and not claim.year_from_text and claim.year is not None and \
            not claim.year_context:
        marks.append(("year", f"from {ctx.on_from}"))
    if ctx.speaker is not None and claim.attribution is ctx.speaker:
        marks.append(("speaker", f"{ctx.speaker.speaker}, from the sentence before"))
    marks = list(dict.fromkeys(marks))
    return replace(claim, inferred=tuple(marks)) if marks != list(claim.inferred) else claim


def _subject(c: Claim) -> str:
    return str(getattr(c, "subject", "") or "")


def _item(c: Claim) -> str:
    if c.kind.value in ("share_of_gdp", "consistency"):
        return "military_expenditure"
    return str(getattr(c, "item", "") or "")


def _skip(s: Sentence, nc: NotCheckable) -> Skipped:
    return Skipped(s.text, f"{nc.reason}: {nc.explanation}", "not_checkable", s.start, s.end)

"""Whole texts: split into sentences, parse each with what the article says so far (its
date, the last entity named, the speaker), evaluate every claim, and collect the result in
the shape the CLI prints (see ``report``)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from milbalance.claims.evaluate import Evaluator
from milbalance.claims.gazetteer import Gazetteer
from milbalance.claims.kinds import NotCheckable
from milbalance.claims.parser import Context, Parser
from milbalance.claims.split import Sentence, split_sentences
from milbalance.claims.verdict import Verdict
from milbalance.errors import UserError
from milbalance.store import Store


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
        ctx = Context(on=on)
        claims: list[CheckedClaim] = []
        skipped: list[Skipped] = []
        for s in split_sentences(text):
            parse = self.parser.parse(s.text, ctx)
            if parse.entities:
                ctx = replace(ctx, last_entity=parse.entities[0])
            if parse.attribution is not None:
                ctx = replace(ctx, speaker=parse.attribution)
            if parse.not_checkable is not None:
                skipped.append(_skip(s, parse.not_checkable))
                continue
            checkable = [c for c in parse.claims]
            if parse.skipped:
                skipped.append(Skipped(s.text, parse.skipped, "no_claim", s.start, s.end))
                continue
            for claim in checkable:
                claims.append(CheckedClaim(self.evaluator.evaluate(claim), s.start, s.end))
        return Reading(tuple(claims), tuple(skipped), on)


def _skip(s: Sentence, nc: NotCheckable) -> Skipped:
    return Skipped(s.text, f"{nc.reason}: {nc.explanation}", "not_checkable", s.start, s.end)

"""One sentence → its claims: the pieces (speaker, figures, names, years) are read once, then
each kind's reader (comparison, spending, levels, change and record) looks for its claims,
and the opinion / forecast gate decides whether any of them stands."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from milbalance.claims.context import Context, date_caveats, referents
from milbalance.claims.gazetteer import Gazetteer
from milbalance.claims.kinds import (
    Attribution,
    AttributionClaim,
    Claim,
    Level,
    NotCheckable,
    NotCheckableReason,
)
from milbalance.claims.numbers import find_quantities
from milbalance.claims.parse.attribution import attribution, attribution_claim
from milbalance.claims.parse.change import change_and_record
from milbalance.claims.parse.common import ECONOMY_ASIDE, HEDGE, span_free
from milbalance.claims.parse.comparison import comparison
from milbalance.claims.parse.gate import not_checkable as gate
from milbalance.claims.parse.historical import historical
from milbalance.claims.parse.levels import levels
from milbalance.claims.parse.more_kinds import more_kinds
from milbalance.claims.parse.ratio_compare import ratio_comparisons
from milbalance.claims.parse.spending import spending
from milbalance.claims.subjects import add_we, groups
from milbalance.claims.when import now_caveats, sentence_year, stated_on, years_in


@dataclass(frozen=True)
class Parse:
    """A sentence's claims, or why it has none (``not_checkable`` or ``skipped``)."""

    sentence: str
    claims: tuple[Claim, ...] = ()
    not_checkable: NotCheckable | None = None
    skipped: str = ""
    attribution: Attribution | None = None
    entities: tuple[str, ...] = field(default_factory=tuple)


class Parser:
    """Reads sentences with one gazetteer; ``parse`` never raises on text."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer

    def attribution(self, sentence: str, on: date | None) -> tuple[Attribution | None,
                                                                     list[tuple[int, int]]]:
        """Who the sentence says is speaking, and the character spans naming them."""
        return attribution(self.gaz, sentence, on)

    def parse(self, sentence: str, context: Context | None = None) -> Parse:
        """All claims in one sentence (see the module docstring for what is recognised)."""
        gaz = self.gaz
        ctx = context or Context()
        text = sentence.strip()
        if not text:
            return Parse(sentence, skipped="empty sentence")
        if text.rstrip("*_ ").endswith("?"):
            return Parse(sentence, skipped="a question, not a claim")
        if (day := stated_on(text)) is not None:
            ctx = replace(ctx, on=day)
        said, said_spans = attribution(gaz, text, ctx.on)
        speaker = (said if said is None or not said.cited else None) or ctx.speaker
        aside = [(m.start(), m.end()) for m in ECONOMY_ASIDE.finditer(text)]
        quantities = [q for q in find_quantities(text, gaz.item_after)
                      if span_free(q.start, q.end, aside)]
        taken = [(q.start, q.end) for q in quantities]
        mentions = [m for m in gaz.mentions(text)
                    if span_free(m.start, m.end, said_spans + aside)]
        mentions = add_we(gaz, text, mentions, speaker)
        mentions = referents(gaz, text, mentions, ctx)  # 'the country', 'it': from context
        mentions, group_caveats = groups(gaz, text, mentions)
        entities = tuple(dict.fromkeys(m.entity for m in mentions))
        years = years_in(text, taken)
        year, from_text = sentence_year(text, years, ctx.on)
        base_caveats = tuple(dict.fromkeys([*(m.caveat for m in mentions if m.caveat),
                                            *group_caveats, *date_caveats(ctx, from_text),
                                            *now_caveats(text, years, ctx.on)]))
        common: dict[str, object] = {"text": text, "year": year,
                                     "year_from_text": from_text, "attribution": speaker,
                                     "said_on": ctx.on.isoformat() if ctx.on else ""}
        if (hedge := HEDGE.search(text)) is not None:
            common["hedge"] = hedge.group(0)
            base_caveats = (*base_caveats, f"hedged ('{hedge.group(0)}'): reported as likely "
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
        claims = more_kinds(gaz, text, mentions, common, base_caveats, ctx, claims)
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

"""Who a claim is about: the entity named before a figure or comparison word, a speaker's
'we', names joined by 'and' read as the bloc they make up, and capitals named as places
('speaking in Minsk') rather than as governments."""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Attribution

WE = re.compile(r"^\W*(?:we|our|we're)\b|\b(?:we|we're)\s+(?:are|were|have|produce|make|spend)",
                re.I)
"""A speaker's 'we': the body the speaker speaks for."""

_LOCATIVE = re.compile(r"\b(?:in|at|from|to|visiting|speaking in)\s+$", re.I)
_JOINED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$", re.I)


def located(text: str, m: Mention) -> bool:
    """A capital named as a place ('speaking in Minsk'), not as the government."""
    return bool(_LOCATIVE.search(text[:m.start]))


def subject_before(gaz: Gazetteer, text: str, mentions: list[Mention], position: int,
                   ctx: Context, speaker: Attribution | None = None) -> tuple[str, str]:
    """The entity named last before ``position`` (else the first named, the speaker's body,
    the previous sentence's entity), with the caveat its reading needs."""
    countries = [m for m in mentions if m.kind.value in ("country", "bloc", "company",
                                                          "facility")
                 and not ((m.name or m.text) != gaz.entities[m.entity].name
                          and (m.name or m.text) not in (m.entity, "we")
                          and m.caveat == "" and located(text, m))]
    before = [m for m in countries if m.start <= position]
    if before:
        return before[-1].entity, before[-1].caveat
    if countries:
        return countries[0].entity, countries[0].caveat
    if speaker is not None and speaker.entity:
        return speaker.entity, ""
    if ctx.last_entity:
        return ctx.last_entity, f"subject taken from the previous sentence ({ctx.last_entity})"
    return "", ""


def add_we(gaz: Gazetteer, text: str, mentions: list[Mention],
           speaker: Attribution | None) -> list[Mention]:
    """A 'we' said by a speaker who speaks for a body is a mention of that body."""
    we = WE.search(text)
    if we is not None and speaker is not None and speaker.entity:
        mentions.append(Mention(speaker.entity, gaz.entities[speaker.entity].kind,
                                we.start(), we.start() + 2, "we"))
        mentions.sort(key=lambda x: x.start)
    return mentions


def groups(gaz: Gazetteer, text: str, mentions: list[Mention]) -> tuple[list[Mention], list[str]]:
    """Names joined by 'and' ('the US and Europe') merged into the bloc the data read
    them as; where there is none, the first name stands for the group, said in a caveat."""
    out: list[Mention] = []
    caveats: list[str] = []
    i = 0
    while i < len(mentions):
        j = i
        while j + 1 < len(mentions) and _JOINED.match(
                text[mentions[j].end:mentions[j + 1].start]):
            j += 1
        if j == i:
            out.append(mentions[i])
            i += 1
            continue
        run = mentions[i:j + 1]
        ids = list(dict.fromkeys(m.entity for m in run))
        found = gaz.group(ids) if len(ids) > 1 else None
        if found is not None:
            bloc, caveat = found
            out.append(Mention(bloc, gaz.entities[bloc].kind, run[0].start,
                               run[-1].end, text[run[0].start:run[-1].end], caveat))
        else:
            out.extend(run)
            if len(ids) > 1:
                caveats.append(f"{' and '.join(ids)} are named together, but the data hold "
                               "no bloc they make up and their sum is not computed: the "
                               "claim is read for one of them only")
        i = j + 1
    return out, caveats

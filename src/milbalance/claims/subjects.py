"""Who a claim is about: the nearest acting entity before a figure in its clause, a name
attached right after a figure in a list ("$997 billion in the US, $314 billion in China"), a
speaker's 'we', and names joined by 'and' read as the bloc they make up. A figure after
names joined by 'and' that make up no bloc ("the US, China and Russia spent a combined
$1.46 trillion") has no subject: it is none of them alone.

What is not an actor never reaches this module: the gazetteer leaves out names inside an
organisation's name, venues and events ("the Hague summit") and capitals named as places
("speaking in Minsk", "Kyiv's allies"). Here, a name that is the object of 'to', 'for',
'against', of a verb of giving or attacking ('sent Ukraine', 'invade Ukraine'), of 'catch
up with', or after 'including'/'excluding' is the subject only when no other name is; 'with'
alone is not such a word ("with the US at $997 billion"). A figure whose nearest actor is a
company or state the data do not hold ("Hanwha will make …", "the Soviet Union spent …") has
no subject, never one borrowed from context.
"""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Attribution
from milbalance.claims.organisations import organisation_spans, refers_elsewhere

WE = re.compile(r"^\W*(?:we|our|we're)\b|\b(?:we|we're)\s+(?:are|were|have|produce|make|spend)",
                re.I)
"""A speaker's 'we': the body the speaker speaks for."""

_JOINED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$", re.I)
_OBJECT = re.compile(
    r"(?<![\w-])(?:to|for|against|toward|towards|including|incl\.|excluding|except|"
    r"apart from|besides|other than|not counting|"
    r"(?:funded|financed|backed|supported|paid for|sponsored|bankrolled)\s+by(?:\s+\S+){0,4}?|"
    r"(?:published|released|reported|compiled|issued|estimated|calculated|collected)\s+by|"
    r"according\s+to|(?:data|figures|estimates|statistics)\s+(?:from|by|of)|"
    r"(?:catch(?:es|ing)?|caught|keep(?:s|ing)?|kept)\s+(?:up|pace)\s+with|"
    r"(?:compete[sd]?|competing|at war|fighting|fights?)\s+with|invasion of|"
    r"(?:invad|attack|support|arm|aid|help|back|suppl(?:i|y)|sen|deliver|provid|ship|sell|"
    r"gi(?:v|ven))\w*|sent|sold|gave)\s+(?:the\s+)?$", re.I)
"""A name after these is what the figure goes to or is aimed at ('shells for Ukraine',
'invade Ukraine', 'supplies Russia with', 'catch up with Russia'), or qualifies another name
('Europe (including Russia)', 'NATO, excluding the US') or pays for what another does
('funded by a number of NATO allies') or is the source of the figure ('estimates published by
NATO', 'according to NATO'), not who acts."""
_NUMBER = re.compile(r"\d[\d.,]*")
_NAMED_AFTER = re.compile(
    r"^[^\d\s]{0,3}\s*\d[\d.,]*(?:\s*(?:%|[A-Za-z]+)){0,4}?\s+in\s+(?:the\s+)?$", re.I)
"""A figure, at most four words, then 'in' and a name: '$314 billion in China' ('for' names
whom it is for: 'shells for South Korea')."""


def _object(text: str, m: Mention) -> bool:
    return bool(_OBJECT.search(text[max(0, m.start - 30):m.start]))


def actors(text: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions that can act: not the object of 'to', 'for', a verb of giving or
    attacking, 'including' or 'funded by', nor a possessive of another party ("America's
    allies"); for readers choosing a comparison's sides too."""
    return [m for m in mentions if not _object(text, m) and not refers_elsewhere(text, m.end)]


def _others(text: str, mentions: list[Mention]) -> list[Mention]:
    """Possessives of another party ("America's allies", "Russia's suppliers")."""
    return [m for m in mentions if refers_elsewhere(text, m.end)]


def _named_after(text: str, mentions: list[Mention], position: int) -> Mention | None:
    """The name a figure at ``position`` is attached to from behind ('$997bn in the US')."""
    following = [m for m in mentions if m.start > position]
    if not following or following[0].start - position > 60:
        return None
    m = following[0]
    return m if _NAMED_AFTER.match(text[position:m.start]) else None


def _listed(text: str, mentions: list[Mention], m: Mention) -> bool:
    """``m`` ends a list of names joined by commas or 'and' that the data hold no bloc for
    (``groups`` merged those they do): a figure after it belongs to the list, not to ``m``."""
    earlier = [p for p in mentions if p.end <= m.start]
    return bool(earlier) and earlier[-1].entity != m.entity and \
        _JOINED.match(text[earlier[-1].end:m.start]) is not None


_PAIR = re.compile(r"\((?P<a>[^()]{1,40}?)\s+(?:vs\.?|versus|against|compared with|to)\s+"
                   r"(?P<b>[^()]{1,40}?)\)")


def paired_subject(text: str, mentions: list[Mention], start: int) -> Mention | None:
    """The side a figure in a bracketed pair stands for: in 'NATO spends ten times as much
    as Russia ($1.19 trillion vs. $127 billion)' the first figure is the first side named
    before the brackets, the second the second. None when the figure is in no such pair or
    fewer than two sides are named before it."""
    for m in _PAIR.finditer(text):
        if not m.start("a") <= start < m.end("b"):
            continue
        sides = list({x.entity: x for x in mentions
                      if x.end <= m.start() and x.kind.value in ("country", "bloc")}.values())
        if len(sides) < 2:
            return None
        first, second = sorted(sides, key=lambda x: x.start)[-2:]
        return first if start < m.end("a") else second
    return None


def subject_before(gaz: Gazetteer, text: str, mentions: list[Mention], position: int,
                   ctx: Context, speaker: Attribution | None = None) -> tuple[str, str]:
    """The subject of a figure at ``position``: the last acting name since the figure
    before it (names a previous figure took from behind do not count), else the name the
    figure is attached to from behind, else the last name before it, the first named, the
    speaker's body, the previous sentence's entity, with the caveat its reading needs."""
    named = [m for m in mentions if m.kind.value in ("country", "bloc", "company", "facility")]
    others = _others(text, named)
    candidates = [m for m in named if m not in others]
    if others and not candidates and any(m.start <= position for m in others):
        return "", ""  # 'America's allies produce …': someone, but not America
    acting = actors(text, candidates) or candidates
    before = [m for m in acting if m.start <= position]
    unknown = [o.start for o in organisation_spans(text)
               if o.kind in ("company", "state") and o.end <= position]
    if unknown and max(unknown) > (before[-1].start if before else -1):
        return "", ""  # 'Hanwha will make …', 'the Soviet Union spent …': not in the data
    previous = [n for n in _NUMBER.finditer(text, max(0, position - 200), position)
                if n.end() < position]
    if previous:
        since = previous[-1].start()
        taken = _named_after(text, candidates, since)
        window = [m for m in before if m.start >= previous[-1].end() and m is not taken]
        if not window and (after := _named_after(text, candidates, position)) is not None:
            return after.entity, after.caveat
    elif not before and (after := _named_after(text, candidates, position)) is not None:
        return after.entity, after.caveat
    if before:
        if _listed(text, candidates, before[-1]):
            return "", ""  # 'the US, China and Russia spent a combined …': no one of them
        return before[-1].entity, before[-1].caveat
    if acting:
        return acting[0].entity, acting[0].caveat
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

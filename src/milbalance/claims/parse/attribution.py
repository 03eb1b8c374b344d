"""Who a sentence says is speaking ('…, said Mark Rutte', 'according to the Pentagon')."""

from __future__ import annotations

import re
from datetime import date

from milbalance.claims.gazetteer import Gazetteer
from milbalance.claims.kinds import Attribution

_ATTRIBUTION = re.compile(
    r"(?:,|\s)\s*(?:according to|as (?:stated|said) by)\s+(?P<after>[^,.;]+)|"
    r"(?:,|\")\s*(?:said|says|told|stated|claimed|argued|added|wrote|noted|insisted)\s+"
    r"(?P<post>[^,.;]+)|"
    r"(?P<pre>(?:[A-Z][\w'.-]*\s+){1,6}?(?:[A-Z][\w'.-]*))\s+(?:said|says|told|claimed|"
    r"stated|argued|insisted|has said|has claimed)\b", re.UNICODE)
_NAME_WORD = r"[A-Z][a-zà-ÿ'’-]+(?:[A-Z][a-zà-ÿ'’-]+)?"
"""A capitalised name, also with a capital inside ('LaPlante', 'McCarthy', "O'Brien")."""
_PERSON = re.compile(rf"(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}(?:\s+{_NAME_WORD})?")
_TITLES = re.compile(
    r"^(?:(?:President|Secretary|General|Minister|Defen[cs]e|Foreign|Prime|Chancellor|"
    r"Commissioner|CEO|Chief|Deputy|Director|Head|Spokes\w+|Under|Assistant|Army|the|"
    r"Russian|American|NATO|EU|Lithuanian|Estonian|Ukrainian|Czech|German|French|Polish)\s+)+")


def attribution(gaz: Gazetteer, sentence: str, on: date | None
                ) -> tuple[Attribution | None, list[tuple[int, int]]]:
    """Who the sentence says is speaking, and the character spans naming them."""
    for m in _ATTRIBUTION.finditer(sentence):
        group = "after" if m["after"] else "post" if m["post"] else "pre"
        clause, start, end = m[group], m.start(group), m.end(group)
        names = [p.group(0) for p in _PERSON.finditer(clause)]
        mentions = gaz.mentions(clause)
        body = next((x.entity for x in mentions), "")
        entity_words = {x.text for x in mentions}
        people = [n for n in names if n not in entity_words and len(n.split()) >= 2]
        speaker = people[-1] if people else (names[-1] if names else clause.strip())
        speaker = _TITLES.sub("", speaker).strip()
        if not speaker or speaker.lower() in {"he", "she", "they", "it", "officials"}:
            continue
        day = on.isoformat() if on else ""
        return Attribution(speaker.strip(), body, day), [(start, end)]
    return None, []

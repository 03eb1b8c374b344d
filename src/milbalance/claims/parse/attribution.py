"""Who a sentence says is speaking, and the attribution claim it makes.

Forms read: 'X said/told/stated/warned …', 'X has said/stated …' (some time before the
article: undated), 'X says/argues …' (undated), '…, said X', '"…," X said', 'according to X',
'as stated by X', 'X, the NATO Secretary General, said …' (an apposition between the name and
the verb), with a time between them ('X on Tuesday said'), '…, citing X'. The speaker is the
person named (titles dropped: 'NATO Secretary General Mark Rutte' → 'Mark Rutte'), else the body
('according to SIPRI', 'Rostec said': ``cited``, its own published figures stay evidence for
what it is cited for); 'he', 'she', 'they' name nobody: the article's context gives them.
"""

from __future__ import annotations

import re
from datetime import date

from milbalance.claims.gazetteer import Gazetteer
from milbalance.claims.kinds import (
    Attribution,
    AttributionClaim,
    Change,
    Claim,
    Comparison,
    Consistency,
    Level,
    Record,
    ShareOfGdp,
)
from milbalance.claims.organisations import organisation_spans
from milbalance.claims.when import MONTHS

_PAST = (r"said|told|stated|claimed|argued|added|wrote|noted|insisted|warned|announced|"
         r"estimated|declared|explained|acknowledged|admitted|conceded|stressed|suggested|"
         r"underlined|emphasi[sz]ed|recalled|reiterated|highlighted|cautioned|confirmed|"
         r"revealed|pointed out|reported|called")
_PRESENT = (r"says|tells|states|claims|argues|adds|writes|notes|insists|warns|announces|"
            r"estimates|declares|explains|acknowledges|admits|stresses|suggests|maintains|"
            r"underlines|emphasi[sz]es|recalls|reiterates|highlights|confirms|reports")


def _verb(tag: str) -> str:
    return (rf"(?:(?P<perfect{tag}>(?:has|have|had)\s+(?:also\s+|repeatedly\s+|previously\s+|"
            rf"long\s+|publicly\s+|already\s+)?)?(?:{_PAST})|(?P<present{tag}>{_PRESENT}))\b")


_NAME = r"[A-Z][\w'’.-]*"
_WHEN = r"(?:\s+(?:on|last|this|in|earlier|late)\s+(?:[A-Z]\w+|week|month|year)(?:\s+\d{1,4})?)?"
_ATTRIBUTION = re.compile(
    r"(?:^|,|\s)\s*(?:[Aa]ccording to|[Aa]s (?:stated|said|reported) by|[Cc]iting|[Qq]uoting)"
    r"\s+(?P<after>[^,.;]+)|"
    rf"(?:,|[\"”])\s*(?:{_PAST}|{_PRESENT})\s+(?P<post>[^,.;\"“]+)|"
    rf"(?P<app>(?:{_NAME}\s+){{0,3}}{_NAME}),\s+(?:the\s+|a\s+|an\s+)?[^,;\"“”]{{2,80}}?,"
    rf"(?:\s+(?:who|which)\s+)?{_WHEN}\s+{_verb('1')}|"
    rf"(?P<pre>(?:{_NAME}\s+){{0,6}}?{_NAME}){_WHEN}\s+(?:also\s+)?{_verb('2')}", re.UNICODE)
_POSSESSIVE = re.compile(r"(?:'s|’s|s'|s’)(?:\s+[a-z][\w-]*)+\s*$")
"""A source named by what it published: "OMB's historical tables", "the IISS's estimates".
Each word follows a space it cannot share with the word before, so a failing match gives up
in linear time ("Russia's production production … X" once took 36 s)."""
_CITING = re.compile(r"\W*(?:[Cc]iting|[Qq]uoting)\b")
_NAME_WORD = r"[A-Z][a-zà-ÿ'’-]+(?:[A-Z][a-zà-ÿ'’-]+)?"
"""A capitalised name, also with a capital inside ('LaPlante', 'McCarthy', "O'Brien")."""
_PERSON = re.compile(rf"(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}(?:\s+{_NAME_WORD})?")
_TITLES = re.compile(
    r"^(?:(?:President|Secretary|General|Minister|Defen[cs]e|Foreign|Prime|Chancellor|"
    r"Commissioner|CEO|Chief|Deputy|Director|Head|Spokes\w+|Under|Assistant|Army|the|The|"
    r"Russian|American|NATO|EU|Lithuanian|Estonian|Ukrainian|Czech|German|French|Polish|"
    r"British|Finnish|Swedish|Dutch|Senator|Sen|Gen|Adm|Mr|Mrs|Ms|Dr|Lt|Col)\.?\s+)+")
_NOBODY = frozenset({"he", "she", "they", "it", "officials", "we", "i", "analysts",
                     "experts", "critics", "sources", "this", "that", "in", "on", "at"})
_CALENDAR = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                       "sunday", *MONTHS})
_LEADING = re.compile(r"^(?:In|On|At|By|During|Since|After|Before|Last|This|But|And|Yet|So|"
                      r"Meanwhile|However|Speaking|Asked)\b[^A-Z]*", re.UNICODE)


def attribution(gaz: Gazetteer, sentence: str, on: date | None
                ) -> tuple[Attribution | None, list[tuple[int, int]]]:
    """Who the sentence says is speaking, and the character spans naming them."""
    found = _find(gaz, sentence, on)
    return (found[0], found[1]) if found else (None, [])


def undated(sentence: str, speaker: str = "") -> bool:
    """'X has said …', 'X says …': the statement's date is not given, only that it was made
    before the article. Read on the form that names ``speaker`` (its last word)."""
    last = speaker.split()[-1] if speaker.split() else ""
    for m in sorted(_ATTRIBUTION.finditer(sentence), key=lambda m: not _CITING.match(m.group(0))):
        if last and last not in m.group(0):
            continue
        return bool(m["perfect1"] or m["present1"] or m["perfect2"] or m["present2"])
    return False


def _find(gaz: Gazetteer, sentence: str, on: date | None
          ) -> tuple[Attribution, list[tuple[int, int]]] | None:
    found = sorted(_ATTRIBUTION.finditer(sentence), key=lambda m: not _CITING.match(m.group(0)))
    for m in found:  # 'X reported, citing Y': Y is the one who said it
        group = next(g for g in ("after", "post", "app", "pre") if m[g])
        clause, start, end = m[group], m.start(group), m.end(group)
        if group == "pre" and re.search(r"(?:'s|’s|s'|s’)$", clause):
            continue  # "Poland's estimated defence spend": a possessive, nobody speaking
        if group == "pre" and (lead := _LEADING.match(clause)) is not None:
            clause, start = clause[lead.end():], start + lead.end()  # 'In March 2024 Shoigu'
        if (own := _POSSESSIVE.search(clause)) is not None:  # "OMB's historical tables"
            clause, end = clause[:own.start()], start + own.start()
        whole = next((o for o in organisation_spans(sentence)
                      if o.start < end and start < o.end and o.end >= end), None)
        if whole is not None:  # 'Strategic Studies' of 'the International Institute for
            clause, start, end = whole.text, whole.start, whole.end  # Strategic Studies'
        mentions = gaz.mentions(clause)
        if group == "app":  # the body is named in the apposition: 'X, NATO's chief, said'
            mentions = gaz.mentions(sentence[m.start("app"):m.end()])
        body = next((x.entity for x in mentions), "")
        named = gaz.mentions(clause)
        entity_words = {x.text.lower() for x in named}
        org = organisation_spans(clause)
        masked = clause  # names of countries and bodies are not part of a person's name
        for a, b in [(x.start, x.end) for x in named] + [(o.start, o.end) for o in org]:
            masked = masked[:a] + "|" * (b - a) + masked[b:]
        names = [_TITLES.sub("", p.group(0)).strip() for p in _PERSON.finditer(masked)]
        people = [n for n in names if n and n.lower() not in entity_words
                  and not any(n.lower() in w or w in n.lower() for w in entity_words)
                  and n.lower() not in _CALENDAR]  # 'a Monday report' names nobody
        person = next((n for n in reversed(people) if len(n.split()) >= 2), "")
        if org and not entity_words and not person:  # 'The IISS estimated', 'a report by
            entity_words = {org[-1].text.lower()}  # the International Institute for …':
            clause = org[-1].text  # a body the gazetteer has no entity for
        cited = not person and bool(entity_words)
        if cited:  # a body speaks: 'the US Army', 'Rostec', 'SIPRI'
            speaker = re.sub(r"^(?:the|The)\s+", "", clause.strip())
        else:
            speaker = _TITLES.sub("", person or (people[-1] if people else clause.strip()))
            if len(words := speaker.split()) > 2 and all(w[:1].isupper() for w in words):
                speaker = " ".join(words[-2:])  # 'Finance Minister Anton Siluanov'
        speaker = speaker.strip().strip("\"“”'’")
        if not speaker or speaker.lower() in _NOBODY or not speaker[0].isupper():
            continue
        when = date_in(sentence, on) or on
        day = when.isoformat() if when else ""
        return Attribution(speaker, body, day, cited=cited), [(start, end)]
    return None


_MONTH_YEAR = re.compile(r"\b(?:(?P<day>\d{1,2})\s+)?(?P<month>" + "|".join(MONTHS)
                         + r")\s+(?:(?P<day2>\d{1,2}),?\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)


def date_in(sentence: str, on: date | None) -> date | None:
    """The date the sentence gives its statement ('in December 2025', 'on 27 June 2025'):
    the first month and year written that is not after the article's date ``on``."""
    for m in _MONTH_YEAR.finditer(sentence):
        day = min(max(int(m["day"] or m["day2"] or 15), 1), 28)
        found = date(int(m["year"]), MONTHS.index(m["month"].lower()) + 1, day)
        if on is None or found <= on:
            return found
    return None


def claim_topic(claims: list[Claim]) -> tuple[str, ...]:
    """The items the sentence's figures are about ('artillery_shells',
    'military_expenditure'): the topic a matching statement must share."""
    items: list[str] = []
    for c in claims:
        if isinstance(c, Level | Change | Record | Comparison):
            items.append(c.item)
        elif isinstance(c, ShareOfGdp | Consistency):
            items.append("military_expenditure")
    return tuple(dict.fromkeys(i for i in items if i))


def attribution_claim(said: Attribution | None, sentence: str, claims: list[Claim],
                      entities: tuple[str, ...], common: dict[str, object]
                      ) -> AttributionClaim | None:
    """The claim that the speaker said this: made when the sentence names a speaker and
    says something about an entity or a figure."""
    if said is None or not (claims or entities):
        return None
    fields = {**common, "attribution": said}  # a cited body is still the one who said it
    return AttributionClaim(speaker=said.speaker, about=entities, topic=claim_topic(claims),
                            undated=undated(sentence, said.speaker), **fields)  # type: ignore[arg-type]

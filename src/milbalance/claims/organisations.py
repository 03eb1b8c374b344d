"""Where a name in a sentence is not its country: inside an organisation's name, as a venue or
an event, or a capital named as a place.

- **Organisations** (``organisation_spans``): the names listed in ``names/organisations.csv``
  (think tanks, outlets, companies), and by rule any capitalised name built on a head noun
  that names an organisation ("... Institute", "... Times", "... Industries", "University of
  ...", "Institute for ... Studies"). A country, capital or demonym inside such a span never
  yields the country: "the Stockholm International Peace Research Institute" is not Sweden,
  "The Kyiv Independent" is not Ukraine. Ministries, armies, parliaments and councils are
  not heads: "the Russian Defence Ministry" is Russia acting. In a title-case line (a
  headline) only the listed names count.
- **Events and venues** (``is_event``): a name followed by "summit", "treaty", "pact",
  "agreements", "format", "memorandum", "conference", "talks", "war" ("the Hague summit",
  "the Warsaw Pact", "the Minsk agreements", "the Vietnam War") names an occasion, not the
  country. A name qualifying a currency ("US$149bn", "US dollars") is not an actor either,
  nor the tail of a wider name ("Latin American", "North American"), nor a person's first
  name ("Israel Katz said").
- **Capitals and seats** (``acts``): "Moscow", "Washington", "the Pentagon" stand for their
  government only where they act: not after a place or object preposition ("in Minsk",
  "from Kyiv", "for Kyiv's forces", "between Moscow and Kyiv"), not before a place noun
  ("the Moscow region", "Kyiv's mayor"), and not in a possessive whose referent is another
  party ("Kyiv's allies", "Moscow's suppliers"). Hyphenated forms ("Washington-based") are
  never names (the gazetteer's boundary rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from milbalance.claims import names

ORG_HEADS = frozenset((
    "Institute", "Institution", "Centre", "Center", "Foundation", "Endowment", "University",
    "College", "School", "Academy", "Forum", "Conference", "Summit", "Times", "Post",
    "Journal", "Independent", "Herald", "Tribune", "Gazette", "News", "Review", "Pravda",
    "Daily", "Monitor", "Observer", "Insider", "Express", "Telegraph", "Press", "Radio",
    "Television", "Broadcasting", "Corporation", "Corp", "Company", "Inc", "Ltd", "plc", "AG",
    "GmbH", "Group", "Industries", "Aerospace", "Systems", "Dynamics", "Holding", "Holdings",
    "Works", "Factory", "Arsenal", "Concern", "Association", "Society", "Network", "Airport",
    "Studies"))
"""Words that end or head an organisation's name. Government bodies (Ministry, Army,
Council, Parliament, Agency, Service, Bank, Fund) are deliberately absent: they act for
their country."""

_CONNECT = r"(?:of|for|the|a|an|on|de|du|des|la|le|für)"
_CAP = r"(?:[A-Z][\w'’.&-]*|&)"
_RUN = re.compile(rf"{_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*")
"""A run of capitalised words, with the small words names use between them."""
_AND = re.compile(rf"\s+(?:and|&)\s+(?={_CAP})")

EVENT_NOUNS = (r"summit|pact|treaty|accords?|agreements?|memorandum|format|declaration|"
               r"communiqu[ée]|conference|process|talks|consensus|protocol|charter|convention|wars?")
_EVENT_AFTER = re.compile(rf"\s+(?:{EVENT_NOUNS})\b", re.I)

_PLACE_BEFORE = re.compile(
    r"(?<![\w-])(?:in|at|from|to|into|near|outside|around|visiting|via|toward|towards|across|"
    r"through|for|against|with|between|of|over|out of)\s+(?:the\s+)?$", re.I)
"""Prepositions that make a capital a place or an object (a name after 'and' takes the
reading of the name before it: 'between Moscow and Kyiv')."""
_PLACE_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:region|oblast|city|mayor|metro|suburbs?|residents|airport|office|"
    r"bureau|correspondent|district|outskirts|streets|skyline|court|stock exchange|"
    r"time)\b", re.I)
_ELSEWHERE = re.compile(
    r"['’]s?\s+(?:\w+\s+)?(?:allies|ally|partners?|backers|supporters|friends|donors|"
    r"suppliers|creditors|neighbou?rs|enemies|enemy|adversar(?:y|ies)|foes?|opponents?|"
    r"rivals?|critics|citizens|population|people|embassy|envoy|ambassador)\b|"
    r"['’]s?\s+(?:[\w%.-]+\s+){0,3}?(?:targets?|goals?|guidelines?|benchmarks?|thresholds?|"
    r"commitments?|pledges?|obligations?)\b", re.I)
"""Possessives whose referent is another party ('Kyiv's allies'), or a norm the name sets
for others ('NATO's key benchmarks', 'the alliance's 2% target'): the one meeting it acts."""


@dataclass(frozen=True)
class OrgSpan:
    start: int
    end: int
    text: str
    kind: str  # think-tank, outlet, company, agency, institution; 'named' when found by rule


@cache
def _listed() -> tuple[re.Pattern[str], dict[str, str]]:
    orgs = sorted(names.organisations(), key=lambda o: len(o.name), reverse=True)
    alternatives = []
    for o in orgs:
        text = re.escape(o.name)
        if o.name.startswith("The "):
            text = "[Tt]he " + re.escape(o.name[4:])
        alternatives.append(text)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
    return pattern, {o.name.lower().removeprefix("the "): o.kind for o in orgs}


def title_case(text: str) -> bool:
    """A headline in title case: most words of four letters or more capitalised."""
    words = re.findall(r"\b[A-Za-z]{4,}\b", text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def organisation_spans(text: str) -> tuple[OrgSpan, ...]:
    """Organisations named in a sentence: listed names, then names built on a head noun.
    Remembered per text: subject resolution asks again for every figure of a sentence, which
    made a sentence of many figures cost the square of its length."""
    return _organisation_spans(text)


@lru_cache(maxsize=256)
def _organisation_spans(text: str) -> tuple[OrgSpan, ...]:
    pattern, kinds = _listed()
    found = [OrgSpan(m.start(), m.end(), m.group(0), kinds.get(
        m.group(0).lower().removeprefix("the "), "named")) for m in pattern.finditer(text)]
    if title_case(text):
        return tuple(found)
    for run in _RUN.finditer(text):
        for a, b in _headed(text, run.start(), run.end()):
            overlap = [f for f in found if not (b <= f.start or a >= f.end)]
            kind = overlap[0].kind if overlap else "named"
            a, b = min([a, *(f.start for f in overlap)]), max([b, *(f.end for f in overlap)])
            found = [f for f in found if f not in overlap]
            found.append(OrgSpan(a, b, text[a:b], kind))  # 'the Times' + 'of India'
    return tuple(sorted(found, key=lambda f: f.start))


def _headed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Within a capitalised run, the stretch that names an organisation: from the run's start
    (or the word after an 'and' that precedes the head) to its end, if a word is a head.
    A possessive ("Russia's Central Bank") ends the stretch before it."""
    out: list[tuple[int, int]] = []
    piece_start = start
    segment = text[start:end]
    cuts = [m for m in _AND.finditer(segment)]
    bounds = [(start, end)]
    if cuts:  # 'Russia and the Moscow Times': an 'and' splits unless a tail follows it
        bounds, piece_start = [], start
        for cut in cuts:
            after = segment[cut.end():]
            if re.match(r"(?:[A-Z]\w*\s+)*(?:Studies|Affairs|Security|Research|Economics|"
                        r"Technolog(?:y|ies)|Policy|Development|Relations)\b", after):
                continue
            bounds.append((piece_start, start + cut.start()))
            piece_start = start + cut.end()
        bounds.append((piece_start, end))
    for a, b in bounds:
        words = list(re.finditer(r"[\w'’.&-]+", text[a:b]))
        heads = [w for w in words if w.group(0).rstrip(".") in ORG_HEADS]
        if not heads:
            continue
        first = a
        for w in words:  # a possessive before the head ends the stretch on its left
            if w.start() >= heads[0].start():
                break
            if re.search(r"['’]s?$", w.group(0)):
                first = a + w.end()
        while first < b and not text[first].isalpha():
            first += 1
        if first < b:
            out.append((first, b))
    return out


_DURING = re.compile(r"(?<![\w-])during\s+(?:the\s+)?$", re.I)


_COMPASS_BEFORE = re.compile(r"(?:North|South|Latin|Central|East)[\s-]$")


def in_wider_name(text: str, start: int) -> bool:
    """The name is the tail of a wider one the data do not hold ('Latin American', 'North
    American', 'East German'): not the country."""
    return _COMPASS_BEFORE.search(text[max(0, start - 8):start]) is not None


_CURRENCY_AFTER = re.compile(r"\$|\s+(?:dollars?|cents?)\b", re.I)


def is_currency(text: str, start: int, end: int) -> bool:
    """The name at ``text[start:end]`` qualifies a currency ('US$149bn', 'US $149bn', 'US
    dollars'); a name before a spaced figure in a list ('China $314bn') does not."""
    if _CURRENCY_AFTER.match(text, end) is not None:
        return True
    return end - start <= 4 and text[start:end].replace(".", "").isupper() and \
        text.startswith(" $", end)


def is_event(text: str, end: int, start: int | None = None) -> bool:
    """The name at ``text[start:end]`` names an occasion: followed by an event or venue noun
    ('the Hague summit', 'the Vietnam War'), or a war named by its country after 'during'
    ('during Vietnam', not 'during Ukraine's counteroffensive')."""
    if _EVENT_AFTER.match(text, end) is not None:
        return True
    return start is not None and bool(_DURING.search(text[max(0, start - 20):start])) and \
        not re.match(r"['’]", text[end:end + 1])


def refers_elsewhere(text: str, end: int) -> bool:
    """A possessive whose referent is another party ('Kyiv's allies', 'America's partners',
    'Russia's suppliers'): the name is not the one acting."""
    return _ELSEWHERE.match(text, end) is not None


_PERSON_AFTER = re.compile(r"\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?=\s*,|\s+(?:said|says|told|"
                           r"wrote|writes|argued|argues|noted|notes|added|adds|stated)\b)")


def is_person(text: str, end: int) -> bool:
    """A one-word country name that is a person's first name: followed by a capitalised
    surname and 'said', 'told' or a comma ('Israel Katz said', 'Chad Ohlandt, an analyst')."""
    return _PERSON_AFTER.match(text, end) is not None


def acts(text: str, start: int, end: int) -> bool:
    """A capital or seat of government at ``text[start:end]`` acts as its government."""
    before = text[max(0, start - 40):start]  # the words just before: linear in the text
    if _PLACE_BEFORE.search(before):
        return False
    if _PLACE_AFTER.match(text, end) or _ELSEWHERE.match(text, end):
        return False
    return not is_event(text, end)

"""Names in text → entity ids and metric items, built from the data, never hand-kept.

Entity names come from ``store.entities()`` (id, name, aliases in countries.csv, blocs.csv,
companies.csv, facilities.csv) with spelling rules applied to them: possessives
("Russia's"), demonyms formed from names ending in -a or -ine ("Russian", "Ukrainian") or
listed in ``names/demonyms.csv`` ("German", "the Chinese"), and plurals of demonyms
("Russians", "Israelis"). Adding an alias to the data is how a new name is taught. A name
written with capitals is a proper noun: all-lower-case text ("turkey", "the states") is not it.

Where a name is not its country (``milbalance.claims.organisations``): inside an
organisation's name ("the Stockholm International Peace Research Institute", "The Kyiv
Independent"), before an event noun ("the Hague summit", "the Warsaw Pact"), and, for a
capital or seat of government (``names/seats.csv``: "Moscow", "the Pentagon"), wherever it
does not act as the government ("in Minsk", "Kyiv's allies", "for Kyiv's forces").

What is kept in code is the *phrasing* of the domain, each reading with the caveat it
carries, and only for ids the data declares:

- region words whose reading is a choice: "Europe" → the EU bloc; "the West" → NATO;
  "global", "worldwide", "world military spending" → the world total (WLD); "Asia" → SIPRI's
  Asia and Oceania; SIPRI's regions by name ("Western Europe", "the Middle East") with the
  data's description of what they cover;
- the head nouns reporters use for items: "shells", "rounds", "ammunition", "interceptors",
  "drones" → the metric items (``artillery_shells`` …) of metrics.csv (``claims.items``);
- words that take a name as a whole ("the whole X", "all of X", "the entire X", "X as a
  whole"): read as X itself, with X's own caveat, for any name the gazetteer knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from milbalance.claims import names as word_lists
from milbalance.claims.items import AMMUNITION_CAVEAT as AMMUNITION_CAVEAT  # re-exported
from milbalance.claims.items import FILLER, ITEM_PHRASES
from milbalance.claims.numbers import ItemMatch
from milbalance.claims.organisations import (
    OrgSpan,
    acts,
    in_wider_name,
    is_currency,
    is_event,
    is_person,
    organisation_spans,
)
from milbalance.model import Entity, EntityKind, Metric

EUROPE_CAVEAT = ("'Europe' read as the EU: the UK, Norway and other European countries outside "
                 "the EU are not in it (SIPRI's region Europe also counts Russia and Ukraine)")
WORLD_CAVEAT = "read as the world total (SIPRI's world figure)"

REGION_READINGS: tuple[tuple[str, str, str], ...] = (
    (r"(?:NATO['’]s\s+)?European\s+(?:NATO\s+)?allies(?!\s+and\s+Canada)|"
     r"(?:NATO['’]s\s+)?European\s+members\s+of\s+(?:NATO|the\s+alliance)|"
     r"NATO['’]s\s+European\s+(?:members|states|countries|nations)|"
     r"European\s+NATO\s+(?:members|allies|countries|states|nations)",
     "NATO_EUROPE", "'European allies' read as NATO's European members (the UK, Norway and "
     "Türkiye in; the US and Canada out)"),
    (r"Europe(?:an (?:Union|countries|industry|producers|states|members|nations|"
     r"governments|capitals))?|the Europeans|European(?=\s+(?:(?:ammunition|arms|artillery|"
     r"defen[cs]e|military|shell)\s+)?(?:output|production|capacity|spending|industry|"
     r"industries|producers|manufacturers|makers|plants|factories|budgets?)\b)",
     "EU", EUROPE_CAVEAT),
    (r"the West|(?:the\s+)?Western (?:allies|countries|nations|partners|world|powers|"
     r"democracies|states|governments|backers|supporters)", "NATO",
     "'the West' read as NATO"),
    (r"the bloc", "NATO", "'the bloc' read as NATO"),
    (r"the allies", "NATO", "'the allies' read as NATO"),
    (r"(?:global|worldwide|world(?:['’]s)?)\s+(?:(?:military|defen[cs]e|arms)\s+)?"
     r"(?:spending|expenditures?|outlays|budgets?|output|production|totals?)|"
     r"(?:(?<=spending )|(?<=expenditure )|(?<=outlays ))worldwide|"
     r"(?<!in )the world(?!['’]s|\s+war)|"
     r"(?:countries|nations|governments)\s+(?:around|across)\s+the\s+(?:world|globe)|"
     r"(?:countries|nations|governments)\s+worldwide|"
     r"^(?:Countries|Nations|Governments)(?=\s+(?:spent|spend|raised|increased|boosted|cut))",
     "WLD", f"'global'/'world' {WORLD_CAVEAT}"),
    (r"Asia(?![\w-])(?!\s+(?:and|&)\s+Oceania)", "ASIA_OCEANIA",
     "'Asia' read as SIPRI's region Asia and Oceania"),
)
"""(pattern, entity id, caveat): readings of region words, kept only if the id exists."""

READ_BY_PHRASE_ONLY = frozenset({"WLD", "EUROPE"})
"""Entities whose names are common words ('World', 'Europe'): found only through the
phrases above, never by the plain name (which still resolves, for the command line)."""

_WHOLE_BEFORE = re.compile(r"(?<![\w-])(?:the\s+(?:whole|entire)(?:\s+of)?|all(?:\s+of)?)\s+"
                           r"(?:the\s+)?", re.IGNORECASE)
"""Words before a name that take it as a whole: 'the whole (of)', 'the entire', 'all (of)',
each with an optional 'the' ('all of the alliance')."""
_WHOLE_AFTER = re.compile(r"\s+as\s+a\s+whole(?![\w-])", re.IGNORECASE)
"""Words after a name that take it as a whole: 'NATO as a whole'."""

_NAME_START = re.compile(r"(?<![\w-])\S")
"""Where a name may start: a character after no word character or hyphen."""

_MEMO_MAX = 4096
"""Texts whose answers a gazetteer keeps, per question (see ``Gazetteer._seen_mentions``)."""

_T = TypeVar("_T")


def _remember(seen: dict[str, _T], text: str, answer: _T) -> None:
    """Keep an answer for a text; a full memo is emptied first (bounded memory)."""
    if len(seen) >= _MEMO_MAX:
        seen.clear()
    seen[text] = answer


_WITH_RUSSIA = re.compile(r"\s*[,(]?\s*(?:including|incl\.|with)\s+(?:Russia|Ukraine)", re.I)
"""'Europe, including Russia': SIPRI's region, not the EU."""


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence, resolved to an entity id."""

    entity: str
    kind: EntityKind
    start: int
    end: int
    text: str
    caveat: str = ""
    name: str = ""
    """The name itself where ``text`` takes it as a whole ('the whole alliance' → 'the
    alliance'); empty where ``text`` is the name."""
    seat: bool = False
    """A capital or seat of government acting as the government ('Moscow spent')."""


@dataclass(frozen=True)
class ItemMention:
    item: str
    start: int
    end: int
    text: str
    caveat: str = ""


def _demonyms(name: str) -> list[str]:
    if name.endswith("ine"):
        return [name[:-1] + "ian"]
    if name.endswith("a") and len(name) > 3:
        return [name + "n"]
    return []


def _plurals(demonyms: list[str]) -> list[str]:
    """'Russian' → 'Russians', 'Israeli' → 'Israelis'; other plurals are listed."""
    return [d + "s" for d in demonyms if d[-1] in "ni" and " " not in d]


def _proper(alias: str) -> bool:
    """A name written with capitals (beyond a leading 'the'): lower-case text is not it."""
    return any(c.isupper() for c in alias.removeprefix("the ").removeprefix("The "))


def _exact_case(alias: str) -> bool:
    """Short capitalised aliases (US, UK, EU, PRC) match only as written: 'us' is a pronoun."""
    letters = [c for c in alias if c.isalpha()]
    return len(letters) <= 4 and all(c.isupper() for c in letters)


@dataclass
class Gazetteer:
    """Entity names and item phrases with their ids; ``from_data`` builds one from the store."""

    entities: dict[str, Entity]
    items: dict[str, str]  # metric item → measure kinds available, joined (for display)
    metric_ids: frozenset[str]
    _names: dict[str, str] = field(default_factory=dict)  # alias (lower) → entity id
    _proper: set[str] = field(default_factory=set)  # aliases (lower) written with capitals
    _seats: dict[str, word_lists.Seat] = field(default_factory=dict)  # seat (lower) → seat
    _name_re: re.Pattern[str] | None = None
    _name_alternatives: list[tuple[str, re.Pattern[str]]] = field(default_factory=list,
                                                                  repr=False)
    """``_name_re``'s alternatives in its order, each with a test of its first character."""
    _name_by_char: dict[str, re.Pattern[str] | None] = field(default_factory=dict, repr=False)
    """A character → ``_name_re`` cut to the alternatives that can start with it (None: no
    name starts with it); built on first sight of the character."""
    _regions: list[tuple[re.Pattern[str], str, str]] = field(default_factory=list)
    _items: list[tuple[re.Pattern[str], str, str]] = field(default_factory=list)
    groups: dict[frozenset[str], tuple[str, str]] = field(default_factory=dict)
    """Entities named together ('the US and Europe') → (bloc id, caveat) where the data
    read them as that bloc (see ``add_groups``)."""
    _item_scan: list[tuple[re.Pattern[str], str, str]] = field(default_factory=list,
                                                               repr=False)
    """``_items`` wrapped for a scan of a whole sentence (``item_mentions``), compiled once."""
    _item_at: list[tuple[re.Pattern[str], str]] = field(default_factory=list, repr=False)
    """``_items`` with the filler before them, for ``item_after``, compiled once."""
    _seen_mentions: dict[str, tuple[Mention, ...]] = field(default_factory=dict, repr=False,
                                                           compare=False)
    _seen_items: dict[str, tuple[ItemMention, ...]] = field(default_factory=dict, repr=False,
                                                            compare=False)
    _seen_after: dict[str, tuple[str, int] | None] = field(default_factory=dict, repr=False,
                                                           compare=False)
    """Answers already given for a text (``mentions``, ``item_mentions``, ``item_after``):
    a sentence is read by several rules, and a corpus repeats sentences. Each keeps at most
    ``_MEMO_MAX`` texts (emptied when full), so memory stays bounded over any corpus."""

    @classmethod
    def from_data(cls, entities: list[Entity], metrics: list[Metric]) -> Gazetteer:
        """Build the gazetteer from the data's entities and metrics."""
        items: dict[str, str] = {}
        for m in metrics:
            if m.item:
                items[m.item] = ";".join(filter(None, [items.get(m.item, ""), str(m.kind)]))
        gaz = cls({e.id: e for e in entities}, items, frozenset(m.id for m in metrics))
        gaz._compile()
        return gaz

    def _compile(self) -> None:
        listed = word_lists.demonyms()
        alternatives: list[str] = []
        plain: set[str] = set()  # names also written in lower case ('the alliance')
        first: dict[str, str] = {}  # alternative → a pattern for its first character

        def add(alias: str, entity_id: str) -> None:
            if len(alias) < 2:
                return
            key = alias.lower()
            self._names.setdefault(key, entity_id)
            if _proper(alias):
                self._proper.add(key)
            else:
                plain.add(key)
            exact = _exact_case(alias) or (alias == entity_id and alias.isupper())
            flag = "-i" if exact else "i"
            alternatives.append(f"(?{flag}:{re.escape(alias)})")
            first[alternatives[-1]] = f"(?{flag}:{re.escape(alias[0])})"

        for e in self.entities.values():
            names = [e.id, e.name, *e.aliases]
            if e.kind is EntityKind.COUNTRY:
                demonyms = [d for n in (e.name, *e.aliases) for d in _demonyms(n)]
                demonyms += list(listed.get(e.id, ()))
                names += demonyms + _plurals(demonyms)
            if e.id in READ_BY_PHRASE_ONLY:
                self._names.setdefault(e.name.lower(), e.id)
                names = [e.id, *e.aliases]
            for alias in names:
                add(alias, e.id)
        for seat in word_lists.seats():
            if seat.entity in self.entities:
                self._seats[seat.name.lower()] = seat
                add(seat.name, seat.entity)
        self._proper -= plain
        alternatives = list(dict.fromkeys(alternatives))
        alternatives.sort(key=len, reverse=True)
        self._name_re = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")
        self._name_alternatives = [(a, re.compile(first[a])) for a in alternatives]
        for pattern, entity, caveat in REGION_READINGS:
            if entity in self.entities:
                self._regions.append((re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])",
                                                 re.IGNORECASE), entity, caveat))
        generated = [(re.escape(i.replace("_", " ")) + "s?", i, "") for i in self.items]
        for pattern, item, caveat in (*ITEM_PHRASES, *generated):
            if item in self.items:
                self._items.append((re.compile(pattern, re.IGNORECASE), item, caveat))
                self._item_scan.append((re.compile(r"(?<![\w-])(?:" + pattern + r")(?![\w-])",
                                                   re.IGNORECASE), item, caveat))
                self._item_at.append((re.compile(FILLER + "?" + r"(?:" + pattern + r")\b",
                                                 re.IGNORECASE), item))

    def add_groups(self, members: dict[str, set[str]],
                   noted: list[tuple[str, str, str]]) -> None:
        """Teach which entities named together stand for a bloc.

        ``members``: each bloc's member ids today. Names joined by 'and' whose members
        (a bloc counts as its members) make up exactly a bloc's members read as that bloc.
        ``noted``: (bloc id, notes, source id) of figures filed on a bloc; a phrase in the
        notes naming several entities ('as reported (US and Europe)') reads as that bloc,
        as the data themselves filed it."""
        for bloc, own in members.items():
            for other, sub in members.items():
                rest = own - sub
                if other != bloc and sub < own and len(rest) == 1:
                    self.groups.setdefault(frozenset({other, *rest}), (
                        bloc, f"{other} and {next(iter(rest))} read together as {bloc}, "
                        "whose members they make up"))
        for bloc, notes, source in noted:
            # only a phrase the notes quote as reported: '...' or (...), e.g.
            # "'Western allies' as reported (US and Europe)", not "Canada and Türkiye not
            # mentioned"
            for m in re.finditer(r"\(([^()]{3,60})\)|(?<![\w])'([^']{3,60})'(?![\w])", notes):
                phrase = m.group(1) or m.group(2)
                if not re.search(r"\s(?:and|&)\s", phrase):
                    continue
                ids = frozenset(x.entity for x in self.mentions(phrase))
                if len(ids) >= 2 and bloc not in ids and ids not in self.groups:
                    self.groups[ids] = (bloc, f"'{' and '.join(sorted(ids))}' read as {bloc}: "
                                        f"the data file {bloc} figures under that phrase "
                                        f"({source})")

    def group(self, ids: list[str]) -> tuple[str, str] | None:
        """(bloc id, caveat) for entities named together, or None (see ``add_groups``)."""
        return self.groups.get(frozenset(ids))

    # --- entities ---------------------------------------------------------------------

    def resolve(self, name: str) -> str | None:
        """An entity id for a name, alias or id (case-insensitive), or None."""
        return self._names.get(name.strip().lower())

    def mentions(self, sentence: str) -> list[Mention]:
        """Every entity named in a sentence, left to right, overlapping names merged.

        A name taken as a whole ('the whole alliance', 'all of Europe', 'the entire EU',
        'NATO as a whole') is one mention of that name's entity, spanning the phrase, with
        the name's own caveat."""
        seen = self._seen_mentions.get(sentence)
        if seen is not None:
            return list(seen)
        found = self._mentions(sentence)
        _remember(self._seen_mentions, sentence, tuple(found))
        return found

    def _mentions(self, sentence: str) -> list[Mention]:
        found = self._whole_mentions(sentence)
        for m in self._plain_mentions(sentence):
            if all(m.end <= f.start or m.start >= f.end for f in found):
                found.append(m)
        widened: list[Mention] = []
        for m in sorted(found, key=lambda x: x.start):
            after = _WHOLE_AFTER.match(sentence, m.end)
            if after is not None:
                m = Mention(m.entity, m.kind, m.start, after.end(),
                            sentence[m.start:after.end()], m.caveat, m.name or m.text)
            widened.append(m)
        return self._regional(sentence, widened)

    def _regional(self, sentence: str, found: list[Mention]) -> list[Mention]:
        """'Europe' as SIPRI's region, not the EU, where the sentence frames it so: it names
        the world total or another of SIPRI's regions ('spending in Europe rose 17%, in Asia
        and Oceania 6%'), or says the region includes Russia or Ukraine."""
        region = "EUROPE"
        if region not in self.entities:
            return found
        framed = any(m.entity == "WLD" or (m.entity != region and self.entities[
            m.entity].notes.startswith("SIPRI's")) for m in found)
        out = []
        for m in found:
            if m.entity == "EU" and m.text == "Europe" and (framed or _WITH_RUSSIA.match(
                    sentence, m.end)):
                m = Mention(region, m.kind, m.start, m.end, m.text,
                            f"'Europe' read as {self.entities[region].notes.split('. ')[0]}, "
                            "as the sentence frames world regions", m.name, m.seat)
            out.append(m)
        return out

    def _plain_mentions(self, sentence: str) -> list[Mention]:
        orgs = organisation_spans(sentence)
        found: list[Mention] = []
        if self._name_re is not None:
            for m in self._names_in(sentence):
                key = m.group(0).lower()
                if key in self._proper and not any(c.isupper() for c in m.group(0)):
                    continue  # 'turkey', 'the states': not the proper name
                entity_id = self._names[key]
                seat = self._seats.get(key)
                found.append(Mention(entity_id, self.entities[entity_id].kind, m.start(),
                                     m.end(), m.group(0), seat.caveat if seat else "",
                                     seat=seat is not None))
        for pattern, entity_id, caveat in self._regions:
            for m in pattern.finditer(sentence):
                inside = [f for f in found if m.start() <= f.start and f.end <= m.end()
                          and f.end - f.start < m.end() - m.start()]
                found = [f for f in found if f not in inside]  # 'European NATO members':
                if all(m.end() <= f.start or m.start() >= f.end for f in found):  # the
                    found.append(Mention(entity_id, self.entities[entity_id].kind,  # longer
                                         m.start(), m.end(), m.group(0), caveat))  # wins
                else:
                    found += inside
        return self._as_actors(sentence, sorted(found, key=lambda x: x.start), orgs)

    def _names_in(self, sentence: str) -> Iterator[re.Match[str]]:
        """``_name_re.finditer(sentence)``, the same matches, tried only where a name can
        start: after no word character or hyphen, at a character some name starts with, and
        there with only those names (in their order), not the thousand of them."""
        end = 0
        for start in _NAME_START.finditer(sentence):
            p = start.start()
            if p < end:
                continue
            char = sentence[p]
            pattern = self._name_by_char[char] if char in self._name_by_char else \
                self._names_starting(char)
            if pattern is None:
                continue
            m = pattern.match(sentence, p)
            if m is not None:
                end = m.end()
                yield m

    def _names_starting(self, char: str) -> re.Pattern[str] | None:
        alternatives = [a for a, first in self._name_alternatives if first.fullmatch(char)]
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])") \
            if alternatives else None
        self._name_by_char[char] = pattern
        return pattern

    def _as_actors(self, sentence: str, found: list[Mention],
                   orgs: Sequence[OrgSpan]) -> list[Mention]:
        """Drop names that are not their entity here: inside an organisation's name, before
        an event noun, or a capital that does not act as the government; a region gets the
        data's description of what it covers as its caveat."""
        out: list[Mention] = []
        previous: tuple[Mention, bool] | None = None
        for m in found:
            entity = self.entities[m.entity]
            keep = True
            inside = any(m.start < o.end and o.start < m.end for o in orgs)
            country = entity.kind is EntityKind.COUNTRY
            if (inside and entity.kind in (EntityKind.COUNTRY, EntityKind.BLOC)) or (
                    country and is_event(sentence, m.end, m.start)) or (
                    country and is_currency(sentence, m.start, m.end)) or (
                    country and in_wider_name(sentence, m.start)) or (
                    country and " " not in m.text and is_person(sentence, m.end)):
                keep = False
            elif m.seat:
                joined = previous is not None and previous[0].seat and re.fullmatch(
                    r"\s*(?:,|and|or|&)\s*(?:the\s+)?", sentence[previous[0].end:m.start],
                    re.I) is not None
                keep = previous[1] if joined and previous is not None else \
                    acts(sentence, m.start, m.end)
            previous = (m, keep)
            if not keep:
                continue
            if entity.kind is EntityKind.BLOC and not m.caveat and \
                    entity.notes.startswith("SIPRI's"):
                covers = entity.notes.split(". ")[0]
                m = Mention(m.entity, m.kind, m.start, m.end, m.text, f"'{m.text}' read as "
                            f"{covers}", m.name, m.seat)
            out.append(m)
        return out

    def _name_at(self, text: str) -> Mention | None:
        """The longest name the text starts with (a region word counts), or None."""
        starting = [m for m in self._plain_mentions(text) if m.start == 0]
        return max(starting, key=lambda m: m.end, default=None)

    def _whole_mentions(self, sentence: str) -> list[Mention]:
        """Names after 'the whole (of)', 'the entire', 'all (of)'. A name written with 'the'
        in the data or the region words ('the alliance', 'the bloc') is also found without
        it ('the whole alliance')."""
        found: list[Mention] = []
        for q in _WHOLE_BEFORE.finditer(sentence):
            rest = sentence[q.end():q.end() + 80]  # a name is short: linear in the text
            for prefix in ("", "the "):
                hit = self._name_at(prefix + rest)
                if hit is None or hit.end <= len(prefix):
                    continue
                end = q.end() + hit.end - len(prefix)
                if all(end <= f.start or q.start() >= f.end for f in found):
                    found.append(Mention(hit.entity, hit.kind, q.start(), end,
                                         sentence[q.start():end], hit.caveat, hit.text))
                break
        return found

    # --- items ------------------------------------------------------------------------

    def item_after(self, sentence: str, position: int) -> ItemMatch | None:
        """The item named right after a number ('2 million [artillery] shells')."""
        rest = " " + sentence[position:]
        if rest in self._seen_after:
            answer = self._seen_after[rest]
        else:
            answer = None
            for pattern, item in self._item_at:
                m = pattern.match(rest)
                if m:
                    answer = (item, m.end() - 1)
                    break
            _remember(self._seen_after, rest, answer)
        return None if answer is None else ItemMatch(answer[0], position + answer[1])

    def item_mentions(self, sentence: str) -> list[ItemMention]:
        """Every item phrase in a sentence (the most specific reading wins at a position)."""
        seen = self._seen_items.get(sentence)
        if seen is not None:
            return list(seen)
        found: list[ItemMention] = []
        for pattern, item, caveat in self._item_scan:
            for m in pattern.finditer(sentence):
                if all(m.end() <= f.start or m.start() >= f.end for f in found):
                    found.append(ItemMention(item, m.start(), m.end(), m.group(0), caveat))
        found.sort(key=lambda x: x.start)
        _remember(self._seen_items, sentence, tuple(found))
        return found

    def metric(self, item: str, kind: str) -> str | None:
        """The metric id ``<item>.<kind>`` when the data declares it."""
        metric_id = f"{item}.{kind}"
        return metric_id if metric_id in self.metric_ids else None

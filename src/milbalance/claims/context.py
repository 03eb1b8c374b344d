"""What the article tells about a sentence, beyond the sentence itself.

``Context`` is handed to the parser with each sentence: the date the sentence is read at (the
article's, or one the article wrote once: a dateline, "As of June 2025", "In 2024, …"
opening a paragraph), the speaker whose words the sentence reports, and the entities the
article named before it, by kind, so that "the country", "the alliance", "the bloc", "the
Kremlin", "it" and "its" resolve to the last matching one. Everything taken from here is
said on the claim ("'the country' read as Russia (RUS), named earlier in the article").

``article`` builds one Context per sentence (a quotation's speaker named at its end and a
lead-in's speaker and year are found there too); the rules it follows are here:
``referents`` (anaphora → mentions, used by the parser), ``date_caveats``, ``opening_date``
and ``dateline_date`` (dates written once), ``continues_speech`` (whose words a sentence
reports), ``main_subject``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Attribution
from milbalance.claims.when import MONTHS


@dataclass(frozen=True)
class Context:
    """What the article tells about a sentence: its date and who is speaking."""

    on: date | None = None
    speaker: Attribution | None = None
    last_entity: str = ""  # the previous sentence's subject: what "it" and "its" refer to
    last_country: str = ""  # the last country named: "the country", "the Kremlin"
    last_bloc: str = ""  # the last bloc named: "the alliance", "the bloc", "the union"
    main_subject: str = ""  # the entity the title and first paragraph name most
    topic: str = ""  # the item the previous sentence's figures were about
    on_from: str = ""  # where ``on`` comes from when it is not the article's date
    norm: float | None = None  # the share of GDP the article last named as a target ('the
    #   2% guideline'): what 'the target' and 'that goal' stand for in a count of members
    year_before: int | None = None  # the one year the sentences before wrote (same
    #   paragraph): the year of a past-tense sentence that writes none ('It reached $31.6 bn')


_COUNTRY_WORDS = (r"[Tt]he (?:country|nation)(?:'s|’s)?|[Tt]he Kremlin(?:'s|’s)?|"
                  r"[Tt]he (?:Army|Navy|Air Force|armed forces|government|[Dd]efen[cs]e "
                  r"[Mm]inistry|[Mm]inistry of [Dd]efen[cs]e|[Dd]efen[cs]e [Dd]epartment|"
                  r"Department of Defen[cs]e)(?:'s|’s)?")
"""'the country', and a country's own bodies written without its name ('the Army', 'the
government', 'the defence ministry'): they act for the country the article last named."""
_BLOC_WORDS = r"[Tt]he (?:alliance|bloc|union)(?:'s|’s)?"
_REFERENT = re.compile(
    rf"\b(?P<country>{_COUNTRY_WORDS})\b|\b(?P<bloc>{_BLOC_WORDS})(?![\w-])|"
    r"(?:^|[,;:–—]\s*|\b(?:and|but|while|as|because|where|since|after)\s+)"
    r"[\"“‘]?(?P<it>[Ii]ts?|[Tt](?:he|his|hat) (?:figure|total|sum|amount)(?:'s|’s)?)"
    r"\b(?!\s+(?:is|was|has been|remains|seems|appears)\s+"
    r"(?:not\s+)?(?:unclear|clear|likely|unlikely|possible|impossible|true|important|"
    r"estimated|thought|believed|said|expected|hard|difficult|worth|time|no)\b)")
"""Words that stand for an entity named before: 'the country', 'the alliance', a sentence's
or clause's 'it'/'its' (not the empty 'it' of 'it is unclear', 'it is estimated'), and 'the
figure' / 'this total' opening a clause (the figure of the sentence before, so its entity)."""


def referents(gaz: Gazetteer, text: str, mentions: list[Mention],
              ctx: Context) -> list[Mention]:
    """``mentions`` plus the entities ``text`` refers to by 'the country', 'the alliance',
    'it' and the like, read from ``ctx`` (a gazetteer reading of 'the bloc' as NATO gives
    way to the bloc the article last named). Each added mention says where it came from."""
    added: list[Mention] = []
    dropped: set[int] = set()
    for m in _REFERENT.finditer(text):
        kind = next(k for k in ("country", "bloc", "it") if m[k])
        start, end = m.start(kind), m.end(kind)
        named = {"country": ctx.last_country, "bloc": ctx.last_bloc,
                 "it": ctx.last_entity}[kind]
        entity = named or (ctx.main_subject if kind == "it" else
                           _kind_of(gaz, ctx.main_subject, kind))
        if kind == "country" and m[kind].lower().startswith("the kremlin"):
            continue  # the gazetteer reads it as Russia already
        if not entity or entity not in gaz.entities:
            continue
        overlap = [i for i, x in enumerate(mentions) if x.start < end and start < x.end]
        if overlap and any(mentions[i].caveat == "" for i in overlap):
            continue  # a name the sentence writes out wins
        dropped.update(overlap)
        phrase = m[kind]
        origin = "named earlier in the article" if named else "the article's main subject"
        caveat = (f"'{phrase}' read as {gaz.entities[entity].name} ({entity}), {origin}: "
                  "taken from context")
        added.append(Mention(entity, gaz.entities[entity].kind, start, end, phrase, caveat))
    if not added:
        return mentions
    kept = [x for i, x in enumerate(mentions) if i not in dropped]
    return sorted(kept + added, key=lambda x: x.start)


def _kind_of(gaz: Gazetteer, entity: str, kind: str) -> str:
    e = gaz.entities.get(entity)
    return entity if e is not None and e.kind.value == kind else ""


_SHARE = (r"(?P<n>\d(?:\.\d{1,2})?|one|two|three|four|five)\s*(?:%|per\s?cent\b|percent\b)"
          r"(?:\s+of\s+(?:GDP|gross domestic product|(?:its|their|national)\s+GDP))?")
_NORM_NOUN = r"(?:target|goal|guideline|benchmark|threshold|minimum|obligation|commitment|pledge)"
_NORM_NAMED = re.compile(
    rf"(?<![\w.,]){_SHARE}[^.;:!?]{{0,40}}?\b{_NORM_NOUN}\b|"
    rf"\b{_NORM_NOUN}\s+of\s+(?:spending\s+)?(?:at\s+least\s+)?{_SHARE.replace('<n>', '<m>')}",
    re.I)
_NUMBER_WORDS = {"one": 1.0, "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0}


def norm_named(text: str) -> float | None:
    """The share of GDP a sentence names as a target ('the 2% of GDP target', '2% of GDP on
    defence, a guideline set in 2014', 'a goal of spending 3.5%'), the last one when it
    names several; None when it names none."""
    found = list(_NORM_NAMED.finditer(text))
    if not found:
        return None
    n = (found[-1]["n"] or found[-1]["m"]).lower()
    return _NUMBER_WORDS.get(n) or float(n)


def date_caveats(ctx: Context, year_from_text: bool) -> tuple[str, ...]:
    """Said on a claim whose year was not written in its sentence but set by the article
    ('As of June 2025', a dateline): the year is taken from context."""
    if year_from_text or not ctx.on_from or ctx.on is None:
        return ()
    return (f"year {ctx.on.year} taken from context: {ctx.on_from}",)


# --- dates written once -----------------------------------------------------------------

_MONTH = r"(?P<month>" + "|".join(m[:3] + r"(?:" + m[3:] + r")?" for m in MONTHS) + r")\.?"
_OPENING = re.compile(
    r"^\W*(?P<lead>as of|as at|in|by|at the (?:end|start|beginning) of|during|throughout)\s+"
    r"(?:(?P<part>early|mid|late|the first half of|the second half of)[\s-]+)?"
    rf"(?:{_MONTH}\s+)?(?P<year>(?:19|20)\d\d)\b(?!\s*(?:%|per|bn|billion|million))", re.I)
"""'As of June 2025, …', 'In 2024, …', 'At the end of 2023 …' opening a sentence."""
_DATELINE_DATE = re.compile(
    rf"{_MONTH}\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?|(?P<day2>\d{{1,2}})\s+"
    rf"{_MONTH.replace('month', 'month2')}(?:\s+(?P<year2>\d{{4}}))?", re.I)


def _month(name: str) -> int:
    return next(i for i, m in enumerate(MONTHS, 1) if m.startswith(name.lower()[:3]))


def opening_date(text: str) -> tuple[date, str] | None:
    """The date a sentence opens with ('As of June 2025', 'In 2024,'), as the date the
    rest of its paragraph is read at, and the words that set it."""
    m = _OPENING.match(text)
    if m is None:
        return None
    year = int(m["year"])
    if m["month"]:
        day = date(year, _month(m["month"]), 15)
    else:
        part = (m["part"] or "").lower()
        month = 3 if part in ("early", "the first half of") else 6 if part == "mid" else 12
        day = date(year, month, 15 if month != 12 else 31)
    return day, m.group(0).strip(" ,")


def dateline_date(text: str, on: date | None) -> date | None:
    """The date in a dateline ('MOSCOW, Nov 14 (Reuters)'); a dateline without a year is
    in the year of ``on`` (the year before, when that would put it after ``on``)."""
    m = _DATELINE_DATE.search(text)
    if m is None:
        return None
    month = _month(m["month"] or m["month2"])
    day = int(m["day"] or m["day2"])
    year_text = m["year"] or m["year2"]
    year = int(year_text) if year_text else (on or date.today()).year
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not year_text and on is not None and found > on:
        found = date(year - 1, month, min(day, 28))
    return found


# --- speakers ---------------------------------------------------------------------------

_PRONOUN_SPEECH = re.compile(
    r"^\W*(?:He|She|They)\s+(?:also\s+|further\s+|later\s+)?(?:said|says|added|adds|noted|"
    r"told|stated|claimed|argued|insisted|warned|estimated|put|puts|called|wrote|explained|"
    r"pointed out|went on|recalled|underlined|stressed|emphasi[sz]ed|reiterated|"
    r"highlighted|cautioned)\b|[,;]\s*(?:he|she|they)\s+(?:said|added|noted|argued|"
    r"insisted|warned|stated|claimed|explained)\b|"
    r"^\W*(?:[Aa]ccording to|[Cc]iting) (?:him|her|them)\b|"
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\s+went\s+(?:further|on)\b|"
    r"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b[^.;\"“]{0,60},\s+saying\b")


def continues_speech(text: str, quoted: bool, same_paragraph: bool) -> bool:
    """Whether a sentence with no speaker of its own reports the previous speaker's words:
    a quotation that follows directly in the same paragraph, or 'He said/added/put …' and
    '…, she said'. Narrative after the quotation is the writer's, not the speaker's."""
    return (quoted and same_paragraph) or _PRONOUN_SPEECH.search(text) is not None


# --- the article's main subject ---------------------------------------------------------

def main_subject(mentions: list[list[Mention]]) -> str:
    """The entity named most in the title and first paragraph (given as the mentions of
    each of their sentences), ties to the first named; '' when none is named."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, found in enumerate(mentions):
        for m in found:
            if m.kind.value in ("country", "bloc"):
                counts[m.entity] += 1
                first.setdefault(m.entity, i * 10_000 + m.start)
    if not counts:
        return ""
    return min(counts, key=lambda e: (-counts[e], first[e]))

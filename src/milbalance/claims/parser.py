"""English sentences → claims, by rules over the gazetteer's names and ``numbers``' figures.

No model and no network: patterns for how defence reporting writes comparisons ("outproduces",
"four times as much … as", "in three months what … in a year"), levels, shares of GDP,
changes ("doubled", "14-fold") and records ("highest since 1990"). Sentences that state an
opinion, a motive or a forecast of events come back as ``NotCheckable`` with the reason.

The year is the one written next to a figure, else in the sentence, else the article's date
(``Context.on``). Readings that are a choice are kept as caveats on the claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from milbalance.claims.gazetteer import AMMUNITION_CAVEAT, Gazetteer, Mention
from milbalance.claims.kinds import (
    Attribution,
    AttributionClaim,
    Change,
    Claim,
    Comparison,
    Consistency,
    Level,
    Measure,
    NotCheckable,
    NotCheckableReason,
    Quantity,
    QuantityUnit,
    Record,
    ShareOfGdp,
)
from milbalance.claims.numbers import (
    MULTIPLIER,
    find_durations,
    find_quantities,
    multiplier_value,
    number_value,
)

NAMED_PERIODS: tuple[tuple[str, tuple[int, int]], ...] = (
    (r"(?<!North )(?<!South )(?:Korean\b|Korea\b)", (1950, 1953)),
    (r"Vietnam [Ww]ar|war in Vietnam|Vietnam\b", (1965, 1973)),
)
"""Wars named instead of years, with the years of US involvement as the research notes give
them (shared/research spending_facts F0186, F0187)."""

SINCE_EVENTS: tuple[tuple[str, int], ...] = (
    (r"(?:the )?(?:start|beginning) of (?:the|Russia's) (?:full-scale )?(?:war|invasion|"
     r"special military operation)|the full-scale invasion|February 2022|the invasion", 2022),
    (r"(?:the end of )?the Cold War|Soviet (?:times|era|days)|the (?:fall|collapse) of the "
     r"Soviet Union|the USSR", 1991),
)
"""Events reporters date changes and records from, as the year they happened."""

RECORD_SPAN_DECADES = 20
"""'Not seen in decades' read in its weakest sense: at least two decades (20 years)."""

_OPINION = re.compile(
    r"\b(?:should|must|ought to|needs? to|have to|has to|I think|we think|I believe|"
    r"we believe|in my view|in our view|my opinion|it is time|it's time|dangerous|reckless|"
    r"absurd|nonsense|rubbish|myths?|a lie|fairy[ -]tales?|scaremongering|unacceptable|"
    r"shameful|foolish|wise|irresponsible|hysteria|"
    r"a mistake|the right thing)\b", re.IGNORECASE)
_MOTIVE = re.compile(
    r"\b(?:to justify|justif(?:y|ies|ying) (?:its|their|the)|pretext|an attempt to|"
    r"attempts? to (?:frighten|scare|intimidate|distract)|in order to|designed to|"
    r"intended to|aimed at|so as to|scare tactic|a ploy|wants? to (?:frighten|scare))\b",
    re.IGNORECASE)
_FORECAST = re.compile(
    r"\b(?:will|would|won't|cannot|can't|can not|is going to|are going to|could)\s+"
    r"(?:not\s+|never\s+)?(?:change|win|lose|end|collapse|decide|alter|turn|stop|defeat|"
    r"save|break|matter|escalate|prevail|survive|shift)\b|\bthe course of the war\b|"
    r"\bis doomed\b|\bwill never\b", re.IGNORECASE)
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
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_STATED_ON = re.compile(r"\b(?:(?P<day>\d{1,2})\s+)?(?P<month>" + "|".join(_MONTHS)
                        + r")\s+(?:(?P<day2>\d{1,2}),?\s+)?(?P<year>(?:19|20)\d\d)\b", re.I)
_PROJECTION = re.compile(r"\b(?:set to|expected to|on track to|projected to|will (?:produce|"
                         r"reach|make|deliver))\b", re.I)
_YEAR = re.compile(r"(?<![\w$€£.,-])(19[4-9]\d|20[0-4]\d)(?![\w%-]|,\d|\.\d)")
_RELATIVE_YEAR = (
    (re.compile(r"\b(?:this|the current) year\b|\bnow\b|\bcurrently\b|\btoday\b|"
                r"\bat the moment\b|\bannually\b", re.I), 0),
    (re.compile(r"\blast year\b|\bthe past year\b|\ba year ago\b", re.I), -1),
    (re.compile(r"\bnext year\b", re.I), 1),
)
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:early|late|mid-?)\s*)?(?P<year>19\d\d|20\d\d)\b|"
                    r"\b(?:than|compared (?:with|to)|from)\s+(?:in\s+)?(?:the whole of\s+)?"
                    r"(?P<year2>19\d\d|20\d\d)\b|\b(?P<ago>\w+) years? ago\b", re.I)
_ECONOMY_ASIDE = re.compile(
    r"\b(?:a\s+)?\S+\s+times\s+(?:bigger|larger|richer)\s+(?:economy|economically|"
    r"in economic (?:size|terms)|than \w+ in economic (?:size|terms))(?:\s+than\s+\w+)?|"
    r"\b\S+\s+times\s+(?:bigger|larger)\s+than\s+\w+\s+in\s+economic\s+\w+", re.I)
_OUT_VERB = re.compile(r"\bout(?P<verb>produc|spend|spent|gun|manufactur|build|built|pac|"
                       r"perform|strip)\w*", re.I)
_MORE_THAN = re.compile(
    r"\b(?P<dir>more|fewer|less|higher|lower|greater|larger|bigger|smaller)\b(?P<mid>[^.;]{0,80}?)"
    r"\bthan\b", re.I)
_AHEAD = re.compile(r"\b(?P<dir>ahead of|behind|lags? behind|lagging behind|outstrip\w*|"
                    r"exceed\w*|surpass\w*|overtak\w*|overtook)\b", re.I)
_TIMES_AS = re.compile(
    r"(?P<n>\S+)[\s-]+times\s+(?P<how>as\s+(?:much|many)|more|the\s+(?:amount|number|output)"
    r"(?:\s+of)?)\b", re.I)
_WHAT = re.compile(r"\b(?:what|as much as|as many as|the same|that)\b", re.I)
_RECORD = re.compile(
    r"\b(?:highest|largest|biggest|most|greatest|record|peak)\b[^.;]{0,60}?\bsince\s+"
    r"(?P<since>[^,.;]+)|\b(?:not seen|unseen|unprecedented)\s+(?:since\s+(?P<since2>[^,.;]+)|"
    r"in\s+(?P<decades>decades|a generation|half a century|a century))|"
    r"\b(?:more than|most)\b[^.;]{0,40}\bin\s+(?P<decades2>decades)\b|"
    r"\ba record\b|\brecord[- ]high\b|\bfor the first time since\s+(?P<since3>[^,.;]+)", re.I)
_GROWTH_PCT = re.compile(r"\b(?:grew|rose|increased|up|growth of|increase of|jumped|climbed)\s+"
                         r"(?:by\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?:%|per\s?cent|percent)", re.I)
_DEFENCE = re.compile(r"\b(?:defen[cs]e|military|army|armed forces|war|security|"
                      r"weapons|arms)\b", re.I)
_GDP_LEVEL = re.compile(r"\b(?:GDP|gross domestic product|economy)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:no longer|not any ?more|never|fail(?:s|ed|ing)? to|(?:has|have|is|are) yet to|"
    r"unable to|cannot|can't|\w+n't|not(?! only\b| least\b| just\b| to mention\b)|"
    r"no(?=\s+(?:more|fewer|less|longer|greater|higher|larger|bigger)\b))\b", re.I)
"""Words that deny what follows them in the clause: "no longer", "not", "fails to", "isn't"."""
_BOUND_BEFORE_FIGURE = re.compile(r"\b(?:no|not)\s+(?:more|fewer|less|over)(?:\s+than)?\s*"
                                  r"(?:\$|€|£|US\$)?\s*$", re.I)
_PAST_ONLY = re.compile(r"\b(?:until recently|until (?:last|this) year|used to)\b", re.I)
"""A past state that the sentence says has ended: read as "no longer"."""
_HEDGE = re.compile(
    r"\b(?:may(?!\s+\d)|might|reportedly|allegedly|possibly|perhaps|probably|likely|apparently|"
    r"(?:is|are|was|were) (?:believed|thought|said|estimated|understood) to|could have)\b",
    re.I)
"""Words that qualify a claim without denying it: kept as a caveat and in ``hedge``."""
_AS_MUCH = re.compile(
    r"\b(?:(?P<frac>half|a third|a quarter|twice|\S+\s+times)\s+)?as\s+(?:much|many)\b"
    r"(?P<mid>[^.;]{0,60}?)\bas\b(?!\s+(?:\$|€|£|\d|about|some|around|nearly|many|much|"
    r"a\s+(?:million|billion)))", re.I)
"""'as many shells as', 'half as much as': the subject has at least (a fraction of) the other's."""
_KEEP_PACE = re.compile(r"\bkeep(?:s|ing)?\s+(?:pace|up)\s+with\b|\bkept\s+(?:pace|up)\s+"
                        r"with\b|\bmatch(?:es|ed|ing)?\b", re.I)
_IN_A_MONTH = re.compile(r"\s*(?:[\w-]+\s+){0,3}?in\s+(?:" + "|".join(_MONTHS)
                         + r")\b(?:\s+(?:19|20)\d\d)?(?!\s*(?:and|to|-|–|through)\b)", re.I)
_FIGURE = r"\d[\d,]*(?:\.\d+)?(?:\s*(?:million|billion|thousand|bn|m)\b)?"
_FROM_TO = re.compile(rf"\bfrom\s+(?:about\s+|some\s+)?(?P<a>{_FIGURE})(?P<mid>[^.;]{{0,40}}?)"
                      rf"\bto\s+(?:about\s+|some\s+)?(?P<b>{_FIGURE})", re.I)
"""'rose from 400,000 in 2022 to 4.5 million in 2024': a change given by its two ends."""
_FROM_YEAR = re.compile(r"\bin\s+((?:19|20)\d\d)\b")
_N_TO_ONE = re.compile(
    r"\b(?:by\s+(?:a\s+)?(?:ratio|margin|factor)\s+of\s+)?(?P<a>\d+(?:\.\d+)?|two|three|four|"
    r"five|six|seven|eight|nine|ten)(?:\s*(?:to|-to-)\s*|\s*:\s*)(?P<b>one|1)\b(?!\s*(?:million|"
    r"billion|thousand|%|per))", re.I)
"""'four to one', '3:1', 'by a ratio of five to one': a ratio of the first side to the second."""


def _figure(text: str) -> float:
    """'4.5 million' → 4.5e6, '400,000' → 4e5 (0 when it is not a figure)."""
    m = re.match(r"([\d.,]+)\s*(million|billion|thousand|bn|m)?", text.strip(), re.I)
    if not m:
        return 0.0
    scale = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3}
    try:
        return number_value(m.group(1).rstrip(".,")) * scale.get((m.group(2) or "").lower(), 1)
    except ValueError:
        return 0.0


_MODAL_BEFORE = re.compile(r"\b(?:should|must|ought to|needs? to|ha(?:ve|s) to|want(?:s)? to)"
                           r"\s+(?:\w+\s+){0,2}$", re.I)
_CLAUSE = re.compile(r"[,;:–—]|\b(?:but|while|whereas|although|though)\b", re.I)
_FRACTION_RATIO = {"half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "twice": 2.0}

_WE = re.compile(r"^\W*(?:we|our|we're)\b|\b(?:we|we're)\s+(?:are|were|have|produce|make|spend)",
                 re.I)

_MEASURE_WORDS: tuple[tuple[re.Pattern[str], Measure], ...] = (
    (re.compile(r"\bcapacit|\bcapable of|\b(?:can|able to)\s+(?:now\s+|already\s+|still\s+)?"
                r"(?:produce|make|manufacture|build|turn out|churn out)\b", re.I),
     Measure.CAPACITY),
    (re.compile(r"\b(?:target|goal|aims?|plans?|planned|intends?|by the end of|pledged|"
                r"promised)\b", re.I), Measure.TARGET),
    (re.compile(r"\b(?:deliver\w*|ship\w*|sent|send\w*|transferr?\w*|suppl(?:y|ied|ies)|"
                r"provid\w*|import\w*|received|donat\w*)\b", re.I), Measure.DELIVERIES),
    (re.compile(r"\b(?:fir(?:e|es|ed|ing)|us(?:e|es|ed|ing)(?!\s+to\b)|expend\w*|consum\w*|shot|"
                r"launch(?:es|ed|ing)?)\b", re.I),
     Measure.CONSUMPTION),
    (re.compile(r"\b(?:stock\w*|stockpile\w*|reserves?|have left|inventor\w*)\b", re.I),
     Measure.STOCKPILE),
    (re.compile(r"\b(?:produc\w*|make|makes|made|making|manufactur\w*|turn(?:s|ed|ing)? out|"
                r"output|build\w*|built)\b", re.I), Measure.OUTPUT),
)


@dataclass(frozen=True)
class Context:
    """What the article tells about a sentence: its date and who is speaking."""

    on: date | None = None
    speaker: Attribution | None = None
    last_entity: str = ""


@dataclass(frozen=True)
class Parse:
    """A sentence's claims, or why it has none (``not_checkable`` or ``skipped``)."""

    sentence: str
    claims: tuple[Claim, ...] = ()
    not_checkable: NotCheckable | None = None
    skipped: str = ""
    attribution: Attribution | None = None
    entities: tuple[str, ...] = field(default_factory=tuple)


def _span_free(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def negation_cue(text: str, start: int, end: int) -> str:
    """The negating word in ``text[start:end]`` after the last clause break, or ''.

    The window is the stretch between the claim's subject and its figure or comparison
    word, so 'Russia did not produce 2 million shells' and 'NATO fails to outproduce
    Russia' are denials, while a 'not' in an earlier clause is not."""
    window = _BOUND_BEFORE_FIGURE.sub("", text[start:end])  # "no more than 300,000": a bound
    breaks = list(_CLAUSE.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    m = _NEGATION.search(window)
    return m.group(0) if m else ""


def _neg_caveat(cue: str) -> str:
    return f"negation '{cue}' read as denying the claim: it holds when the figure does not"


class Parser:
    """Reads sentences with one gazetteer; ``parse`` never raises on text."""

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self._text = ""

    # --- pieces -----------------------------------------------------------------------

    def attribution(self, sentence: str, on: date | None) -> tuple[Attribution | None,
                                                                     list[tuple[int, int]]]:
        """Who the sentence says is speaking, and the character spans naming them."""
        for m in _ATTRIBUTION.finditer(sentence):
            group = "after" if m["after"] else "post" if m["post"] else "pre"
            clause, start, end = m[group], m.start(group), m.end(group)
            names = [p.group(0) for p in _PERSON.finditer(clause)]
            mentions = self.gaz.mentions(clause)
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

    def _years(self, sentence: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """(year, position) for every year written in the sentence, outside figures."""
        return [(int(m.group(1)), m.start()) for m in _YEAR.finditer(sentence)
                if _span_free(m.start(), m.end(), taken)]

    def _sentence_year(self, sentence: str, years: list[tuple[int, int]],
                       on: date | None) -> tuple[int | None, bool]:
        in_years = [y for y, pos in years
                    if not re.search(r"(?:since|from|than|by|until|before|compared (?:with|to))"
                                     r"\s+(?:\w+\s+)?$",
                                     sentence[:pos], re.I)]
        if in_years:
            return in_years[-1], True
        for pattern, shift in _RELATIVE_YEAR:
            if pattern.search(sentence) and on is not None:
                return on.year + shift, True
        if on is not None:
            return on.year, False
        return None, False

    def _named_periods(self, sentence: str) -> list[tuple[tuple[int, int], int]]:
        out = []
        for pattern, years in NAMED_PERIODS:
            m = re.search(pattern, sentence)
            if m:
                out.append((years, m.start()))
        return sorted(out, key=lambda x: x[1])

    def _since(self, sentence: str, on: date | None) -> int | None:
        for pattern, year in SINCE_EVENTS:
            if re.search(r"\bsince\s+" + pattern, sentence, re.I):
                return year
        m = _SINCE.search(sentence)
        if not m:
            return None
        if m["year"] or m["year2"]:
            return int(m["year"] or m["year2"])
        words = {"two": 2, "three": 3, "four": 4, "five": 5, "ten": 10, "a": 1}
        n = words.get(m["ago"].lower()) if m["ago"] else None
        if n is None and m["ago"] and m["ago"].isdigit():
            n = int(m["ago"])
        return on.year - n if (on is not None and n is not None) else None

    def _measure(self, text: str, default: Measure = Measure.OUTPUT) -> Measure:
        for pattern, measure in _MEASURE_WORDS:
            if pattern.search(text):
                return measure
        return default

    def _measure_near(self, text: str, start: int, q_start: int, q_end: int) -> Measure:
        """What a figure counts, from the words of its own clause: a capacity or target
        word before it wins ('has the capacity to produce 4 million'), else the verb
        nearest before it ('made 2 million …, besides those it imported'), else the
        words right after it ('4 million shells in stock')."""
        head = text[start:q_start]
        if breaks := list(_CLAUSE.finditer(head)):
            head = head[breaks[-1].end():]
        found = [(m.end(), measure) for pattern, measure in _MEASURE_WORDS
                 for m in pattern.finditer(head)]
        for strong in (Measure.CAPACITY, Measure.TARGET):
            if any(measure is strong for _, measure in found):
                return strong
        if found:
            return max(found, key=lambda f: f[0])[1]
        return self._measure(text[q_end:q_end + 40])

    # --- the sentence -----------------------------------------------------------------

    def parse(self, sentence: str, context: Context | None = None) -> Parse:
        """All claims in one sentence (see the module docstring for what is recognised)."""
        ctx = context or Context()
        text = sentence.strip()
        self._text = text
        if not text:
            return Parse(sentence, skipped="empty sentence")
        if text.rstrip("*_ ").endswith("?"):
            return Parse(sentence, skipped="a question, not a claim")
        if (stated := _STATED_ON.search(text)) is not None and re.search(
                r"\b(?:said|says|told|stated|claimed|argued|reported|announced)\b", text):
            day = int(stated["day"] or stated["day2"] or 15)
            month = _MONTHS.index(stated["month"].lower()) + 1
            ctx = replace(ctx, on=date(int(stated["year"]), month, min(max(day, 1), 28)))
        said, said_spans = self.attribution(text, ctx.on)
        speaker = said or ctx.speaker
        aside = [(m.start(), m.end()) for m in _ECONOMY_ASIDE.finditer(text)]
        quantities = [q for q in find_quantities(text, self.gaz.item_after)
                      if _span_free(q.start, q.end, aside)]
        taken = [(q.start, q.end) for q in quantities]
        mentions = [m for m in self.gaz.mentions(text)
                    if _span_free(m.start, m.end, said_spans + aside)]
        we = _WE.search(text)
        if we is not None and speaker is not None and speaker.entity:
            mentions.append(Mention(speaker.entity, self.gaz.entities[speaker.entity].kind,
                                    we.start(), we.start() + 2, "we"))
            mentions.sort(key=lambda x: x.start)
        mentions, group_caveats = self._groups(text, mentions)
        entities = tuple(dict.fromkeys(m.entity for m in mentions))
        years = self._years(text, taken)
        year, from_text = self._sentence_year(text, years, ctx.on)
        base_caveats = tuple(dict.fromkeys([*(m.caveat for m in mentions if m.caveat),
                                            *group_caveats]))
        common: dict[str, object] = {"text": text, "year": year,
                                     "year_from_text": from_text, "attribution": speaker}
        if (hedge := _HEDGE.search(text)) is not None:
            common["hedge"] = hedge.group(0)
            base_caveats = (*base_caveats, f"hedged ('{hedge.group(0)}'): reported as likely "
                            "or possible, not asserted; checked as if asserted")

        claims: list[Claim] = []
        comparison = self._comparison(text, mentions, quantities, common, base_caveats, ctx)
        claims += comparison
        claims += self._spending(text, quantities, mentions, years, common, base_caveats, ctx,
                                 speaker)
        if not comparison:
            claims += self._levels(text, quantities, mentions, years, common, base_caveats, ctx)
            claims += self._change_and_record(text, quantities, mentions, common, base_caveats,
                                              ctx)
        if said is not None and (claims or mentions):
            claims.append(AttributionClaim(speaker=said.speaker, about=entities,
                                           **common))  # type: ignore[arg-type]
        checkable = [c for c in claims if not isinstance(c, AttributionClaim)]
        not_checkable = self._not_checkable(text, bool(quantities), common)
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

    _JOINED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:the\s+)?$", re.I)

    def _groups(self, text: str, mentions: list[Mention]) -> tuple[list[Mention], list[str]]:
        """Names joined by 'and' ('the US and Europe') merged into the bloc the data read
        them as; where there is none, the first name stands for the group, said in a caveat."""
        out: list[Mention] = []
        caveats: list[str] = []
        i = 0
        while i < len(mentions):
            j = i
            while j + 1 < len(mentions) and self._JOINED.match(
                    text[mentions[j].end:mentions[j + 1].start]):
                j += 1
            if j == i:
                out.append(mentions[i])
                i += 1
                continue
            run = mentions[i:j + 1]
            ids = list(dict.fromkeys(m.entity for m in run))
            found = self.gaz.group(ids) if len(ids) > 1 else None
            if found is not None:
                bloc, caveat = found
                out.append(Mention(bloc, self.gaz.entities[bloc].kind, run[0].start,
                                   run[-1].end, text[run[0].start:run[-1].end], caveat))
            else:
                out.extend(run)
                if len(ids) > 1:
                    caveats.append(f"{' and '.join(ids)} are named together, but the data hold "
                                   "no bloc they make up and their sum is not computed: the "
                                   "claim is read for one of them only")
            i = j + 1
        return out, caveats

    def _not_checkable(self, text: str, has_figures: bool,
                       common: dict[str, object]) -> NotCheckable | None:
        if m := _OPINION.search(text):
            return NotCheckable(reason=NotCheckableReason.OPINION, explanation=(
                f"an opinion or a recommendation ('{m.group(0)}'), not a statement of fact"),
                **common)  # type: ignore[arg-type]
        if (m := _MOTIVE.search(text)) and not has_figures:
            return NotCheckable(reason=NotCheckableReason.MOTIVE, explanation=(
                f"ascribes a motive ('{m.group(0)}'); intentions cannot be measured"),
                **common)  # type: ignore[arg-type]
        if m := _FORECAST.search(text):
            return NotCheckable(reason=NotCheckableReason.FORECAST, explanation=(
                f"a forecast of events ('{m.group(0)}'); it can be checked only after the fact"),
                **common)  # type: ignore[arg-type]
        return None

    # --- comparisons ------------------------------------------------------------------

    def _item_for(self, text: str, start: int = 0) -> tuple[str, str]:
        items = [i for i in self.gaz.item_mentions(text) if i.start >= start] or \
            self.gaz.item_mentions(text)
        if items:
            return items[0].item, items[0].caveat
        return "", ""

    def _comparison(self, text: str, mentions: list[Mention], quantities: list[Quantity],
                    common: dict[str, object], caveats: tuple[str, ...],
                    ctx: Context) -> list[Comparison]:
        ratio: float | None = None
        more = True
        trigger: int | None = None
        extra: list[str] = []
        measure_default = Measure.OUTPUT
        share = bool(re.search(r"\bshare of (?:its |their |the )?(?:GDP|gross domestic|"
                               r"economic output)", text, re.I))
        durations = find_durations(text)
        paired: tuple[str, str] | None = None  # (subject, other) read from who makes what when
        if (m := _OUT_VERB.search(text)) is not None:
            trigger = m.start()
            if m["verb"].lower().startswith("spen"):
                measure_default = Measure.EXPENDITURE
        elif (t := _TIMES_AS.search(text)) is not None and not _ECONOMY_ASIDE.search(
                text[max(0, t.start() - 3):t.end() + 30]):
            try:
                ratio = number_value(t["n"].strip("(~").lower())
            except ValueError:
                ratio = None
            trigger = t.start()
            if "more" in t["how"].lower():
                extra.append(f"'{t.group(0)}' read as {ratio:g} times as much (not {ratio:g} "
                             "times more on top)" if ratio else "")
            if len(durations) == 2 and ratio is not None:
                literal = ratio * durations[1][0] / durations[0][0]
                extra.append(f"literal reading: {ratio:g} times as much in "
                             f"{durations[0][0]:g} year(s) as in {durations[1][0]:g} → ratio "
                             f"{literal:g}; the speaker may have meant {ratio:g}")
                ratio = literal
        elif len(durations) == 2 and _WHAT.search(text) and durations[0][0] != durations[1][0]:
            # "A makes in three months what B makes in a year" and "what B makes in twelve
            # months, A makes in three": each period goes with the name before it; the side
            # that needs the shorter period makes more
            named = [[m for m in mentions if m.end <= pos] for _, pos in durations]
            owners = [n[-1].entity if n else "" for n in named]
            short, long_ = sorted(range(2), key=lambda i: durations[i][0])
            if owners[0] and owners[1] and owners[0] != owners[1]:
                paired = (owners[short], owners[long_])
            ratio = durations[long_][0] / durations[short][0]
            trigger = durations[0][1]
            extra.append(f"'in {durations[short][0] * 12:g} months what … in "
                         f"{durations[long_][0] * 12:g} months' read as a ratio of {ratio:g}")
        elif (m2 := _MORE_THAN.search(text)) is not None and not any(
                q.start < m2.end() and q.end > m2.start() for q in quantities) and \
                not re.search(r"\bmore than\s+(?:\$|\d|two|three|four|five|six|a |half)",
                              text[m2.start():m2.end() + 12], re.I):
            trigger = m2.start()
            more = m2["dir"].lower() in ("more", "higher", "greater", "larger", "bigger")
        elif (m3 := _AHEAD.search(text)) is not None:
            trigger = m3.start()
            more = not m3["dir"].lower().startswith(("behind", "lag"))
        elif ((m4 := _AS_MUCH.search(text)) is not None and m4["mid"].strip() != "") or (
                m4 := _KEEP_PACE.search(text)) is not None:
            trigger = m4.start()
            frac = (m4.groupdict().get("frac") or "").lower()
            if frac in _FRACTION_RATIO:
                ratio = _FRACTION_RATIO[frac]
            elif frac:
                try:
                    ratio = number_value(frac.split()[0])
                except ValueError:
                    ratio = None
            else:
                extra.append(f"'{m4.group(0).strip()}' read as: at least as much")
        periods = self._named_periods(text)
        if trigger is None and share and periods and (
                h := re.search(r"\b(?:higher|larger|greater|bigger|more)\b", text, re.I)):
            trigger = h.start()
        if trigger is None:
            return []
        before = [m for m in mentions if m.start < trigger]
        after = [m for m in mentions if m.start >= trigger]
        subject = before[-1].entity if before else (ctx.last_entity or "")
        others = [m.entity for m in after if m.entity != subject]
        if share and periods and not others and subject:
            others = [ctx.last_entity if ctx.last_entity and ctx.last_entity != subject
                      else subject]
            extra.append("no counterpart named: compared with " + (
                f"{others[0]} now" if others[0] != subject else "the same country now"))
        if paired is not None:
            subject, others = paired[0], [paired[1]]
        if ratio is None and (n_to := _N_TO_ONE.search(text, trigger)) is not None:
            try:
                ratio = number_value(n_to["a"]) / number_value(n_to["b"])
            except (ValueError, ZeroDivisionError):
                ratio = None
            if ratio is not None:
                extra.append(f"'{n_to.group(0)}' read as a ratio of {ratio:g}")
        if not subject or not others:
            return []
        if _MODAL_BEFORE.search(text[:trigger]):
            return []  # "allies must keep pace with Russia": a recommendation, not a claim
        subject_end = before[-1].end if before else 0
        cue = negation_cue(text, subject_end, trigger + 12) or (
            "until recently" if _PAST_ONLY.search(text[:trigger + 1]) else "")
        negated = False
        if cue and ratio is None:
            more = not more
            extra.append(f"'{cue}' read as a denial: the comparison is turned round "
                         "(ties are negligible in the estimates)")
        elif cue:
            negated = True
            extra.append(_neg_caveat(cue))
        item, caveat = self._item_for(text)
        if share:
            item = "military_expenditure"
            measure = Measure.EXPENDITURE
        elif measure_default is Measure.EXPENDITURE or (
                not item and re.search(r"\bspen[dt]|budget|allocat", text, re.I)):
            item, measure = "military_expenditure", Measure.EXPENDITURE
        else:
            if not item:
                item, caveat = "artillery_shells", "no item named; " + AMMUNITION_CAVEAT
            measure = self._measure(text[:trigger] + " " + text[trigger:], measure_default)
            if measure is Measure.DELIVERIES:
                measure = Measure.SUPPLY
                extra.append("'supply' compared as output plus imports from suppliers; "
                             "imports do not count as production")
        if ratio is not None and ratio < 1:
            subject, others, ratio = others[0], [subject], 1 / ratio
        elif not more:
            subject, others, more = others[0], [subject], True
        if periods:
            extra.append("'during the war' read as the war's peak year")
        all_caveats = tuple(dict.fromkeys([*caveats, *([caveat] if caveat else []),
                                           *filter(None, extra)]))
        common2 = {**common, "caveats": all_caveats, "negated": negated}
        return [Comparison(subject=subject, other=others[0], item=item, measure=measure,
                           ratio=ratio, more=more, share_of_gdp=share, subject_years=span,
                           other_years=None, **common2)  # type: ignore[arg-type]
                for span in ([p for p, _ in periods] or [None])]  # type: ignore[list-item]

    # --- spending figures -------------------------------------------------------------

    def _subject_before(self, mentions: list[Mention], position: int, ctx: Context,
                        speaker: Attribution | None = None) -> tuple[str, str]:
        countries = [m for m in mentions if m.kind.value in ("country", "bloc", "company",
                                                              "facility")
                     and not ((m.name or m.text) != self.gaz.entities[m.entity].name
                              and (m.name or m.text) not in (m.entity, "we")
                              and m.caveat == "" and self._located(m))]
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

    _LOCATIVE = re.compile(r"\b(?:in|at|from|to|visiting|speaking in)\s+$", re.I)

    def _located(self, m: Mention) -> bool:
        """A capital named as a place ('speaking in Minsk'), not as the government."""
        return bool(self._LOCATIVE.search(self._text[:m.start]))

    def _year_near(self, text: str, q: Quantity, years: list[tuple[int, int]],
                   fallback: int | None) -> tuple[int | None, bool]:
        after = [y for y, pos in years if pos >= q.end and pos - q.end < 40]
        if after:
            return after[0], True
        before = [y for y, pos in years if pos < q.start]
        if before:
            return before[-1], True
        return fallback, False

    def _spending(self, text: str, quantities: list[Quantity], mentions: list[Mention],
                  years: list[tuple[int, int]], common: dict[str, object],
                  caveats: tuple[str, ...], ctx: Context,
                  speaker: Attribution | None) -> list[Claim]:
        money = [q for q in quantities if q.unit is QuantityUnit.MONEY]
        shares = [q for q in quantities if q.unit is QuantityUnit.PERCENT_GDP]
        if shares:  # "14% of GDP on Korea, 10% in Vietnam": the list shares the 'of GDP'
            shares += [q for q in quantities if q.unit is QuantityUnit.PERCENT
                       and q.start > shares[0].end
                       and not re.search(r"\b(?:grew|rose|up|increase|growth|budget)\b",
                                         text[max(0, q.start - 25):q.start], re.I)]
            shares = [replace(q, unit=QuantityUnit.PERCENT_GDP) for q in shares]
        if not money and not shares:
            return []
        if money and not shares and not _DEFENCE.search(text) and not _GDP_LEVEL.search(text):
            return []
        periods = self._named_periods(text)
        out: list[Claim] = []
        subject = ""
        window_start = 0
        for q in sorted(money + shares, key=lambda x: x.start):
            cue = negation_cue(text, window_start, q.start)
            window_start = q.end
            inside = [m for m in mentions if q.start <= m.start < q.end]
            subject, caveat = (inside[0].entity, inside[0].caveat) if inside else \
                self._subject_before(mentions, q.start, ctx, speaker)
            if not subject:
                continue
            qyear, from_text = self._year_near(text, q, years, common["year"])  # type: ignore[arg-type]
            from_text = from_text or bool(common["year_from_text"])
            span = None
            if periods:
                near = [p for p, pos in periods if pos >= q.end] or [p for p, _ in periods]
                span = near[0]
                qyear, from_text = span[1], True
            cav = tuple(dict.fromkeys([*caveats, *([caveat] if caveat else [])]))
            if span is not None:
                cav += (f"'during the war' read as the peak year of {span[0]}–{span[1]}",)
            if cue:
                cav += (_neg_caveat(cue),)
            fields = {**common, "year": qyear, "year_from_text": from_text, "caveats": cav,
                      "negated": bool(cue)}
            if q.unit is QuantityUnit.PERCENT_GDP:
                out.append(ShareOfGdp(subject=subject, quantity=q, years=span,
                                      **fields))  # type: ignore[arg-type]
            else:
                window = text[max(0, q.start - 45):q.start] + text[q.end:q.end + 12]
                is_gdp = bool(_GDP_LEVEL.search(window)) and not _DEFENCE.search(
                    text[max(0, q.start - 30):q.start])
                item, measure = ("gdp", Measure.GDP) if is_gdp else (
                    "military_expenditure", Measure.EXPENDITURE)
                if not is_gdp:
                    fields["caveats"] = (*cav, "defence spending: compared with SIPRI's "
                                         "military expenditure and budget definitions")
                out.append(Level(subject=subject, item=item, measure=measure, quantity=q,
                                 years=span, **fields))  # type: ignore[arg-type]
        spend = [c for c in out if isinstance(c, Level | ShareOfGdp)]
        bases = {("share" if isinstance(c, ShareOfGdp) else
                  f"{c.item}:{c.quantity.currency}") for c in spend}
        subjects = {c.subject for c in spend}
        if len(bases) >= 2 and len(subjects) == 1 and not periods:
            out.append(Consistency(subject=next(iter(subjects)),
                                   quantities=tuple(c.quantity for c in spend),
                                   **{**common, "caveats": caveats}))  # type: ignore[arg-type]
        return out

    # --- levels, changes, records -----------------------------------------------------

    def _levels(self, text: str, quantities: list[Quantity], mentions: list[Mention],
                years: list[tuple[int, int]], common: dict[str, object],
                caveats: tuple[str, ...], ctx: Context) -> list[Claim]:
        out: list[Claim] = []
        counted = [q for q in quantities if q.unit in (QuantityUnit.COUNT, QuantityUnit.RATE)]
        item_default, item_caveat = self._item_for(text)
        previous_end = 0
        for q in counted:
            item, cav = q.item, ""
            if not item:
                item, cav = item_default, item_caveat
            else:
                cav = next((i.caveat for i in self.gaz.item_mentions(text[q.start:q.end + 1])
                            if i.caveat), "")
            if not item:
                continue
            subject, scav = self._subject_before(mentions, q.start, ctx)
            if not subject:
                continue
            measure = self._measure_near(text, previous_end, q.start, q.end)
            window_start, previous_end = previous_end, q.end
            qyear, from_text = self._year_near(text, q, years, common["year"])  # type: ignore[arg-type]
            from_text = from_text or bool(common["year_from_text"])
            cv = [*caveats, *filter(None, [cav, scav])]
            if _PROJECTION.search(text[max(0, q.start - 40):q.start]):
                cv.append("a projection for the year, compared with estimates of actual output")
            if q.unit is QuantityUnit.COUNT and _IN_A_MONTH.match(text[q.end:]):
                q = replace(q, value=q.value * 12, unit=QuantityUnit.RATE, per="month")
                cv.append("a count for one named month, annualised (×12)")
            elif q.unit is QuantityUnit.COUNT and measure in (Measure.OUTPUT,
                                                              Measure.CAPACITY):
                cv.append("a total, not an annual rate: compared as the year's figure")
            cue = negation_cue(text, window_start, q.start)
            if cue:
                cv.append(_neg_caveat(cue))
            out.append(Level(subject=subject, item=item, measure=measure, quantity=q,
                             **{**common, "year": qyear, "year_from_text": from_text,
                                "caveats": tuple(dict.fromkeys(cv)),
                                "negated": bool(cue)}))  # type: ignore[arg-type]
        return out

    def _change_and_record(self, text: str, quantities: list[Quantity], mentions: list[Mention],
                           common: dict[str, object], caveats: tuple[str, ...],
                           ctx: Context) -> list[Claim]:
        out: list[Claim] = []
        subject, scav = self._subject_before(mentions, len(text), ctx)
        item, icav = self._item_for(text)
        if not subject:
            return out
        if not item:
            if re.search(r"\bspen[dt]|budget", text, re.I):
                item = "military_expenditure"
            else:
                item, icav = "artillery_shells", "no item named; " + AMMUNITION_CAVEAT
        measure = (Measure.EXPENDITURE if item == "military_expenditure"
                   else self._measure(text))
        cv = tuple(dict.fromkeys([*caveats, *filter(None, [scav, icav])]))
        since = self._since(text, ctx.on)
        factor: float | None = None
        change_at = 0
        if _TIMES_AS.search(text) and re.search(r"\b(?:as|than)\b", text):
            pass  # "N times as much as B" with no subject: an unresolved comparison
        elif (m := MULTIPLIER.search(text)) is not None and not _ECONOMY_ASIDE.search(text):
            factor = multiplier_value(m)
            change_at = m.start()
        elif (g := _GROWTH_PCT.search(text)) is not None:
            factor = 1 + float(g["n"]) / 100
            change_at = g.start()
        else:
            same = [q for q in quantities if q.item == item and q.unit in
                    (QuantityUnit.RATE, QuantityUnit.COUNT)]
            if len(same) >= 2 and re.search(r"\bfrom\b.*\bto\b", text, re.I) and same[0].value:
                factor = same[1].value / same[0].value
        if factor is None and (ft := _FROM_TO.search(text)) is not None:
            a, b = _figure(ft["a"]), _figure(ft["b"])
            if a and b:
                factor, change_at = b / a, ft.start()
                if (y := _FROM_YEAR.search(ft["mid"])) is not None:
                    since = int(y.group(1))
        if factor is not None:
            subject, scav = self._subject_before(mentions, change_at, ctx)
            cv = tuple(dict.fromkeys([*caveats, *filter(None, [scav, icav])]))
            cue = negation_cue(text, 0, change_at + 1)
            out.append(Change(subject=subject, item=item, measure=measure, factor=factor,
                              since=since, **{**common, "negated": bool(cue), "caveats": (
                                  *cv, *([_neg_caveat(cue)] if cue else []))}))  # type: ignore[arg-type]
        if (r := _RECORD.search(text)) is not None:
            since_text = r["since"] or r["since2"] or r["since3"] or ""
            rsince = None
            for pattern, year in SINCE_EVENTS:
                if re.search(pattern, since_text, re.I):
                    rsince = year
            if rsince is None and (y := re.search(r"(19|20)\d\d", since_text)):
                rsince = int(y.group(0))
            span = RECORD_SPAN_DECADES if (r["decades"] or r["decades2"]) and rsince is None \
                else 0
            rcv = cv + ((f"'in decades' read as at least {RECORD_SPAN_DECADES} years",)
                        if span else ())
            cue = negation_cue(text, 0, r.start() + 1)
            if cue:
                rcv += (_neg_caveat(cue),)
            out.append(Record(subject=subject, item=item, measure=measure, since=rsince,
                              span_years=span, **{**common, "caveats": rcv,
                                                  "negated": bool(cue)}))  # type: ignore[arg-type]
        return out

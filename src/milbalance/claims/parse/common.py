"""Pieces every kind of claim is read with: clause breaks, negation and hedges, what a figure
counts (output, capacity, target …), the item named, and the fields all claims share."""

from __future__ import annotations

import re

from milbalance.claims.gazetteer import Gazetteer, Mention
from milbalance.claims.kinds import Measure
from milbalance.claims.numbers import number_value

ECONOMY_ASIDE = re.compile(
    r"\b(?:a\s{1,3})?\S{1,30}\s{1,3}times\s{1,3}(?:bigger|larger|richer)\s{1,3}"
    r"(?:economy|economically|"
    r"in economic (?:size|terms)|than \w+ in economic (?:size|terms))(?:\s+than\s+\w+)?|"
    r"\b\S{1,30}\s{1,3}times\s{1,3}(?:bigger|larger)\s+than\s+\w+\s+in\s+economic\s+\w+", re.I)
"""'a ten times bigger economy': an aside on economic size, not a claim about output."""
PROJECTION = re.compile(r"\b(?:set to|expected to|on track to|projected to|will (?:produce|"
                        r"reach|make|deliver))\b", re.I)
DEFENCE = re.compile(r"\b(?:defen[cs]e|military|army|armed forces|war|security|"
                     r"weapons|arms)\b", re.I)
_PURPOSE_DEFENCE = re.compile(
    r"\b(?:defen[cs]e|military|army|armed forces|war(?:time)?|national security|weapons|arms|"
    r"armaments?|ammunition|munitions|procurement)\b", re.I)
_PURPOSE_OTHER = re.compile(
    r"\b(?:(?:military|defen[cs]e|arms|weapons)\s+(?:aid|assistance|exports?|sales|orders?|"
    r"contracts?|deals?|packages?|loans?|industry revenues?)|internal security|security "
    r"(?:forces|services)|law enforcement|police|special services|social\w*|pensions?|"
    r"health\w*|education|propaganda|compensation|payments?|benefits?|salar(?:y|ies)|wages?|"
    r"revenues?|income|deficits?|debts?|reserves?|oil|gas|aid|assistance|loans?|grants?|"
    r"investments?|infrastructure|subsid\w*|tax\w*|sanctions|exports?|imports?|trade|"
    r"interest|funds?|wealth|profits?|sales|orders?|contracts?|deals?|packages?)\b", re.I)
CLAUSE_BREAK = re.compile(r"[,;:–—()]|\b(?:but|while|whereas|although|though|compared)\b",
                          re.I)
PURPOSE_REACH = 80
"""How far from a sum of money the words that say what it pays for are looked for."""


def money_purpose(text: str, start: int, end: int,
                  figures: list[tuple[int, int]] | tuple[()] = ()) -> str:
    """What a sum of money pays for, from the nearest purpose words around it, not past a
    neighbouring figure: 'defence', 'other' ('funding for internal security … will increase
    to 3.9 trillion rubles', 'a $61 billion military aid package', 'export orders worth €10
    billion') or '' when none is near.

    The nearest words win (on a tie, 'other': a wrong verdict costs more than none): the
    sentence's topic elsewhere does not make every sum in it defence spending."""
    lo = max([start - PURPOSE_REACH, *(e for _, e in figures if e <= start)], default=0)
    hi = min([end + PURPOSE_REACH, *(b for b, _ in figures if b >= end)], default=len(text))
    lo, hi = max(0, lo), min(len(text), hi)
    breaks = [m for m in CLAUSE_BREAK.finditer(text, lo, hi)]
    clause_lo = max([lo, *(m.end() for m in breaks if m.end() <= start)])
    clause_hi = min([hi, *(m.start() for m in breaks if m.start() >= end)])
    for a, b in ((clause_lo, clause_hi), (lo, hi)):  # its own clause first
        others = list(_PURPOSE_OTHER.finditer(text, a, b))
        found = [(min(abs(m.start() - end), abs(start - m.end())), 0, "other") for m in others]
        found += [(min(abs(m.start() - end), abs(start - m.end())), 1, "defence")
                  for m in _PURPOSE_DEFENCE.finditer(text, a, b)
                  if not any(o.start() <= m.start() < o.end() for o in others)]
        if found:
            return min(found)[2]
    return ""


GDP_LEVEL = re.compile(r"\b(?:GDP|gross domestic product|economy)\b", re.I)
_NEGATION = re.compile(
    r"\b(?:no longer|not any ?more|never|fail(?:s|ed|ing)? to|(?:has|have|is|are) yet to|"
    r"unable to|cannot|can't|\w+n't|not(?! only\b| least\b| just\b| to mention\b)|"
    r"no(?=\s+(?:more|fewer|less|longer|greater|higher|larger|bigger)\b))\b", re.I)
"""Words that deny what follows them in the clause: "no longer", "not", "fails to", "isn't"."""
_BOUND_BEFORE_FIGURE = re.compile(r"\b(?:no|not)\s+(?:more|fewer|less|over|higher|greater|lower|"
                                  r"larger|bigger|smaller|under|below|exceeding)(?:\s+than)?\s*"
                                  r"(?:\$|€|£|US\$)?\s*$", re.I)
"""'no more than 300,000', 'not below 2%': a bound on the figure (``bounds``), not a denial."""
PAST_ONLY = re.compile(r"\b(?:until recently|until (?:last|this) year|used to)\b", re.I)
"""A past state that the sentence says has ended: read as "no longer"."""
HEDGE = re.compile(
    r"\b(?:may(?!\s+\d)|might|reportedly|allegedly|possibly|perhaps|probably|likely|apparently|"
    r"(?:is|are|was|were) (?:believed|thought|said|estimated|understood) to|could have)\b",
    re.I)
"""Words that qualify a claim without denying it: kept as a caveat and in ``hedge``."""
MODAL_BEFORE = re.compile(r"\b(?:should|must|ought to|needs? to|ha(?:ve|s) to|want(?:s)? to)"
                          r"\s+(?:\w+\s+){0,2}$", re.I)
CLAUSE = re.compile(r"[,;:–—]|\b(?:but|while|whereas|although|though)\b", re.I)

MEASURE_WORDS: tuple[tuple[re.Pattern[str], Measure], ...] = (
    (re.compile(r"\bcapacit|\bcapable of|\b(?:(?:can|able to)\s+(?:now\s+|already\s+|still\s+)?|"
                r"(?:designed|built|equipped|tooled|configured|sized|set up)\s+to\s+)"
                r"(?:produce|make|manufacture|build|turn out|churn out)\b", re.I),
     Measure.CAPACITY),
    (re.compile(r"\b(?:target|goal|aims?|plans?|planned|intends?|anticipat\w*|by the end of|"
                r"pledged|promised)\b", re.I), Measure.TARGET),
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


_CURRENCY_AFTER = re.compile(r"(?:\$|\s+dollars?\b)", re.I)


def not_currency(text: str, mentions: list[Mention]) -> list[Mention]:
    """Names that are part of a currency ('US$151 billion', 'Canadian dollars') name no
    subject."""
    return [m for m in mentions if not _CURRENCY_AFTER.match(text, m.end)]


def figure(text: str) -> float:
    """'4.5 million' → 4.5e6, '400,000' → 4e5 (0 when it is not a figure)."""
    m = re.match(r"([\d.,]+)\s*(million|billion|thousand|bn|m)?", text.strip(), re.I)
    if not m:
        return 0.0
    scale = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3}
    try:
        return number_value(m.group(1).rstrip(".,")) * scale.get((m.group(2) or "").lower(), 1)
    except ValueError:
        return 0.0


def span_free(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def negation_cue(text: str, start: int, end: int) -> str:
    """The negating word in ``text[start:end]`` after the last clause break, or ''.

    The window is the stretch between the claim's subject and its figure or comparison
    word, so 'Russia did not produce 2 million shells' and 'NATO fails to outproduce
    Russia' are denials, while a 'not' in an earlier clause is not."""
    window = _BOUND_BEFORE_FIGURE.sub("", text[start:end])  # "no more than 300,000": a bound
    breaks = list(CLAUSE.finditer(window))
    if breaks:
        window = window[breaks[-1].end():]
    m = _NEGATION.search(window)
    return m.group(0) if m else ""


def neg_caveat(cue: str) -> str:
    return f"negation '{cue}' read as denying the claim: it holds when the figure does not"


def measure_of(text: str, default: Measure = Measure.OUTPUT) -> Measure:
    for pattern, measure in MEASURE_WORDS:
        if pattern.search(text):
            return measure
    return default


def measure_near(text: str, start: int, q_start: int, q_end: int,
                 listed: Measure | None = None) -> Measure:
    """What a figure counts, from the words of its own clause: a capacity or target
    word before it wins ('has the capacity to produce 4 million'), else the verb
    nearest before it ('made 2 million …, besides those it imported'), else, for a figure
    that continues a list ('to 60,000 in 2024, to 80,000 in 2025'), ``listed`` (the
    measure of the figure before it), else the words right after it ('4 million shells in
    stock')."""
    head = text[start:q_start]
    if breaks := list(CLAUSE.finditer(head)):
        head = head[breaks[-1].end():]
    found = [(m.end(), measure) for pattern, measure in MEASURE_WORDS
             for m in pattern.finditer(head)]
    for strong in (Measure.CAPACITY, Measure.TARGET):
        if any(measure is strong for _, measure in found):
            return strong
    if found:
        return max(found, key=lambda f: f[0])[1]
    if listed is not None and _LIST_GAP.fullmatch(text[start:q_start]):
        return listed
    return measure_of(text[q_end:q_end + 40])


_LIST_GAP = re.compile(r"[^.;]{0,60}?(?:,|and|then)\s*(?:then\s+|and\s+)?(?:to|at|"
                       r"by|reaching|rising to)?\s*(?:about\s+|around\s+|some\s+)?", re.I)
"""What may stand between two figures of one list: ', to', ', and to', ', then'."""


def item_for(gaz: Gazetteer, text: str, start: int = 0) -> tuple[str, str]:
    items = [i for i in gaz.item_mentions(text) if i.start >= start] or \
        gaz.item_mentions(text)
    if items:
        return items[0].item, items[0].caveat
    return "", ""

"""Attribution: somebody said something at a date, against the statements timeline
(data/statements.csv).

A statement matches when its claimant names the speaker (the surname as a whole word), it is
dated within ``ATTRIBUTION_DAYS`` of the date the text gives (or, for 'has said' and 'says',
within ``UNDATED_DAYS`` before the article), and it is on the topic: it names an entity the
sentence names (when both name any), and it is about the same item ('artillery_shells.output'
for a sentence about shells) or the sentence shares at least ``SIMILAR_AT`` of its content
words with the statement (at least two). The verdict
names the statement that matched: of several, the one whose words the sentence shares most,
then the nearest in time.

    a matching statement                  supported, P = 1
    none                                  not checkable: the data hold no record of it, which
                                          is no evidence that it was not said (the summary
                                          names the nearest statement on the topic, if any)
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from weakref import WeakKeyDictionary

from milbalance.claims.evaluate.common import ATTRIBUTION_DAYS, EvaluatorBase, own_figure_claimant
from milbalance.claims.kinds import AttributionClaim
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.model import Statement

UNDATED_DAYS = 730
"""'X has said …' written on a date: a statement up to two years before it counts."""
LATE_DAYS = 3
"""An undated statement may be reported up to this many days before its record's date."""


_SPENDING = frozenset({"military_expenditure", "budget", "defence_expenditure_nato"})
"""Items that are all defence spending, by one definition or another."""


def _family(item: str) -> str:
    """What an item or metric is about, definitions and calibres aside: 'budget.national_
    defence.share_gdp' and 'military_expenditure' are spending; 'artillery_shells_155mm' and
    'artillery_shells.output' are shells."""
    head = re.sub(r"_\d+mm$", "", item.split(".")[0])
    return "defence spending" if head in _SPENDING else head


SIMILAR_AT = 0.2
SHARED_AT = 2
"""Where neither a figure nor the item decides the topic: at least this many content words
(not entity names, not years, not ``generic_words``) shared, and this share of the shorter
of sentence and statement ('increase the pace of production' shares only words most
statements use, which is no match; 'rearmament … threat' is)."""
GENERIC_SHARE = 0.2
"""A word in at least this share of the recorded statements says nothing about which one a
sentence reports ('production', 'increase', 'year')."""


def _figures(text: str) -> set[float]:
    out = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", text):
        try:
            value = float(m.group(0).replace(",", ""))
        except ValueError:
            continue
        if not (1900 <= value <= 2100 and "." not in m.group(0)):  # years are no figures
            out.add(value)
    return out


def _shared_figure(c: AttributionClaim, s: Statement) -> bool:
    """The sentence and the statement write a figure in common (13.5, 223.3, 2,900)."""
    return bool(_figures(c.text) & _figures(f"{s.summary} {s.quote}"))


def on_topic(c: AttributionClaim, s: Statement, generic: frozenset[str] = frozenset()) -> bool:
    """The statement names an entity the sentence names (when both name any), and is about
    the same item or shares enough words with the sentence (a statement's summary may
    hold several figures: 'Russia spends 6.3% of GDP …, out of a GDP of 223.3 trillion')."""
    about = set(c.about)
    if about and s.about and not about & set(s.about):
        return False
    common, share = shared_words(c, s, generic)
    if _shared_figure(c, s):
        return True
    if c.topic and s.metric and _family(s.metric) in {_family(t) for t in c.topic}:
        return common >= 1
    return common >= SHARED_AT and share >= SIMILAR_AT


def in_window(c: AttributionClaim, s: Statement, when: date) -> bool:
    if c.undated:
        return when - timedelta(days=UNDATED_DAYS) <= s.date <= when + timedelta(
            days=LATE_DAYS)
    return abs(s.date - when) <= timedelta(days=ATTRIBUTION_DAYS)


def _evidence(s: Statement, holds: bool | None) -> Evidence:
    return Evidence(s.source, ";".join(s.about), s.metric, str(s.date), None, "",
                    str(s.claimant_type), s.claimant, holds=holds, note=f"{s.id}: {s.summary}")


_STATEMENTS: WeakKeyDictionary[object, list[Statement]] = WeakKeyDictionary()


def statements(data: EvaluatorBase) -> list[Statement]:
    """The statements timeline, read once per store (a query costs ~7 ms; an article has
    dozens of attributions)."""
    if (found := _STATEMENTS.get(data.store)) is None:
        found = _STATEMENTS[data.store] = data.store.statements()
    return found


_GENERIC: WeakKeyDictionary[object, frozenset[str]] = WeakKeyDictionary()


def _generic(data: EvaluatorBase) -> frozenset[str]:
    if (found := _GENERIC.get(data.store)) is None:
        found = _GENERIC[data.store] = generic_words(statements(data))
    return found


FRAGMENT_WORDS = 3
"""A sentence with fewer content words than this besides the speaker ('"Six times," Rutte
said') is a fragment of a quote: too little said to match a statement on."""


def attribution(data: EvaluatorBase, c: AttributionClaim) -> Verdict:
    drop = set(re.findall(r"[a-z]+", c.speaker.lower()))
    if len(_words(c.text, drop, set())) < FRAGMENT_WORDS:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"Not checkable: too little is said here to match a statement by "
                       f"{c.speaker} (a fragment of a quote).", gaps=("a fragment of a quote",))
    said = [s for s in statements(data) if own_figure_claimant(s.claimant, c.speaker)]
    if not said:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No statement by {c.speaker} is recorded in the data.",
                       gaps=(f"no statements by {c.speaker}",))
    generic = _generic(data)
    topical = [s for s in said if on_topic(c, s, generic)]
    day = c.attribution.date if c.attribution else ""
    if not day:
        if not topical:
            return _off_topic(c, said)
        return Verdict(c, Label.SUPPORTED, 1.0,
                       f"Supported (P = 1.00): {c.speaker} is on record on this topic "
                       f"({_name(topical[0])}); the text gives no date to match.",
                       tuple(_evidence(s, True) for s in topical[:5]))
    when = date.fromisoformat(day)
    timely = [s for s in said if in_window(c, s, when)]
    matched = [s for s in timely if on_topic(c, s, generic)]
    window = (f"within {UNDATED_DAYS} days before {day} ('has said')" if c.undated else
              f"within {ATTRIBUTION_DAYS} days of {day}")
    if matched:
        best = max(matched, key=lambda s: (shared_words(c, s),
                                           -abs((s.date - when).days)))
        return Verdict(c, label_for(1.0), 1.0,
                       f"{c.speaker} made a matching statement {window}: {_name(best)}.",
                       tuple(_evidence(s, True) for s in matched[:5]))
    if topical:
        nearest = min(topical, key=lambda s: abs(s.date - when))
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No statement by {c.speaker} {window} on this is recorded; the nearest "
                       f"on the topic is {_name(nearest)}.",
                       tuple(_evidence(s, None) for s in topical[:3]),
                       gaps=(f"no statement by {c.speaker} {window} on this topic",))
    return _off_topic(c, said)


def _off_topic(c: AttributionClaim, said: list[Statement]) -> Verdict:
    return Verdict(c, Label.NOT_CHECKABLE, None,
                   f"{c.speaker} is on record ({len(said)} statement(s)), but none on what "
                   "this sentence is about.", tuple(_evidence(s, None) for s in said[:3]),
                   gaps=(f"no statement by {c.speaker} on this topic",))


_STOP = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "that",
                   "what", "as", "is", "are", "was", "were", "be", "has", "have", "had", "it",
                   "its", "by", "with", "from", "than", "this", "said", "says", "he", "she",
                   "they", "we", "more", "not", "will", "would", "also", "all", "s", "about"})


def _words(text: str, drop: set[str], names: set[str]) -> set[str]:
    """Content words, cut to five letters (a crude stem: 'producing' ~ 'produces'); figures
    as written ('46,000' → '46000'); years, and names of the entities the claim is about
    (checked apart), left out."""
    out = set()
    for w in re.findall(r"\d[\d.,]*\d|\d|[a-z]+", text.lower()):
        w = w.replace(",", "")
        if w in _STOP or w in drop or re.fullmatch(r"(?:19|20)\d\d|\d", w) or w[:3] in names:
            continue
        out.add(w[:5])
    return out


def generic_words(said: list[Statement]) -> frozenset[str]:
    """Words (as ``_words`` cuts them) that at least ``GENERIC_SHARE`` of the statements use."""
    counts: dict[str, int] = {}
    for s in said:
        for w in _words(f"{s.summary} {s.quote}", set(), set()):
            counts[w] = counts.get(w, 0) + 1
    floor = max(3, GENERIC_SHARE * len(said))
    return frozenset(w for w, n in counts.items() if n >= floor)


def shared_words(c: AttributionClaim, s: Statement,
                 generic: frozenset[str] = frozenset()) -> tuple[int, float]:
    """How many content words the sentence and the statement (summary and quote) have in
    common, and their share of the shorter; the speaker's name and ``generic`` words do not
    count."""
    drop = set(re.findall(r"[a-z]+", f"{c.speaker} {s.claimant}".lower()))
    names = {a.lower()[:3] for a in (*c.about, *s.about) if len(a) >= 3}
    said = _words(c.text, drop, names) - generic
    record = _words(f"{s.summary} {s.quote}", drop, names) - generic
    if not said or not record:
        return 0, 0.0
    common = len(said & record)
    return common, common / min(len(said), len(record))


def similarity(c: AttributionClaim, s: Statement) -> float:
    """0 unless at least ``SHARED_AT`` words are shared, else their share of the shorter."""
    common, share = shared_words(c, s)
    return share if common >= SHARED_AT else 0.0


def _name(s: Statement) -> str:
    return f"{s.id} of {s.date}, '{s.summary}'"

"""Attribution: somebody said something at a date, against the statements timeline
(data/statements.csv).

A statement matches when its claimant names the speaker (the surname as a whole word), it is
dated within ``ATTRIBUTION_DAYS`` of the date the text gives (or, for 'has said' and 'says',
within ``UNDATED_DAYS`` before the article), and it is on the topic: it names an entity the
sentence names (when it names any) and, when both say what they are about, the same item
('artillery_shells.output' for a sentence about shells). The verdict names the statement
that matched: of several, the one whose words the sentence shares most, then the nearest.

    a matching statement                                 supported, P = 1
    on record on the topic, but not at that date         contested, P = 0.5
    on record at that date, but on other things          contested, P = 0.5
    no statement by the speaker, or none on the topic    not checkable (a gap in the data)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from milbalance.claims.evaluate.common import ATTRIBUTION_DAYS, EvaluatorBase, own_figure_claimant
from milbalance.claims.kinds import AttributionClaim
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.model import Statement

UNDATED_DAYS = 730
"""'X has said …' written on a date: a statement up to two years before it counts."""
LATE_DAYS = 3
"""An undated statement may be reported up to this many days before its record's date."""


def _family(item: str) -> str:
    return item.split(".")[0].removesuffix("_155mm")


def on_topic(c: AttributionClaim, s: Statement) -> bool:
    """The statement names an entity the sentence names (when it names any) and is about
    the same item (when both say which)."""
    about = set(c.about)
    if about and s.about and not about & set(s.about):
        return False
    if c.topic and s.metric:
        return _family(s.metric) in {_family(t) for t in c.topic}
    return True


def in_window(c: AttributionClaim, s: Statement, when: date) -> bool:
    if c.undated:
        return when - timedelta(days=UNDATED_DAYS) <= s.date <= when + timedelta(
            days=LATE_DAYS)
    return abs(s.date - when) <= timedelta(days=ATTRIBUTION_DAYS)


def _evidence(s: Statement, holds: bool | None) -> Evidence:
    return Evidence(s.source, ";".join(s.about), s.metric, str(s.date), None, "",
                    str(s.claimant_type), s.claimant, holds=holds, note=f"{s.id}: {s.summary}")


def attribution(data: EvaluatorBase, c: AttributionClaim) -> Verdict:
    said = [s for s in data.store.statements() if own_figure_claimant(s.claimant, c.speaker)]
    if not said:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No statement by {c.speaker} is recorded in the data.",
                       gaps=(f"no statements by {c.speaker}",))
    topical = [s for s in said if on_topic(c, s)]
    day = c.attribution.date if c.attribution else ""
    if not day:
        if not topical:
            return _off_topic(c, said)
        return Verdict(c, Label.SUPPORTED, 1.0,
                       f"{c.speaker} is on record on this topic ({_name(topical[0])}); the "
                       "text gives no date to match.",
                       tuple(_evidence(s, True) for s in topical[:5]))
    when = date.fromisoformat(day)
    timely = [s for s in said if in_window(c, s, when)]
    matched = [s for s in timely if on_topic(c, s)]
    window = (f"within {UNDATED_DAYS} days before {day} ('has said')" if c.undated else
              f"within {ATTRIBUTION_DAYS} days of {day}")
    if matched:
        best = max(matched, key=lambda s: (_overlap(c.text, s), -abs((s.date - when).days)))
        return Verdict(c, label_for(1.0), 1.0,
                       f"{c.speaker} made a matching statement {window}: {_name(best)}.",
                       tuple(_evidence(s, True) for s in matched[:5]))
    if topical:
        nearest = min(topical, key=lambda s: abs(s.date - when))
        return Verdict(c, label_for(0.5), 0.5,
                       f"{c.speaker} is on record on this topic, but not {window} (nearest: "
                       f"{_name(nearest)}).", tuple(_evidence(s, False) for s in topical[:5]))
    if timely:
        return Verdict(c, label_for(0.5), 0.5,
                       f"{c.speaker} is on record {window}, but on other things "
                       f"({_name(timely[0])}); nothing recorded matches this sentence.",
                       tuple(_evidence(s, False) for s in timely[:5]))
    return _off_topic(c, said)


def _off_topic(c: AttributionClaim, said: list[Statement]) -> Verdict:
    return Verdict(c, Label.NOT_CHECKABLE, None,
                   f"{c.speaker} is on record ({len(said)} statement(s)), but none on what "
                   "this sentence is about.", tuple(_evidence(s, None) for s in said[:3]),
                   gaps=(f"no statement by {c.speaker} on this topic",))


_STOP = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "that",
                   "what", "as", "is", "are", "was", "were", "be", "has", "have", "had", "it",
                   "its", "by", "with", "from", "than", "this", "said", "says", "he", "she",
                   "they", "we", "more"})


def _overlap(text: str, s: Statement) -> float:
    """Share of the statement's content words the sentence uses: which of several
    statements on the topic the sentence reports."""
    words = {w for w in re.findall(r"[a-z0-9]+", f"{s.summary} {s.quote}".lower())
             if w not in _STOP}
    said = set(re.findall(r"[a-z0-9]+", text.lower()))
    return len(words & said) / len(words) if words else 0.0


def _name(s: Statement) -> str:
    return f"{s.id} of {s.date}, '{s.summary}'"

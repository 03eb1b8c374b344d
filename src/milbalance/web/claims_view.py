"""Check a claim and read an article: the claims library's readings, laid out for the pages.

``checker_for`` keeps one ``claims.Checker`` per store (it is built from the store's names
once); ``article_segments`` cuts the text at the claims' sentence spans so a template can
highlight them, escaping every piece.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from milbalance.claims import Checker, Reading, Verdict
from milbalance.claims.verdict import Label
from milbalance.model import Source
from milbalance.store import Store
from milbalance.web import limits
from milbalance.web.views import InputError

_RANK = {Label.REFUTED: 3, Label.CONTESTED: 2, Label.SUPPORTED: 1, Label.NOT_CHECKABLE: 0}


@functools.lru_cache(maxsize=4)
def checker_for(store: Store, content_hash: str) -> Checker:
    """One checker per store and data version."""
    return Checker(store)


def _check_text(text: str, limit: int, what: str) -> str:
    if not text.strip():
        raise InputError(f"the {what} is empty: paste the text to check")
    if len(text) > limit:
        raise InputError(f"the {what} has {len(text):,} characters; the limit is {limit:,}")
    return text


def parse_day(text: str | None) -> date | None:
    if not text or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(f"date {text!r} is not a date; write YYYY-MM-DD") from exc


@functools.lru_cache(maxsize=limits.CHECK_CACHE_SIZE)
def _checked(store: Store, content_hash: str, text: str, on: date | None) -> Reading:
    return checker_for(store, content_hash).check(text, on)


def check_claim(store: Store, text: str, on: date | None = None) -> Reading:
    """The claims in one sentence or short passage (at most ``limits.CLAIM_TEXT_MAX``).

    A check is a pure function of the data (its content hash), the text and the date, and a
    ``Reading`` is frozen, so the last ``limits.CHECK_CACHE_SIZE`` answers are kept."""
    return _checked(store, store.content_hash,
                    _check_text(text, limits.CLAIM_TEXT_MAX, "claim"), on)


def read_article(store: Store, text: str, on: date | None = None) -> Reading:
    """Every claim in an article (at most ``limits.ARTICLE_TEXT_MAX`` characters)."""
    return checker_for(store, store.content_hash).read(
        _check_text(text, limits.ARTICLE_TEXT_MAX, "article"), on)


@dataclass(frozen=True)
class Segment:
    """A piece of the article: plain text, or a sentence with claims (``index`` ≥ 0)."""

    text: str
    index: int = -1
    label: str = ""
    verdicts: tuple[Verdict, ...] = ()


def article_segments(text: str, reading: Reading) -> list[Segment]:
    """The article cut at its claims' sentences, each sentence labelled by its most severe
    verdict (refuted > contested > supported > not checkable)."""
    spans: dict[tuple[int, int], list[Verdict]] = {}
    for c in reading.claims:
        if 0 <= c.start < c.end <= len(text):
            spans.setdefault((c.start, c.end), []).append(c.verdict)
    out: list[Segment] = []
    pos = 0
    for i, ((start, end), verdicts) in enumerate(sorted(spans.items())):
        if start < pos:  # overlapping spans: keep the first
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        worst = max(verdicts, key=lambda v: _RANK.get(v.label, 0)).label
        out.append(Segment(text[start:end], i, str(worst), tuple(verdicts)))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def evidence_sources(store: Store, reading: Reading) -> list[Source]:
    """The sources behind a reading's evidence, in id order."""
    used = {e.source_id for c in reading.claims for e in c.verdict.evidence}
    return [s for s in store.sources() if s.id in used]


_GAP = re.compile(r"^(?P<member>[^\s()]+) \((?P<bloc>[^)]+)\) (?P<metric>\S+) (?P<period>\S+): "
                  r"(?P<reason>.+)$")


def _bare(gap: str) -> str:
    while gap.startswith("gap:"):
        gap = gap[4:].strip()
    return gap


def compact_gaps(gaps: Sequence[str]) -> list[str]:
    """Gaps listed once and compactly: members of one bloc without a figure on one metric
    and period become one line ("NATO: 8 without an artillery_shells.output figure for 2025:
    ALB, CAN, …"; a side's suppliers are counted the same way, hence no "members"); other
    gaps once each, without the repeated "gap:" prefix."""
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    out: list[str | tuple[str, str, str, str]] = []
    for raw in dict.fromkeys(_bare(g) for g in gaps):
        m = _GAP.match(raw)
        if m is None:
            out.append(raw)
            continue
        key = (m["bloc"], m["metric"], m["period"], m["reason"])
        if key not in groups:
            groups[key] = []
            out.append(key)
        if m["member"] not in groups[key]:
            groups[key].append(m["member"])
    lines = []
    for item in out:
        if isinstance(item, str):
            lines.append(item)
            continue
        bloc, metric, period, reason = item
        members = groups[item]
        why = "" if reason == "no-observation" else f" ({reason})"
        a = "an" if metric[:1].lower() in "aeiou" else "a"
        lines.append(f"{bloc}: {len(members)} without {a} {metric} figure for {period}{why}: "
                     f"{', '.join(members)}")
    return lines


_ROUTINE = ("basis ", "verdict from the bases")
"""Caveats that restate the method rather than qualify this answer."""
_STAND_INS = ("stands in", "carried forward")
"""Assumptions that change what a side's figure is (a capacity for output, an older year)."""


def deciding_caveat(v: Verdict) -> str:
    """The caveat a reader must see before the verdict: the period the data were read for
    when it is not the claim's; else the first caveat that is not routine; else the first
    assumption that puts a stand-in (a capacity, an earlier year) in place of a figure."""
    checked = getattr(v, "checked_period", "")
    if checked:
        return (f"compared {checked}: the latest the data hold, not the period the claim "
                "names")
    found = next((c for c in v.caveats if not c.startswith(_ROUTINE)), "")
    return found or next((a for a in v.assumptions if any(w in a for w in _STAND_INS)), "")


def other_caveats(v: Verdict) -> list[str]:
    """The caveats folded under the card's details (the deciding one is shown above; an
    assumption shown as the key caveat stays in the assumptions)."""
    key = deciding_caveat(v)
    return [c for c in v.caveats if c != key]

"""Ratio words between two subjects: "twice as much as China", "double what China spent",
"several times more than Ukraine" (read as at least 3, said), "about a third of what the
United States spent", "three times the size of", "half that of".

Read after ``comparison``: a comparison it found for the same two subjects without a ratio
takes the ratio from here; a sentence it found nothing in gets the comparison from here.
A ratio below 1 is turned round (A ≈ ⅓ B is B ≈ 3 A), its bound with it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from milbalance.claims.context import Context
from milbalance.claims.gazetteer import AMMUNITION_CAVEAT, Gazetteer, Mention
from milbalance.claims.kinds import Comparison, Measure
from milbalance.claims.parse.bounds import flip
from milbalance.claims.parse.common import item_for, measure_of, neg_caveat, negation_cue
from milbalance.claims.parse.ratio_words import RATIO_BOUND, bound_before, word_ratio
from milbalance.claims.subjects import subject_before

_WORD = (r"twice|double|triple|treble|half|a\s+third|a\s+quarter|two-thirds|two\s+thirds|"
         r"three-quarters|(?:(?<![\w.,])\d{1,3}(?:\.\d{1,2})?|two|three|four|five|six|seven|"
         r"eight|nine|ten|twelve|twenty|several|many)\s+times")
_PHRASE = re.compile(
    rf"(?:(?P<bw>{RATIO_BOUND})\s+)?(?P<r>{_WORD})\s+(?:of\s+)?(?:as\s+(?:much|many|large|big|high)\b"
    r"[^.;]{0,40}?\bas\b|(?:more|bigger|larger|higher|greater)\b[^.;]{0,40}?\bthan\b|what\b|"
    r"the\s+(?:amount|level|size|figure|sum|total|budget|spending)\s+(?:of|spent\s+by)\b|"
    r"that\s+of\b|those\s+of\b)", re.I)
_SPEND = re.compile(r"\bspen[dt]|\bspending\b|\bbudget|\bexpenditure|\boutlays?\b", re.I)
_SHARE = re.compile(r"\bshare of (?:its |their |the )?(?:GDP|gross domestic|economic output)|"
                    r"\bof (?:its |their )?GDP\b|relative to (?:its |their )?GDP", re.I)


def _ratio(word: str) -> tuple[float | None, tuple[str, ...]]:
    w = " ".join(word.lower().split())
    if w.endswith(" times"):
        w = w[: -len(" times")]
    if w in ("triple", "treble"):
        return 3.0, ()
    return word_ratio(w)


def ratio_comparisons(gaz: Gazetteer, text: str, mentions: list[Mention],
                      compared: list[Comparison], common: dict[str, object],
                      caveats: tuple[str, ...], ctx: Context) -> list[Comparison]:
    """``compared`` with the ratio words of the sentence read into it (see the module)."""
    m = _PHRASE.search(text)
    if m is None:
        return compared
    ratio, extra = _ratio(m["r"])
    if ratio is None or ratio <= 0 or ratio == 1:
        return compared
    actors = [x for x in mentions if x.kind.value in ("country", "bloc")]
    after = [x for x in actors if x.start >= m.end()]
    subject, scav = subject_before(gaz, text, [x for x in actors if x.start < m.start()],
                                   m.start(), ctx)
    if not after or not subject or after[0].entity == subject:
        return compared  # one subject: a change ('double its 2021 level'), read elsewhere
    other = after[0].entity
    bound, strict, approximate = bound_before(m["bw"] or "")
    if extra and not bound:
        bound = "at-least"  # 'several times': at least three
    if "more" in m.group(0).lower() and "times" in m["r"].lower():
        extra = (*extra, f"'{m.group(0).strip()}' read as {ratio:g} times as much (not "
                 f"{ratio:g} times more on top)")
    same = [c for c in compared if {c.subject, c.other} == {subject, other}]
    if same:
        c = same[0]
        if c.ratio is not None and not extra:
            return compared
        turn = c.subject != subject
        fixed = replace(c, ratio=1 / ratio if turn else ratio,
                        ratio_bound=flip(bound) if turn else bound,
                        caveats=(*c.caveats, *extra))
        return [fixed if x is c else x for x in compared]
    if compared:
        return compared
    share = bool(_SHARE.search(text))
    if share or _SPEND.search(text):
        item, measure, icav = "military_expenditure", Measure.EXPENDITURE, ""
    else:
        item, icav = item_for(gaz, text)
        if not item:
            item, icav = "artillery_shells", "no item named; " + AMMUNITION_CAVEAT
        measure = measure_of(text)
    if ratio < 1:
        subject, other, ratio, bound = other, subject, 1 / ratio, flip(bound)
    cue = negation_cue(text, 0, m.start())
    cv = tuple(dict.fromkeys([*caveats, *filter(None, [scav, icav]), *extra,
                              *([neg_caveat(cue)] if cue else [])]))
    del strict, approximate  # a ratio's tolerance already covers 'about' and strictness
    return [Comparison(subject=subject, other=other, item=item, measure=measure, ratio=ratio,
                       ratio_bound=bound, share_of_gdp=share,
                       **{**common, "caveats": cv, "negated": bool(cue)})]  # type: ignore[arg-type]

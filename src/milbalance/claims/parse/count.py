"""Counts of members: "18 of 32 allies met the 2% target", "23 allies spend at least 2% of
GDP", "all allies", "only five members fall short of 2%", "the 32-nation alliance",
"NATO's 32 members".

The bloc is NATO when the sentence speaks of allies or NATO, the EU for EU member states.
The threshold is a share of GDP written in the sentence; without one the claim counts the
members themselves. "Fall short of", "below", "miss" count members under the threshold.
"""

from __future__ import annotations

import re

from milbalance.claims.context import Context
from milbalance.claims.kinds import Claim, MemberCount, Quantity, QuantityUnit
from milbalance.claims.parse.common import neg_caveat, negation_cue
from milbalance.claims.parse.ratio_words import bound_before

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "twenty": 20, "no": 0, "none": 0}
_N = r"\d{1,2}|" + "|".join(sorted(_WORDS, key=len, reverse=True))
_WHO = (r"(?:(?:NATO|EU|European\s+Union)\s+)?(?:allies|members|member\s+(?:states|countries|"
        r"nations)|countries|nations|states)")
_COUNT = re.compile(
    rf"\b(?:(?P<bw>more\s+than|fewer\s+than|less\s+than|at\s+least|over|nearly|almost|about|"
    rf"only|just|some)\s+)?(?:(?P<all>all|every|each)(?:\s+(?:of\s+)?(?:the|its|NATO's)?)?|"
    rf"(?P<n>{_N})(?:\s+(?:out\s+)?of\s+(?:the\s+|its\s+|NATO's\s+)?(?:then\s+)?"
    rf"(?P<of>\d{{1,2}}|"
    rf"{'|'.join(_WORDS)}))?)\s+(?:(?:of\s+)?(?:the\s+|its\s+)?)?(?:\d{{1,2}}\s+)?{_WHO}\b", re.I)
_SIZE = re.compile(
    rf"\b(?:the\s+)?(?P<n>\d{{1,2}}|{_N})[- ](?:nation|member|country|strong)\s+"
    rf"(?:military\s+|defen[cs]e\s+|transatlantic\s+)?(?:alliance|bloc|NATO)\b|"
    rf"\b(?:NATO|the\s+alliance)\s+(?:now\s+)?(?:has|comprises|counts|includes)\s+"
    rf"(?P<n2>\d{{1,2}}|{_N})\s+(?:members|allies|member\s+states|countries|nations)\b|"
    rf"\b(?:NATO's|the\s+alliance's)\s+(?:all\s+)?(?P<n3>\d{{1,2}}|{_N})\s+"
    rf"(?:members|allies|member\s+states)\b", re.I)
_FRACTIONS = {"half": 50.0, "a third": 100 / 3, "one-third": 100 / 3, "two-thirds": 200 / 3,
              "two thirds": 200 / 3, "three-quarters": 75.0, "a quarter": 25.0, "most": 50.0,
              "a majority": 50.0}
_FRACTION = re.compile(
    rf"\b(?:(?P<bw>more\s+than|less\s+than|nearly|almost|about|over|at\s+least|roughly)\s+)?"
    rf"(?P<frac>{'|'.join(sorted(_FRACTIONS, key=len, reverse=True))})\s+(?:of\s+)?"
    rf"(?:the\s+|its\s+|NATO's\s+)?(?:\d{{1,2}}\s+)?{_WHO}\b", re.I)
"""'two-thirds of allies', 'more than half of NATO members', 'most allies'."""
_THRESHOLD = re.compile(r"(?<![\w.,])(?P<t>\d{1,2}(?:\.\d{1,2})?)\s*(?:%|per\s?cent\b|"
                        r"percent\b)", re.I)
_BELOW = re.compile(r"\b(?:fall(?:s|ing)?\s+short|fell\s+short|below|under|less\s+than|"
                    r"miss(?:ed|es|ing)?|"
                    r"short\s+of|lag(?:s|ged)?\s+behind)\b", re.I)
_NORM = re.compile(r"\b(?:must|should|shall|needs?\s+to|ha(?:ve|s)\s+to|agreed|committed|"
                   r"pledged|promised|will|would|aims?\s+to|plans?\s+to|expected\s+to|"
                   r"(?:are|were|is)\s+(?:set|due|projected|forecast|expected|estimated)\s+to|"
                   r"are\s+to|urged|called\s+on)\b", re.I)
_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d\d(?![\w%])")
_REACH = re.compile(r"\b(?:met|meet|meets|meeting|hit|hits|hitting|reach\w*|spen[dt]\w*|"
                    r"achiev\w*|exceed\w*|surpass\w*|fulfil\w*|comply|complied|allocat\w*|"
                    r"on track|were set|are set|set to)\b", re.I)


def _num(word: str) -> int:
    w = word.lower()
    return _WORDS[w] if w in _WORDS else int(w)


def _bloc(text: str) -> str:
    if re.search(r"\bNATO\b|\balli(?:es|ance)\b", text, re.I):
        return "NATO"
    if re.search(r"\bEU\b|European Union", text):
        return "EU"
    return ""


_THE_NORM = re.compile(r"\b(?:the|this|that|its|their)\s+(?:(?:NATO|alliance(?:'s|’s)?|"
                       r"spending|defen[cs]e|agreed|previous)\s+){0,2}(?:target|goal|guideline|"
                       r"benchmark|threshold|obligation|commitment|bar)\b", re.I)
"""'met the target', 'reached that goal': a threshold named earlier in the article."""


def member_counts(text: str, common: dict[str, object], caveats: tuple[str, ...],
                  ctx: Context | None = None) -> list[Claim]:
    """Counts of members meeting a share-of-GDP threshold, and the size of the bloc. A
    threshold the sentence names only as 'the target' or 'that goal' is the share of GDP the
    article last named as a target (``Context.norm``), marked as taken from context."""
    norm = ctx.norm if ctx is not None else None
    bloc = _bloc(text) or (ctx.last_bloc if ctx is not None and norm is not None and
                           ctx.last_bloc in ("NATO", "EU") and _THE_NORM.search(text) else "")
    if not bloc:
        return []
    out: list[Claim] = []
    for m in _SIZE.finditer(text):
        n = _num(m["n"] or m["n2"] or m["n3"])
        size = Quantity(float(n), QuantityUnit.COUNT, m.group(0), m.start(), m.end())
        out.append(MemberCount(subject=bloc, quantity=size,
                               **{**common, "caveats": caveats}))  # type: ignore[arg-type]
    for m in [*_COUNT.finditer(text), *_FRACTION.finditer(text)]:
        tail = text[m.end():m.end() + 90]
        t: re.Match[str] | None = _THRESHOLD.search(tail)
        from_context = t is None and norm is not None
        if from_context:
            t = _THE_NORM.search(tail)
        if t is None or (not from_context and "gdp" not in (tail[:t.end() + 30]).lower()
                         and "target" not in tail.lower() and "guideline" not in tail.lower()):
            continue
        if not _REACH.search(tail[:t.start()]) and not _BELOW.search(tail[:t.start()]):
            continue
        if _NORM.search(text[max(0, m.start() - 30):m.start()] + tail[:t.start()]):
            continue  # 'all allies must spend 2%': a target, not a count
        below = bool(_BELOW.search(tail[:t.start()]))
        groups = m.groupdict()
        every = bool(groups.get("all"))
        q: Quantity | None = None
        if groups.get("frac"):  # 'two-thirds of allies': a share of the members, in per cent
            frac = " ".join(m["frac"].lower().split())
            bound, strict, approx = bound_before(m["bw"] or "")
            if frac in ("most", "a majority"):
                bound, strict = "at-least", True
            q = Quantity(_FRACTIONS[frac], QuantityUnit.PERCENT, m.group(0), m.start(),
                         m.end(), bound=bound, strict=strict, approximate=not bound or approx)
        elif not every:
            bound, strict, approx = bound_before(m["bw"] or "")
            if (m["bw"] or "").lower() in ("only", "just"):
                bound, strict, approx = "", False, False
            n = _num(m["n"])
            q = Quantity(float(n), QuantityUnit.COUNT, m.group(0), m.start(), m.end(),
                         bound=bound, strict=strict, approximate=approx)
        cue = negation_cue(text, 0, m.end() + t.start())
        fields = dict(common)
        if (y := _YEAR.search(tail, t.end(), t.end() + 40)) is not None:
            fields.update(year=int(y.group(0)), year_from_text=True)
        cv = (*caveats, *([neg_caveat(cue)] if cue else []))
        threshold = norm if from_context else float(t["t"])
        if from_context:
            how = f"'{t.group(0)}' read as {norm:g}% of GDP, the target named earlier"
            cv = (*cv, f"{how} in the article: taken from context")
            fields["inferred"] = (*tuple(fields.get("inferred", ())),  # type: ignore[arg-type]
                                  ("threshold", how))
        out.append(MemberCount(subject=bloc, quantity=q, every=every,
                               of=_num(m["of"]) if groups.get("of") else None,
                               threshold=threshold, below=below,
                               **{**fields, "caveats": cv,
                                  "negated": bool(cue)}))  # type: ignore[arg-type]
    return out

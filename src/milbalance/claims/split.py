"""Articles → sentences, each with its character span in the original text.

Rule based: a sentence ends at '.', '!' or '?' (optionally followed by a closing quote or
bracket) before whitespace and an upper-case letter, digit or opening quote, unless the dot
belongs to an abbreviation ("U.S.", "Mr.", "e.g."), an initial or a decimal number. Blank
lines and Markdown headings also end a sentence; heading markers, list bullets and
emphasis are not part of the sentence text but the span still points into the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen",
    "rep", "gov", "pres", "st", "jr", "sr", "no", "vol", "fig", "approx", "vs", "etc", "e.g",
    "i.e", "u.s", "u.k", "u.n", "e.u", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "bn", "tn", "mln",
})

_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9\$€£])")
_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:#|[-*+]\s|\d+\.\s))")
_LEAD = re.compile(r"^(?:#+\s*|[-*+]\s+|>\s*|\d+\.\s+)")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int  # text == article[start:end] up to trimmed markup


def _abbreviation_before(text: str, dot: int) -> bool:
    head = text[:dot]
    word = re.search(r"([A-Za-z.]+)$", head)
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    if token in ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isalpha() and head[-1].isupper()  # an initial: "J. Smith"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with spans into ``text``; empty and markup-only pieces are dropped."""
    out: list[Sentence] = []
    blocks: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        blocks.append((pos, m.start()))
        pos = m.end()
    blocks.append((pos, len(text)))
    for b_start, b_end in blocks:
        start = b_start
        for m in _END.finditer(text, b_start, b_end):
            if m.group(0).startswith(".") and _abbreviation_before(text, m.start()):
                continue
            _emit(text, start, m.end(), out)
            start = m.end()
        _emit(text, start, b_end, out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    start += lead
    piece = piece.strip()
    if m := _LEAD.match(piece):
        start += m.end()
        piece = piece[m.end():]
    piece = piece.rstrip()
    if not piece or not any(c.isalnum() for c in piece):
        return
    if re.fullmatch(r"[*_`~\s]*", piece):
        return
    out.append(Sentence(piece, start, start + len(piece)))

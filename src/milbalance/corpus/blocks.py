"""Long texts read in blocks of whole paragraphs, each by the same ``Checker.read`` as a
short one, the claims' spans shifted back onto the whole text.

A text above ``LONG_TEXT`` characters (a book, a transcript, articles pasted together) is
cut into blocks of about ``BLOCK_CHARS``: each cut falls on a blank line after a sentence
that ends (``.``, ``!``, ``?``, a closing quote or bracket after it) and before a line that
is not a list item, a table row or a quotation, so no sentence, list or table is split.
A paragraph longer than two blocks with no such line is cut after one of its sentences
(``split_sentences`` over a window), and a single sentence longer than that stays whole.
The blocks partition the text: joined, they give it back character for character, and a
claim at ``start``–``end`` in block ``i`` is at ``offset[i] + start`` in the text.

What crosses a cut is what the article tells a later paragraph: a dateline's date, the
main subject, the speaker still talking. Each block is read at the date given (``on``);
the rest starts afresh, as it would for an article of its own. Identical claims are
evaluated once (``CachingEvaluator``, keyed by reading, year and claim), so time and
memory grow linearly with the text and a repeated claim costs only its parse. With
``workers`` > 1 the blocks are read in a pool of processes, each with its own Checker and
verdict cache (``cache.checker_for``), and put back in order: the same Reading.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from datetime import date

from milbalance.claims import CheckedClaim, Checker, Reading, Skipped, split_sentences
from milbalance.corpus.cache import CachingEvaluator, DataRef, checker_for

LONG_TEXT = 100_000
"""Texts longer than this (characters) are read in blocks."""
BLOCK_CHARS = 20_000
"""About how long a block is (characters); a block ends at the first good cut after it."""

_BLANK = re.compile(r"\n[ \t\r]*\n")
_ENDS = re.compile(r"[.!?…][\"'”’»)\]*_]*[ \t\r]*$")
_CONTINUES = re.compile(r"[ \t]*(?:[-*+•▪◦‣–—][ \t]|\d{1,3}[.)][ \t]|\(\d{1,3}\)|\||>|[\"“‘«])")


def _good_cut(text: str, blank: re.Match[str]) -> bool:
    """A blank line after a finished sentence and before a new paragraph of prose."""
    line_start = text.rfind("\n", 0, blank.start()) + 1
    before = text[line_start:blank.start()]
    after_start = blank.end()
    while after_start < len(text) and text[after_start] in " \t\r\n":
        after_start += 1
    if after_start >= len(text):
        return False
    return bool(_ENDS.search(before)) and not _CONTINUES.match(text, after_start)


def _sentence_cut(text: str, start: int, end: int) -> int | None:
    """The end of the last sentence in ``text[start:end]`` followed by another one there
    (the window's last sentence may run past it), as an offset into ``text``."""
    sentences = split_sentences(text[start:end])
    if len(sentences) < 2:
        return None
    cut = start + sentences[-2].end
    return cut if cut > start else None


def cuts(text: str, block: int = BLOCK_CHARS) -> list[int]:
    """Offsets where the blocks start: 0 first, every cut after it (see the module)."""
    if block < 1:
        raise ValueError(f"block size {block}: give 1 or more")
    starts = [0]
    pos = 0
    while len(text) - pos > block:
        cut = None
        for blank in _BLANK.finditer(text, pos + block):
            if blank.start() > pos + 2 * block:
                break
            if _good_cut(text, blank):
                cut = blank.end()
                break
        if cut is None:
            cut = _sentence_cut(text, pos, min(len(text), pos + 2 * block))
        if cut is None:  # one sentence longer than the window: to the next good blank line
            cut = next((b.end() for b in _BLANK.finditer(text, pos + 2 * block)
                        if _good_cut(text, b)), len(text))
        if cut >= len(text):
            break
        starts.append(cut)
        pos = cut
    return starts


def blocks(text: str, block: int = BLOCK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, block text) for every block; joined, the texts give ``text`` back."""
    starts = cuts(text, block)
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        yield start, text[start:end]


def shifted(reading: Reading, offset: int) -> tuple[list[CheckedClaim], list[Skipped]]:
    """A block's claims and skipped sentences with spans into the whole text."""
    return ([replace(c, start=c.start + offset, end=c.end + offset) for c in reading.claims],
            [replace(s, start=s.start + offset, end=s.end + offset) for s in reading.skipped])


def read_blocks(checker: Checker, text: str, on: date | None = None,
                block: int = BLOCK_CHARS, starts: list[int] | None = None,
                advance: Callable[[float], None] | None = None) -> Reading:
    """``text`` read block by block with ``checker.read``; one Reading over the whole text.
    ``advance(1)`` after each block (the progress bar); ``starts`` from ``cuts`` if given."""
    starts = cuts(text, block) if starts is None else starts
    inner = checker.evaluator
    if not isinstance(inner, CachingEvaluator):
        checker.evaluator = CachingEvaluator(inner, "")  # type: ignore[assignment]
    claims: list[CheckedClaim] = []
    skipped: list[Skipped] = []
    try:
        for i, start in enumerate(starts):
            end = starts[i + 1] if i + 1 < len(starts) else len(text)
            part = text[start:end]
            if part.strip():
                found, passed = shifted(checker.read(part, on), start)
                claims += found
                skipped += passed
            if advance is not None:
                advance(1)
    finally:
        checker.evaluator = inner
    return Reading(tuple(claims), tuple(skipped), on)


def _read_block(ref: DataRef, part: str, on: date | None) -> Reading:
    """One block in a worker process, with the worker's Checker for the data."""
    return checker_for(ref).read(part, on)


def read_blocks_in_pool(ref: DataRef, workers: int, text: str, on: date | None = None,
                        block: int = BLOCK_CHARS, starts: list[int] | None = None,
                        advance: Callable[[float], None] | None = None) -> Reading:
    """``read_blocks`` on ``workers`` processes; blocks come back in order."""
    starts = cuts(text, block) if starts is None else starts
    ends = [*starts[1:], len(text)]
    claims: list[CheckedClaim] = []
    skipped: list[Skipped] = []
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending: list[tuple[int, Future[Reading] | None]] = [
            (a, pool.submit(_read_block, ref, text[a:b], on) if text[a:b].strip() else None)
            for a, b in zip(starts, ends, strict=True)]
        for start, future in pending:
            if future is not None:
                found, passed = shifted(future.result(), start)
                claims += found
                skipped += passed
            if advance is not None:
                advance(1)
    finally:
        pool.shutdown(cancel_futures=True)
    return Reading(tuple(claims), tuple(skipped), on)

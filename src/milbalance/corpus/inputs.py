"""Articles from paths: text and Markdown files, folders, and tables with one article a row.

A table is JSONL, CSV or Parquet with the columns ``id``, ``url``, ``date``, ``outlet`` and
``text`` (only ``text`` is required). Everything is streamed: a table is read in batches and
never held whole. An article that cannot be read (wrong encoding, empty, too large, a bad
line or date) is yielded with ``error`` set, so the run writes it as an error row and goes on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from milbalance.errors import UserError

TEXT_SUFFIXES = (".md", ".txt", ".markdown")
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
MAX_CHARS = 200_000
"""Longest article read (characters); longer ones become error rows ('too large')."""


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    url: str = ""
    date: str = ""  # YYYY-MM-DD: the date said (the row's own, else --date)
    outlet: str = ""
    error: str = ""

    @property
    def key(self) -> str:
        """The text hash: SHA-256 of the date said and the text (what the reading depends on
        besides the data)."""
        return hashlib.sha256(f"{self.date}\n{self.text}".encode()).hexdigest()[:32]


def _check(article: Article, max_chars: int) -> Article:
    if article.error:
        return article
    error = ""
    if not article.text.strip():
        error = "empty: no text"
    elif len(article.text) > max_chars:
        error = f"too large: {len(article.text):,} characters (limit {max_chars:,})"
    elif article.date:
        try:
            date.fromisoformat(article.date)
        except ValueError:
            error = f"bad date {article.date!r}: write YYYY-MM-DD"
    if error:
        return Article(article.id, "" if error.startswith("too large") else article.text,
                       article.url, article.date, article.outlet, error)
    return article


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()[:10]
    return str(value).strip()


def _from_row(row: dict[str, Any], where: str, default_date: str) -> Article:
    text = row.get("text")
    ident = _cell(row.get("id")) or where
    common = {"url": _cell(row.get("url")), "date": _cell(row.get("date")) or default_date,
              "outlet": _cell(row.get("outlet"))}
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Article(ident, "", error=f"wrong encoding: {exc}", **common)
    return Article(ident, "" if text is None else str(text), **common)


def _jsonl(path: Path, default_date: str) -> Iterator[Article]:
    with path.open("rb") as handle:
        for n, raw in enumerate(handle, 1):
            where = f"{path.name}:{n}"
            if not raw.strip():
                continue
            try:
                row = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield Article(where, "", error=f"wrong encoding: {exc}")
                continue
            except json.JSONDecodeError as exc:
                yield Article(where, "", error=f"not a JSON line: {exc}")
                continue
            if not isinstance(row, dict):
                yield Article(where, "", error="not a JSON object with a 'text' field")
                continue
            yield _from_row(row, where, default_date)


def _csv(path: Path, default_date: str) -> Iterator[Article]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open("rb") as raw:
        handle = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", newline="")
        reader = csv.DictReader(handle)
        n = 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield Article(f"{path.name}:{n + 1}", "", error=f"wrong encoding: {exc}")
                return  # the decoder cannot find the next row reliably
            n = reader.line_num
            yield _from_row(row, f"{path.name}:{n}", default_date)


def _parquet(path: Path, default_date: str, batch: int) -> Iterator[Article]:
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    handle = pq.ParquetFile(path)
    n = 0
    for record_batch in handle.iter_batches(batch_size=batch):
        for row in record_batch.to_pylist():
            n += 1
            yield _from_row(row, f"{path.name}:{n}", default_date)


def _text_file(path: Path, default_date: str) -> Article:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return Article(path.name, "", date=default_date, error=f"wrong encoding: {exc}")
    except OSError as exc:
        return Article(path.name, "", date=default_date, error=f"cannot read: {exc}")
    return Article(path.name, text, date=default_date)


def files_of(paths: list[Path]) -> list[Path]:
    """The files the paths name, folders walked in name order; an unknown path is a UserError."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file()
                          and f.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES)
        elif p.is_file():
            out.append(p)
        else:
            raise UserError(f"no such file or folder: {p}")
    return out


def articles(paths: list[Path], default_date: str = "", max_chars: int = MAX_CHARS,
             batch: int = 256) -> Iterator[Article]:
    """Every article under the paths, in order, each checked (see the module docstring)."""
    for path in files_of(paths):
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            rows: Iterator[Article] = _jsonl(path, default_date)
        elif suffix == ".csv":
            rows = _csv(path, default_date)
        elif suffix == ".parquet":
            rows = _parquet(path, default_date, batch)
        else:
            rows = iter([_text_file(path, default_date)])
        for article in rows:
            yield _check(article, max_chars)


def count(paths: list[Path]) -> int | None:
    """How many articles the paths hold, cheaply (lines, Parquet metadata), or None for CSV."""
    total = 0
    for path in files_of(paths):
        suffix = path.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        elif suffix == ".parquet":
            import pyarrow.parquet as pq

            total += pq.ParquetFile(path).metadata.num_rows
        elif suffix == ".csv":
            return None
        else:
            total += 1
    return total

"""A corpus run: stream articles in batches to an engine, write each batch's rows as it comes
back, and resume where a run left off.

Each finished batch is written at once to its own Parquet file in ``OUT.parts/`` (written
aside, then renamed), so an interrupted run loses at most the batches in flight. At the end the
rows of the earlier output and of every part are streamed into ``OUT`` (Parquet or CSV) and the
parts removed. A rerun skips every article whose (id, text hash, data hash) is in ``OUT`` or
in a part: the work already done.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from milbalance.corpus.cache import DataRef
from milbalance.corpus.engines import Engine, Handle, Rows
from milbalance.corpus.inputs import Article
from milbalance.corpus.rows import NAMES, schema
from milbalance.errors import UserError

Key = bytes


def key(article_id: str, text_hash: str, data_hash: str) -> Key:
    """What marks an article done: a 16-byte digest of (id, text hash, data hash), so that
    the keys a resumed run holds take about 100 bytes an article (the three strings took
    about 350)."""
    return hashlib.blake2b(f"{article_id}\0{text_hash}\0{data_hash}".encode(),
                           digest_size=16).digest()


@dataclass
class Stats:
    articles: int = 0  # read in this run
    skipped: int = 0  # done before (resume)
    errors: int = 0
    claims: int = 0
    seconds: float = 0.0
    labels: dict[str, int] = field(default_factory=dict)


def _format(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise UserError(f"--out {out}: write a .parquet or a .csv file")
    return suffix[1:]


def parts_dir(out: Path) -> Path:
    return out.with_name(out.name + ".parts")


def read_table(path: Path, columns: list[str] | None = None) -> Iterator[Any]:
    """Record batches of a claims file (Parquet or CSV), streamed."""
    import pyarrow.csv as pcsv  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    if path.suffix.lower() == ".csv":
        sch = schema()
        options = pcsv.ConvertOptions(column_types={f.name: f.type for f in sch},
                                      strings_can_be_null=False, include_columns=columns)
        reader = pcsv.open_csv(path, convert_options=options)
        yield from reader
        return
    yield from pq.ParquetFile(path).iter_batches(columns=columns)


def done_keys(out: Path) -> set[Key]:
    """The key (``key``) of every article written to OUT or its parts."""
    keys: set[Key] = set()
    files = [out] if out.is_file() else []
    if parts_dir(out).is_dir():
        files += sorted(parts_dir(out).glob("*.parquet"))
    for f in files:
        for batch in read_table(f, ["article_id", "text_hash", "data_hash"]):
            cols = batch.to_pydict()
            last = None  # an article's rows are consecutive: one digest for them all
            for k in zip(cols["article_id"], cols["text_hash"], cols["data_hash"],
                         strict=True):
                if k != last:
                    keys.add(key(*k))
                    last = k
    return keys


def _write_part(parts: Path, n: int, stamp: str, rows: Rows) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    parts.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist(rows, schema=schema())
    final = parts / f"{stamp}-{n:07d}.parquet"
    tmp = final.with_suffix(".tmp")
    pq.write_table(table, tmp)
    os.replace(tmp, final)


GROUP_ROWS = 8192
"""Rows a Parquet row group of the merged OUT holds (about 8-25 MiB while gathered): one row
group per part kept the writer's metadata (statistics of every column of every group) growing
with the corpus, about 55 KiB a part: 80 MiB at the end of 30,000 articles."""


def merge(out: Path) -> None:
    """OUT's earlier rows, then the parts' in the order written, streamed into a new OUT in
    row groups of about ``GROUP_ROWS`` rows."""
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    parts = sorted(parts_dir(out).glob("*.parquet")) if parts_dir(out).is_dir() else []
    if not parts and out.is_file():
        return
    sources = ([out] if out.is_file() else []) + parts
    tmp = out.with_name(f".{out.name}.merging-{os.getpid()}")
    sch = schema()
    writer: Any = (pcsv.CSVWriter(tmp, sch) if _format(out) == "csv"
                   else pq.ParquetWriter(tmp, sch))
    import pyarrow as pa

    held: list[Any] = []  # batches gathered into one row group of about GROUP_ROWS rows

    def flush() -> None:
        if held:
            writer.write_table(pa.Table.from_batches(held, schema=sch))
            held.clear()

    try:
        if not sources:
            writer.write_table(pa.Table.from_pylist([], schema=sch))
        for source in sources:
            for batch in read_table(source):
                held.append(batch.select(list(NAMES)).cast(sch))
                if sum(b.num_rows for b in held) >= GROUP_ROWS:
                    flush()
        flush()
    except BaseException:
        writer.close()
        tmp.unlink(missing_ok=True)
        raise
    writer.close()
    os.replace(tmp, out)
    for p in parts:
        p.unlink()
    if parts_dir(out).is_dir():
        parts_dir(out).rmdir()


def _batches(articles: Iterable[Article], size: int, done: set[Key], data_hash: str,
             stats: Stats) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in articles:
        if done and key(article.id, article.key, data_hash) in done:
            stats.skipped += 1
            continue
        batch.append(article)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(articles: Iterable[Article], out: Path, ref: DataRef, engine: Engine,
        batch_size: int = 16, on_batch: Callable[[int, int], None] | None = None) -> Stats:
    """Read every article not done before into OUT; ``on_batch(articles, skipped)`` after each
    batch written (the progress bar). Rows come in input order whatever the engine."""
    _format(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    stats = Stats()
    started = time.perf_counter()
    done = done_keys(out)
    shared = engine.share(ref)
    stamp = f"{time.time_ns():020d}"  # parts sort in the order written, run after run
    window = max(2, engine.workers * 4)  # batches in flight or waiting to be written
    pending: deque[tuple[Handle, int]] = deque()
    written = 0

    def collect() -> None:
        nonlocal written
        handle, size = pending.popleft()
        rows = handle.result()
        _write_part(parts_dir(out), written, stamp, rows)
        written += 1
        stats.articles += size
        for row in rows:
            if row["status"] == "error":
                stats.errors += 1
            elif row["status"] == "claim":
                stats.claims += 1
                stats.labels[row["label"]] = stats.labels.get(row["label"], 0) + 1
        if on_batch is not None:
            on_batch(stats.articles, stats.skipped)

    try:
        for batch in _batches(articles, batch_size, done, ref.data_hash, stats):
            pending.append((engine.submit(shared, batch), len(batch)))
            while pending and (len(pending) >= window or pending[0][0].done()):
                collect()  # in input order; waits only when the window is full
        while pending:
            collect()
        if on_batch is not None:
            on_batch(stats.articles, stats.skipped)
    finally:
        engine.close()
    merge(out)
    stats.seconds = time.perf_counter() - started
    return stats

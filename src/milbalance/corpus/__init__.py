"""Corpus scale: read thousands of articles into one claims file, and keep each claimant's
track record. Sits over ``claims`` beside the CLI and the web app; nothing below imports it.

    inputs    paths → articles (text files, folders, JSONL/CSV/Parquet with one article a row)
    rows      a reading → one row per claim (and error / no-claims rows)
    cache     the data by content hash, one Checker per worker, the verdict cache
    engines   in-process, a process pool or Dask: one function over the same batches
    run       batches → parts → OUT, with resume
    track     a claims file → per claimant over time: shares supported, contested, refuted
"""

from __future__ import annotations

from pathlib import Path

from milbalance.corpus.cache import DataRef
from milbalance.corpus.engines import engine, read_batch
from milbalance.corpus.inputs import Article, articles
from milbalance.corpus.run import Stats, run
from milbalance.store import Store


def data_ref(store: Store) -> DataRef:
    """The store's data as workers on this machine find it: by content hash and folder."""
    return DataRef(store.content_hash, str(Path(store.data or "").resolve()),
                   str(Path(store.path).resolve()))


__all__ = ["Article", "DataRef", "Stats", "articles", "data_ref", "engine", "read_batch", "run"]

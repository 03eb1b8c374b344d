"""What each worker keeps: one Checker per data hash, and the verdicts it has given.

The data travel to a worker as a ``DataRef``: its content hash and the folder (plus, for a
cluster on other machines, the folder packed once). A worker opens the store for that hash
once and keeps the Checker for every later batch; it is never rebuilt per article.

The verdict cache is keyed by (reading, year, claim, data hash): the evaluator reads the
sentence too (e.g. 'security' in a budget claim), so the claim with its sentence is part of
the key, and a claim repeated word for word across a corpus is evaluated once per worker.
"""

from __future__ import annotations

import io
import os
import tarfile
import tempfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from milbalance.claims import Checker
from milbalance.claims.reading import reading_of
from milbalance.errors import UserError
from milbalance.store import Store, content_hash

CACHE_MAX = int(os.environ.get("MILBALANCE_VERDICT_CACHE", "20000"))
"""Verdicts a worker keeps (least recently used dropped first); 0 turns the cache off (the
benchmark's comparison)."""


@dataclass(frozen=True)
class DataRef:
    """The data by content hash; ``packed`` (a tar of the folder) only for remote workers."""

    data_hash: str
    data: str
    store: str = ""
    packed: bytes = b""


def pack(data: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        tar.add(str(data), arcname="data")
    return buffer.getvalue()


def _local_data(ref: DataRef) -> tuple[Path, Path | None]:
    """A data folder with the ref's hash on this machine, unpacked once if need be."""
    data = Path(ref.data)
    if data.is_dir() and content_hash(data) == ref.data_hash:
        return data, Path(ref.store) if ref.store else None
    if not ref.packed:
        raise UserError(f"data {ref.data_hash[:12]} is not on this worker and was not sent")
    root = Path(tempfile.gettempdir()) / "milbalance-corpus" / ref.data_hash
    if not (root / "data").is_dir():
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(ref.packed), mode="r:gz") as tar:
            tar.extractall(root, filter="data")
    return root / "data", root / "store.duckdb"


def _open(data: Path, store: Path | None, unpacked: bool) -> Store:
    """The store; one built from an unpacked folder is built from beside it, so that the
    file paths it records (the loader writes them relative to the working folder, and the
    engine's random streams are keyed by them) read 'data/…' as in a store built from the
    repository root, and the verdicts match those of this machine's store."""
    if not unpacked:
        return Store.open(data, store)
    here = Path.cwd()
    os.chdir(data.parent)
    try:
        return Store.open(Path("data"), store)
    finally:
        os.chdir(here)


class CachingEvaluator:
    """Wraps an evaluator: one evaluation per (reading, year, claim, data hash)."""

    def __init__(self, inner: Any, data_hash: str, size: int = CACHE_MAX):
        self.inner, self.data_hash, self.size = inner, data_hash, size
        self.cache: OrderedDict[Any, Any] = OrderedDict()
        self.hits = self.misses = 0

    def evaluate(self, claim: Any) -> Any:
        if self.size <= 0:
            return self.inner.evaluate(claim)
        try:
            key = (reading_of(claim), claim.year, claim, self.data_hash)
            hash(key)
        except TypeError:  # a claim with an unhashable part: evaluate every time
            return self.inner.evaluate(claim)
        found = self.cache.get(key)
        if found is not None:
            self.hits += 1
            self.cache.move_to_end(key)
            return found
        self.misses += 1
        verdict = self.inner.evaluate(claim)
        self.cache[key] = verdict
        if len(self.cache) > self.size:
            self.cache.popitem(last=False)
        return verdict

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


_CHECKERS: dict[str, tuple[Store, Checker]] = {}
_PID = {"pid": os.getpid()}


def checker_for(ref: DataRef) -> Checker:
    """This worker's Checker for the data hash, built on first use and kept."""
    if _PID["pid"] != os.getpid():  # a forked child does not share its parent's connection
        _CHECKERS.clear()
        _PID["pid"] = os.getpid()
    found = _CHECKERS.get(ref.data_hash)
    if found is not None:
        return found[1]
    data, store_path = _local_data(ref)
    store = _open(data, store_path, unpacked=not ref.store or store_path != Path(ref.store))
    if store.content_hash != ref.data_hash:
        store.close()
        raise UserError(f"the store for {data} is not data {ref.data_hash[:12]}")
    checker = Checker(store)
    checker.evaluator = CachingEvaluator(checker.evaluator, ref.data_hash)  # type: ignore[assignment]
    _CHECKERS[ref.data_hash] = (store, checker)
    return checker

"""Where batches are read: in this process, in a pool of processes, or on a Dask cluster.

All three run the same function, ``read_batch(ref, batch)``, on the same batches and hand
the results back in submission order, so the rows are identical whichever engine ran them.
"""

from __future__ import annotations

import importlib
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from milbalance import __version__
from milbalance.corpus.cache import DataRef, checker_for, pack
from milbalance.corpus.inputs import Article
from milbalance.corpus.rows import error_row, reading_rows
from milbalance.errors import UserError

Rows = list[dict[str, Any]]


def read_batch(ref: DataRef, batch: list[Article]) -> Rows:
    """Rows for a batch of articles, read with this worker's Checker for ``ref``. A failure
    inside one article becomes its error row; the batch goes on."""
    checker = checker_for(ref)
    rows: Rows = []
    for article in batch:
        if article.error:
            rows.append(error_row(article, ref.data_hash, __version__))
            continue
        try:
            on = date.fromisoformat(article.date) if article.date else None
            reading = checker.read(article.text, on)
        except Exception as exc:  # one bad article must not stop a corpus
            rows.append(error_row(article, ref.data_hash, __version__,
                                  f"{type(exc).__name__}: {exc}"))
            continue
        rows += reading_rows(article, reading, ref.data_hash, __version__)
    return rows


class Handle(Protocol):
    def result(self) -> Rows: ...

    def done(self) -> bool: ...


class Engine(Protocol):
    workers: int

    def submit(self, ref: Any, batch: list[Article]) -> Handle: ...

    def share(self, ref: DataRef) -> Any: ...

    def close(self) -> None: ...


class InProcess:
    """The default: this process, one batch at a time."""

    workers = 1

    def submit(self, ref: Any, batch: list[Article]) -> Handle:
        done: Future[Rows] = Future()
        done.set_result(read_batch(ref, batch))
        return done

    def share(self, ref: DataRef) -> Any:
        return ref

    def close(self) -> None:
        return None


class Processes:
    """``--workers N`` (N > 1): this process and a pool of N - 1 more, each keeping its own
    Checker and verdict cache. A batch goes to the pool while fewer than ``QUEUED`` batches
    a pool worker wait or run there; otherwise this process reads it itself, so no process
    is started (imports, store, Checker) for the share this one can take, and this one does
    not sit idle while the pool works. Every batch is ``read_batch`` wherever it runs."""

    QUEUED = 2

    def __init__(self, workers: int):
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers - 1,
                                        mp_context=multiprocessing.get_context("spawn"))
        self.queued: list[Future[Rows]] = []
        self.here = InProcess()
        self.inline = 0  # batches read in this process (for the benchmark)

    def submit(self, ref: Any, batch: list[Article]) -> Handle:
        self.queued = [f for f in self.queued if not f.done()]
        if len(self.queued) < self.QUEUED * (self.workers - 1):
            future = self.pool.submit(read_batch, ref, batch)
            self.queued.append(future)
            return future
        self.inline += 1
        return self.here.submit(ref, batch)

    def share(self, ref: DataRef) -> Any:
        return ref

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class Dask:
    """``--dask local`` (a LocalCluster of ``workers`` processes) or ``--dask tcp://…``
    (an existing cluster). The data go to every worker once, scattered by content hash."""

    def __init__(self, address: str, workers: int):
        try:
            dist: Any = importlib.import_module("distributed")
        except ImportError as exc:  # pragma: no cover - dask is a dependency
            raise UserError("--dask needs dask[distributed]: pip install 'dask[distributed]'"
                            ) from exc
        self.cluster: Any = None
        self.client: Any
        if address == "local":
            self.cluster = dist.LocalCluster(n_workers=workers, threads_per_worker=1,
                                             processes=True, dashboard_address=None)
            self.client = dist.Client(self.cluster)
        else:
            try:
                self.client = dist.Client(address, timeout="20s")
            except OSError as exc:
                raise UserError(f"cannot reach the Dask scheduler at {address}: {exc}"
                                ) from exc
        self.remote = address != "local"
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def share(self, ref: DataRef) -> Any:
        if self.remote and not ref.packed:
            ref = DataRef(ref.data_hash, ref.data, "", pack(Path(ref.data)))
        return self.client.scatter(ref, broadcast=True, hash=False)

    def submit(self, ref: Any, batch: list[Article]) -> Handle:
        future: Handle = self.client.submit(read_batch, ref, batch, pure=False)
        return future

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def engine(workers: int = 1, dask: str = "") -> Engine:
    if workers < 1:
        raise UserError(f"--workers {workers}: give 1 or more")
    if dask:
        if dask != "local" and not dask.startswith(("tcp://", "tls://", "inproc://")):
            raise UserError(f"--dask {dask!r}: write 'local' or a scheduler address "
                            "such as tcp://HOST:8786")
        return Dask(dask, workers)
    return Processes(workers) if workers > 1 else InProcess()

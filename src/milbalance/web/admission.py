"""Bounded admission for claim checks: a few run at once, a few more wait, the rest are told
to come back (503 with Retry-After) instead of piling up threads that each hold the GIL and
starve every other request, /api/health included."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from starlette.exceptions import HTTPException

from milbalance.web import limits


class Admission:
    """At most ``running`` jobs at once and ``waiting`` queued behind them."""

    def __init__(self, running: int = limits.CLAIM_JOBS_RUNNING,
                 waiting: int = limits.CLAIM_JOBS_WAITING,
                 busy: str = "busy checking other texts; try again shortly"):
        self.running = running
        self.waiting = waiting
        self.busy = busy
        self._slots = threading.BoundedSemaphore(running)
        self._lock = threading.Lock()
        self._admitted = 0

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Run the body in a slot, or raise a 503 when every slot and queue place is taken."""
        with self._lock:
            if self._admitted >= self.running + self.waiting:
                raise HTTPException(503, self.busy,
                                    headers={"Retry-After": str(limits.RETRY_AFTER_SECONDS)})
            self._admitted += 1
        try:
            with self._slots:
                yield
        finally:
            with self._lock:
                self._admitted -= 1

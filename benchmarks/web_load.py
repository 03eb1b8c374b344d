"""Load on the web app, on loopback only, bounded in count and time.

Starts ``milbalance serve --workers W`` (a separate process, as a user runs it) on a free
127.0.0.1 port, then sends, each as N concurrent requests (N = 200 by default):

* GET /api/health, the trivial baseline;
* POST /api/check with four real sentences in turn ("repeated": after the first of each,
  answers come from the per-worker cache of checks);
* POST /api/check with N different sentences ("unique": every one a cache miss, the
  claims library's full cost).

Reports p50 / p99 latency and wall time of each; any error (non-2xx or exception) fails the
run with exit status 1.

    .venv/bin/python benchmarks/web_load.py [--requests 200] [--workers 2] [--timeout 120]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from milbalance.store import Store

CLAIMS = (
    "Russia allocated 13.5 trillion rubles ($151 billion) to defense in 2024, about 6.3% of GDP",
    "Russia produced about 2 million shells in 2023.",
    "NATO allies now produce more ammunition than Russia.",
    "The US spent a higher share of GDP on defense during the Korean and Vietnam wars.",
)


def unique_claims(n: int) -> list[str]:
    """N different checkable sentences (a figure and a year vary): no two share a cache key."""
    return [f"Russia produced about {1 + i % 40 / 10:.1f} million shells in {2015 + i // 40}."
            for i in range(n)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _burst(base: str, n: int, texts: list[str] | None,
                 timeout: float) -> tuple[list[float], int]:
    """N requests at once: claim checks of ``texts`` in turn, or /api/health when None."""
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        async def one(i: int) -> tuple[float, bool]:
            start = time.perf_counter()
            try:
                if texts is not None:
                    r = await client.post("/api/check", json={"text": texts[i % len(texts)]})
                else:
                    r = await client.get("/api/health")
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            return time.perf_counter() - start, ok

        results = await asyncio.gather(*(one(i) for i in range(n)))
    return [t for t, _ in results], sum(1 for _, ok in results if not ok)


def _start(data: Path | None, port: int, workers: int) -> subprocess.Popen[bytes]:
    script = Path(sys.executable).with_name("milbalance")
    cmd = [str(script)] if script.exists() else [
        sys.executable, "-c", "from milbalance.cli import main; main()"]
    cmd += [*(["--data", str(data)] if data else []), "serve", "--port", str(port),
            "--workers", str(workers)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_PROXY": "*"})


def _wait(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"milbalance serve exited with status {server.returncode}")
        try:
            if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"milbalance serve did not answer within {seconds:g} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    if not 1 <= args.requests <= 1000:
        parser.error("--requests must be 1..1000")
    if not 1 <= args.workers <= 16:
        parser.error("--workers must be 1..16")

    Store.open(args.data).close()  # build the store before timing
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(args.data, port, args.workers)
    workloads: tuple[tuple[str, list[str] | None], ...] = (
        ("GET /api/health (baseline)", None),
        ("POST /api/check, repeated (cached)", list(CLAIMS)),
        ("POST /api/check, unique (uncached)", unique_claims(args.requests)))
    try:
        _wait(base, server)
        # each worker warms itself at startup (store, checker, lazy imports); a burst of
        # texts no workload sends also warms the connection pool
        asyncio.run(_burst(base, 8 * args.workers, [f"Russia spent {i} billion dollars on "
                                                   "defense in 2019." for i in range(50, 99)],
                           args.timeout))
        rows = []
        errors = 0
        for name, texts in workloads:
            start = time.perf_counter()
            times, failed = asyncio.run(_burst(base, args.requests, texts, args.timeout))
            wall = time.perf_counter() - start
            errors += failed
            rows.append((name, statistics.median(times), _quantile(times, 0.99), wall, failed))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.requests} concurrent requests each, loopback 127.0.0.1, "
          f"milbalance serve --workers {args.workers}, {os.cpu_count()} CPUs")
    print(f"{'endpoint':38} {'p50 ms':>9} {'p99 ms':>9} {'wall s':>8} {'errors':>7}")
    for name, p50, p99, wall, failed in rows:
        print(f"{name:38} {p50 * 1000:9.1f} {p99 * 1000:9.1f} {wall:8.2f} {failed:7d}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

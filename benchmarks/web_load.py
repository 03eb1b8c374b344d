"""Load on the web app, on loopback only, bounded in count and time.

Starts ``milbalance``'s app with uvicorn on a free 127.0.0.1 port, then sends N concurrent
claim checks (POST /api/check, N = 200 by default) and, as the baseline in the same run, N
concurrent calls of the trivial GET /api/health. Reports p50 / p99 latency of each and their
ratio; any error (non-2xx or exception) fails the run with exit status 1.

    .venv/bin/python benchmarks/web_load.py [--requests 200] [--timeout 120]
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from milbalance.store import Store
from milbalance.web import create_app

CLAIMS = (
    "Russia allocated 13.5 trillion rubles ($151 billion) to defense in 2024, about 6.3% of GDP",
    "Russia produced about 2 million shells in 2023.",
    "NATO allies now produce more ammunition than Russia.",
    "The US spent a higher share of GDP on defense during the Korean and Vietnam wars.",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def _burst(base: str, n: int, check: bool, timeout: float) -> tuple[list[float], int]:
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, timeout=timeout, limits=limits) as client:
        async def one(i: int) -> tuple[float, bool]:
            start = time.perf_counter()
            try:
                if check:
                    r = await client.post("/api/check", json={"text": CLAIMS[i % len(CLAIMS)]})
                else:
                    r = await client.get("/api/health")
                ok = r.status_code == 200
            except httpx.HTTPError:
                ok = False
            return time.perf_counter() - start, ok

        results = await asyncio.gather(*(one(i) for i in range(n)))
    return [t for t, _ in results], sum(1 for _, ok in results if not ok)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    if not 1 <= args.requests <= 1000:
        parser.error("--requests must be 1..1000")

    Store.open(args.data).close()  # build the store before timing
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(lambda: Store.open(args.data)),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(_burst(base, 4, True, args.timeout))  # warm: store open, checker built
        rows = []
        errors = 0
        for name, check in (("GET /api/health (baseline)", False),
                            ("POST /api/check (claim check)", True)):
            start = time.perf_counter()
            times, failed = asyncio.run(_burst(base, args.requests, check, args.timeout))
            wall = time.perf_counter() - start
            errors += failed
            rows.append((name, statistics.median(times), _quantile(times, 0.99), wall, failed))
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"{args.requests} concurrent requests each, loopback 127.0.0.1, one uvicorn worker")
    print(f"{'endpoint':32} {'p50 ms':>9} {'p99 ms':>9} {'wall s':>8} {'errors':>7}")
    for name, p50, p99, wall, failed in rows:
        print(f"{name:32} {p50 * 1000:9.1f} {p99 * 1000:9.1f} {wall:8.2f} {failed:7d}")
    base_p50, check_p50 = rows[0][1], rows[1][1]
    print(f"claim check p50 / baseline p50 = {check_p50 / base_p50:.1f}x")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

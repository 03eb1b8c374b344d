"""Benchmark: `milbalance check` cold start and `milbalance read` of a ~1,000-word article.

Every run is a fresh subprocess (cold: imports included), so the figures are what a user
waits for. Baselines are measured in the same run, interleaved with the contenders, so a
busy machine slows all of them alike:

    python -c pass        the interpreter alone
    milbalance --help     the CLI with every command registered, no work

Contenders: `check` on a comparison (runs the engine), a level and a spending quote
(consistency check); `read` of an article of about 1,000 words made by joining the example
articles in examples/articles/ (repeated until it has 1,000 words), and of the longest
single example. Reported: median, min and max wall time over the runs, and each median as a
ratio to the `--help` baseline, and the median CPU time (user + system) of the
child, which a busy machine inflates far less than wall time. The store is built once
first (a data change rebuilds it).

Targets (issue 6): check < 1 s, read of 1,000 words < 2 s.

Run:  .venv/bin/python benchmarks/claims_bench.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "examples" / "articles"
BIN = Path(sys.executable).parent / "milbalance"
DATE = ["--date", "2025-06-27"]


def _article(words: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.md"))]
    text, i = "", 0
    while len(text.split()) < words:
        text += parts[i % len(parts)] + "\n\n"
        i += 1
    return text


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _time(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one cold run; CPU is what the run would take on an idle core."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "0"})
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()[-500:]}")
    return elapsed, _cpu() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="cold starts per command")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article-1000.md"
        article.write_text(_article(1000), encoding="utf-8")
        longest = max(ARTICLES.glob("*.md"), key=lambda p: len(p.read_text(encoding="utf-8")))
        commands = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "milbalance --help (baseline)": [str(BIN), "--help"],
            "check: comparison": [str(BIN), "check", "Russia outproduces NATO in artillery "
                                  "shells.", *DATE],
            "check: level": [str(BIN), "check", "Russia produced about 2 million shells in "
                             "2023.", *DATE],
            "check: spending quote (4 claims)": [
                str(BIN), "check", "Russia allocated 13.5 trillion rubles ($151 billion) to "
                "defense in 2024, about 6.3% of GDP.", *DATE],
            f"read: {longest.name}": [str(BIN), "read", str(longest), *DATE],
            f"read: {len(article.read_text().split())}-word article": [
                str(BIN), "read", str(article), *DATE],
        }
        _time(commands["check: level"])  # build the store if the data changed
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(args.runs):  # interleaved: load on the machine hits all alike
            for name, cmd in commands.items():
                times[name].append(_time(cmd))
    base = statistics.median(w for w, _ in times["milbalance --help (baseline)"])
    print(f"# claims benchmark: {args.runs} cold runs each, interleaved; "
          f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':40} {'wall med s':>10} {'min':>6} {'max':>6} {'× --help':>9} "
          f"{'CPU med s':>10}")
    for name, ts in times.items():
        walls = [w for w, _ in ts]
        med = statistics.median(walls)
        cpu = statistics.median(c for _, c in ts)
        print(f"{name:40} {med:10.2f} {min(walls):6.2f} {max(walls):6.2f} {med / base:9.2f} "
              f"{cpu:10.2f}")


if __name__ == "__main__":
    main()

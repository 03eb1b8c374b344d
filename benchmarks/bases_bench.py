"""Benchmark: the bases answer for one year from a cold start (issue 12: under 1.5 s).

Every run is a fresh subprocess (imports included), interleaved with two baselines measured
in the same run, so a busy machine slows all of them alike:

    python -c pass        the interpreter alone
    milbalance --help     the CLI with every command registered, no work

Contenders: `compare NATO RUS --item artillery_shells --year 2025 --json` (five bases, 20,000
plain-MC samples each), the single-metric `compare --metric` it extends (RQMC, reruns and
per-claimant answers: today's answer), and `check` of the central claim (parse, then the
bases). Reported: median, min and max wall time, each median as a ratio to `--help`, and
the median CPU time of the child (user + system), which a busy machine inflates far less
than wall time. The store is built once first.

Run:  .venv/bin/python benchmarks/bases_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "milbalance"


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def _time(cmd: list[str]) -> tuple[float, float]:
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()[-500:]}")
    return elapsed, _cpu() - cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="cold starts per command")
    args = ap.parse_args()
    m = str(BIN)
    commands = {
        "python -c pass (baseline)": [sys.executable, "-c", "pass"],
        "milbalance --help (baseline)": [m, "--help"],
        "compare --item (5 bases, 2025)": [m, "compare", "NATO", "RUS", "--item",
                                           "artillery_shells", "--year", "2025", "--json"],
        "compare --metric capacity 2025": [m, "compare", "NATO", "RUS", "--metric",
                                           "artillery_shells.capacity", "--year", "2025",
                                           "--json"],
        "check: the central claim": [m, "check", "NATO is currently producing more "
                                     "ammunition than Russia", "--date", "2025-11-14"],
    }
    _time(commands["compare --item (5 bases, 2025)"])  # build the store if the data changed
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(_time(cmd))
    base = statistics.median(w for w, _ in times["milbalance --help (baseline)"])
    print(f"# bases benchmark: {args.runs} cold runs each, interleaved; "
          f"{platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':34} {'wall med s':>10} {'min':>6} {'max':>6} {'× --help':>9} "
          f"{'CPU med s':>10}")
    for name, ts in times.items():
        walls = [w for w, _ in ts]
        med = statistics.median(walls)
        cpu = statistics.median(c for _, c in ts)
        print(f"{name:34} {med:10.2f} {min(walls):6.2f} {max(walls):6.2f} {med / base:9.2f} "
              f"{cpu:10.2f}")


if __name__ == "__main__":
    main()

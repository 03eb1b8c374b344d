"""Cold-start timing shared by the command benchmarks: every run a fresh subprocess, commands
interleaved so a busy machine slows all alike, the median reported as a ratio to the
`milbalance --help` baseline measured in the same run, beside the child's CPU time (which a
loaded machine inflates far less than wall time)."""

from __future__ import annotations

import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "milbalance"
BASELINES = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "milbalance --help (baseline)": [str(BIN), "--help"],
}


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_CHILDREN)
    return use.ru_utime + use.ru_stime


def time_command(cmd: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one cold run of ``cmd``; a failure stops the benchmark."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode()[-500:]}")
    return elapsed, _cpu() - cpu


def run_and_print(title: str, commands: dict[str, list[str]], runs: int, width: int = 40) -> None:
    """Time the baselines and ``commands`` ``runs`` times each, interleaved; print the table."""
    every = {**BASELINES, **commands}
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in every}
    for _ in range(runs):
        for name, cmd in every.items():
            times[name].append(time_command(cmd))
    base = statistics.median(w for w, _ in times["milbalance --help (baseline)"])
    print(f"# {title}: {runs} cold runs each, interleaved; {platform.python_version()}, "
          f"{platform.machine()}, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':{width}} {'wall med s':>10} {'min':>6} {'max':>6} {'× --help':>9} "
          f"{'CPU med s':>10}")
    for name, ts in times.items():
        walls = [w for w, _ in ts]
        med = statistics.median(walls)
        cpu = statistics.median(c for _, c in ts)
        print(f"{name:{width}} {med:10.2f} {min(walls):6.2f} {max(walls):6.2f} "
              f"{med / base:9.2f} {cpu:10.2f}")

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

from coldstart import BIN, run_and_print, time_command


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="cold starts per command")
    args = ap.parse_args()
    m = str(BIN)
    commands = {
        "compare --item (5 bases, 2025)": [m, "compare", "NATO", "RUS", "--item",
                                           "artillery_shells", "--year", "2025", "--json"],
        "compare --metric capacity 2025": [m, "compare", "NATO", "RUS", "--metric",
                                           "artillery_shells.capacity", "--year", "2025",
                                           "--json"],
        "check: the central claim": [m, "check", "NATO is currently producing more "
                                     "ammunition than Russia", "--date", "2025-11-14"],
    }
    time_command(commands["compare --item (5 bases, 2025)"])  # build the store if needed
    run_and_print("bases benchmark", commands, args.runs, width=34)


if __name__ == "__main__":
    main()

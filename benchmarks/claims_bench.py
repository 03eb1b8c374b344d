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
import tempfile
from pathlib import Path

from coldstart import BIN, run_and_print, time_command

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "examples" / "articles"
DATE = ["--date", "2025-06-27"]


def _article(words: int) -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.md"))]
    text, i = "", 0
    while len(text.split()) < words:
        text += parts[i % len(parts)] + "\n\n"
        i += 1
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="cold starts per command")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "article-1000.md"
        article.write_text(_article(1000), encoding="utf-8")
        longest = max(ARTICLES.glob("*.md"), key=lambda p: len(p.read_text(encoding="utf-8")))
        commands = {
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
        time_command(commands["check: level"])  # build the store if the data changed
        run_and_print("claims benchmark", commands, args.runs)


if __name__ == "__main__":
    main()

"""Benchmark: does the cost of reading a text grow linearly with its length?

For inputs of 1k to 64k characters, three shapes that once made patterns backtrack (a run of
digits, a run of digits with separators and scale words, a run of per-cent figures) and one of
ordinary prose (the example articles repeated) are read by ``Parser.parse`` (one "sentence")
and, for prose, by ``Checker.read`` (the whole pipeline). Reported per size: seconds, and the
growth exponent k of time ∝ length^k fitted over the sizes (1 = linear, 2 = quadratic).
The baseline is the 1k input of the same shape, run in the same process.

Run:  .venv/bin/python benchmarks/parse_scaling_bench.py [--max 65536]
"""

from __future__ import annotations

import argparse
import math
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shapes() -> dict[str, str]:
    prose = "\n\n".join(p.read_text(encoding="utf-8")
                        for p in sorted((REPO / "examples" / "articles").glob("*.md")))
    return {
        "digits": "7",
        "digits, separators, scales": "1,234 million 5.6 bn ",
        "per-cent figures": "12% 3.5 per cent ",
        "prose": prose + "\n\n",
    }


def repeat_to(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def timed(fn: object, text: str) -> float:
    start = time.perf_counter()
    fn(text)  # type: ignore[operator]
    return time.perf_counter() - start


def exponent(sizes: list[int], seconds: list[float]) -> float:
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--max", type=int, default=65_536, help="largest input in characters")
    args = ap.parse_args()
    from milbalance.claims import Checker, Context
    from milbalance.store import Store

    checker = Checker(Store.open())
    on = date(2025, 11, 14)
    ctx = Context(on=on)
    sizes = [1024 * 2 ** i for i in range(int(math.log2(args.max // 1024)) + 1)]
    print(f"{'input':28} " + " ".join(f"{s // 1024:>6}k" for s in sizes) + "   exponent")
    for name, unit in shapes().items():
        runs = [("parse", lambda t: checker.parser.parse(t, ctx))]
        if name == "prose":
            runs.append(("read", lambda t: checker.read(t, on)))
        for label, fn in runs:
            seconds = [timed(fn, repeat_to(unit, s)) for s in sizes]
            cells = " ".join(f"{t:7.3f}" for t in seconds)
            print(f"{label + ': ' + name:28} {cells}   {exponent(sizes, seconds):.2f}")


if __name__ == "__main__":
    main()

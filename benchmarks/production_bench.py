"""Production model benchmark: 1,000 lines × 9 years × 10^4 Monte Carlo samples.

Baseline and contender measured in the same run on a SYNTHETIC network (random toy lines, not
real figures): 30 countries × 5 stages, 1,000 lines with random capacity ranges, start dates,
ramps and statuses (so delays are drawn).

    closed form   sample every line (capacity, delayed start) → ramp-averaged capacity per
                  year → sum per country × stage (one matmul) → min over stages of the pooled
                  sum; vectorised, chunked over samples
    LP            the same samples solved as one HiGHS LP per (sample, year) with a trade
                  share τ = 0.5 (NetworkLp, warm-started); timed on --lp-samples samples and
                  scaled to 10^4 (stated in the output)

Run:  .venv/bin/python benchmarks/production_bench.py [--samples 10000] [--lp-samples 100]
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import date, timedelta

import numpy as np

from milbalance.production.capacity import line_capacity
from milbalance.production.network import NetworkLp, pooled
from milbalance.production.records import Basis, LineStatus, ProductionLine, Stage

YEARS = tuple(range(2022, 2031))
STAGES = tuple(Stage)


def synthetic_lines(rng: np.random.Generator, n_lines: int, n_countries: int
                    ) -> list[ProductionLine]:
    """Toy lines (made-up numbers for timing only)."""
    lines = []
    for k in range(n_lines):
        low = float(rng.uniform(1e3, 1e5))
        lines.append(ProductionLine(
            id=f"toy.{k}", country=f"C{k % n_countries:02d}", item="toy", stage=STAGES[k % 5],
            basis=Basis.LINE, status=list(LineStatus)[k % 3], unit="toy_per_year", per_year=1.0,
            source="synthetic", low=low, high=low * float(rng.uniform(1.0, 2.0)),
            start=date(2021, 1, 1) + timedelta(days=int(rng.integers(0, 3000))),
            ramp_months=float(rng.integers(0, 36))))
    return lines


def closed_form(lines: list[ProductionLine], samples: int, chunk: int, seed: int
                ) -> tuple[np.ndarray, float]:
    rng = np.random.default_rng(seed)
    n_countries = len({ln.country for ln in lines})
    cell = np.array([int(ln.country[1:]) * 5 + STAGES.index(ln.stage) for ln in lines])
    onehot = np.zeros((len(lines), n_countries * 5))
    onehot[np.arange(len(lines)), cell] = 1.0
    out = np.empty((samples, len(YEARS)))
    t0 = time.perf_counter()
    for a in range(0, samples, chunk):
        n = min(chunk, samples - a)
        cap = line_capacity(rng, lines, YEARS, n)  # [n, L, Y]
        flat = np.ascontiguousarray(cap.transpose(0, 2, 1)).reshape(-1, len(lines))
        cs = (flat @ onehot).reshape(n, len(YEARS), n_countries, 5)
        out[a:a + n] = pooled(cs)
    return out, time.perf_counter() - t0


def lp_per_sample(lines: list[ProductionLine], samples: int, seed: int, tau: float
                  ) -> tuple[np.ndarray, float]:
    rng = np.random.default_rng(seed)
    n_countries = len({ln.country for ln in lines})
    cell = np.array([int(ln.country[1:]) * 5 + STAGES.index(ln.stage) for ln in lines])
    onehot = np.zeros((len(lines), n_countries * 5))
    onehot[np.arange(len(lines)), cell] = 1.0
    lp = NetworkLp(n_countries, 5, np.full(n_countries, tau))
    out = np.empty((samples, len(YEARS)))
    t0 = time.perf_counter()
    cap = line_capacity(rng, lines, YEARS, samples)
    flat = np.ascontiguousarray(cap.transpose(0, 2, 1)).reshape(-1, len(lines))
    cs = (flat @ onehot).reshape(samples, len(YEARS), n_countries, 5)
    for i in range(samples):
        for y in range(len(YEARS)):
            out[i, y] = lp.solve(cs[i, y]).rounds
    return out, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--countries", type=int, default=30)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--lp-samples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20240101)
    args = parser.parse_args()
    lines = synthetic_lines(np.random.default_rng(args.seed), args.lines, args.countries)
    closed, t_closed = closed_form(lines, args.samples, args.chunk, args.seed)
    _, t_lp = lp_per_sample(lines, args.lp_samples, args.seed, 0.5)
    lp1, _ = lp_per_sample(lines, min(args.lp_samples, 20), args.seed, 1.0)
    closed_check, _ = closed_form(lines, min(args.lp_samples, 20), args.chunk, args.seed)
    agree = float(np.max(np.abs(lp1 - closed_check) / np.maximum(closed_check, 1)))
    per_lp = t_lp / (args.lp_samples * len(YEARS))
    t_lp_full = per_lp * args.samples * len(YEARS)
    print(f"cpu cores visible: {os.cpu_count()}")
    print(f"network: {args.lines} lines, {args.countries} countries x 5 stages, "
          f"{len(YEARS)} years, {args.samples} samples (synthetic)")
    print(f"closed form: {t_closed:.2f} s for all {args.samples * len(YEARS):,} sample-years "
          f"({t_closed / (args.samples * len(YEARS)) * 1e6:.2f} us each)")
    print(f"LP (tau=0.5): {per_lp * 1e3:.3f} ms per sample-year, timed on {args.lp_samples} "
          f"samples; scaled to {args.samples}: {t_lp_full:.1f} s")
    print(f"ratio LP / closed form: {t_lp_full / t_closed:.0f}x")
    print(f"check: LP at tau=1 vs closed form, max relative difference {agree:.2e}")
    print(f"median bound 2030 (synthetic units): {np.median(closed[:, -1]):.4g}")


if __name__ == "__main__":
    main()

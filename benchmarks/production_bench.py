"""Production model benchmark: 1,000 lines × 9 years × 10^4 Monte Carlo samples.

Baseline and contender measured in the same run on a SYNTHETIC network (random toy lines, not
real figures): 30 countries × 5 stages, 1,000 lines with random capacity ranges, start dates,
ramps and statuses (so delays are drawn).

    closed form   sample every line (capacity, delayed start) → ramp-averaged capacity per
                  year → sum per country × stage (one matmul) → min over stages of the pooled
                  sum; vectorised, chunked over samples
    LP (warm)     the same samples solved as one HiGHS LP per (sample, year) with a trade
                  share τ = 0.5: one NetworkLp built once, each solve changes only bounds
                  (highspy changeRowsBounds/changeColsBounds), so HiGHS starts from the
                  previous basis; over ALL --lp-samples samples (default: all 10^4)
    LP (cold)     the "before": a new HiGHS model built and solved from scratch per
                  (sample, year); timed on --cold-samples samples and scaled (stated)

Capacity draws go through the engine (production.sampling: one stream per line and per
delay, ranges read as the engine reads observations).

Run:  .venv/bin/python benchmarks/production_bench.py [--samples 10000] [--lp-samples N]
      [--cold-samples 200]
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
from milbalance.production.sampling import root_entropy

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


def chunk_capacity(lines: list[ProductionLine], seed: int, start: int, n: int) -> np.ndarray:
    """cap[n, L, Y] for samples start..start+n: each chunk of samples is drawn from its own
    root (seed + start), so the closed form and the LP see the same samples chunk by chunk
    and memory stays at one chunk."""
    return line_capacity(root_entropy(seed + start), lines, YEARS, n)


def closed_form(lines: list[ProductionLine], samples: int, chunk: int, seed: int
                ) -> tuple[np.ndarray, float]:
    n_countries = len({ln.country for ln in lines})
    cell = np.array([int(ln.country[1:]) * 5 + STAGES.index(ln.stage) for ln in lines])
    onehot = np.zeros((len(lines), n_countries * 5))
    onehot[np.arange(len(lines)), cell] = 1.0
    out = np.empty((samples, len(YEARS)))
    t0 = time.perf_counter()
    for a in range(0, samples, chunk):
        n = min(chunk, samples - a)
        cap = chunk_capacity(lines, seed, a, n)  # [n, L, Y]
        flat = np.ascontiguousarray(cap.transpose(0, 2, 1)).reshape(-1, len(lines))
        cs = (flat @ onehot).reshape(n, len(YEARS), n_countries, 5)
        out[a:a + n] = pooled(cs)
    return out, time.perf_counter() - t0


def lp_per_sample(lines: list[ProductionLine], samples: int, seed: int, tau: float,
                  warm: bool = True, chunk: int = 1000) -> tuple[np.ndarray, float]:
    n_countries = len({ln.country for ln in lines})
    cell = np.array([int(ln.country[1:]) * 5 + STAGES.index(ln.stage) for ln in lines])
    onehot = np.zeros((len(lines), n_countries * 5))
    onehot[np.arange(len(lines)), cell] = 1.0
    lp = NetworkLp(n_countries, 5, np.full(n_countries, tau))
    out = np.empty((samples, len(YEARS)))
    t0 = time.perf_counter()
    taus = np.full(n_countries, tau)
    for a in range(0, samples, chunk):
        n = min(chunk, samples - a)
        cap = chunk_capacity(lines, seed, a, n)
        flat = np.ascontiguousarray(cap.transpose(0, 2, 1)).reshape(-1, len(lines))
        cs = (flat @ onehot).reshape(n, len(YEARS), n_countries, 5)
        for i in range(n):
            for y in range(len(YEARS)):
                model = lp if warm else NetworkLp(n_countries, 5, taus)
                out[a + i, y] = model.solve(cs[i, y]).rounds
    return out, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1000)
    parser.add_argument("--countries", type=int, default=30)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--lp-samples", type=int, default=None,
                        help="samples for the warm LP (default: all --samples)")
    parser.add_argument("--cold-samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20240101)
    args = parser.parse_args()
    lp_n = args.samples if args.lp_samples is None else args.lp_samples
    lines = synthetic_lines(np.random.default_rng(args.seed), args.lines, args.countries)
    closed, t_closed = closed_form(lines, args.samples, args.chunk, args.seed)
    warm, t_warm = lp_per_sample(lines, lp_n, args.seed, 0.5, chunk=args.chunk)
    cold, t_cold = lp_per_sample(lines, args.cold_samples, args.seed, 0.5, warm=False,
                                 chunk=args.chunk)
    same = float(np.max(np.abs(warm[:args.cold_samples] - cold)
                        / np.maximum(np.abs(cold), 1)))
    lp1, _ = lp_per_sample(lines, min(lp_n, 20), args.seed, 1.0, chunk=args.chunk)
    agree = float(np.max(np.abs(lp1 - closed[:len(lp1)]) / np.maximum(closed[:len(lp1)], 1)))
    sy = len(YEARS)
    per_warm, per_cold = t_warm / (lp_n * sy), t_cold / (args.cold_samples * sy)
    t_warm_full = per_warm * args.samples * sy
    scaled = "" if lp_n == args.samples else f" (timed on {lp_n} samples, scaled)"
    print(f"cpu cores visible: {os.cpu_count()}")
    print(f"network: {args.lines} lines, {args.countries} countries x 5 stages, "
          f"{sy} years, {args.samples} samples (synthetic)")
    print(f"closed form: {t_closed:.2f} s for all {args.samples * sy:,} sample-years "
          f"({t_closed / (args.samples * sy) * 1e6:.2f} us each)")
    print(f"LP warm (tau=0.5): {t_warm:.1f} s for {lp_n * sy:,} sample-years, "
          f"{per_warm * 1e3:.3f} ms each; all {args.samples} samples: {t_warm_full:.1f} s"
          f"{scaled}")
    print(f"LP cold (tau=0.5): {per_cold * 1e3:.3f} ms each, timed on {args.cold_samples} "
          f"samples; scaled to {args.samples}: {per_cold * args.samples * sy:.1f} s")
    print(f"ratio LP warm / closed form: {t_warm_full / t_closed:.1f}x; "
          f"cold / warm per LP: {per_cold / per_warm:.2f}x")
    print(f"check: warm vs cold LP, max relative difference {same:.2e}; "
          f"LP at tau=1 vs closed form {agree:.2e}")
    print(f"median bound 2030 (synthetic units): {np.median(closed[:, -1]):.4g}")


if __name__ == "__main__":
    main()

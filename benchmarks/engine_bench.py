"""Benchmark: milbalance's engine vs squigglepy vs hand-written NumPy on one model.

Model (a synthetic workload from a fixed seed, not data about the world): two sides of 30
lognormal inputs, each given as a 90% interval; A = Σ side A, B = Σ side B; answer P(A > B).
The interval bounds are drawn once from ``numpy.random.default_rng(0)`` so every contender
gets the same model. One process; contenders run one after another.

(a) throughput (samples/s) at 10^5, 10^6, 10^7 samples, P(A > B) by counting;
(b) time to P(A > B) within ±0.001 at 95%, and the error actually achieved over many seeds
    against a high-precision reference (RQMC with smoothing, 32 scrambles × 2^16 points,
    cross-checked against 10^7 plain Monte Carlo samples from (a));
peak memory (tracemalloc, at 10^6 samples and per (b) run) and machine facts.

Run:  .venv/bin/python benchmarks/engine_bench.py [--seeds 100] [--mc-seeds 20] [--big]
squigglepy is optional (pip install squigglepy); without it its rows are skipped.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import scipy

from milbalance.engine.distributions import Dist
from milbalance.engine.estimators import (
    EstimatorOptions,
    Precision,
    fenton_wilkinson,
    p_a_gt_b,
    p_to_accuracy,
)
from milbalance.engine.mixture import Component, Quantity
from milbalance.engine.options import Sampler
from milbalance.engine.sampling import Plan, run
from milbalance.model import ClaimantType, Shape
from milbalance.periods import Period
from milbalance.store import ObservationRow

K90 = 1.6448536269514722
N_INPUTS = 30
TARGET = 1e-3
Z95 = 1.959963984540054


def intervals() -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    rng = np.random.default_rng(0)
    lows = rng.uniform(1.0, 10.0, 2 * N_INPUTS)
    highs = lows * rng.uniform(1.5, 4.0, 2 * N_INPUTS)
    pairs = list(zip(lows.tolist(), highs.tolist(), strict=True))
    return pairs[:N_INPUTS], pairs[N_INPUTS:]


def _quantity(name: str, lo: float, hi: float) -> Quantity:
    row = ObservationRow(name, "bench", Period.parse("2024"), None, lo, hi, "u", 0.9,
                         Shape.LOGNORMAL, "bench", "", ClaimantType.THINK_TANK, (), "",
                         None, "u", "bench", 0)
    return Quantity(name, name, (Component(name, Dist.from_range(lo, hi, 0.9,
                                                                 Shape.LOGNORMAL), 1.0, row),))


def plan() -> Plan:
    a, b = intervals()
    return Plan(tuple(_quantity(f"a{i}", *p) for i, p in enumerate(a)),
                tuple(_quantity(f"b{i}", *p) for i, p in enumerate(b)), {})


PLAN = plan()


def numpy_hand(n: int, seed: int = 2, chunk: int = 1 << 18) -> float:
    """Plain float64 NumPy, one thread: draw every input, sum each side, count A > B."""
    a, b = intervals()
    rng = np.random.default_rng(seed)

    def params(pairs: list[tuple[float, float]]) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = np.log(np.array(pairs)).T
        return (lo + hi) / 2, (hi - lo) / (2 * K90)

    (ma, sa), (mb, sb) = params(a), params(b)
    gt, done = 0, 0
    while done < n:
        m = min(chunk, n - done)
        ta = np.exp(ma[:, None] + sa[:, None] * rng.standard_normal((N_INPUTS, m))).sum(0)
        tb = np.exp(mb[:, None] + sb[:, None] * rng.standard_normal((N_INPUTS, m))).sum(0)
        gt += int(np.count_nonzero(ta > tb))
        done += m
    return gt / n


def squiggle(n: int, seed: int = 3) -> float:
    import squigglepy as sq

    sq.set_seed(seed)
    a, b = intervals()
    side_a = sum(sq.lognorm(lo, hi) for lo, hi in a)
    side_b = sum(sq.lognorm(lo, hi) for lo, hi in b)
    xa = np.asarray(sq.sample(side_a, n=n))
    xb = np.asarray(sq.sample(side_b, n=n))
    return float(np.mean(xa > xb))


def engine_counting(opts: EstimatorOptions) -> Callable[[int, int], float]:
    """The engine's estimator, n samples as R replicates of n/R points."""
    def fn(n: int, seed: int = 1) -> float:
        return p_a_gt_b(PLAN, seed, max(1, n // opts.replicates), opts).p
    return fn


def engine_run(n: int, seed: int = 1) -> float:
    """sampling.run: the full engine pass (quantiles of A, B, A−B, A/B, member means)."""
    stats = run(PLAN, np.random.default_rng(seed), n, 1 << 18, 0, seed)
    return stats.gt / n


MC32 = EstimatorOptions(Sampler.MC, smooth=False, precision=Precision.FLOAT32, block=1 << 15)
MC64 = EstimatorOptions(Sampler.MC, smooth=False, block=1 << 15)
RQMC_RAW = EstimatorOptions(Sampler.RQMC, smooth=False, block=1 << 15)
RQMC_SMOOTH = EstimatorOptions()


def timed(fn: Callable[[], float]) -> tuple[float, float]:
    t0 = time.perf_counter()
    p = fn()
    return time.perf_counter() - t0, p


def peak_mib(fn: Callable[[], object]) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return peak


def error_stats(errors: list[float]) -> str:
    ab = np.abs(np.array(errors))
    return (f"mean|err| {ab.mean():.5f}  95th pct |err| {np.quantile(ab, 0.95):.5f}  "
            f"max {ab.max():.5f}  within ±0.001: {np.mean(ab <= TARGET):.0%} "
            f"of {ab.size}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=100,
                        help="seeds for the engine's error study (b)")
    parser.add_argument("--mc-seeds", type=int, default=20,
                        help="seeds for the plain-MC contenders in (b) (each ~1 s)")
    parser.add_argument("--big", action="store_true", help="also run 10^8 engine samples")
    args = parser.parse_args()
    try:
        import squigglepy as sq
        sq_version = sq.__version__
    except ImportError:
        sq_version = ""
        print("squigglepy not installed: its rows are skipped (pip install squigglepy)")
    print(f"machine: {platform.machine()}, os.cpu_count() = {os.cpu_count()}, "
          f"sched_getaffinity = {len(os.sched_getaffinity(0))} cores; Python "
          f"{sys.version.split()[0]}, NumPy {np.__version__}, SciPy {scipy.__version__}, "
          f"squigglepy {sq_version or 'absent'}")
    print("model: synthetic workload (intervals from default_rng(0)), 2 × 30 lognormals given "
          "as 90% intervals, summed, P(A > B)\n")

    contenders: list[tuple[str, Callable[[int, int], float]]] = [
        ("numpy f64 1 thread", numpy_hand),
        ("engine mc f32 2 workers", engine_counting(MC32)),
        ("engine mc f64 2 workers", engine_counting(MC64)),
        ("engine rqmc f64 2 workers", engine_counting(RQMC_RAW)),
        ("engine rqmc+smooth", engine_counting(RQMC_SMOOTH)),
        ("engine run() (all stats)", engine_run),
    ]
    if sq_version:
        contenders.append(("squigglepy", squiggle))
    print("(a) throughput, P(A > B) by counting (smooth: by conditional probability)")
    print(f"{'n':>10} {'contender':>26} {'seconds':>8} {'samples/s':>12} {'vs numpy':>8} "
          f"{'P(A>B)':>8}")
    mc_1e7 = float("nan")
    for n in (10**5, 10**6, 10**7):
        base = float("nan")
        for name, fn in contenders:
            dt, p = timed(lambda fn=fn, n=n: fn(n, 1))  # type: ignore[misc]
            if name.startswith("numpy"):
                base = dt
                if n == 10**7:
                    mc_1e7 = p
            print(f"{n:>10,} {name:>26} {dt:>8.3f} {n / dt:>12,.0f} {base / dt:>7.2f}× "
                  f"{p:>8.5f}")
    print("\npeak traced memory at 10^6 samples (tracemalloc):")
    for name, fn in contenders:
        print(f"  {name:>26}: {peak_mib(lambda fn=fn: fn(10**6, 1)):7.1f} MiB")  # type: ignore[misc]

    t0 = time.perf_counter()
    ref = p_a_gt_b(PLAN, 12345, 1 << 16, EstimatorOptions(replicates=32))
    t_ref = time.perf_counter() - t0
    print(f"\nreference: rqmc+smooth, 32 scrambles × 2^16 points: P(A > B) = {ref.p:.7f} "
          f"± {ref.half_width:.1e} (95%, between-scramble), {t_ref:.1f} s; plain MC 10^7 "
          f"(numpy, a) = {mc_1e7:.5f}, off by {(mc_1e7 - ref.p):+.5f} = "
          f"{(mc_1e7 - ref.p) / math.sqrt(ref.p * (1 - ref.p) / 1e7):+.2f} MC standard errors")
    fw = fenton_wilkinson(PLAN)
    print(f"Fenton–Wilkinson (approximation, no error bound): {fw.p:.5f}, "
          f"error {fw.p - ref.p:+.5f} against the reference")

    n_mc = math.ceil(ref.p * (1 - ref.p) * (Z95 / TARGET) ** 2)
    print(f"\n(b) time to ±{TARGET} at 95%. Plain MC needs n = p(1−p)(1.96/0.001)² = "
          f"{n_mc:,} samples; the engine's estimators stop when t(0.975, R − 1) × SE ≤ 0.001 "
          "(R = 16 replicates).")
    rows: list[tuple[str, float, float]] = []

    def study(name: str, seeds: int, fn: Callable[[int], float]) -> None:
        times, errors = [], []
        for s in range(seeds):
            dt, p = timed(lambda s=s: fn(1000 + s))  # type: ignore[misc]
            times.append(dt)
            errors.append(p - ref.p)
        mem = peak_mib(lambda: fn(999))
        med = statistics.median(times)
        rows.append((name, med, mem))
        print(f"  {name:>26}: median {med:.4f} s over {seeds} seeds, peak {mem:.1f} MiB; "
              + error_stats(errors))

    if sq_version:
        study("squigglepy", args.mc_seeds, lambda s: squiggle(n_mc, s))
    study("numpy f64 1 thread", args.mc_seeds, lambda s: numpy_hand(n_mc, s))
    study("engine mc f32 2 workers", args.mc_seeds,
          lambda s: engine_counting(MC32)(n_mc, s))
    study("engine mc+smooth", args.seeds,
          lambda s: p_to_accuracy(PLAN, s, TARGET,
                                  options=EstimatorOptions(Sampler.MC, block=1 << 10)).p)
    study("engine rqmc+smooth", args.seeds, lambda s: p_to_accuracy(PLAN, s, TARGET).p)
    half, points = [], []
    for s in range(args.seeds):
        est = p_to_accuracy(PLAN, 1000 + s, TARGET)
        half.append(abs(est.p - ref.p) <= est.half_width)
        points.append(est.samples)
    print(f"  rqmc+smooth: samples used median {int(statistics.median(points)):,}; its own "
          f"95% half-width covered the reference in {np.mean(half):.0%} of {args.seeds} runs")
    t_fw, _ = timed(lambda: fenton_wilkinson(PLAN).p)
    print(f"  {'Fenton–Wilkinson':>26}: {t_fw:.5f} s, error {fw.p - ref.p:+.5f} "
          "(approximation, no bound: not counted as meeting the target)")

    print("\nratios, time to ±0.001 (median):")
    by = dict((r[0], r[1]) for r in rows)
    for name, med, _ in rows:
        parts = [f"numpy/this {by['numpy f64 1 thread'] / med:6.1f}×"]
        if "squigglepy" in by:
            parts.insert(0, f"squigglepy/this {by['squigglepy'] / med:6.1f}×")
        print(f"  {name:>26}: " + ", ".join(parts))
    if args.big:
        dt, p = timed(lambda: engine_counting(MC32)(10**8, 1))
        print(f"\n10^8 samples, engine mc f32 2 workers: {dt:.1f} s, P = {p:.5f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess max RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()

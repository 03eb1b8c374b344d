"""Benchmark: milbalance's engine vs squigglepy vs hand-written NumPy on one model.

Model (a synthetic workload, not data about the world): two sides of 30 lognormal inputs,
each given as a 90% interval; A = Σ side A, B = Σ side B; answer P(A > B). The interval
bounds are drawn once from ``numpy.random.default_rng(0)`` so the three contenders get the
same model. Timings are taken in one process, one after another, same sample count.

Run:  .venv/bin/python benchmarks/engine_bench.py [--big]
(--big also runs 10^8 samples through the engine to show the chunked memory bound.)
squigglepy is optional (pip install squigglepy); without it its rows are skipped.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from milbalance.engine.distributions import Dist
from milbalance.engine.mixture import Component, Quantity
from milbalance.engine.sampling import Plan, run
from milbalance.model import ClaimantType, Shape
from milbalance.periods import Period
from milbalance.store import ObservationRow

K90 = 1.6448536269514722
N_INPUTS = 30


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


def engine(n: int, chunk: int = 1 << 18) -> float:
    a, b = intervals()
    plan = Plan(tuple(_quantity(f"a{i}", *p) for i, p in enumerate(a)),
                tuple(_quantity(f"b{i}", *p) for i, p in enumerate(b)), {})
    stats = run(plan, np.random.default_rng(1), n, chunk, 0, 1)
    return stats.gt / n


def numpy_hand(n: int, chunk: int = 1 << 18) -> float:
    """Plain float64 NumPy: draw every input, sum each side, count A > B (chunked too)."""
    a, b = intervals()
    rng = np.random.default_rng(2)

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


def squiggle(n: int) -> float:
    import squigglepy as sq

    a, b = intervals()
    side_a = sum(sq.lognorm(lo, hi) for lo, hi in a)
    side_b = sum(sq.lognorm(lo, hi) for lo, hi in b)
    xa = np.asarray(sq.sample(side_a, n=n))
    xb = np.asarray(sq.sample(side_b, n=n))
    return float(np.mean(xa > xb))


def timed(fn: Callable[[int], float], n: int) -> tuple[float, float, float]:
    """(seconds, P(A > B), peak traced MiB)."""
    tracemalloc.start()
    t0 = time.perf_counter()
    p = fn(n)
    dt = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return dt, p, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big", action="store_true", help="also run 10^8 engine samples")
    args = parser.parse_args()
    try:
        import squigglepy  # noqa: F401
        have_sq = True
    except ImportError:
        have_sq = False
        print("squigglepy not installed: its rows are skipped (pip install squigglepy)")
    contenders: list[tuple[str, Callable[[int], float]]] = [
        ("milbalance", engine), ("numpy", numpy_hand)]
    if have_sq:
        contenders.append(("squigglepy", squiggle))
    print("(a) throughput: 2 × 30 lognormals, summed, P(A > B)")
    print(f"{'n':>10} {'contender':>11} {'seconds':>9} {'samples/s':>12} {'P(A>B)':>8} "
          f"{'peak MiB':>9} {'vs engine':>9}")
    for n in (10**5, 10**6, 10**7):
        base = None
        for name, fn in contenders:
            if name == "squigglepy" and n > 10**6:
                continue  # squigglepy holds every sample of every input: skip 10^7 for memory
            dt, p, peak = timed(fn, n)
            base = base or dt
            print(f"{n:>10,} {name:>11} {dt:>9.3f} {n / dt:>12,.0f} {p:>8.4f} {peak:>9.1f} "
                  f"{dt / base:>8.2f}×")
    # (b) samples plain Monte Carlo needs for ±0.001 at 95%: n = p(1−p)(1.96/0.001)²
    p_ref = engine(10**7)
    need = int(np.ceil(p_ref * (1 - p_ref) * (1.96 / 0.001) ** 2))
    print(f"\n(b) plain MC needs n = {need:,} samples for ±0.001 at 95% (p ≈ {p_ref:.4f})")
    for name, fn in contenders:
        dt, p, peak = timed(fn, need)
        print(f"{name:>11}: {dt:.3f} s, P(A>B) = {p:.4f}, |error vs 10^7 reference| = "
              f"{abs(p - p_ref):.4f}, peak {peak:.1f} MiB")
    if args.big:
        dt, p, peak = timed(engine, 10**8)
        print(f"\n10^8 engine samples, chunk 2^18: {dt:.1f} s, P(A>B) = {p:.5f}, "
              f"peak traced {peak:.1f} MiB (10^8 × 60 float64 would be "
              f"{10**8 * 60 * 8 / 2**30:.1f} GiB)")
    if have_sq:
        import squigglepy as sq

        x = sq.lognorm(1, 10)
        xs = np.asarray(sq.sample(x - x, n=5))
        q = _quantity("x", 1, 10)
        st = run(Plan((q,), (q,), {}), np.random.default_rng(0), 5, 5, 5, 0)
        print("\nsemantics of x − x, x = lognormal with 90% interval 1–10:")
        print(f"  squigglepy (redraws x at each use): {np.round(xs, 3).tolist()}")
        print(f"  milbalance (one draw per sample):   {(st.kept_a - st.kept_b).tolist()}")


if __name__ == "__main__":
    main()

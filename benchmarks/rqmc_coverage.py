"""How often the RQMC estimator's own 95% interval contains a high-precision reference.

200 seeds (1000–1199), 4,096 samples as R replicates, on the benchmark model (60 lognormals;
reference from engine_bench) and the tests' small plan; fixed size and stopped at ±0.001.
Run: PYTHONPATH=. .venv/bin/python benchmarks/rqmc_coverage.py [--replicates 16]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from engine_bench import PLAN
from tests.engine.test_estimators import small_plan

from milbalance.engine.estimators import EstimatorOptions, p_a_gt_b, p_to_accuracy

BENCH_REFERENCE = 0.6625822  # engine_bench's reference (32 scrambles × 2^16 points)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicates", type=int, default=16)
    parser.add_argument("--seeds", type=int, default=200)
    args = parser.parse_args()
    small = small_plan()
    small_ref = p_a_gt_b(small, 777, 1 << 14, EstimatorOptions(replicates=32)).p
    for name, plan, ref in (("benchmark", PLAN, BENCH_REFERENCE), ("small", small, small_ref)):
        for mode in ("fixed 4096", "to ±0.001"):
            opts = EstimatorOptions(replicates=args.replicates, workers=1)
            start = time.perf_counter()
            hits, used = 0, []
            for seed in range(1000, 1000 + args.seeds):
                est = (p_to_accuracy(plan, seed, 1e-3, options=opts) if mode != "fixed 4096"
                       else p_a_gt_b(plan, seed, 4096 // args.replicates, opts))
                hits += abs(est.p - ref) <= est.half_width
                used.append(est.samples)
            per = (time.perf_counter() - start) / args.seeds
            print(f"{name:>9} {mode:>10}: coverage {hits / args.seeds:.1%}, median samples "
                  f"{np.median(used):,.0f}, {per * 1e3:.1f} ms per run")


if __name__ == "__main__":
    main()

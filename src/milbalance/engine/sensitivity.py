"""What the answer depends on, from the first samples a run kept.

For each member's quantity X (an input) and the difference D = A − B:
- variance share: the correlation ratio η² = var(E[D | X]) / var(D), estimated with 20
  equal-count bins of X (first-order share; shares sum to about 1 for additive models with
  independent inputs, less when inputs interact);
- swing: P(D > 0 | X ≤ X₅) and P(D > 0 | X ≥ X₉₅), the answer with that input at its 5th or
  95th percentile (the others as they fall).
For each member as an assumption: P(D > 0) without counting that member at all ("counting
North Korea flips the answer"). An input or assumption ``flips`` the answer when its two
values of P(A > B) lie on opposite sides of 0.5.
"""

from __future__ import annotations

import numpy as np

from milbalance.engine.distributions import Array
from milbalance.engine.mixture import Quantity
from milbalance.engine.results import Driver, DriverKind

BINS = 20


def _flips(p: float, q: float) -> bool:
    return (p > 0.5) != (q > 0.5) and p != q


def correlation_ratio(x: Array, y: Array, bins: int = BINS) -> float:
    """η² of y on x: var over bins of the bin means of y, over var(y) (0 if y is constant)."""
    vy = float(np.var(y))
    if x.size < 2 * bins or vy == 0 or float(np.ptp(x)) == 0:
        return 0.0
    order = np.argsort(x, kind="stable")
    groups = np.array_split(y[order], bins)
    means = np.array([g.mean() for g in groups])
    sizes = np.array([g.size for g in groups])
    return float(np.sum(sizes * (means - y.mean()) ** 2) / y.size / vy)


def drivers(a: tuple[Quantity, ...], b: tuple[Quantity, ...], kept: dict[str, Array],
            kept_a: Array, kept_b: Array, p_all: float) -> tuple[Driver, ...]:
    """Input and membership drivers, largest effect first."""
    diff = kept_a - kept_b
    if diff.size == 0:
        return ()
    out: list[Driver] = []
    sides = [(q, 1.0, "A") for q in a] + [(q, -1.0, "B") for q in b]
    seen: set[str] = set()
    for q, sign, side in sides:
        x = kept[q.key]
        if q.key not in seen and float(np.ptp(x)) > 0:
            seen.add(q.key)
            lo, hi = np.quantile(x, [0.05, 0.95])
            p_lo = float(np.mean(diff[x <= lo] > 0))
            p_hi = float(np.mean(diff[x >= hi] > 0))
            out.append(Driver(f"{q.member} estimate", DriverKind.INPUT,
                              correlation_ratio(x, diff), p_lo, p_hi, _flips(p_lo, p_hi),
                              f"P(A>B) is {p_lo:.3f} with {q.member} at its 5th percentile "
                              f"and {p_hi:.3f} at its 95th"))
        without = float(np.mean(diff - sign * x > 0))
        out.append(Driver(f"counting {q.member} on side {side}", DriverKind.ASSUMPTION, 0.0,
                          without, p_all, _flips(without, p_all),
                          f"P(A>B) is {without:.3f} without {q.member} and {p_all:.3f} with it"
                          + (" — counting it flips the answer" if _flips(without, p_all)
                             else "")))
    out.sort(key=lambda d: (not d.flips, -d.variance_share, -abs(d.high - d.low)))
    return tuple(out)

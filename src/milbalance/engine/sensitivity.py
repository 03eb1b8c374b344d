"""What the answer depends on, from the first samples a run kept.

For each member's quantity X (an input) and the difference D = A − B:
- variance share: the correlation ratio η² = var(E[D | X]) / var(D), estimated with 20
  equal-count bins of X (first-order share; shares sum to about 1 for additive models with
  independent inputs, less when inputs interact);
- swing: P(D > 0 | X ≤ X₅) and P(D > 0 | X ≥ X₉₅), the answer with that input at its 5th or
  95th percentile (the others as they fall).
For each part as an assumption: P(D > 0) without counting that part at all ("counting
North Korean deliveries flips the answer"). Assumptions that change how sides are built
(levels, carry-forward, capacity for output, each supplier, companies, narrower metrics) are
tested by rerunning the comparison (``compare``) and reported with ``rerun_driver``. An input
or assumption ``flips`` the answer when its two values of P(A > B) lie on opposite sides of
0.5.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from milbalance.engine.distributions import Array
from milbalance.engine.mixture import Quantity
from milbalance.engine.results import Driver, DriverKind, Level

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


def drivers(a: Sequence[Quantity], b: Sequence[Quantity], raw: Mapping[str, Array],
            effective_a: Mapping[str, Array], effective_b: Mapping[str, Array],
            kept_a: Array, kept_b: Array, p_all: float) -> tuple[Driver, ...]:
    """Input and membership drivers, largest effect first.

    ``raw`` holds each quantity's kept draws; ``effective_*`` its contribution to that side's
    total (0 in samples where a mixed side took the other hypothesis). The variance share
    uses the effective contribution, the 5th–95th swing the raw draw, and "counting X" takes
    X's effective contribution off its side. A bloc's own figures are not "counted" like a
    member (removing the whole is no alternative; the levels rerun covers them), nor is a
side's only part.
    """
    diff = kept_a - kept_b
    if diff.size == 0:
        return ()
    out: list[Driver] = []
    sides = [(q, 1.0, "A", effective_a) for q in a if q.key in effective_a] + \
            [(q, -1.0, "B", effective_b) for q in b if q.key in effective_b]
    seen: set[str] = set()
    for q, sign, side, effective in sides:
        x = raw[q.key]
        contrib = effective[q.key]
        name = _name(q)
        if q.key not in seen and float(np.ptp(x)) > 0:
            seen.add(q.key)
            lo, hi = np.quantile(x, [0.05, 0.95])
            p_lo = float(np.mean(diff[x <= lo] > 0))
            p_hi = float(np.mean(diff[x >= hi] > 0))
            out.append(Driver(f"{name} estimate", DriverKind.INPUT,
                              correlation_ratio(contrib, diff), p_lo, p_hi, _flips(p_lo, p_hi),
                              f"P(A>B) is {p_lo:.3f} with {name} at its 5th percentile "
                              f"and {p_hi:.3f} at its 95th"))
        if q.level == str(Level.BLOC) or len(effective) == 1:
            continue  # removing the whole side is no alternative
        without = float(np.mean(diff - sign * contrib > 0))
        out.append(Driver(f"counting {name} on side {side}", DriverKind.ASSUMPTION, 0.0,
                          without, p_all, _flips(without, p_all),
                          f"P(A>B) is {without:.3f} without {name} and {p_all:.3f} with it"
                          + (" — counting it flips the answer" if _flips(without, p_all)
                             else "")))
    out.sort(key=lambda d: (not d.flips, -d.variance_share, -abs(d.high - d.low)))
    return tuple(out)


def _name(q: Quantity) -> str:
    """How a part is named in drivers: the member, or what stands in for whom."""
    covers = ", ".join(q.covers)
    if q.level == str(Level.GROUP):
        return f"{q.member} figure (for {covers})"
    if q.level == str(Level.COMPANY):
        return f"{q.member} (company, in {covers})"
    if q.level == str(Level.SUPPLY):
        return f"{q.member} deliveries"
    if q.level == str(Level.BLOC):
        return f"{q.member}'s own figures"
    if q.level == str(Level.NARROWER):
        return f"{q.member} ({q.metric}, lower bound)"
    return q.member


def rerun_driver(name: str, p_alt: float, p_all: float, text: str) -> Driver:
    """An assumption tested by rerunning: ``low`` is P(A>B) under the alternative, ``high``
    as answered; it flips when the two lie on opposite sides of 0.5."""
    flips = _flips(p_alt, p_all)
    return Driver(name, DriverKind.ASSUMPTION, 0.0, p_alt, p_all, flips,
                  f"P(A>B) is {p_alt:.3f} {text}, {p_all:.3f} as answered"
                  + (" — that flips the answer" if flips else ""))

"""Finished output bounded by the scarcest stage: a HiGHS LP with constrained trade, and the
closed forms that replace it when trade is free or absent.

Round-equivalents R[s, c] = capacity[s, c] / per_round[s]; τ_c is the share of country c's
stage capacity it may export (0: none, 1: free). The LP

    max Σ_c r_c
    s.t. u[s,c] + e[s,c] ≤ R[s,c]              (capacity: used at home + exported)
         0 ≤ e[s,c] ≤ τ_c R[s,c]               (trade constraint)
         r_c ≤ u[s,c] + m[s,c]                 (assembly needs every stage)
         Σ_c m[s,c] ≤ Σ_c e[s,c]               (imports come from exports)

has the closed forms  τ ≡ 1: min_s Σ_c R[s,c]   and   τ ≡ 0: Σ_c min_s R[s,c].
The shadow price of stage s in country c, ∂(Σ r)/∂R[s,c], is the capacity row's dual plus
τ_c times the export bound's dual; divided by per_round[s] it is rounds per unit of the
stage's capacity (per round, or per tonne a year).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

from milbalance.errors import MilbalanceError

Array = np.ndarray[Any, np.dtype[np.float64]]
INF = highspy.kHighsInf


class SolverError(MilbalanceError):
    """HiGHS did not reach an optimum for a network that always has one (r = 0 is feasible)."""


@dataclass(frozen=True)
class LpSolution:
    """One LP's optimum: total and per-country rounds, flows and shadow prices [s, c]."""

    rounds: float
    per_country: Array
    used: Array
    exported: Array
    imported: Array
    shadow: Array  # ∂ rounds / ∂ R[s, c] (round-equivalents)


def pooled(R: Array) -> Array:
    """Closed form with free trade: min over stages of the stage's capacity summed over
    countries. R [..., c, s] → [...]. Vectorised over any leading axes."""
    out: Array = R.sum(axis=-2).min(axis=-1)
    return out


def autarky(R: Array) -> Array:
    """Closed form with no trade: Σ_c min_s R[..., c, s]."""
    out: Array = R.min(axis=-1).sum(axis=-1)
    return out


def quiet_highs() -> highspy.Highs:
    """A Highs instance with logging off; the banner HiGHS writes to file descriptor 1 on
    its first construction is sent to /dev/null so that CLI output (and --json) stays clean."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()  # type: ignore[no-untyped-call]
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    h.setOptionValue("output_flag", False)
    return h


class NetworkLp:
    """The LP for C countries × S stages, built once; ``solve`` changes only bounds, so HiGHS
    starts each solve from the previous basis."""

    def __init__(self, countries: int, stages: int, trade_share: Array):
        self.C, self.S = countries, stages
        self.tau = np.asarray(trade_share, dtype=float)
        C, S = countries, stages
        nv = C + 3 * S * C
        self.h = quiet_highs()
        lp = highspy.HighsLp()
        lp.num_col_ = nv
        lp.num_row_ = 2 * S * C + S
        lp.col_cost_ = np.concatenate([-np.ones(C), np.zeros(3 * S * C)])
        lp.col_lower_ = np.zeros(nv)
        lp.col_upper_ = np.full(nv, INF)
        rows: list[list[tuple[int, float]]] = []
        for s in range(S):
            for c in range(C):
                rows.append([(self.u(s, c), 1.0), (self.e(s, c), 1.0)])
        for s in range(S):
            for c in range(C):
                rows.append([(c, 1.0), (self.u(s, c), -1.0), (self.m(s, c), -1.0)])
        for s in range(S):
            rows.append([(self.m(s, c), 1.0) for c in range(C)]
                        + [(self.e(s, c), -1.0) for c in range(C)])
        lp.row_lower_ = np.full(len(rows), -INF)
        lp.row_upper_ = np.zeros(len(rows))
        cols: list[list[tuple[int, float]]] = [[] for _ in range(nv)]
        for i, row in enumerate(rows):
            for j, v in row:
                cols[j].append((i, v))
        starts, index, value = [0], [], []
        for col in cols:
            index += [i for i, _ in col]
            value += [v for _, v in col]
            starts.append(len(index))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(value, dtype=float)
        self.h.passModel(lp)
        self._cap_rows = np.arange(S * C, dtype=np.int32)
        self._e_cols = np.array([self.e(s, c) for s in range(S) for c in range(C)],
                                dtype=np.int32)

    def u(self, s: int, c: int) -> int:
        return self.C + s * self.C + c

    def e(self, s: int, c: int) -> int:
        return self.C + self.S * self.C + s * self.C + c

    def m(self, s: int, c: int) -> int:
        return self.C + 2 * self.S * self.C + s * self.C + c

    def solve(self, R: Array) -> LpSolution:
        """Solve for round-equivalents R [c, s] (non-negative; +inf: not a constraint there,
        used at home only — unknown capacity is never exported)."""
        C, S = self.C, self.S
        cap = np.ascontiguousarray(np.asarray(R, dtype=float).T.reshape(S * C))
        n = S * C
        finite = np.isfinite(cap)
        cap = np.where(finite, cap, INF)
        export = np.where(finite, np.where(finite, cap, 0.0) * np.tile(self.tau, S), 0.0)
        h: Any = self.h
        h.changeRowsBounds(n, self._cap_rows, np.full(n, -INF), cap)
        h.changeColsBounds(n, self._e_cols, np.zeros(n), export)
        self.h.run()
        if self.h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            status = self.h.modelStatusToString(self.h.getModelStatus())
            raise SolverError(f"HiGHS ended with {status}")
        sol = self.h.getSolution()
        x = np.array(sol.col_value)
        row_dual = np.array(sol.row_dual)
        col_dual = np.array(sol.col_dual)
        # minimising −Σr: duals are ≤ 0 on binding ≤ constraints; negate for ∂ rounds.
        shadow = -(row_dual[:n] + np.tile(self.tau, S) * col_dual[self._e_cols])
        block = (S, C)
        return LpSolution(
            rounds=float(x[:C].sum()), per_country=x[:C],
            used=x[C:C + n].reshape(block), exported=x[C + n:C + 2 * n].reshape(block),
            imported=x[C + 2 * n:].reshape(block), shadow=np.maximum(shadow, 0).reshape(block))


def solve_network(R: Array, trade_share: Array | float) -> LpSolution:
    """One-off LP for R [c, s] with export shares τ (scalar or per country)."""
    C, S = R.shape
    tau = np.broadcast_to(np.asarray(trade_share, dtype=float), (C,)).copy()
    return NetworkLp(C, S, tau).solve(R)

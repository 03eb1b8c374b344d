"""The bottleneck LP on toy networks (made-up numbers, not real figures) and its closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from milbalance.production.network import autarky, pooled, solve_network


def test_one_country_output_is_the_scarcest_stage() -> None:
    # toy: 100 bodies, 40 round-equivalents of fill, 70 of propellant → 40, fill binds
    sol = solve_network(np.array([[100.0, 40.0, 70.0]]), 1.0)
    assert sol.rounds == pytest.approx(40.0)
    assert sol.shadow[:, 0].tolist() == pytest.approx([0.0, 1.0, 0.0])


def test_trade_share_moves_output_between_autarky_and_pooling() -> None:
    # toy: A has 10 bodies, 2 fill; B has 1 body, 8 fill
    R = np.array([[10.0, 2.0], [1.0, 8.0]])
    assert solve_network(R, 0.0).rounds == pytest.approx(3.0)  # min(10,2) + min(1,8)
    assert solve_network(R, 1.0).rounds == pytest.approx(10.0)  # min(11, 10)
    # τ = 0.25: A imports ≤ 2 fill from B (→ 4), B imports ≤ 2.5 bodies (→ 3.5)
    assert solve_network(R, 0.25).rounds == pytest.approx(7.5)
    assert autarky(R) == pytest.approx(3.0)
    assert pooled(R) == pytest.approx(10.0)


def test_unknown_stage_is_not_a_constraint_and_never_exported() -> None:
    R = np.array([[5.0, np.inf], [np.inf, 1.0]])  # toy: A's fill unknown, B's bodies unknown
    assert solve_network(R, 0.0).rounds == pytest.approx(6.0)
    assert solve_network(R, 1.0).rounds == pytest.approx(6.0)


def test_shadow_price_is_rounds_per_unit_of_the_binding_stage() -> None:
    R = np.array([[30.0, 20.0]])
    base = solve_network(R, 1.0)
    more = solve_network(R + np.array([[0.0, 1.0]]), 1.0)
    assert more.rounds - base.rounds == pytest.approx(base.shadow[1, 0])


caps = arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)),
              elements=st.floats(0, 1e6, allow_nan=False, allow_infinity=False))


@settings(max_examples=60, deadline=None)
@given(R=caps, tau=st.floats(0, 1))
def test_lp_solution_satisfies_every_constraint(R: np.ndarray, tau: float) -> None:
    sol = solve_network(R, tau)
    tol = 1e-6 * (1 + R.max())
    S, C = R.shape[1], R.shape[0]
    assert (sol.used >= -tol).all() and (sol.exported >= -tol).all()
    assert (sol.imported >= -tol).all() and (sol.per_country >= -tol).all()
    assert (sol.used + sol.exported <= R.T + tol).all()  # capacity
    assert (sol.exported <= tau * R.T + tol).all()  # trade limit
    for s in range(S):
        for c in range(C):
            assert sol.per_country[c] <= sol.used[s, c] + sol.imported[s, c] + tol
        assert sol.imported[s].sum() <= sol.exported[s].sum() + tol
    assert autarky(R) - tol <= sol.rounds <= pooled(R) + tol


@settings(max_examples=40, deadline=None)
@given(R=caps)
def test_lp_equals_closed_forms_at_the_extremes(R: np.ndarray) -> None:
    tol = 1e-6 * (1 + R.max())
    assert solve_network(R, 1.0).rounds == pytest.approx(pooled(R), abs=tol)
    assert solve_network(R, 0.0).rounds == pytest.approx(autarky(R), abs=tol)

"""Sampling invariants: shared draws, seeds, chunking, P(A>B)+P(B>A)+P(tie)=1, streaming
quantiles within their stated error."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.engine.distributions import Dist
from milbalance.engine.mixture import Component, Quantity
from milbalance.engine.sampling import Plan, RunStats, StreamStat, run
from milbalance.errors import UserError
from milbalance.model import ClaimantType, Shape
from milbalance.periods import Period
from milbalance.store import ObservationRow
from tests.engine.strategies import dists, seeds


def _row(name: str) -> ObservationRow:
    return ObservationRow(name, "m", Period.parse("2024"), 1.0, None, None, "u", None, None,
                          "src", "", ClaimantType.THINK_TANK, (), "", 1.0, "u", name, 1)


def qty(name: str, *ds: Dist, weights: tuple[float, ...] = ()) -> Quantity:
    ws = weights or (1.0,) * len(ds)
    return Quantity(name, name, tuple(Component(f"{name}:{i}", d, w, _row(name))
                                      for i, (d, w) in enumerate(zip(ds, ws, strict=True))))


def go(a: tuple[Quantity, ...], b: tuple[Quantity, ...], seed: int, n: int = 4000,
       chunk: int = 1 << 18, corr: dict[tuple[str, str], float] | None = None) -> RunStats:
    return run(Plan(a, b, corr or {}), np.random.default_rng(seed), n, chunk, n, seed)


@given(dists(), seeds)
def test_x_minus_x_is_exactly_zero(d: Dist, seed: int) -> None:
    x = qty("x", d)
    s = go((x,), (x,), seed)
    assert s.eq == s.samples and s.gt == s.lt == 0
    assert np.all(s.kept_a - s.kept_b == 0)


@given(dists(), dists(), seeds)
def test_probabilities_sum_to_one(d1: Dist, d2: Dist, seed: int) -> None:
    s = go((qty("a", d1),), (qty("b", d2),), seed)
    assert s.gt + s.lt + s.eq == s.samples
    assert s.eq == 0  # continuous inputs: no ties


def test_point_inputs_give_exact_sums_and_counted_ties() -> None:
    # SIPRI 2024 current US$ (USD million): Finland and Sweden against Germany
    fin, swe, deu = Dist.point(6987.848067308337), Dist.point(12040.289402752165), \
        Dist.point(88458.47638951086)
    s = go((qty("FIN", fin), qty("SWE", swe)), (qty("DEU", deu),), 1, n=10)
    assert np.all(s.kept_a == 6987.848067308337 + 12040.289402752165)
    assert (s.gt, s.lt, s.eq) == (0, 10, 0)
    t = go((qty("DEU", deu),), (qty("DEU2", deu),), 1, n=10)
    assert t.eq == 10


@settings(max_examples=20, deadline=None)
@given(dists(), dists(), seeds, st.integers(min_value=1, max_value=999))
def test_chunking_gives_same_p_and_mean(d1: Dist, d2: Dist, seed: int, chunk: int) -> None:
    a, b = (qty("a", d1, d2, weights=(1, 2)),), (qty("b", d2),)
    one = go(a, b, seed, n=3000)
    many = go(a, b, seed, n=3000, chunk=chunk)
    assert (one.gt, one.lt, one.eq) == (many.gt, many.lt, many.eq)
    assert many.diff.mean == pytest.approx(one.diff.mean, rel=1e-12, abs=1e-9)
    assert np.array_equal(one.kept_a, many.kept_a)


@given(dists(), seeds)
def test_same_seed_same_numbers(d: Dist, seed: int) -> None:
    s1, s2 = go((qty("a", d),), (), seed), go((qty("a", d),), (), seed)
    assert np.array_equal(s1.kept_a, s2.kept_a) and s1.a.summary() == s2.a.summary()


@given(dists(), seeds)
def test_mixture_of_identical_sources_equals_the_source(d: Dist, seed: int) -> None:
    one = go((qty("x", d),), (), seed)
    same = Quantity("x", "x", tuple(Component("x:0", d, w, _row("x")) for w in (1.0, 3.0)))
    mixed = go((same,), (), seed)
    assert np.array_equal(one.kept_a, mixed.kept_a)


def test_streaming_quantiles_within_stated_error() -> None:
    x = (qty("x", Dist.from_range(4_000_000, 5_000_000, 0.9, _lognormal())),)
    exact = go(x, (), 7, n=200_000).a.summary()
    streamed = go(x, (), 7, n=200_000, chunk=10_000).a.summary()
    assert exact.error == 0 and 0 < streamed.error < 100
    for q in ("p5", "p50", "p95"):
        assert abs(getattr(streamed, q) - getattr(exact, q)) <= streamed.error


def _lognormal() -> Shape:
    return Shape.LOGNORMAL


def test_correlation_is_realised_and_checked() -> None:
    x = qty("x", Dist.from_range(1, 2, 0.9, _lognormal()))
    y = qty("y", Dist.from_range(1, 2, 0.9, _lognormal()))
    s = go((x,), (y,), 3, n=20_000, corr={("x:0", "y:0"): 0.8})
    r = np.corrcoef(np.log(s.kept_quantities["x"]), np.log(s.kept_quantities["y"]))[0, 1]
    assert r == pytest.approx(0.8, abs=0.02)
    with pytest.raises(UserError, match="not"):
        go((x,), (y,), 3, corr={("x:0", "z"): 0.5})


def test_stream_stat_constant() -> None:
    s = StreamStat()
    for _ in range(3):
        s.update(np.full(5, 2.0))
    assert s.summary().p50 == 2.0 and s.summary().error == 0

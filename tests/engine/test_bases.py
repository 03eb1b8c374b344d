"""Bases on small fixtures: P(A > B) against hand computations, the time rule, no artificial
ties, one-sided bounds, circular evidence left out, and the verdict rule."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from scipy.stats import norm

from milbalance.engine import EngineOptions, compare
from milbalance.engine.bases import (
    BASES,
    CAPACITY_BOUND,
    CARRIED,
    RUN_RATE,
    Basis,
    BasisSpec,
    SideUse,
    bases,
    default_options,
)
from milbalance.engine.quoted import Z90, quoted_sigma, read, rounding_half_unit
from milbalance.engine.results import Quantiles
from milbalance.engine.verdict import decide, headline, reading
from milbalance.model import Shape
from milbalance.store import Store
from tests.engine.conftest import make_data

HEAD = ("entity,metric,period,value,low,high,confidence,shape,unit,source,claimant,"
        "claimant_type,flags,notes\n")
SRC = "kyivindependent-2024-03-11-cnn"
ROWS = [
    # a normal 90% range against an exact point (no claimant: kept exact)
    f"FRA,artillery_shells.output,2025,,900000,1100000,0.9,normal,rounds_per_year,{SRC},,,,",
    f"DEU,artillery_shells.output,2025,1050000,,,,,rounds_per_year,{SRC},,,,",
    # a round figure said by an official against an exact point
    f"POL,artillery_shells.output,2025,2000000,,,,,rounds_per_year,{SRC},A Minister,"
    "official-government,,",
    f"ITA,artillery_shells.output,2025,2500000,,,,,rounds_per_year,{SRC},,,,",
    f"ESP,artillery_shells.output,2025,2000000,,,,,rounds_per_year,{SRC},,,,",
    # time: run-rates in the year; capacity only; an earlier year only
    f"USA,artillery_shells.output,2025-03,40000,,,,,rounds_per_month,{SRC},US Army,"
    "official-government,,",
    f"RUS,artillery_shells.capacity,2025,3000000,,,,,rounds_per_year,{SRC},An Analyst,"
    "think-tank,,",
    f"RUS,artillery_shells.output,2023,2000000,,,,,rounds_per_year,{SRC},An Analyst,"
    "think-tank,,",
    f"GBR,artillery_shells.output,2023,100000,,,,,rounds_per_year,{SRC},,,,",
    # circular evidence: the claimant's own figure and someone else's
    f"NOR,artillery_shells.output,2025,500000,,,,,rounds_per_year,{SRC},Mark Rutte,"
    "official-nato,,",
    f"NOR,artillery_shells.output,2025,300000,,,,,rounds_per_year,{SRC},,,,",
]


@pytest.fixture(scope="module")
def bstore(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root = tmp_path_factory.mktemp("bases")
    obs = root / "obs.csv"
    obs.write_text(HEAD + "\n".join(ROWS) + "\n")
    data = make_data(root / "data", obs)
    s = Store.open(data=data, path=Path(root) / "s.duckdb")
    yield s
    s.close()


NEW = (BASES[0],)
OPTS = default_options(samples=200_000, seed=7)


def one(store: Store, a: str, b: str, options: EngineOptions = OPTS,
        spec: BasisSpec = BASES[0]) -> Basis:
    return bases(store, a, b, "artillery_shells", 2025, options, (spec,)).bases[0]


def test_p_matches_hand_computation_for_a_range_against_a_point(bstore: Store) -> None:
    got = one(bstore, "FRA", "DEU")
    sigma = 100_000 / Z90  # 90% range 900k–1.1M, normal
    expected = 1 - norm.cdf((1_050_000 - 1_000_000) / sigma)
    assert got.p_a_gt_b == pytest.approx(expected, abs=0.005)  # 0.2054
    assert got.a is not None and got.a.quantiles.p50 == pytest.approx(1e6, rel=0.01)
    assert {f.side for f in got.figures} == {"a", "b"} and not got.gaps


def test_quoted_round_figure_has_rounding_and_claimant_spread(bstore: Store) -> None:
    got = one(bstore, "POL", "ITA")
    sigma = math.hypot(0.25 / math.sqrt(3), 0.10)  # "2 million": ±0.5 M rounding; official
    expected = 1 - norm.cdf(math.log(2.5 / 2.0) / sigma)
    assert got.p_a_gt_b == pytest.approx(expected, abs=0.005)  # 0.102
    assert rounding_half_unit(2_000_000) == 500_000
    assert rounding_half_unit(2_700_000) == 50_000
    assert rounding_half_unit(13.5) == pytest.approx(0.05)


def test_no_artificial_tie_with_quoted_figures(bstore: Store) -> None:
    opts = EngineOptions(samples=20_000, by_claimant=False, assumption_reruns=False)
    quoted = compare(bstore, "POL", "ESP", "artillery_shells.output", 2025, opts)
    assert quoted.p_tie == 0 and 0.4 < quoted.p_a_gt_b < 0.6
    exact = compare(bstore, "POL", "ESP", "artillery_shells.output", 2025,
                    replace(opts, quoted=False))
    assert exact.p_tie == 1.0  # the old reading: two exact 2.0 M points tie in every sample


def test_claimant_spread_is_overridable(bstore: Store) -> None:
    row = bstore.observations("POL", "artillery_shells.output")[0]
    assert quoted_sigma(row, {}) == pytest.approx(math.hypot(0.25 / math.sqrt(3), 0.10))
    assert quoted_sigma(row, {"official-government": 0.0}) == pytest.approx(
        0.25 / math.sqrt(3))
    sipri_like = replace(row, claimant="")
    assert quoted_sigma(sipri_like, {}) == 0.0


def test_one_sided_figures_are_bounds_not_points(bstore: Store) -> None:
    row = bstore.observations("POL", "artillery_shells.output")[0]
    low, _ = read(replace(row, value=None, low=3e6, high=None), 0.9)
    assert low.shape is Shape.LOGNORMAL
    assert math.exp(low.a - Z90 * low.b) == pytest.approx(3e6)  # 5th percentile = bound
    assert math.exp(low.a + Z90 * low.b) == pytest.approx(4.5e6)  # 95th = bound × 1.5
    high, notes = read(replace(row, value=None, low=None, high=5e6), 0.9)
    assert math.exp(high.a + Z90 * high.b) == pytest.approx(5e6)  # "up to": the 95th
    assert notes and notes[0].key == "one-sided-bound"


def test_run_rates_in_the_year_are_annualised_and_stated(bstore: Store) -> None:
    got = one(bstore, "USA", "FRA")
    assert got.a is not None and got.a.resolution == RUN_RATE and got.a.year == 2025
    assert "2025-03" in got.a.note and "×12" in got.a.note and "periods" in got.a.note
    assert got.a.quantiles.p50 == pytest.approx(480_000, rel=0.02)


def test_capacity_stands_in_as_an_upper_bound(bstore: Store) -> None:
    got = one(bstore, "FRA", "RUS")
    assert got.b is not None and got.b.resolution == CAPACITY_BOUND
    assert got.b.metric == "artillery_shells.capacity" and got.bound == "lower"
    assert reading(got) == "undetermined"  # P(FRA > capacity) ≈ 0 bounds nothing
    assert got.p_carried is not None  # beside it: RUS's 2023 output carried forward
    assert any(n.startswith("for context") and "RUS 2023" in n for n in got.notes)


def test_latest_year_carried_forward_with_widened_uncertainty(bstore: Store) -> None:
    spec = BasisSpec("t", "no capacity step", ("{item}.output",), capacity_bound=False)
    got = one(bstore, "FRA", "RUS", spec=spec)
    assert got.b is not None and got.b.resolution == CARRIED and got.b.year == 2023
    assert "2023 figures are carried forward" in got.b.note
    plain = math.hypot(0.25 / math.sqrt(3), 0.15)  # think-tank "2 million"
    wide = math.hypot(plain, 2 * OPTS.carry_widen)  # two years
    q = got.b.quantiles
    assert math.log(q.p95 / q.p50) == pytest.approx(Z90 * wide, rel=0.03)
    exact = one(bstore, "FRA", "GBR", spec=spec)  # an exact point carried: σ = widening only
    assert exact.b is not None and exact.b.year == 2023
    assert math.log(exact.b.quantiles.p95 / exact.b.quantiles.p50) == pytest.approx(
        Z90 * 2 * OPTS.carry_widen, rel=0.03)


def test_circular_evidence_is_left_out_and_said_before(bstore: Store) -> None:
    both = one(bstore, "NOR", "FRA")
    assert {f.claimant for f in both.figures if f.side == "a"} == {"Mark Rutte", ""}
    opts = replace(OPTS, exclude_claimants=frozenset({"Rutte"}))
    own = one(bstore, "NOR", "FRA", opts)
    assert {f.claimant for f in own.figures if f.side == "a"} == {""}
    assert any(n.startswith("[said-before") and "said before by Mark Rutte" in n
               for n in own.notes)


def _basis(name: str, p: float | None, bound: str = "") -> Basis:
    return Basis(name, "", p, bound, None, None, (), (), ())


@pytest.mark.parametrize(("ps", "verdict"), [
    ({"new-output": 0.95, "capacity": 0.7}, "supported"),
    ({"new-output": 0.95, "output-plus-supplies": 0.05}, "contested"),
    ({"new-output": 0.05, "capacity": 0.5}, "refuted"),
    ({"new-output": 0.6, "capacity": 0.05}, "contested"),
    ({"new-output": None, "capacity": 0.95}, "contested"),
    ({"new-output": None, "capacity": None}, "not checkable"),
])
def test_verdict_rule(ps: dict[str, float | None], verdict: str) -> None:
    assert decide([_basis(k, v) for k, v in ps.items()])[0] == verdict


def test_bounds_read_only_on_their_informative_side() -> None:
    assert reading(_basis("new-output", 0.95, "lower")) == "A ahead"
    assert reading(_basis("new-output", 0.4, "lower")) == "undetermined"
    assert reading(_basis("new-output", 0.05, "upper")) == "B ahead"
    assert reading(_basis("new-output", 0.6, "upper")) == "undetermined"


def _side(median: float, resolution: str = "measured") -> SideUse:
    return SideUse("X", "m", 2025, resolution, "", Quantiles(median, median, median, median))


@pytest.mark.parametrize(("ps", "start"), [
    ({"new-output": 0.95, "capacity": 0.95}, "Supported: NATO out-produces Russia"),
    ({"new-output": 0.03, "155mm-only": 0.5}, "Refuted: Russia, not NATO, produces more"),
    ({"new-output": 0.5, "output-plus-supplies": 0.01}, "Contested: whether NATO"),
])
def test_headline_states_the_verdict_figures_and_what_decides(
        ps: dict[str, float], start: str) -> None:
    found = [replace(_basis(k, v), a=_side(2.5e6), b=_side(3.0e6)) for k, v in ps.items()]
    verdict = decide(found)[0]
    text = headline(found, verdict, ("NATO", "Russia"), "artillery_shells", 2025)
    assert text.startswith(start) and "2.5 M" in text and "3.0 M" in text
    if verdict == "contested":
        assert "turns on whether suppliers' deliveries count" in text


def test_engine_compare_stays_callable_after_the_bases_import(bstore: Store) -> None:
    import milbalance.engine.compare  # noqa: F401  (binds the package attribute to the module)
    from milbalance import engine

    opts = EngineOptions(samples=1000, by_claimant=False, assumption_reruns=False)
    got = engine.compare(bstore, "POL", "ESP", "artillery_shells.output", 2025, opts)
    assert 0 < got.p_a_gt_b < 1

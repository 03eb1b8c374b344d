"""Blocs and comparisons on real rows (see conftest): membership dates, gaps, kinds,
per-claimant answers, drivers, monotone aggregation."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.engine import Comparison, EngineOptions, MembershipRule, compare, estimate
from milbalance.engine.blocs import NoDataError, gather, members_in_year
from milbalance.engine.options import Sampler
from milbalance.engine.results import DriverKind, GapReason
from milbalance.errors import UnknownNameError, UserError
from milbalance.store import Store
from tests.engine.conftest import FIXTURES, make_data

ME = "military_expenditure.usd_current"
# quoted=False: these tests check exact arithmetic on point figures; reading quoted
# figures as uncertain (engine.quoted) is tested in test_bases.py.
FAST = EngineOptions(quoted=False, samples=2000)
SIPRI_2023 = {"USA": 916014.7, "POL": 26342.76430158256, "FIN": 5928.02105436018,
              "DEU": 67285.19863786241}  # USD million, SIPRI April 2025, 'Current US$'


def test_finland_counts_in_nato_from_2023(store: Store) -> None:
    nato = store.entity("NATO")
    y2022 = {m for m, _, _ in members_in_year(store, nato, 2022, MembershipRule.ANY_DAY)}
    y2023 = members_in_year(store, nato, 2023, MembershipRule.ANY_DAY)
    assert "FIN" not in y2022
    fin = next(x for x in y2023 if x[0] == "FIN")
    assert fin[1] == 1.0 and "2023-04-04" in fin[2]
    pro = dict((m, s) for m, s, _ in members_in_year(store, nato, 2023,
                                                     MembershipRule.PRO_RATA))
    assert pro["FIN"] == pytest.approx(272 / 365)
    whole = {m for m, _, _ in members_in_year(store, nato, 2023,
                                              MembershipRule.WHOLE_PERIOD)}
    assert "FIN" not in whole


def test_bloc_total_is_exact_sum_of_point_members_and_gaps_are_listed(store: Store) -> None:
    est = estimate(store, "NATO", ME, 2023, FAST)
    expected = sum(SIPRI_2023.values()) * 1e6
    assert est.quantiles.p50 == pytest.approx(expected, rel=1e-12)
    assert est.quantiles.p5 == est.quantiles.p95 == est.quantiles.p50
    gap_members = {g.member for g in est.gaps}
    assert {"FRA", "GBR", "CAN"} <= gap_members  # NATO members with no row: gaps, not zeros
    assert "FIN" in {c.member for c in est.contributions}
    assert "SWE" not in gap_members | {c.member for c in est.contributions}  # joined 2024
    assert all(g.reason is GapReason.NO_OBSERVATION for g in est.gaps)
    assert any(a.key == "membership:FIN" for a in est.assumptions)


def test_sweden_mid_2024_accession(store: Store) -> None:
    est = estimate(store, "NATO", ME, 2024, FAST)
    assert "SWE" in {c.member for c in est.contributions}
    pro = estimate(store, "NATO", ME, 2024,
                   EngineOptions(quoted=False, samples=10, membership=MembershipRule.PRO_RATA))
    assert pro.quantiles.mean < est.quantiles.mean


def test_carry_forward_is_stated(store: Store) -> None:
    with pytest.raises(NoDataError, match="years with data: 2023, 2024"):
        estimate(store, "RUS", "artillery_shells.output", 2022, FAST)
    filled = estimate(store, "USA", "artillery_shells_155mm.output", 2023,
                      EngineOptions(quoted=False, samples=10, carry_forward=True))
    assert filled.quantiles.p50 == 28000 * 12  # 2023-09 monthly rate annualised
    assert any("annualised" in f for c in filled.contributions for f in c.flags)


def test_no_data_year_says_so(store: Store) -> None:
    with pytest.raises(NoDataError, match=re.escape(
            "no military_expenditure.usd_current data for RUS in 1990; years with data: "
            "2022, 2023, 2024")):
        estimate(store, "RUS", ME, 1990, FAST)


def test_unknown_names_suggest(store: Store) -> None:
    with pytest.raises(UnknownNameError, match="did you mean"):
        compare(store, "NATO", "RUSS", ME, 2024, FAST)


def test_mixed_kinds_refused_unless_asked(store: Store) -> None:
    with pytest.raises(UserError, match="allow-mixed-kinds"):
        compare(store, "RUS", "RUS", "artillery_shells.output_incl_refurbished", 2024, FAST,
                metric_b="artillery_shells.output")
    c = compare(store, "RUS", "RUS", "artillery_shells.output_incl_refurbished", 2024,
                EngineOptions(quoted=False, samples=2000, allow_mixed_kinds=True),
                metric_b="artillery_shells.output")
    assert c.mixed_kinds and any(a.key == "mixed-kinds" for a in c.assumptions)
    assert c.p_a_gt_b == 1.0  # 4.5 million made or refurbished vs 2 or 3 million newly made


def test_comparison_per_claimant_and_drivers(store: Store) -> None:
    c = compare(store, "RUS", "NATO", ME, 2024, FAST)
    assert c.p_a_gt_b + c.p_b_gt_a + c.p_tie == 1
    assert c.p_a_gt_b == 0.0
    assert {"a", "b", "a-b", "a/b"} == set(c.quantiles)
    assert c.seed == FAST.seed and c.samples == 2000
    out = compare(store, "RUS", "RUS", "artillery_shells.output", 2024,
                  EngineOptions(quoted=False, samples=4000, claimant_type="intelligence"))
    assert out.p_tie == 1.0
    same = compare(store, "RUS", "USA", "artillery_shells.output", 2024,
                   EngineOptions(quoted=False, samples=10, allow_mixed_kinds=True),
                   metric_b="artillery_shells_155mm.output")
    by = {a.claimant_type: a for a in same.by_claimant}
    assert set(by) == {"official-government", "intelligence", "media"}
    assert by["official-government"].p_a_gt_b is None  # RUS has no such figure
    assert any(d.kind is DriverKind.ASSUMPTION for d in same.drivers)


def test_same_seed_same_answer(store: Store) -> None:
    opts = EngineOptions(quoted=False, samples=3000, seed=11)
    one = compare(store, "RUS", "USA", "artillery_shells.output", 2024,
                  EngineOptions(quoted=False, samples=3000, seed=11, allow_mixed_kinds=True),
                  metric_b="artillery_shells_155mm.output")
    two = compare(store, "RUS", "USA", "artillery_shells.output", 2024,
                  EngineOptions(quoted=False, samples=3000, seed=11, allow_mixed_kinds=True),
                  metric_b="artillery_shells_155mm.output")
    assert one == two and opts.seed == one.seed


def _rows() -> list[dict[str, str]]:
    with open(FIXTURES / "observations.csv", newline="") as f:
        return [r for r in csv.DictReader(f) if r["metric"] == ME and r["period"] == "2024"
                and r["source"] == "sipri-milex-2025"]


@settings(max_examples=8)
@given(st.data())
def test_adding_a_member_never_lowers_the_total(tmp_path_factory: pytest.TempPathFactory,
                                               data: st.DataObject) -> None:
    rows = _rows()
    nato = [r for r in rows if r["entity"] != "RUS"]
    keep = data.draw(st.lists(st.sampled_from(nato), min_size=1, unique_by=lambda r: r["entity"]))
    extra = data.draw(st.sampled_from([r for r in nato if r not in keep] or nato))
    totals = []
    for chosen in (keep, [*keep, extra] if extra not in keep else keep):
        folder = tmp_path_factory.mktemp("d")
        obs = folder / "obs.csv"
        with open(obs, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(chosen)
        data_dir = make_data(folder / "data", obs)
        with Store.open(data=data_dir, path=folder / "s.duckdb") as s:
            side = gather(s, "NATO", ME, 2024, FAST)
            totals.append(sum(q.components[0].dist.a for q in side.quantities))
            assert len(side.gaps) + len(side.quantities) == len(
                members_in_year(s, s.entity("NATO"), 2024, MembershipRule.ANY_DAY))
    assert totals[-1] >= totals[0]


def test_fixture_rows_are_real() -> None:
    """Every fixture row names a source that exists in data/sources.csv or fixtures."""
    root = Path(__file__).resolve().parents[2]
    ids = set()
    for path in (root / "data" / "sources.csv", FIXTURES / "sources.csv"):
        with open(path, newline="") as f:
            ids |= {r["id"] for r in csv.DictReader(f)}
    with open(FIXTURES / "observations.csv", newline="") as f:
        assert all(r["source"] in ids for r in csv.DictReader(f))


def test_estimator_setting_recorded_and_consistent(store: Store) -> None:
    # UKR consumption 2023 (one lognormal range, annualised) vs USA 155 mm output 2023-09
    # (a point): smoothing along the one input gives P exactly, with zero spread
    def go(opts: EngineOptions) -> Comparison:
        return compare(store, "UKR", "USA", "artillery_shells.consumption", 2023, opts,
                       metric_b="artillery_shells_155mm.output")

    base = EngineOptions(quoted=False, samples=8000, allow_mixed_kinds=True)
    rq = go(base)
    assert rq.estimator is not None and rq.estimator.used == "rqmc+smooth"
    assert rq.estimator.smoothed_inputs == 1 and rq.estimator.replicates == 16
    assert rq.p_a_gt_b + rq.p_b_gt_a + rq.p_tie == 1
    mc = go(replace(base, estimator=Sampler.MC))
    assert mc.estimator is not None and mc.estimator.used == "mc"
    assert mc.estimator.half_width is not None
    assert abs(mc.p_a_gt_b - rq.p_a_gt_b) <= 3 * mc.estimator.half_width + 1e-3
    assert go(base) == rq  # same seed and data, same numbers
    unsmoothed = go(replace(base, smooth=False))
    assert unsmoothed.estimator is not None and unsmoothed.estimator.used == "rqmc"
    # counting over points (x − x): no smoothing, ties counted
    same = compare(store, "RUS", "RUS", "artillery_shells.output", 2024, FAST)
    assert same.p_tie == 1.0 and same.estimator is not None
    assert "not smoothed" in same.estimator.note
    est = estimate(store, "UKR", "artillery_shells.consumption", 2023, FAST)
    assert est.estimator is not None and est.estimator.used == "rqmc"


def test_engine_exports_the_functions_not_their_modules() -> None:
    # engine/__init__ loads compare/estimate lazily; importing the submodule must not leave
    # the package attribute pointing at the module object
    import importlib

    import milbalance.engine as engine_pkg

    importlib.import_module("milbalance.engine.compare")
    from milbalance.engine import compare as compare_fn
    from milbalance.engine import estimate as estimate_fn

    assert callable(compare_fn) and compare_fn.__name__ == "compare"
    assert estimate_fn.__name__ == "estimate"
    assert engine_pkg.compare is compare_fn

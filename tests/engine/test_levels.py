"""Bloc sides from every level of data: the bloc's own figures beside the member sum (and
mixed as hypotheses), another group's figure with its gaps and overlap, company roll-ups,
narrower metrics as lower bounds, suppliers' deliveries, and the reruns that say which
assumption flips the answer.

Every row of fixtures/levels.csv is copied verbatim from data/observations/munitions.csv;
the source ids cited below are those rows' ``source`` column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from milbalance.engine import EngineOptions, Level, LevelRule, compare, estimate
from milbalance.engine.blocs import NoDataError, gather, narrower_metrics, suppliers_of
from milbalance.engine.hypotheses import sample
from milbalance.store import Store
from tests.engine.conftest import FIXTURES, make_data
from tests.engine.test_cli import run as run_cli

OUT = "artillery_shells.output"
CAP = "artillery_shells.capacity"
N155 = "artillery_shells_155mm.output"
# quoted=False: these tests check exact arithmetic on point figures; reading quoted
# figures as uncertain (engine.quoted) is tested in test_bases.py.
FAST = EngineOptions(quoted=False, samples=2000)
NATO_BAIN = 1_300_000  # NATO, 2024, unn-2024-05-26-sky-bain ("European countries and the US")
EU_2024 = (1_400_000, 1_700_000)  # EU, 2024: investorempires-2025-03-bloomberg-powder;
#                                   politico-2024-03-asap
PRK_2024 = (3_000_000, 3_500_000, 2_700_000)  # PRK deliveries 2024: kyivindependent-2024-10-04-
#                      times, liga-2024-12-02-zelensky-nk, money-pl-2025-05-08-reuters
USA_155 = (40_000 * 12, 350_000)  # USA 155 mm: defence-express-2025-06-us-155 (2024-09,
#                                   per month), gagadget-2024-07-kasciunas (2024)
NON_EU_NATO = {"ALB", "CAN", "GBR", "ISL", "MKD", "MNE", "NOR", "TUR", "USA"}


@pytest.fixture(scope="module")
def lstore(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("levels")
    data = make_data(folder / "data", FIXTURES / "levels.csv")
    s = Store.open(data=data, path=folder / "s.duckdb")
    yield s
    s.close()


@pytest.fixture(scope="module")
def ldata(lstore: Store) -> Path:
    assert lstore.data is not None
    return lstore.data


def test_bloc_figures_beside_member_sum_and_gapped_sum_not_mixed(lstore: Store) -> None:
    est = estimate(lstore, "NATO", OUT, 2024, FAST)
    member, bloc = est.levels
    assert (member.name, bloc.name) == ("member sum", "bloc-level figures")
    assert member.gaps == len(NON_EU_NATO) and member.weight == 0.0 and bloc.weight == 1.0
    assert est.quantiles.p5 == est.quantiles.p95 == NATO_BAIN  # the bloc's own figure
    assert member.quantiles.mean == pytest.approx(sum(EU_2024) / 2, rel=0.03)
    assert any(a.key == "levels" and "not an estimate of the whole" in a.text
               for a in est.assumptions)
    assert {c.level for c in est.contributions} == {Level.GROUP, Level.BLOC}
    only_members = estimate(lstore, "NATO", OUT, 2024,
                            replace(FAST, levels=LevelRule.MEMBERS_ONLY))
    assert set(np.round([only_members.quantiles.p5, only_members.quantiles.p95])) <= set(EU_2024)
    assert {g.member for g in only_members.gaps} == NON_EU_NATO
    only_bloc = estimate(lstore, "NATO", OUT, 2024, replace(FAST, levels=LevelRule.BLOC_ONLY))
    assert only_bloc.quantiles.p50 == NATO_BAIN


def test_hypothesis_mixture_takes_each_whole_with_its_weight(lstore: Store) -> None:
    side = gather(lstore, "NATO", OUT, 2024, FAST)
    mixed = replace(side, parts_weight=1.0, whole_weight=1.0)
    assert mixed.mixed and mixed.p_parts == 0.5
    opts = EngineOptions(quoted=False, samples=20_000, seed=3)
    a = sample(mixed, None, opts, {}, opts.samples).stats.kept_a
    assert set(np.unique(a)) <= {NATO_BAIN, *EU_2024}  # each sample is one hypothesis whole
    assert float(np.mean(a == NATO_BAIN)) == pytest.approx(0.5, abs=0.02)
    assert "plain Monte Carlo" in sample(mixed, None, opts, {}, 0).note  # no RQMC here
    same = sample(mixed, mixed, opts, {}, 0).stats  # identical sides choose alike
    assert same.eq == opts.samples
    chunked = sample(mixed, None, replace(opts, chunk_size=999), {}, 0).stats
    whole = sample(mixed, None, opts, {}, 0).stats
    assert chunked.a.mean == whole.a.mean and chunked.gt == whole.gt


def test_group_figure_states_gaps_and_overlap(lstore: Store) -> None:
    side = gather(lstore, "NATO", OUT, 2024, replace(FAST, levels=LevelRule.MEMBERS_ONLY))
    group = next(a for a in side.assumptions if a.key == "group:EU")
    assert "leaves out ALB, CAN, GBR, ISL, MKD, MNE, NOR, TUR, USA" in group.text
    assert "non-members AUT, CYP, IRL, MLT" in group.text
    (part,) = side.quantities
    assert part.level == Level.GROUP and part.member == "EU" and len(part.covers) == 23
    assert NON_EU_NATO.isdisjoint(part.covers)


def test_group_figure_not_used_over_a_member_with_its_own(lstore: Store) -> None:
    # EU side on 155 mm output 2024: NATO's figure (onvista-2024-10-16-dpa-nato-2m) would stand
    # in for the EU members it shares, but FRA has its own (boursorama-2024-02-27-lecornu-obus)
    side = gather(lstore, "EU", N155, 2024, FAST)
    note = next(a for a in side.assumptions if a.key == "group:NATO")
    assert "not used" in note.text and "FRA" in note.text
    assert [q.member for q in side.quantities] == ["FRA"]


def test_companies_only_when_asked_and_never_over_own_figures(lstore: Store) -> None:
    with pytest.raises(NoDataError):
        estimate(lstore, "DEU", CAP, 2024, FAST)
    # rheinmetall (home DEU): nordot-2024-03-14-dpa-rheinmetall, rponline-2024-03-rheinmetall
    deu = estimate(lstore, "DEU", CAP, 2024, replace(FAST, companies=True))
    (c,) = deu.contributions
    assert c.member == "rheinmetall" and c.level == Level.COMPANY and c.covers == ("DEU",)
    assert deu.quantiles.p50 == 700_000 and any("rolled into" in f for f in c.flags)
    # FRA has its own 155 mm figures, so knds_france's (k4s-2024-03-19-nexter) are not used
    fra = estimate(lstore, "FRA", N155, 2024, replace(FAST, companies=True))
    assert {x.member for x in fra.contributions} == {"FRA"}


def test_narrower_metric_is_a_flagged_lower_bound(lstore: Store) -> None:
    out = lstore.metric(OUT)
    assert [m.id for m in narrower_metrics(lstore, out)] == ["artillery_shells_152mm.output",
                                                            N155]
    with pytest.raises(NoDataError, match="--allow-narrower"):
        estimate(lstore, "USA", OUT, 2024, FAST)
    usa = estimate(lstore, "USA", OUT, 2024, replace(FAST, allow_narrower=True))
    (c,) = usa.contributions
    assert c.level == Level.NARROWER and c.metric == N155
    assert any("lower bound" in f for f in c.flags)
    assert {usa.quantiles.p5, usa.quantiles.p95} <= set(USA_155)


def test_supply_adds_suppliers_deliveries_flagged(lstore: Store) -> None:
    assert suppliers_of(lstore, lstore.entity("RUS"), 2024) == ("BLR", "IRN", "PRK")
    plain = estimate(lstore, "RUS", OUT, 2024, FAST)
    assert any(a.key == "supply:not-counted" for a in plain.assumptions) and not plain.gaps
    sup = estimate(lstore, "RUS", OUT, 2024,
                   EngineOptions(quoted=False, samples=20_000, supply=True))
    prk = next(c for c in sup.contributions if c.member == "PRK")
    assert prk.level == Level.SUPPLY and prk.metric == "artillery_shells.deliveries"
    assert {g.member for g in sup.gaps} == {"BLR", "IRN"}  # no 2024 deliveries figure
    assert all(g.metric == "artillery_shells.deliveries" for g in sup.gaps)
    assert sup.quantiles.mean - plain.quantiles.mean == pytest.approx(
        sum(PRK_2024) / 3, rel=0.03)
    bloc = gather(lstore, "RUS_SUPPLIERS", OUT, 2024, FAST)  # suppliers' own output: not added
    assert [q.member for q in bloc.quantities] == ["RUS"] and not bloc.gaps


def test_reruns_report_assumptions_that_could_flip(lstore: Store) -> None:
    c = compare(lstore, "NATO", "RUS", OUT, 2024, FAST)
    names = {d.name: d for d in c.drivers}
    for name in ("members-only instead of mixture (members vs bloc-level figures)",
                 "carry-forward of gaps on", "capacity instead of output",
                 "counting PRK deliveries to RUS", "narrower metrics on", "company figures on"):
        assert name in names
    prk = names["counting PRK deliveries to RUS"]
    with_prk = compare(lstore, "NATO", "RUS", OUT, 2024,
                       replace(FAST, supply=True, suppliers=frozenset({"PRK"}),
                               by_claimant=False, assumption_reruns=False,
                               sensitivity_samples=0))
    assert prk.low == with_prk.p_a_gt_b and prk.high == c.p_a_gt_b
    cap = names["capacity instead of output"]
    # NATO 1.2M (kyivindependent-2024-03-11-cnn) vs RUS 3M (onvista-2024-10-16-dpa-nato-2m)
    assert cap.low == 0.0
    for d in c.drivers:
        assert d.flips == ((d.low > 0.5) != (d.high > 0.5) and d.low != d.high)
    sup = compare(lstore, "NATO", "RUS", OUT, 2024, replace(FAST, supply=True))
    assert "counting PRK deliveries on side B" in {d.name for d in sup.drivers}


@settings(max_examples=10)
@given(w=st.floats(min_value=0.0, max_value=5.0), seed=st.integers(0, 2**32 - 1))
def test_probabilities_sum_to_one_and_mixture_lies_between_wholes(
        lstore: Store, w: float, seed: int) -> None:
    opts = EngineOptions(quoted=False, samples=3000, seed=seed, member_sum_weight=w,
                         by_claimant=False, assumption_reruns=False, sensitivity_samples=0)
    side = gather(lstore, "NATO", OUT, 2024, opts)
    mixed = replace(side, parts_weight=w, whole_weight=1.0)
    stats = sample(mixed, gather(lstore, "RUS", OUT, 2024, opts), opts, {}, 0).stats
    assert stats.gt + stats.lt + stats.eq == stats.samples
    assert NATO_BAIN <= stats.a.mean <= max(EU_2024)


def test_adding_a_member_figure_never_lowers_the_bloc(lstore: Store) -> None:
    base = estimate(lstore, "NATO", OUT, 2024, replace(FAST, levels=LevelRule.MEMBERS_ONLY))
    more = estimate(lstore, "NATO", OUT, 2024, replace(FAST, levels=LevelRule.MEMBERS_ONLY,
                                                       allow_narrower=True))
    assert more.quantiles.p5 >= base.quantiles.p5 and len(more.gaps) == len(base.gaps) - 1


def test_cli_level_options_and_json(ldata: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["--data", str(ldata), "compare", "NATO", "RUS", "--metric", OUT,
                            "--year", "2024", "--samples", "2000", "--supply",
                            "--allow-narrower", "--companies", "--levels", "members-only",
                            "--json"], capsys)
    assert code == 0
    body = json.loads(out)
    assert [lv["name"] for lv in body["levels"]["a"]] == ["member sum", "bloc-level figures"]
    assert {c["level"] for c in body["contributions"]["b"]} == {"member", "supply"}
    assert any(a["key"] == "supply" for a in body["assumptions"])
    code, out, _ = run_cli(["--data", str(ldata), "compare", "NATO", "RUS", "--metric", OUT,
                            "--year", "2024", "--samples", "1000"], capsys)
    assert code == 0 and "side by side" in out and "bloc-level figures" in out


def test_cumulative_totals_are_stated_or_spread_evenly(lstore: Store) -> None:
    # PRK totals (fixtures/levels.csv, copied from data/): kyivindependent-2024-08-27-6m
    # (6 million, 2022-07-01/2024-08-27) and liga-2024-02-26-skibitskyi (1.5 million,
    # 2022-01-01/2024-02-26) cover all of 2023; apnews-2023-11-01-nis covers only Aug–Nov
    deliveries = "artillery_shells.deliveries"
    with pytest.raises(NoDataError, match="--cumulative"):
        estimate(lstore, "PRK", deliveries, 2023, FAST)
    est = estimate(lstore, "PRK", deliveries, 2023, replace(FAST, cumulative=True))
    spread = [1_500_000 * 365 / ((date(2024, 2, 26) - date(2022, 1, 1)).days + 1),
              6_000_000 * 365 / ((date(2024, 8, 27) - date(2022, 7, 1)).days + 1)]
    assert [est.quantiles.p5, est.quantiles.p95] == pytest.approx(spread, rel=1e-12)
    (c,) = est.contributions
    assert c.level == Level.CUMULATIVE and c.observations == 2
    assert any("spread evenly" in f for f in c.flags)
    note = next(a for a in est.assumptions if a.key == "cumulative:PRK")
    assert "apnews-2023-11-01-nis" in note.text and "not used" in note.text
    plain = gather(lstore, "RUS", OUT, 2024, replace(FAST, supply=True))
    assert not any(a.key.startswith("cumulative") for a in plain.assumptions)  # 2024 annual

"""'Europe' as its own scope (NATO_EUROPE), and figures filed where the source puts them
(issue 13): no bloc sum counts a member twice, a figure for Ukraine's supply is not NATO's
capacity, output made in Ukraine is not CSG's (home CZE), and Lecornu's 1,000 a month is
kept once. Read from a private copy of the real data/ folder."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from milbalance.engine import EngineOptions, LevelRule
from milbalance.engine.blocs import NoDataError, companies_of, gather
from milbalance.store import Store

REPO_DATA = Path(__file__).resolve().parents[1] / "data"
FAST = EngineOptions(quoted=False, samples=500)
MEMBERS_ONLY = replace(FAST, levels=LevelRule.MEMBERS_ONLY)
ARTILLERY = ("artillery_shells.output", "artillery_shells.capacity", "artillery_shells.target",
             "artillery_shells_155mm.output", "artillery_shells_155mm.capacity",
             "artillery_shells_155mm.target")
# the rows that say "Europe" (issue 13): Rutte's six-fold capacity, Papperger's 2 million,
# Kasčiūnas's 'less than 600,000' 155 mm
EUROPE_ROWS = {("menafn-2025-08-27-rutte-sixfold", "artillery_shells.capacity"),
               ("tportal-2025-08-28-papperger", "artillery_shells.output"),
               ("gagadget-2024-07-kasciunas", "artillery_shells_155mm.output")}


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("europe")
    shutil.copytree(REPO_DATA, folder / "data")
    with Store.open(folder / "data", folder / "store.duckdb") as store:
        yield store


def _members(store: Store, bloc: str, day: date) -> set[str]:
    return {m.member for m in store.members(bloc, day)}


def test_nato_europe_is_nato_without_north_america(real: Store) -> None:
    for day in (date(2023, 6, 1), date(2025, 1, 1)):
        assert _members(real, "NATO_EUROPE", day) == _members(real, "NATO", day) - {"USA", "CAN"}
    europe = _members(real, "NATO_EUROPE", date(2025, 1, 1))
    assert {"GBR", "NOR", "SWE", "FIN"} <= europe and "RUS" not in europe
    assert {"GBR", "NOR"}.isdisjoint(_members(real, "EU", date(2025, 1, 1)))
    assert "SWE" not in _members(real, "NATO_EUROPE", date(2024, 3, 6))  # joined 2024-03-07


def test_rows_saying_europe_are_on_nato_europe_not_the_eu(real: Store) -> None:
    for source, metric in EUROPE_ROWS:
        rows = real.observations(metric=metric, source=source)
        assert {r.entity for r in rows if r.entity in ("EU", "NATO_EUROPE")} == {"NATO_EUROPE"}


@pytest.mark.parametrize("bloc", ["NATO", "EU", "NATO_EUROPE"])
@pytest.mark.parametrize("companies", [False, True])
def test_no_bloc_sum_counts_a_member_twice(real: Store, bloc: str, companies: bool) -> None:
    opts = replace(MEMBERS_ONLY, companies=companies)
    checked = 0
    for metric in ARTILLERY:
        for year in range(2022, 2029):
            try:
                side = gather(real, bloc, metric, year, opts)
            except NoDataError:
                continue
            counted = Counter(m for q in side.quantities for m in q.covers)
            assert not [m for m, n in counted.items() if n > 1], (metric, year, counted)
            groups = {q.member for q in side.quantities if q.level == "group"}
            assert not {"EU", "NATO_EUROPE"} <= groups, (metric, year)
            checked += 1
    assert checked


def test_nato_capacity_uses_europe_figure_once_and_not_the_eus_too(real: Store) -> None:
    side = gather(real, "NATO", "artillery_shells.capacity", 2025, MEMBERS_ONLY)
    (part,) = [q for q in side.quantities if q.level == "group"]
    assert part.member == "NATO_EUROPE" and {"GBR", "NOR", "DEU"} <= set(part.covers)
    assert {"USA", "CAN"}.isdisjoint(part.covers)
    eu = next(a for a in side.assumptions if a.key == "group:EU")
    assert "not used" in eu.text and "twice" in eu.text
    # the EU's own side: the Europe figure stands in for its members with an overlap caveat
    eu_side = gather(real, "EU", "artillery_shells.capacity", 2025, MEMBERS_ONLY)
    note = next(a for a in eu_side.assumptions if a.key == "group:NATO_EUROPE")
    assert "GBR" in note.text and "NOR" in note.text and "overlap" in note.text


def test_a_members_own_figure_blocks_the_europe_figure(real: Store) -> None:
    # FRA has its own 155 mm output in 2024 (boursorama-2024-02-27-lecornu-obus), so
    # Kasčiūnas's Europe figure (which contains France's) is not added beside it
    side = gather(real, "NATO", "artillery_shells_155mm.output", 2024, MEMBERS_ONLY)
    assert "NATO_EUROPE" not in {q.member for q in side.quantities}
    note = next(a for a in side.assumptions if a.key == "group:NATO_EUROPE")
    assert "FRA" in note.text and "not used" in note.text


def test_supply_for_ukraine_is_not_nato_capacity(real: Store) -> None:
    src = "kyivindependent-2024-03-11-cnn"
    assert not real.observations("NATO", "artillery_shells.capacity", source=src)
    (row,) = real.observations("NATO", "artillery_shells.deliveries_capacity", source=src)
    assert row.value == 1_200_000 and "to send to Ukraine" in row.notes


def test_output_made_in_ukraine_counts_for_ukraine_not_cze(real: Store) -> None:
    assert real.entity("ukrainian_armor").country == "UKR"
    assert "ukrainian_armor" in companies_of(real, "UKR")
    assert not real.observations("csg", "artillery_shells_155mm.target")
    with_companies = replace(MEMBERS_ONLY, companies=True)
    for year in (2025, 2026):
        try:
            nato = gather(real, "NATO", "artillery_shells_155mm.target", year, with_companies)
        except NoDataError:
            nato = None
        if nato is not None:
            assert not {q.member for q in nato.quantities} & {"csg", "ukrainian_armor"}
        ukr = gather(real, "UKR", "artillery_shells_155mm.target", year, with_companies)
        assert [q.member for q in ukr.quantities] == ["ukrainian_armor"]


def test_lecornus_thousand_a_month_is_kept_once(real: Store) -> None:
    fra = [r for m in ("artillery_shells_155mm.output", "artillery_shells_155mm.deliveries")
           for r in real.observations("FRA", m) if r.raw_value == 1000]
    assert [(r.metric, r.period.label, r.source) for r in fra] == [
        ("artillery_shells_155mm.output", "2022-02", "boursorama-2024-02-27-lecornu-obus")]

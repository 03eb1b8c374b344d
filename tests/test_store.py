"""The store: rebuilt when the data change, swapped in atomically, and its query API."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from milbalance import store as store_module
from milbalance.errors import DataError, UnknownNameError
from milbalance.store import Store, content_hash
from tests.conftest import append_row, as_csv, first_row


def test_store_is_built_once_and_reused(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(data_copy, path).close()
    built = path.stat().st_mtime_ns
    Store.open(data_copy, path).close()
    assert path.stat().st_mtime_ns == built


def test_store_is_rebuilt_when_the_data_change(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(data_copy, path) as first:
        before = first.content_hash
        count = len(first.sources())
    row = first_row(data_copy / "sources.csv", id="sipri-milex-2025")
    append_row(data_copy / "sources.csv", as_csv({**row, "id": "sipri-milex-2025-copy"}))
    with Store.open(data_copy, path) as second:
        assert second.content_hash == content_hash(data_copy) != before
        assert len(second.sources()) == count + 1


def test_interrupted_build_leaves_the_old_store_working(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(data_copy, path).close()
    old_hash = content_hash(data_copy)
    row = first_row(data_copy / "sources.csv", id="sipri-milex-2025")
    append_row(data_copy / "sources.csv", as_csv({**row, "id": "sipri-milex-2025-copy"}))

    real_populate = store_module._populate_observations

    def interrupted(*args: object, **kwargs: object) -> None:
        real_populate(*args, **kwargs)  # type: ignore[arg-type]
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C half-way through

    monkeypatch.setattr(store_module, "_populate_observations", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Store.open(data_copy, path)
    assert sorted(os.listdir(tmp_path)) == ["data", "s.duckdb"]  # nothing half-written left
    with Store(path) as old:
        assert old.content_hash == old_hash
        assert old.observations("RUS", "military_expenditure.usd_current")


def test_failed_build_on_bad_data_keeps_the_old_store(data_copy: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(data_copy, path).close()
    row = first_row(data_copy / "sources.csv", id="sipri-milex-2025")
    append_row(data_copy / "sources.csv", as_csv(row))  # duplicate id
    with pytest.raises(DataError):
        Store.open(data_copy, path)
    with Store(path) as old:
        assert old.source("sipri-milex-2025").publisher.startswith("Stockholm")


def test_observations_by_claimant_and_source(store: Store) -> None:
    rows = store.observations("RUS", "military_expenditure.usd_current", start_year=2024,
                              end_year=2024)
    assert len({(o.source, o.claimant) for o in rows}) >= 2
    sipri = store.observations("RUS", "military_expenditure.usd_current",
                               source="sipri-milex-2025", start_year=2024, end_year=2024)
    assert [o.source for o in sipri] == ["sipri-milex-2025"]
    # values come converted to the metric's unit, with the figure as written kept beside
    assert sipri[0].unit == "USD"
    assert sipri[0].value == pytest.approx(sipri[0].raw_value * 1e6)  # type: ignore[operator]
    think_tanks = store.observations("RUS", claimant_type="think-tank")
    assert think_tanks and all(o.claimant_type == "think-tank" for o in think_tanks)


def test_unknown_claimant_type_is_a_users_mistake(store: Store) -> None:
    with pytest.raises(UnknownNameError, match="think-tank"):
        store.observations("RUS", claimant_type="think-tanks")


def test_finland_counts_in_nato_from_its_accession_day(store: Store) -> None:
    def members(day: date) -> set[str]:
        return {m.member for m in store.members("NATO", day)}

    assert "FIN" not in members(date(2023, 4, 3))
    assert "FIN" in members(date(2023, 4, 4))
    assert "SWE" not in members(date(2024, 3, 6))
    assert {"FIN", "SWE"} <= members(date(2024, 3, 7))
    assert len(members(date(2024, 3, 7))) == 32


def test_entity_resolves_names_and_aliases(store: Store) -> None:
    assert store.entity("the Kremlin").id == "RUS"
    assert store.entity("russia").id == "RUS"
    assert store.entity("the alliance").id == "NATO"
    with pytest.raises(UnknownNameError) as caught:
        store.entity("Rusia")
    assert "RUS" in caught.value.suggestions


def test_sources_carry_their_claimant_type(store: Store) -> None:
    sipri = store.source("sipri-milex-2025")
    assert sipri.claimant_type == "think-tank"
    assert all(s.claimant_type == "think-tank" for s in store.sources("think-tank"))


def test_us_fiscal_years_before_1977_began_in_july(store: Store) -> None:
    rows = store.observations("USA", "budget.national_defense_050", start_year=1976,
                              end_year=1977)
    spans = {o.period.label: (o.period.start, o.period.end) for o in rows}
    assert spans["FY1976"] == (date(1975, 7, 1), date(1976, 6, 30))
    assert spans["FY1976TQ"] == (date(1976, 7, 1), date(1976, 9, 30))
    assert spans["FY1977"] == (date(1976, 10, 1), date(1977, 9, 30))


def test_stale_build_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    import subprocess
    import sys

    from milbalance.store import remove_stale_builds

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    target = tmp_path / "store.duckdb"
    stale = [tmp_path / f".store.duckdb.building-{dead}-abc", tmp_path / ".store.duckdb.building-x"]
    live = tmp_path / f".store.duckdb.building-{os.getpid()}-def"
    for p in (*stale, live, stale[0].with_name(stale[0].name + ".wal")):
        p.write_bytes(b"half")
    removed = remove_stale_builds(target)
    assert sorted(removed) == sorted([*stale, stale[0].with_name(stale[0].name + ".wal")])
    assert live.exists()

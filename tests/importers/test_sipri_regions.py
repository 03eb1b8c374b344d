"""SIPRI's "Regional totals" sheet, from SIPRI's own copy of the workbook, and its layout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.styles.colors import Color

from milbalance.errors import UserError
from milbalance.importers import import_sipri
from milbalance.importers.common import ImportResult, read_table
from milbalance.importers.sipri_regions import import_regions
from milbalance.loader import check
from tests.importers.conftest import DATA, SIPRI_ORIGINAL, find, need, read_rows


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult]:
    data = tmp_path_factory.mktemp("sipri-original") / "data"
    shutil.copytree(DATA, data)
    return data, import_sipri(need(SIPRI_ORIGINAL), data)


def _cells() -> dict[str, object]:
    ws = load_workbook(SIPRI_ORIGINAL, read_only=True)["Regional totals"]
    return {c.coordinate: c.value for row in ws.iter_rows(min_row=14, max_row=33)
            for c in row if hasattr(c, "coordinate")}


def test_world_and_regions_equal_their_cells(real: tuple[Path, ImportResult]) -> None:
    data, _ = real
    rows = read_rows(data / "observations" / "sipri-milex-2025.csv")
    cells = _cells()
    assert cells["A15"] == "World" and cells["AM14"] == "2024 (current prices)"
    world = find(rows, "WLD", "military_expenditure.usd_current", "2024")
    assert (float(world["value"]), world["unit"]) == (cells["AM15"], "USD_billion")
    assert round(float(world["value"])) == 2718  # SIPRI's headline figure for 2024
    const = find(rows, "WLD", "military_expenditure.usd_constant_2023", "1988")
    assert (float(const["value"]), const["unit"]) == (cells["B15"], "USD_2023_billion")
    africa = find(rows, "AFRICA", "military_expenditure.usd_constant_2023", "1988")
    assert africa["flags"] == "estimate" and "more than 10%" in africa["notes"]  # red cell
    assert "Djibouti, Eritrea, Somalia" in africa["notes"]
    assert find(rows, "ASIA_OCEANIA", "military_expenditure.usd_current", "2024")
    regions = {r["entity"] for r in rows if "Regional totals" in r["notes"]}
    blocs = {b["id"] for b in read_table(data / "blocs.csv")}
    assert regions <= blocs and len(regions) == 19


def test_unresolved_names_are_listed(real: tuple[Path, ImportResult]) -> None:
    _, result = real
    listed = next(n for n in result.notes if "not resolved to an entity" in n)
    for name in ("USSR", "Yugoslavia", "German Democratic Republic"):
        assert name in listed
    assert "Regional totals" in next(n for n in result.notes if n.startswith("sheets imported"))


def test_every_country_with_an_entity_has_figures(real: tuple[Path, ImportResult]) -> None:
    data, result = real
    rows = read_rows(data / "observations" / "sipri-milex-2025.csv")
    have = {r["entity"] for r in rows if r["metric"] == "military_expenditure.usd_current"}
    countries = {c["id"] for c in read_table(data / "countries.csv")}
    absent = next((n for n in result.notes if n.startswith("countries in countries.csv")), "")
    gaps = {g.entity for g in result.gaps if g.metric == "military_expenditure.usd_current"}
    for code in countries - have:
        assert code in absent or code in gaps, code  # never silently
    assert {"USA", "CHN", "RUS", "IND", "SAU", "BRA", "ZAF"} <= have
    assert [i for i in check(data) if "sipri-milex" in i.path or "sources" in i.path] == []


def _workbook(path: Path, region: str, red: bool = False) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "Regional totals"
    ws["A1"] = "Military expenditure by region in constant US dollars"
    ws["A2"] = ("Figures are in US$ b., at constant 2023 prices and exchange rates, except for "
                "the last figure which is in US$ b. at 2024 prices and exchange rates.")
    ws.append([])
    ws.append(["Region", 2023, 2024, "2024 (current prices)", "", "Omitted countries"])
    ws.append([region, ". .", 10.5, 11.25, None, "Atlantis"])
    if red:
        ws["C5"].font = Font(color=Color(indexed=10))
    wb.save(path)
    return path


def test_layout_unknown_region_and_markers(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "r.xlsx", "Europe", red=True)
    ws = load_workbook(path)["Regional totals"]
    units = {"USD_2023_billion", "USD_billion"}
    metrics = {"military_expenditure.usd_constant_2023", "military_expenditure.usd_current"}
    out = import_regions(ws, path, DATA, "s", metrics, units)
    by = {(r.metric, r.period): r for r in out.rows}
    assert by[("military_expenditure.usd_constant_2023", "2024")].flags == ("estimate",)
    assert by[("military_expenditure.usd_current", "2024")].value == "11.25"
    assert "Atlantis" in by[("military_expenditure.usd_current", "2024")].notes
    assert [(g.entity, g.period) for g in out.gaps] == [("EUROPE", "2023")]
    path = _workbook(tmp_path / "u.xlsx", "Atlantis")
    out = import_regions(load_workbook(path)["Regional totals"], path, DATA, "s", metrics, units)
    assert out.rows == [] and out.unresolved == ["Atlantis"]


def test_unit_text_is_checked(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "r.xlsx", "World")
    wb = load_workbook(path)
    wb["Regional totals"]["A2"] = "Figures are in euro."
    wb.save(path)
    with pytest.raises(UserError, match="unit is not stated"):
        import_regions(load_workbook(path)["Regional totals"], path, DATA, "s", set(), set())

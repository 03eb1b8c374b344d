"""NATO's Defence Expenditure tables: the real workbook cell by cell, and its layout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from milbalance.errors import UserError
from milbalance.importers import import_nato
from milbalance.importers.common import ImportResult
from milbalance.loader import check
from tests.importers.conftest import DATA, NATO, find, need, read_rows

OUT = "nato-defence-expenditure-2024"


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ImportResult]:
    data = tmp_path_factory.mktemp("nato") / "data"
    shutil.copytree(DATA, data)
    return data, import_nato(need(NATO), data)


def _row(ws: object, col: str, name: str, after: int = 10) -> int:
    for r in range(after, 100):
        if str(ws[f"{col}{r}"].value or "").rstrip("* ").startswith(name):  # type: ignore[index]
            return r
    raise LookupError(name)


def test_cells(real: tuple[Path, ImportResult]) -> None:
    data, result = real
    rows = read_rows(data / "observations" / f"{OUT}.csv")
    wb = load_workbook(NATO, data_only=True)
    t3 = wb["TABLE3"]
    pol = _row(t3, "C", "Poland")
    polish = {r["period"]: r for r in rows if r["entity"] == "POL"
              and r["metric"] == "defence_expenditure_nato.share_gdp"}
    assert sorted(polish) == [str(y) for y in range(2014, 2025)]  # every year
    for col, year in zip("DEFGHIJKLMN", range(2014, 2025), strict=True):
        assert float(polish[str(year)]["value"]) == t3[f"{col}{pol}"].value
    assert polish["2024"]["flags"] == "estimate" and polish["2022"]["flags"] == ""
    assert "2% of GDP or more" in polish["2024"]["notes"]  # Poland* in the table
    t2 = wb["TABLE2"]
    usa = find(rows, "USA", "defence_expenditure_nato.usd_current", "2024")
    assert float(usa["value"]) == t2[f"N{_row(t2, 'C', 'United States')}"].value
    total = find(rows, "NATO", "defence_expenditure_nato.usd_current", "2024")
    assert float(total["value"]) == t2[f"N{_row(t2, 'B', 'NATO Total')}"].value
    const = find(rows, "DEU", "defence_expenditure_nato.usd_constant_2015", "2014")
    assert const["unit"] == "USD_2015_million"
    assert find(rows, "NATO_EUROPE_CANADA", "defence_expenditure_nato.share_gdp", "2024")
    t1 = wb["TABLE1"]
    gbp = find(rows, "GBR", "defence_expenditure_nato.lcu", "2024")
    assert (float(gbp["value"]), gbp["unit"]) == (t1[f"N{_row(t1, 'C', 'United Kingdom')}"].value,
                                                  "GBP_million")
    assert find(rows, "HRV", "defence_expenditure_nato.lcu", "2014")["unit"] == "EUR_million"
    t8 = wb["TABLE8a"]
    equip = find(rows, "BGR", "defence_expenditure_nato.equipment_share", "2019")
    assert float(equip["value"]) == t8[f"I{_row(t8, 'C', 'Bulgaria')}"].value
    per_head = find(rows, "NOR", "defence_expenditure_nato.per_capita_usd_constant_2015", "2024")
    assert per_head["unit"] == "USD_2015"
    assert {r["entity"] for r in rows} >= {"SWE", "FIN", "TUR", "SVK", "CZE", "MKD"}
    assert not result.skipped and not [n for n in result.notes if "not resolved" in n]
    assert any("not byte-identical" in n for n in result.notes)  # re-saved copy


def test_validates_and_is_idempotent(real: tuple[Path, ImportResult]) -> None:
    data, _ = real
    assert [i for i in check(data) if "nato" in i.path or "sources" in i.path] == []
    out = data / "observations" / f"{OUT}.csv"
    before = (out.read_bytes(), (data / "sources.csv").read_bytes())
    import_nato(NATO, data)
    assert (out.read_bytes(), (data / "sources.csv").read_bytes()) == before


def _tables(path: Path, unit: str = "Million US dollars", name: str = "Poland*") -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for title in ("TABLE1", "TABLE2", "TABLE3", "TABLE6", "TABLE8a"):
        ws = wb.create_sheet(title)
        ws["B6"] = unit if title == "TABLE2" else {
            "TABLE1": "Million national currency units",
            "TABLE3": "Based on 2015 prices", "TABLE6": "2015 prices and exchange rates",
            "TABLE8a": "Percentage of total defence expenditure"}[title]
        for col, year in zip("DEF", (2022, "2023e", "2024e"), strict=True):
            ws[f"{col}8"] = year
        ws["B10"] = {"TABLE1": "Current prices", "TABLE2": "Current prices and exchange rates",
                     "TABLE3": "Share of real GDP (%)",
                     "TABLE6": "Defence expenditure per capita (US dollars)",
                     "TABLE8a": "Equipment (a)"}[title]
        ws["C11"], ws["D11"], ws["E11"] = name, 1.5, 2.5
        if title == "TABLE1":
            ws["C11"] = f"{name}   (Zlotys)"
        ws["C13"] = "Notes: Figures for 2023 and 2024 are estimates."
    wb.save(path)
    return path


def test_layout(tmp_path: Path, data_dir: Path) -> None:
    result = import_nato(_tables(tmp_path / "240617-def-exp-2024-TABLES-en.xlsx"), data_dir)
    rows = read_rows(result.output)
    share = find(rows, "POL", "defence_expenditure_nato.share_gdp", "2023")
    assert (share["value"], share["flags"]) == ("2.5", "estimate")
    assert ("POL", "2024") in {(g.entity, g.period) for g in result.gaps}  # empty cell
    assert find(rows, "POL", "defence_expenditure_nato.lcu", "2022")["unit"] == "PLN_million"
    assert result.source_id == "nato-defence-expenditure-2024"
    assert "2024-06-17" in (data_dir / "sources.csv").read_text(encoding="utf-8")


def test_unknown_name_is_listed(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(UserError, match="names not resolved: Atlantis"):
        import_nato(_tables(tmp_path / "t.xlsx", name="Atlantis"), data_dir)


def test_unit_line_checked(tmp_path: Path, data_dir: Path) -> None:
    with pytest.raises(UserError, match="unit line"):
        import_nato(_tables(tmp_path / "t.xlsx", unit="Million euros"), data_dir)

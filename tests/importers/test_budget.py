"""OMB Table 3.1 and CBO Historical Budget Data importers."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from milbalance.errors import UserError
from milbalance.importers import import_cbo, import_omb
from milbalance.loader import check
from tests.importers.conftest import CBO, OMB, find, need, read_rows


def test_omb_real(data_dir: Path) -> None:
    result = import_omb(need(OMB), data_dir)
    rows = read_rows(result.output)
    assert result.source_id == "omb-hist-3-1-fy2024" and result.rows == 180
    tq = find(rows, "USA", "budget.national_defense_050", "FY1976TQ")
    assert (tq["value"], tq["unit"], tq["flags"]) == ("22269", "USD_million", "")
    assert find(rows, "USA", "budget.national_defense_050.share_gdp", "FY1976TQ")["value"] == "4.7"
    assert find(rows, "USA", "budget.national_defense_050.share_gdp", "FY1952")["value"] == "12.9"
    assert find(rows, "USA", "budget.national_defense_050", "FY2022")["flags"] == ""
    est = find(rows, "USA", "budget.national_defense_050", "FY2023")
    assert (est["value"], est["flags"]) == ("814750", "estimate;projection")
    assert [i for i in check(data_dir) if "omb-" in i.path or "sources.csv" in i.path] == []
    before = result.output.read_bytes()
    import_omb(OMB, data_dir)
    assert result.output.read_bytes() == before


def test_cbo_real(data_dir: Path) -> None:
    result = import_cbo(need(CBO), data_dir)
    rows = read_rows(result.output)
    assert result.source_id == "cbo-historical-budget-data-2025-01" and result.rows == 126
    usd = find(rows, "USA", "budget.defense_discretionary", "FY2024")
    assert (usd["value"], usd["unit"]) == ("849.95", "USD_billion")
    assert find(rows, "USA", "budget.defense_discretionary.share_gdp", "FY1962")["value"] == \
        "8.973"
    assert [i for i in check(data_dir) if "cbo-" in i.path or "sources.csv" in i.path] == []
    before = result.output.read_bytes()
    import_cbo(CBO, data_dir)
    assert result.output.read_bytes() == before


def omb_fixture(path: Path, first_estimate: int = 2023) -> Path:
    """Table 3.1's layout with figures copied from the FY2024 edition (1975–1977, TQ, 2023)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Table"
    ws.append(["Table 3.1 - OUTLAYS BY SUPERFUNCTION AND FUNCTION:  1940 - 2028"])
    ws.append(["Superfunction and Function", "1975", "1976", "TQ", "1977",
               f"{first_estimate} estimate"])
    ws.append(["In millions of dollars:"])
    ws.append(["National Defense", 86509.0, 89619.0, 22269.0, 97241.0, 814750.0])
    ws.append(["As percentages of outlays:"])
    ws.append(["National defense", None, None, None, None, None])
    ws.append(["As percentages of GDP:"])
    ws.append(["National defense", 5.4, 5.0, 4.7, 4.8, ".........."])
    wb.save(path)
    return path


def test_omb_fixture(tmp_path: Path, data_dir: Path) -> None:
    result = import_omb(omb_fixture(tmp_path / "hist03z1.xlsx"), data_dir)
    rows = read_rows(result.output)
    assert [r["period"] for r in rows if r["metric"] == "budget.national_defense_050"] == \
        ["FY1975", "FY1976", "FY1976TQ", "FY1977", "FY2023"]
    assert find(rows, "USA", "budget.national_defense_050", "FY2023")["flags"] == \
        "estimate;projection"
    assert [(g.metric, g.period) for g in result.gaps] == \
        [("budget.national_defense_050.share_gdp", "FY2023")]  # ".........." is no figure
    newer = import_omb(omb_fixture(tmp_path / "next.xlsx", 2024), data_dir)
    assert newer.source_id == "omb-hist-3-1-fy2025" != result.source_id
    assert newer.output.is_file() and result.output.is_file()


def test_omb_bad_layout(tmp_path: Path, data_dir: Path) -> None:
    wb = Workbook()
    wb.active.append(["Table 3.1 - OUTLAYS"])
    wb.active.append(["Superfunction and Function", "1975", "1976", "1977", "1978", "1979"])
    wb.active.append(["In millions of dollars:"])
    wb.save(tmp_path / "t.xlsx")
    with pytest.raises(UserError, match=r"t\.xlsx: sheet 'Sheet', column A: no 'National Def"):
        import_omb(tmp_path / "t.xlsx", data_dir)


def test_cbo_fixture_and_missing_sheet(tmp_path: Path, data_dir: Path) -> None:
    wb = Workbook()
    wb.active.title = "Contents"
    wb.active.append(["This file presents data that supplement CBO’s January 2025 report The "
                      "Budget and Economic Outlook: 2025 to 2035."])
    for title, unit, figures in (
        ("4. Discretionary Outlays", "Billions of dollars", (52.55, 849.95)),
        ("4a. Discretionary Outlays (GDP)", "Percentage of gross domestic product",
         (8.973, 2.948)),
    ):
        ws = wb.create_sheet(title)
        ws.append([title])
        ws.append([unit])
        ws.append([None, "Defense", "Nondefense", "Total"])
        ws.append([1962, figures[0]])
        ws.append([2024, figures[1]])
    wb.save(tmp_path / "cbo.xlsx")
    result = import_cbo(tmp_path / "cbo.xlsx", data_dir)
    assert result.rows == 4 and result.source_id == "cbo-historical-budget-data-2025-01"
    del wb["4a. Discretionary Outlays (GDP)"]
    wb.save(tmp_path / "cbo2.xlsx")
    with pytest.raises(UserError, match=r"cbo2\.xlsx: sheet '4a\. Discretionary Outlays "
                       r"\(GDP\)' is missing"):
        import_cbo(tmp_path / "cbo2.xlsx", data_dir)


def test_an_oversized_workbook_is_refused_before_it_is_loaded(
        tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from milbalance.importers import common

    path = omb_fixture(tmp_path / "hist03z1.xlsx")
    monkeypatch.setattr(common, "MAX_SHEET_BYTES", 100)  # the fixture's sheet is larger

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was loaded")

    monkeypatch.setattr(common, "load_workbook", never)
    with pytest.raises(UserError, match="MB of cells"):
        import_omb(path, data_dir)

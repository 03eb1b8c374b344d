"""SIPRI importer: the real workbook cell by cell, and small workbooks with its quirks."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.styles.colors import Color

from milbalance.errors import UserError
from milbalance.importers import import_sipri
from milbalance.loader import check
from tests.importers.conftest import SIPRI, find, need, read_rows

BLUE = Font(color=Color(indexed=12))
RED = Font(color=Color(indexed=10))


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    import shutil

    from tests.importers.conftest import DATA

    data = tmp_path_factory.mktemp("sipri") / "data"
    shutil.copytree(DATA, data)
    return data, import_sipri(need(SIPRI), data)


def test_real_workbook_cells(real: tuple[Path, object]) -> None:
    data, _ = real
    rows = read_rows(data / "observations" / "sipri-milex-2025.csv")
    usd = find(rows, "RUS", "military_expenditure.usd_current", "2024")
    assert float(usd["value"]) == 148967.27514048334
    assert usd["unit"] == "USD_million" and usd["flags"] == "estimate"
    share = find(rows, "RUS", "military_expenditure.share_gdp", "2024")
    assert share["value"].startswith("0.0705") and share["unit"] == "fraction"
    lcu = find(rows, "RUS", "military_expenditure.lcu", "2024")
    assert (lcu["value"], lcu["unit"]) == ("13827500000000", "RUB")  # SIPRI gives roubles, not m.
    assert "footnote 83" in lcu["notes"]
    const = find(rows, "RUS", "military_expenditure.usd_constant_2023", "2024")
    assert float(const["value"]) == 150533.99675193994
    assert find(rows, "PRK", "military_expenditure.lcu", "1986")["flags"] == "uncertain"  # red
    assert find(rows, "CZE", "military_expenditure.usd_current", "2024")["flags"] == ""
    # Canada's April–March financial years sit beside its calendar years
    fy = find(rows, "CAN", "military_expenditure.lcu", "FY2025")
    assert (fy["value"], fy["unit"]) == ("41012000000", "CAD")
    # Croatia's series is in euro whatever the stale 'Kunas' label says
    assert find(rows, "HRV", "military_expenditure.lcu", "2024")["unit"] == "EUR"


def test_real_markers_and_skips(real: tuple[Path, object]) -> None:
    data, result = real
    rows = read_rows(data / "observations" / "sipri-milex-2025.csv")
    assert not [r for r in rows if r["entity"] == "RUS" and r["period"] == "1949"]  # ". ."
    gaps = {(g.entity, g.metric, g.period) for g in result.gaps}  # type: ignore[attr-defined]
    assert ("RUS", "military_expenditure.usd_current", "1949") in gaps
    skipped = {s.name: s.reason for s in result.skipped}  # type: ignore[attr-defined]
    assert "USSR" in skipped and "sheet 'Share of govt. spending cleaned'" in skipped
    # a 0 in current US$ where roubles are not 0 is a conversion artefact, not data
    assert not [r for r in rows if r["entity"] == "RUS" and r["period"] == "1992"
                and r["metric"] == "military_expenditure.usd_current"]
    assert find(rows, "ISL", "military_expenditure.lcu", "2024")["value"] == "0"  # no army
    assert not [r for r in rows if r["unit"] == "RUB_million"]  # seed rows replaced


def test_real_dataset_validates_and_is_idempotent(real: tuple[Path, object]) -> None:
    data, _ = real
    mine = [i for i in check(data) if "sipri-milex" in i.path or i.path.endswith("sources.csv")]
    assert mine == []
    out = data / "observations" / "sipri-milex-2025.csv"
    before = (out.read_bytes(), (data / "sources.csv").read_bytes())
    import_sipri(SIPRI, data)
    assert (out.read_bytes(), (data / "sources.csv").read_bytes()) == before


# --- small workbooks with SIPRI's layout -----------------------------------------------------


def build(path: Path, last_year: int = 2024, extra_sheet: bool = True) -> Path:
    """A SIPRI-shaped workbook; figures copied from the April 2025 release."""
    wb = Workbook()
    wb.active.title = "Front page"
    lcu = wb.create_sheet("Local currency calendar years")
    for line in (f"Military expenditure by country, in local currency, 1949-{last_year}",
                 "Figures are in local currency at current prices and are for calendar years.",
                 "Figures in blue are SIPRI estimates. Figures in red indicate highly uncertain "
                 "data.", '". ." = data unavailable. "xxx" = country did not exist.', ""):
        lcu.append([line])
    lcu.append(["Country", "Currency", "Notes", 1986, 2023, 2024])
    lcu.append([None])
    lcu.append(["Europe"])
    # the "xxx" in 1986 exercises the marker (SIPRI itself shows ". ." there)
    lcu.append(["Russia", "Roubles", "83", "xxx", 9300000000000, 13827500000000])
    row = lcu.max_row
    lcu[f"E{row}"].font = lcu[f"F{row}"].font = BLUE
    lcu.append(["Korea, North", "Won       ", "57", 4045000000, "...", ". ."])
    lcu[f"D{lcu.max_row}"].font = RED
    lcu.append(["Czechia", "Koruny    ", "†71", ". .", 112127500000, 151506000000])
    lcu.append(["Atlantis", "Dollars", "", 1, 2, 3])
    usd = wb.create_sheet("Current US$")
    for line in ("Military expenditure by country, in millions of US$ at current prices and "
                 f"exchange rates, 1949-{last_year}",
                 "Figures are in US $m., in current prices, converted at the exchange rate.",
                 "Figures in blue are SIPRI estimates.", '". ." = data unavailable.', ""):
        usd.append([line])
    usd.append(["Country", "Notes", 2023, 2024])
    usd.append(["Russia", "83", 109203.62473837858, 148967.27514048334])
    usd[f"C{usd.max_row}"].font = usd[f"D{usd.max_row}"].font = BLUE
    gdp = wb.create_sheet("Share of GDP")
    for line in (f"Military expenditure by country as percentage of GDP, 1949-{last_year}",
                 "Countries are grouped by region and subregion", "", "", ""):
        gdp.append([line])
    gdp.append(["Country", "Notes", 2023, 2024])
    gdp.append(["Russia", "83", 0.05402318441206858, 0.07052338645003664])
    if extra_sheet:
        wb.create_sheet("Share of govt. spending cleaned").append(["Country", 2024])
    notes = wb.create_sheet("Footnotes")
    notes.append(["†", "Figures for these countries do not include military pensions"])
    wb.save(path)
    return path


def test_fixture_layout(tmp_path: Path, data_dir: Path) -> None:
    result = import_sipri(build(tmp_path / "milex.xlsx"), data_dir)
    rows = read_rows(result.output)
    assert result.source_id == "sipri-milex-2025" and result.rows == len(rows) == 9
    assert find(rows, "RUS", "military_expenditure.lcu", "2024")["flags"] == "estimate"
    assert find(rows, "PRK", "military_expenditure.lcu", "1986")["flags"] == "uncertain"
    assert not [r for r in rows if r["entity"] == "RUS" and r["period"] == "1986"]  # xxx
    assert result.not_a_state == 1
    assert len([g for g in result.gaps if g.metric == "military_expenditure.lcu"]) == 3
    cze = find(rows, "CZE", "military_expenditure.lcu", "2024")
    assert cze["unit"] == "CZK" and "† Figures for these countries do not include military " \
        "pensions" in cze["notes"] and "footnote 71" in cze["notes"]
    assert find(rows, "RUS", "military_expenditure.share_gdp", "2024")["unit"] == "fraction"
    assert {s.name for s in result.skipped} >= {"Atlantis",
                                                "sheet 'Share of govt. spending cleaned'"}
    assert [i for i in check(data_dir) if "sipri" in i.path] == []


def test_editions_side_by_side(tmp_path: Path, data_dir: Path) -> None:
    old = import_sipri(build(tmp_path / "old.xlsx", last_year=2023), data_dir)
    new = import_sipri(build(tmp_path / "new.xlsx", last_year=2024), data_dir)
    assert (old.source_id, new.source_id) == ("sipri-milex-2024", "sipri-milex-2025")
    assert old.output.is_file() and new.output.is_file() and old.output != new.output
    ids = [r["id"] for r in read_rows(data_dir / "sources.csv")]
    assert ids.count("sipri-milex-2024") == 1 and ids.count("sipri-milex-2025") == 1


def test_sources_other_rows_untouched(tmp_path: Path, data_dir: Path) -> None:
    before = (data_dir / "sources.csv").read_text(encoding="utf-8").splitlines()
    import_sipri(build(tmp_path / "m.xlsx"), data_dir)
    after = (data_dir / "sources.csv").read_text(encoding="utf-8").splitlines()
    assert [ln for ln in before if not ln.startswith("sipri-milex-2025,")] == \
        [ln for ln in after if not ln.startswith("sipri-milex-2025,")]


def test_missing_sheet_and_bad_file(tmp_path: Path, data_dir: Path) -> None:
    wb = Workbook()
    wb.active.title = "Current US$"
    wb.active.append(["Military expenditure, 1949-2024"])
    wb.active.append(["Country", "Notes", 2024])
    wb.save(tmp_path / "partial.xlsx")
    with pytest.raises(UserError, match=r"partial\.xlsx.*US \$m"):
        import_sipri(tmp_path / "partial.xlsx", data_dir)
    (tmp_path / "not.xlsx").write_text("hello", encoding="utf-8")
    with pytest.raises(UserError, match=r"not\.xlsx: is not a readable \.xlsx"):
        import_sipri(tmp_path / "not.xlsx", data_dir)

"""World Bank importer on the real WDI bulk CSVs in ../shared/datasets (skipped without)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from milbalance.importers import import_worldbank
from milbalance.loader import check
from tests.importers.conftest import DATASETS, need, read_rows

FILES = {
    "ppp_factor.lcu_per_intl_usd": "API_PA.NUS.PPP_DS2_en_csv_v2_13721.csv",
    "fx_rate.lcu_per_usd": "API_PA.NUS.FCRF_DS2_en_csv_v2_22859.csv",
    "gdp.lcu": "API_NY.GDP.MKTP.CN_DS2_en_csv_v2_26332.csv",
    "gdp.lcu_constant": "API_NY.GDP.MKTP.KN_DS2_en_csv_v2_13325.csv",
    "gdp.usd_current": "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_125.csv",
    "military_expenditure.share_gdp": "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.csv",
}


def _published(path: Path, code: str) -> dict[str, float]:
    """The file's own figures for one country, read with the csv module."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        records = list(csv.reader(handle))
    header = next(r for r in records if r and r[0] == "Country Name")
    row = next(r for r in records if len(r) > 1 and r[1] == code)
    return {h: float(v) for h, v in zip(header, row, strict=False) if h.isdigit() and v}


@pytest.mark.parametrize("metric", sorted(FILES))
def test_every_year_of_a_real_file(metric: str, data_dir: Path) -> None:
    path = need(DATASETS / FILES[metric])
    result = import_worldbank(path, data_dir)
    rows = [r for r in read_rows(result.output) if r["metric"] == metric]
    for code in ("RUS", "USA", "POL"):
        mine = {r["period"]: float(r["value"]) for r in rows if r["entity"] == code}
        assert mine == _published(path, code), code  # all years, none invented
    assert len({r["entity"] for r in rows}) > 40
    assert [i for i in check(data_dir) if "worldbank" in i.path or "sources" in i.path] == []


def test_line_endings_and_bom_do_not_change_the_rows(tmp_path: Path, data_dir: Path) -> None:
    path = need(DATASETS / FILES["ppp_factor.lcu_per_intl_usd"])  # LF, BOM
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    first = import_worldbank(path, data_dir).output.read_bytes()
    crlf = tmp_path / path.name
    crlf.write_bytes(raw[3:].replace(b"\n", b"\r\n"))  # no BOM, CRLF
    assert import_worldbank(crlf, data_dir).output.read_bytes() == first


def test_a_crlf_edition_imports(data_dir: Path) -> None:
    path = need(DATASETS / FILES["military_expenditure.share_gdp"])
    assert b"\r\n" in path.read_bytes()
    result = import_worldbank(path, data_dir)
    assert result.source_id == "worldbank-ms-mil-xpnd-gd-zs-2026-02-24"
    rus = [r for r in read_rows(result.output) if r["entity"] == "RUS"]
    assert rus and all(r["flags"] == "secondary" for r in rus)

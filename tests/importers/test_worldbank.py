"""World Bank indicator CSV importer, on real rows (see fixtures/worldbank/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from milbalance.errors import UserError
from milbalance.importers import import_worldbank
from milbalance.loader import check
from tests.importers.conftest import FIXTURES, find, read_rows

MIL = FIXTURES / "worldbank" / "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2.csv"


def test_military_share(data_dir: Path) -> None:
    result = import_worldbank(MIL, data_dir)
    rows = read_rows(result.output)
    assert result.source_id == "worldbank-ms-mil-xpnd-gd-zs-2018-02-22"
    bel = find(rows, "BEL", "military_expenditure.share_gdp", "1960")
    assert (bel["value"], bel["unit"], bel["flags"]) == ("3.28698946185435", "percent",
                                                         "secondary")
    assert find(rows, "ALB", "military_expenditure.share_gdp", "1980")["value"] == \
        "6.04968468303311"
    assert result.rows == 57 + 37  # Belgium 1960–2016, Albania 1980–2016 (2017 is empty)
    assert {s.name for s in result.skipped} == {"Aruba (ABW)"}
    assert ("ALB", "1979") in {(g.entity, g.period) for g in result.gaps}
    assert [i for i in check(data_dir) if "worldbank" in i.path or "sources" in i.path] == []
    before = result.output.read_bytes()
    import_worldbank(MIL, data_dir)
    assert result.output.read_bytes() == before


def test_bad_layout(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "API_X.csv"
    bad.write_text('"Data Source","World Development Indicators",\n"Name","Code"\n',
                   encoding="utf-8")
    with pytest.raises(UserError, match=r"API_X\.csv: no header line"):
        import_worldbank(bad, data_dir)


@pytest.mark.parametrize("cut", [40, 400, 2000])
def test_a_truncated_file_is_refused_and_nothing_is_written(tmp_path: Path, data_dir: Path,
                                                            cut: int) -> None:
    text = MIL.read_bytes()
    short = tmp_path / "API_cut.csv"
    short.write_bytes(text[:-cut])  # the download stopped in the middle of a row
    sources = (data_dir / "sources.csv").read_bytes()
    before = {p.name: p.read_bytes() for p in (data_dir / "observations").iterdir()}
    with pytest.raises(UserError, match="truncated"):
        import_worldbank(short, data_dir)
    assert {p.name: p.read_bytes() for p in (data_dir / "observations").iterdir()} == before
    assert (data_dir / "sources.csv").read_bytes() == sources


def test_a_broken_sources_file_leaves_the_data_as_it_was(data_dir: Path) -> None:
    (data_dir / "sources.csv").write_text("name,title\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (data_dir / "observations").iterdir()}
    with pytest.raises(UserError, match="header lacks"):
        import_worldbank(MIL, data_dir)
    after = {p.name: p.read_bytes() for p in (data_dir / "observations").iterdir()}
    assert after == before

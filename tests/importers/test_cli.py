"""``milbalance import``: a summary on success, one clean line and exit 2 on a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from milbalance.cli import main
from tests.importers.conftest import FIXTURES


def test_import_worldbank_summary(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "worldbank", str(FIXTURES / "worldbank" /
                                         "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2.csv"),
              "--data", str(data_dir)])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "worldbank-ms-mil-xpnd-gd-zs-2018-02-22" in out and "94" in out


def test_bad_file_exits_2(tmp_path: Path, data_dir: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "sipri", str(tmp_path / "x.xlsx"), "--data", str(data_dir)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "x.xlsx" in err and "Traceback" not in err

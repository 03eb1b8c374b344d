"""Damaged data files give one clear issue each, located to the line, and the rest of the file
is still read. Broken rows are real rows of data/ with one field spoiled: no invented figure."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from milbalance.loader import check
from tests.conftest import append_row, as_csv, first_row

MUNITIONS = "observations/munitions.csv"
SIPRI = "observations/sipri-milex-2025.csv"


def monthly_row(data: Path) -> dict[str, str]:
    return first_row(data / MUNITIONS, unit="rounds_per_month",
                     metric="artillery_shells_155mm.output")


@pytest.mark.parametrize("period", ["0000", "FY0000", "0000-Q1", "0000-01"])
def test_a_period_outside_the_calendar_is_an_issue(data_copy: Path, period: str) -> None:
    line = append_row(data_copy / SIPRI, as_csv({**first_row(data_copy / SIPRI, entity="RUS"),
                                                 "period": period}))
    issues = check(data_copy)
    assert [(i.line, i.field) for i in issues] == [(line, "period")]
    assert "calendar" in issues[0].problem


def test_a_byte_that_is_not_utf8_is_reported_at_its_line_and_the_rest_is_read(
        data_copy: Path) -> None:
    path = data_copy / MUNITIONS
    row = monthly_row(data_copy)
    bad_line = append_row(path, as_csv({**row, "notes": "NOTE"}))
    later = append_row(path, as_csv({**row, "entity": "USAA"}))
    path.write_bytes(path.read_bytes().replace(b"NOTE", b"caf\xe9"))
    found = sorted((i.line, i.field) for i in check(data_copy))
    assert found == [(bad_line, "(file)"), (later, "entity")]


def test_an_unterminated_quote_is_an_issue_not_swallowed_rows(data_copy: Path) -> None:
    path = data_copy / MUNITIONS
    row = as_csv(monthly_row(data_copy))
    line = append_row(path, row[:-1] + ',"never closed')
    append_row(path, row)
    issues = check(data_copy)
    assert [(i.line, i.field) for i in issues] == [(line, "(file)")]
    assert "quote" in issues[0].fix


def test_a_value_that_overflows_when_annualised_is_an_issue(data_copy: Path) -> None:
    line = append_row(data_copy / MUNITIONS, as_csv({**monthly_row(data_copy),
                                                     "period": "1990-01", "value": "1e308"}))
    issues = check(data_copy)
    assert [(i.line, i.field) for i in issues] == [(line, "value")]
    assert "overflows" in issues[0].problem


def test_a_bom_is_accepted(data_copy: Path) -> None:
    for name in ("sources.csv", MUNITIONS):
        path = data_copy / name
        path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    assert check(data_copy) == []


def test_an_empty_required_file_is_one_issue(data_copy: Path) -> None:
    (data_copy / "sources.csv").write_text("", encoding="utf-8")
    issues = check(data_copy)
    assert [(i.path.endswith("sources.csv"), i.field) for i in issues] == [(True, "(file)")]
    assert "empty" in issues[0].problem


def test_rows_record_the_same_place_wherever_the_data_are_read_from(
        data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine keys its random streams by a row's file and line: the same data must give
    the same keys from any folder (a corpus worker unpacks them elsewhere)."""
    import shutil

    from milbalance.loader import load

    elsewhere = tmp_path / "elsewhere" / "copy-of-data"
    shutil.copytree(data_copy, elsewhere)
    here = [(o.path, o.line) for o in load(data_copy).observations]
    monkeypatch.chdir(tmp_path / "elsewhere")
    there = [(o.path, o.line) for o in load(elsewhere).observations]
    assert here == there
    assert here[0][0].startswith("data/observations/")

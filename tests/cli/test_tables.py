"""milbalance.tables: one writer for CSV and XLSX; gaps stay empty, never zero."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from milbalance.errors import UserError
from milbalance.model import ClaimantType, Source
from milbalance.tables import Rows, used_sources, write

SOURCE = Source("src-a", "A title", "A publisher", "https://example.org/a", "2024-01-02",
                ClaimantType("think-tank"))


def sample() -> Rows:
    rows = Rows("t", ("year", "value", "note"))
    rows.add(2024, 2000000.0, "x", sources=("src-a", "src-a"))
    rows.add(2025, float("nan"), None, sources=())
    rows.sources = used_sources([SOURCE], rows)
    return rows


def test_csv_and_xlsx_hold_the_same_cells(tmp_path: Path) -> None:
    rows = sample()
    out_csv, out_xlsx = write(rows, tmp_path / "t.csv", tmp_path / "t.xlsx")
    with out_csv.open(newline="", encoding="utf-8") as handle:
        assert list(csv.reader(handle)) == [["year", "value", "note", "sources"],
                                            ["2024", "2000000", "x", "src-a"],
                                            ["2025", "", "", ""]]  # a gap is empty
    book = load_workbook(out_xlsx)
    assert [list(r) for r in book["table"].iter_rows(values_only=True)] == [
        ["year", "value", "note", "sources"], [2024, 2000000, "x", "src-a"],
        [2025, None, None, None]]
    assert list(book["sources"].iter_rows(values_only=True))[1] == (
        "src-a", "A title", "A publisher", "2024-01-02", "think-tank", "https://example.org/a")


def test_a_row_must_fill_every_column() -> None:
    with pytest.raises(ValueError, match="2 cells for 3 columns"):
        Rows("t", ("a", "b", "c")).add(1, 2)


def test_the_suffix_must_match(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"must end in \.xlsx"):
        write(sample(), xlsx_path=tmp_path / "t.xls")

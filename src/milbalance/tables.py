"""Rows a command shows, written as CSV or as an Excel workbook: one place for both.

A :class:`Rows` is what a table holds — its column names, one tuple per row, numbers as
numbers (not the rounded text a terminal shows) — plus the sources behind it. Every row
carries the ids of its sources in a last ``sources`` column; the workbook adds a ``sources``
sheet with each source's title, publisher, date and address, so an exported figure can be
traced without the tool.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from milbalance.errors import UserError
from milbalance.model import Source

Cell = str | int | float | None

SOURCE_COLUMNS = ("id", "title", "publisher", "published", "claimant_type", "url")


@dataclass
class Rows:
    """A table as data: ``columns`` and ``rows`` (each with its source ids), and the sources."""

    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]] = field(default_factory=list)
    row_sources: list[tuple[str, ...]] = field(default_factory=list)
    sources: tuple[Source, ...] = ()

    def add(self, *cells: Cell, sources: Iterable[str] = ()) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(tuple(cells))
        self.row_sources.append(tuple(dict.fromkeys(sources)))

    @property
    def header(self) -> tuple[str, ...]:
        return (*self.columns, "sources")

    def records(self) -> list[tuple[Cell, ...]]:
        """Every row with its source ids ('; '-separated) as the last cell."""
        return [(*r, "; ".join(s)) for r, s in zip(self.rows, self.row_sources, strict=True)]


def _clean(cell: Cell) -> Cell:
    """NaN and infinities are gaps: an empty cell, never a number; whole numbers are
    written without a decimal point (2000000, not 2000000.0)."""
    if isinstance(cell, float):
        if not math.isfinite(cell):
            return None
        if cell.is_integer() and abs(cell) < 2**53:
            return int(cell)
    return cell


def _target(path: Path, suffix: str) -> None:
    if path.suffix.lower() != suffix:
        raise UserError(f"{str(path)!r} must end in {suffix}")
    if not path.parent.exists():
        raise UserError(f"folder {str(path.parent)!r} does not exist")


def write_csv(rows: Rows, path: Path) -> Path:
    """UTF-8 CSV with a header row; empty cells are gaps."""
    _target(path, ".csv")
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows.header)
        for record in rows.records():
            writer.writerow(["" if c is None else _clean(c) for c in record])
    return path


def write_xlsx(rows: Rows, path: Path) -> Path:
    """A workbook: the table (header row frozen, numbers as numbers) and a sources sheet."""
    from openpyxl import Workbook  # slow to import: only when asked
    from openpyxl.styles import Font

    _target(path, ".xlsx")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "table"
    sheet.append(list(rows.header))
    for record in rows.records():
        sheet.append([_clean(c) for c in record])
    sheet.freeze_panes = "A2"
    info = book.create_sheet("sources")
    info.append(list(SOURCE_COLUMNS))
    for s in rows.sources:
        info.append([s.id, s.title, s.publisher, str(s.published), str(s.claimant_type), s.url])
    about = book.create_sheet("about")
    about.append(["title", rows.title])
    for ws in (sheet, info):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for column in ws.columns:
            width = max(len(str(c.value or "")) for c in column)
            ws.column_dimensions[column[0].column_letter].width = min(60, max(8, width + 2))
    book.save(path)
    return path


def write(rows: Rows, csv_path: Path | None = None, xlsx_path: Path | None = None
          ) -> list[Path]:
    """Write ``rows`` to whichever files are given; returns the paths written."""
    written: list[Path] = []
    if csv_path is not None:
        written.append(write_csv(rows, csv_path))
    if xlsx_path is not None:
        written.append(write_xlsx(rows, xlsx_path))
    return written


def used_sources(all_sources: Sequence[Source], rows: Rows) -> tuple[Source, ...]:
    """The sources named by ``rows``, in the order they first appear."""
    wanted = dict.fromkeys(s for ids in rows.row_sources for s in ids)
    by_id = {s.id: s for s in all_sources}
    return tuple(by_id[i] for i in wanted if i in by_id)

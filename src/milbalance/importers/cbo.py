"""CBO Historical Budget Data (51134-<yyyy>-<mm>-Historical-Budget-Data.xlsx).

Reads the "Defense" column of table 4 (discretionary outlays, billions of dollars) →
``budget.defense_discretionary`` in USD_billion, and of table 4a (share of GDP) →
``budget.defense_discretionary.share_gdp`` in percent, by fiscal year. Entity: USA.
The edition (e.g. January 2025) is read from the first sheet, so a newer file gets its own
source id beside the older one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from milbalance.errors import UserError
from milbalance.importers.common import (
    Gap,
    ImportResult,
    Row,
    SourceEntry,
    count_rows,
    format_number,
    open_workbook,
    publish,
    sha256,
    sheet,
    year_of,
)

PUBLISHER = "US Congressional Budget Office (CBO)"
LICENCE = "US government work, public domain"
ENTITY = "USA"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
TABLES = (
    ("4. Discretionary Outlays", "budget.defense_discretionary", "billions of dollars",
     "USD_billion"),
    ("4a. Discretionary Outlays (GDP)", "budget.defense_discretionary.share_gdp",
     "percentage of gross domestic product", "percent"),
)


def _edition(workbook: Any, path: Path) -> tuple[str, str, str]:
    """(YYYY-MM, 'January 2025', url) from the line that names CBO's report."""
    first = workbook.worksheets[0]
    text = " ".join(str(r[0].value) for r in first.iter_rows(min_row=1, max_row=6, max_col=1)
                    if r[0].value)
    m = re.search(rf"({'|'.join(MONTHS)}) (\d{{4}})", text)
    if not m:
        raise UserError(f"{path}: sheet {first.title!r}, cells A1:A6: no report month such as "
                        "'January 2025' — pass CBO's unmodified Historical Budget Data workbook")
    url = re.search(r"www\.cbo\.gov/\S+", text)
    address = f"https://{url[0]}" if url else "https://www.cbo.gov/data/budget-economic-data"
    return f"{m[2]}-{MONTHS.index(m[1]) + 1:02d}", f"{m[1]} {m[2]}", address


def _read(ws: Any, path: Path, metric: str, unit_text: str, unit: str, source_id: str,
          rows: list[Row], gaps: list[Gap]) -> None:
    header_text = " ".join(str(r[0].value) for r in ws.iter_rows(max_row=8, max_col=1)
                           if r[0].value).lower()
    if unit_text not in header_text:
        raise UserError(f"{path}: sheet {ws.title!r}, cells A1:A8: the unit line "
                        f"{unit_text!r} is missing — pass CBO's unmodified workbook")
    column = None
    for row in ws.iter_rows(min_row=1, max_row=15):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip() == "Defense":
                column = cell.column - 1
                break
        if column is not None:
            break
    if column is None:
        raise UserError(f"{path}: sheet {ws.title!r}, rows 1–15: no 'Defense' column heading "
                        "— pass CBO's unmodified workbook")
    for row in ws.iter_rows(min_row=1):
        year = year_of(row[0].value)
        if year is None or column >= len(row):
            continue
        cell = row[column]
        where = f"sheet '{ws.title}' cell {cell.coordinate}"
        if isinstance(cell.value, bool) or not isinstance(cell.value, int | float):
            gaps.append(Gap(ENTITY, metric, f"FY{year}", where))
            continue
        rows.append(Row(ENTITY, metric, f"FY{year}", format_number(cell.value), unit, source_id,
                        (), f"CBO table {ws.title.split('.')[0]}, Defense; {where}"))


def import_cbo(path: Path, data_dir: Path) -> ImportResult:
    """Import US discretionary defense outlays and their share of GDP, by fiscal year."""
    workbook = open_workbook(path)
    month, edition, url = _edition(workbook, path)
    source_id = f"cbo-historical-budget-data-{month}"
    rows: list[Row] = []
    gaps: list[Gap] = []
    for title, metric, unit_text, unit in TABLES:
        _read(sheet(workbook, path, title), path, metric, unit_text, unit, source_id, rows, gaps)
    digest = sha256(path)
    output = data_dir / "observations" / f"{source_id}.csv"
    written = publish(data_dir, output, rows, SourceEntry(
        source_id, f"Historical Budget Data ({edition})", PUBLISHER, url, month,
        "official-government", edition, LICENCE,
        f"Imported by 'milbalance import cbo' from {path.name} (sha256 {digest}); tables "
        f"{' and '.join(t[0] for t in TABLES)}, column Defense. Supplement to CBO's Budget and "
        "Economic Outlook; actual outlays by fiscal year.",
    ))
    return ImportResult(source_id, output, written, count_rows(rows), tuple(gaps), 0, (), (),
                        digest)

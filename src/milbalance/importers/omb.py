"""OMB Historical Tables, Table 3.1 "Outlays by Superfunction and Function" (hist03z1.xlsx).

Reads the "National Defense" line (budget function 050) twice: under "In millions of
dollars" → ``budget.national_defense_050`` in USD_million, and under "As percentages of
GDP" → ``budget.national_defense_050.share_gdp`` in percent. Columns are fiscal years
(``FY1940`` …), the 1976 transition quarter "TQ" becomes ``FY1976TQ``, and "2023 estimate"
columns are flagged ``estimate`` and ``projection``. Entity: USA.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
)

PUBLISHER = "US Office of Management and Budget (OMB)"
URL = "https://www.whitehouse.gov/omb/budget/historical-tables/"
LICENCE = "US government work, public domain"
ENTITY = "USA"
METRIC = "budget.national_defense_050"
SHARE = "budget.national_defense_050.share_gdp"

_COLUMN = re.compile(r"^(\d{4})(\s+estimate)?$|^TQ$", re.IGNORECASE)


@dataclass(frozen=True)
class _Column:
    index: int
    period: str
    estimate: bool


def _columns(ws: Any, path: Path) -> tuple[int, list[_Column]]:
    """The header row (the one with 'TQ' or years) and its fiscal-year columns."""
    for row in ws.iter_rows(min_row=1, max_row=10):
        labels = [" ".join(str(c.value).split()) if c.value is not None else "" for c in row]
        if sum(bool(_COLUMN.match(v)) for v in labels) < 5:
            continue
        cols: list[_Column] = []
        previous = 0
        for i, label in enumerate(labels):
            m = _COLUMN.match(label)
            if not m:
                continue
            if label.upper() == "TQ":
                if previous != 1976:
                    raise UserError(f"{path}: sheet {ws.title!r}, cell {row[i].coordinate}: "
                                    f"'TQ' follows {previous}, not 1976 — pass OMB's "
                                    "unmodified Table 3.1")
                cols.append(_Column(i, "FY1976TQ", False))
                continue
            previous = int(m[1])
            cols.append(_Column(i, f"FY{previous}", bool(m[2])))
        return int(row[0].row), cols
    raise UserError(f"{path}: sheet {ws.title!r}, rows 1–10: no header row of fiscal years "
                    "('1940', …, 'TQ', '2023 estimate') — pass OMB's Table 3.1 (hist03z1.xlsx)")


def _find(ws: Any, path: Path, start: int, section: str, line: str) -> Any:
    """The row labelled ``line`` after the section heading that starts with ``section``."""
    in_section = False
    for row in ws.iter_rows(min_row=start):
        label = " ".join(str(row[0].value or "").split()).lower()
        if label.startswith(section.lower()):
            in_section = True
            continue
        if in_section and label.endswith(":"):
            break  # the next section began without the line
        if in_section and label == line.lower():
            return row
    raise UserError(f"{path}: sheet {ws.title!r}, column A: no {line!r} row under "
                    f"{section!r} — pass OMB's unmodified Table 3.1")


def import_omb(path: Path, data_dir: Path) -> ImportResult:
    """Import US national-defense outlays (function 050) and their share of GDP."""
    workbook = open_workbook(path)
    ws = workbook.worksheets[0]
    title = str(ws["A1"].value or "")
    if "3.1" not in title:
        raise UserError(f"{path}: sheet {ws.title!r}, cell A1 = {title[:80]!r}: not OMB Table "
                        "3.1 — pass hist03z1.xlsx from OMB's Historical Tables")
    header, columns = _columns(ws, path)
    estimates = [c for c in columns if c.estimate]
    if estimates:
        budget_year = int(estimates[0].period[2:]) + 1
    else:
        budget_year = int(columns[-1].period[2:6]) + 1
    source_id = f"omb-hist-3-1-fy{budget_year}"
    rows: list[Row] = []
    gaps: list[Gap] = []
    for section, metric, unit in (("In millions of dollars", METRIC, "USD_million"),
                                  ("As percentages of GDP", SHARE, "percent")):
        line = _find(ws, path, header + 1, section, "National Defense")
        for col in columns:
            cell = line[col.index]
            where = f"sheet '{ws.title}' cell {cell.coordinate}"
            value = cell.value
            if isinstance(value, bool) or not isinstance(value, int | float):
                gaps.append(Gap(ENTITY, metric, col.period, where))
                continue
            flags = ("estimate", "projection") if col.estimate else ()
            note = f"OMB Table 3.1, '{section}', National Defense; {where}"
            if col.period.endswith("TQ"):
                note += "; transition quarter July–September 1976"
            rows.append(Row(ENTITY, metric, col.period, format_number(value), unit, source_id,
                            flags, note))
    digest = sha256(path)
    output = data_dir / "observations" / f"{source_id}.csv"
    written = publish(data_dir, output, rows, SourceEntry(
        source_id, f"Historical Tables, Budget of the U.S. Government, Fiscal Year "
        f"{budget_year}: Table 3.1, {' '.join(title.split('-', 1)[-1].split()).title()}",
        PUBLISHER, URL, str(budget_year - 1), "official-government",
        f"FY{budget_year} Budget", LICENCE,
        f"Imported by 'milbalance import omb' from {path.name} (sha256 {digest}). Fiscal "
        "years as OMB labels them; columns marked 'estimate' flagged estimate;projection.",
    ))
    return ImportResult(source_id, output, written, count_rows(rows), tuple(gaps), 0, (),
                        (f"estimate columns: {', '.join(c.period for c in estimates) or 'none'}",),
                        digest)

"""SIPRI's "Regional totals" sheet: world and regional military expenditure.

Layout (April 2025 release): title in A1, the unit in A2 ("Figures are in US$ b., at
constant 2023 prices and exchange rates, except for the last figure which is in US$ b. at
2024 prices and exchange rates"), notes, then a header row "Region", 1988 … 2024,
"2024 (current prices)", "", "Omitted countries", and one row per region or sub-region.

    year columns                military_expenditure.usd_constant_<base>  USD_<base>_billion
    "<year> (current prices)"   military_expenditure.usd_current          USD_billion

Regions resolve to entities by name or alias in data/blocs.csv (WLD, EUROPE, …): the figures
are SIPRI's totals, filed on the region itself, never summed from countries. Red font means
"more than 10% of the total consists of estimates for countries for which data is missing"
(flag ``estimate``); every total includes some estimates (SIPRI's note 2), said in the notes
with the countries SIPRI leaves out of the total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from milbalance import schema
from milbalance.errors import UserError
from milbalance.importers.common import Gap, Row, Skipped, format_number, read_table, year_of

SHEET = "Regional totals"
RED = 10
UNAVAILABLE = {". .", "...", "..", ". . ."}
_CURRENT = re.compile(r"^\s*(\d{4})\s*\(current prices\)\s*$", re.IGNORECASE)


@dataclass
class RegionResult:
    rows: list[Row] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_a_state: int = 0
    unresolved: list[str] = field(default_factory=list)


def _regions(data_dir: Path) -> dict[str, str]:
    """Bloc names and aliases (lower case) → bloc id, from data/blocs.csv."""
    out: dict[str, str] = {}
    for row in read_table(data_dir / schema.BLOCS.pattern):
        bloc = row.get("id", "")
        if not bloc:
            continue
        names = [bloc, row.get("name", ""), *row.get("aliases", "").split(";")]
        for name in names:
            if name.strip():
                out.setdefault(" ".join(name.lower().split()), bloc)
    return out


def _resolve(regions: dict[str, str], name: str) -> str | None:
    key = " ".join(name.lower().split())
    return regions.get(key) or regions.get(key.replace("&", "and"))


def _header(ws: Any, path: Path) -> tuple[int, str]:
    """The header row ('Region' in column A) and the unit text above it."""
    texts: list[str] = []
    for row in ws.iter_rows(min_row=1, max_row=30, max_col=1):
        value = row[0].value
        if isinstance(value, str) and value.strip() == "Region":
            return int(row[0].row), " ".join(texts)
        if isinstance(value, str):
            texts.append(value)
    raise UserError(f"{path}: sheet {SHEET!r}: no header row with 'Region' in column A "
                    "(looked at A1:A30) — pass SIPRI's unmodified workbook")


def import_regions(ws: Any, path: Path, data_dir: Path, source_id: str,
                   metrics: set[str], units: set[str]) -> RegionResult:
    """Rows for every region of the sheet that names an entity in blocs.csv."""
    out = RegionResult()
    header, text = _header(ws, path)
    low = " ".join(text.lower().split())
    base = re.search(r"us\$ ?b\.?,? at constant (\d{4}) prices", low)
    if not base:
        raise UserError(f"{path}: sheet {SHEET!r}, cells A1:A{header - 1}: the unit is not "
                        f"stated as expected ('US$ b., at constant <year> prices'); it says "
                        f"{text[:160]!r} — extend milbalance.importers.sipri_regions")
    constant_metric = f"military_expenditure.usd_constant_{base[1]}"
    constant_unit = f"USD_{base[1]}_billion"
    for needed, where in ((constant_metric, "metrics.csv"), (constant_unit, "units.csv"),
                          ("military_expenditure.usd_current", "metrics.csv"),
                          ("USD_billion", "units.csv")):
        if needed not in (metrics if where == "metrics.csv" else units):
            raise UserError(f"{data_dir / where}: {needed} is missing — add it to import "
                            f"SIPRI's sheet {SHEET!r}")
    head = [c.value for c in next(ws.iter_rows(min_row=header, max_row=header))]
    columns: dict[int, tuple[str, str, str]] = {}
    omitted_col = None
    for i, h in enumerate(head):
        if (year := year_of(h)) is not None:
            columns[i] = (str(year), constant_metric, constant_unit)
        elif isinstance(h, str) and (m := _CURRENT.match(h)):
            if f"us$ b. at {m[1]} prices" not in low:
                raise UserError(f"{path}: sheet {SHEET!r}: column {h!r} but the unit text does "
                                f"not say it is in US$ b. at {m[1]} prices — check the sheet")
            columns[i] = (m[1], "military_expenditure.usd_current", "USD_billion")
        elif isinstance(h, str) and h.strip().lower().startswith("omitted"):
            omitted_col = i
    if not columns:
        raise UserError(f"{path}: sheet {SHEET!r}, row {header}: no year columns after "
                        "'Region' — pass SIPRI's unmodified workbook")
    regions = _regions(data_dir)
    for cells in ws.iter_rows(min_row=header + 1):
        name = cells[0].value
        if not isinstance(name, str) or not name.strip():
            continue
        entity = _resolve(regions, name)
        if entity is None:
            out.unresolved.append(name.strip())
            out.skipped.append(Skipped(f"{name.strip()} ({SHEET})",
                                       "region not in data/blocs.csv — add it to import it"))
            continue
        omitted = ""
        if omitted_col is not None and omitted_col < len(cells):
            raw_omitted = cells[omitted_col].value
            if isinstance(raw_omitted, str) and raw_omitted.strip():
                omitted = f"; SIPRI leaves out of this total: {raw_omitted.strip()}"
        for i, (period, metric, unit) in columns.items():
            if i >= len(cells):
                continue
            cell = cells[i]
            raw = cell.value
            where = f"sheet '{SHEET}' cell {cell.coordinate}"
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            if isinstance(raw, str):
                if raw.strip() in UNAVAILABLE:
                    out.gaps.append(Gap(entity, metric, period, where))
                elif raw.strip().lower() == "xxx":
                    out.not_a_state += 1
                else:
                    out.skipped.append(Skipped(f"{name.strip()} {period} ({where})",
                                               f"cell holds {raw.strip()!r}, not a number"))
                continue
            if isinstance(raw, bool) or not isinstance(raw, int | float):
                continue
            red = cell.font is not None and cell.font.color is not None and (
                cell.font.color.type == "indexed" and cell.font.color.indexed == RED)
            note = (f"{where}; SIPRI's {name.strip()} total, including SIPRI's estimates for "
                    "countries without data")
            if red:
                note += " (red: they make up more than 10% of the total)"
            out.rows.append(Row(entity, metric, period, format_number(raw), unit, source_id,
                                ("estimate",) if red else (), note + omitted))
    return out

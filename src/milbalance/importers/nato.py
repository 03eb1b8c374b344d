"""NATO "Defence Expenditure of NATO Countries" tables (<yymmdd>-def-exp-<year>-TABLES-en.xlsx).

Each sheet holds one or more blocks under a header row of years (``2014`` … ``2023e``,
``2024e``; an ``e`` marks NATO's estimates, flag ``estimate``). A block starts with a label
in column B; countries follow in column C, aggregates ("NATO Europe and Canada", "NATO
Total") in column B. Blocks imported:

    TABLE1  Current prices (national currency)          lcu
    TABLE2  Current prices and exchange rates           usd_current
    TABLE2  Constant <base> prices and exchange rates   usd_constant_<base>
    TABLE3  Share of real GDP (%)                       share_gdp
    TABLE6  Defence expenditure per capita (US dollars) per_capita_usd_constant_<base>
    TABLE8a Equipment (a)                               equipment_share

(metrics ``defence_expenditure_nato.<name>``).

Each block's unit is checked against the sheet's unit line (B6) and its label, not assumed.
Countries resolve through data/countries.csv ("Czechia*" → CZE: the star is NATO's note on
allies with a national 2% law, kept in the notes); "NATO Total" goes on NATO and "NATO Europe
and Canada" on NATO_EUROPE_CANADA (both from data/blocs.csv). Empty cells are gaps. The
source id is ``nato-defence-expenditure-<last year>`` (one edition per June release).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from milbalance import schema
from milbalance.errors import UserError
from milbalance.importers.common import (
    Countries,
    Gap,
    ImportResult,
    Row,
    Skipped,
    SourceEntry,
    count_rows,
    format_number,
    known_ids,
    open_workbook,
    publish,
    read_table,
    sha256,
    sheet,
)

PUBLISHER = "NATO (Public Diplomacy Division)"
URL = "https://www.nato.int/cps/en/natohq/topics_49198.htm"
LICENCE = "© NATO; NATO's terms of use (reproduction with attribution)"
AGGREGATES = {"nato total": "NATO", "nato europe and canada": "NATO_EUROPE_CANADA"}
_YEAR = re.compile(r"^\s*(\d{4})\s*(e?)\s*$")
_BASE = re.compile(r"(\d{4}) prices")
STAR_NOTE = ("NATO's * : national laws or political agreements call for 2% of GDP or more; "
             "future estimates expected to change")


@dataclass(frozen=True)
class _Block:
    sheet: str
    label: str  # the block's label in column B, lower case, {base} for the base year
    unit_line: str  # words the sheet's unit line (B6) must contain, lower case
    metric: str
    unit: str
    note: str


BLOCKS = (
    _Block("TABLE1", "current prices", "million national currency units",
           "defence_expenditure_nato.lcu", "{iso}_million",
           "NATO Table 1, million national currency units at current prices"),
    _Block("TABLE2", "current prices and exchange rates", "million us dollars",
           "defence_expenditure_nato.usd_current", "USD_million",
           "NATO Table 2, million US$ at current prices and exchange rates"),
    _Block("TABLE2", "constant {base} prices and exchange rates", "million us dollars",
           "defence_expenditure_nato.usd_constant_{base}", "USD_{base}_million",
           "NATO Table 2, million US$ at constant {base} prices and exchange rates"),
    _Block("TABLE3", "share of real gdp (%)", "based on {base} prices",
           "defence_expenditure_nato.share_gdp", "percent",
           "NATO Table 3, share of real GDP, based on {base} prices"),
    _Block("TABLE6", "defence expenditure per capita (us dollars)",
           "{base} prices and exchange rates",
           "defence_expenditure_nato.per_capita_usd_constant_{base}", "USD_{base}",
           "NATO Table 6, US$ per head at {base} prices and exchange rates"),
    _Block("TABLE8a", "equipment (a)", "percentage of total defence expenditure",
           "defence_expenditure_nato.equipment_share", "percent",
           "NATO Table 8a, equipment (major equipment and R&D devoted to it) as a share of "
           "defence expenditure"),
)


def _text(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _years(ws: Any, path: Path) -> tuple[int, dict[int, tuple[str, bool]]]:
    """The header row and its year columns: index → (year, estimate?)."""
    for row in ws.iter_rows(min_row=1, max_row=20):
        found: dict[int, tuple[str, bool]] = {}
        for i, cell in enumerate(row):
            value = cell.value
            text = str(int(value)) if isinstance(value, int | float) and not isinstance(
                value, bool) else (value if isinstance(value, str) else "")
            if m := _YEAR.match(text):
                found[i] = (m[1], m[2] == "e")
        if len(found) >= 3:
            return int(row[0].row), found
    raise UserError(f"{path}: sheet {ws.title!r}: no header row of years (looked at rows 1-20) "
                    "— pass NATO's unmodified TABLES workbook")


def _base(text: str) -> str:
    m = _BASE.search(text)
    return m[1] if m else ""


def _label_matches(block: _Block, label: str, base: str) -> bool:
    return block.label.replace("{base}", base) == label


CURRENCIES = {k: frozenset(v.split()) for k, v in {
    "leks": "ALL", "euros": "EUR", "leva": "BGN", "canadian dollars": "CAD", "koruny": "CZK",
    "kroner": "DKK NOK", "kronor": "SEK", "forint": "HUF", "denars": "MKD", "zlotys": "PLN",
    "new lei": "RON", "liras": "TRY", "pounds": "GBP", "us dollars": "USD", "kuna": "HRK",
}.items()}


def _currency(raw: str, currencies: tuple[str, ...]) -> str | None:
    """'Czechia*   (Koruny)' → 'CZK' where CZK is one of the country's currencies."""
    m = re.search(r"\(([^)]*)\)\s*$", raw)
    options = CURRENCIES.get(" ".join(m[1].lower().split()), frozenset()) if m else frozenset()
    found = options & set(currencies)
    return next(iter(found)) if len(found) == 1 else None


def _name(raw: str) -> tuple[str, bool]:
    """'Czechia*   (Koruny)' → ('Czechia', True)."""
    clean = re.sub(r"\(.*?\)\s*$", "", raw).strip()
    star = clean.endswith("*")
    return clean.rstrip("*").strip(), star


def _edition(path: Path, last_year: str) -> str:
    """The release date from NATO's file name (240617-… → 2024-06-17), else the year."""
    m = re.match(r"(\d{2})(\d{2})(\d{2})-def-exp", path.name)
    return f"20{m[1]}-{m[2]}-{m[3]}" if m else last_year


def import_nato(path: Path, data_dir: Path) -> ImportResult:
    """Import NATO's defence-expenditure tables into data/observations/nato-*.csv."""
    workbook = open_workbook(path)
    countries = Countries.load(data_dir)
    blocs = {r["id"] for r in read_table(data_dir / schema.BLOCS.pattern) if r.get("id")}
    metrics = known_ids(data_dir, "metrics.csv")
    units = known_ids(data_dir, "units.csv")
    rows: list[Row] = []
    gaps: list[Gap] = []
    skipped: dict[str, Skipped] = {}
    unresolved: list[str] = []
    first_year, last_year = "", ""
    source_id = ""
    for title in dict.fromkeys(b.sheet for b in BLOCKS):
        ws = sheet(workbook, path, title)
        header, years = _years(ws, path)
        labels = sorted(y for y, _ in years.values())
        first_year, last_year = labels[0], labels[-1]
        source_id = f"nato-defence-expenditure-{last_year}"
        unit_line = " ".join(_text(ws.cell(row=r, column=2).value).lower() for r in range(1, 8))
        block: _Block | None = None
        base = ""
        for cells in ws.iter_rows(min_row=header + 1):
            b, c = (_text(cells[1].value) if len(cells) > 1 else "",
                    _text(cells[2].value) if len(cells) > 2 else "")
            numbers = [cells[i].value for i in years if i < len(cells)
                       and isinstance(cells[i].value, int | float)]
            if b and not c and not numbers:  # a block label
                label = b.lower()
                base = _base(label) or _base(unit_line)
                block = next((k for k in BLOCKS if k.sheet == title
                              and _label_matches(k, label, base)), None)
                if block is not None and block.unit_line.replace("{base}", base) not in unit_line:
                    raise UserError(f"{path}: sheet {title!r}, B6: the unit line "
                                    f"{unit_line[:120]!r} does not say "
                                    f"{block.unit_line.replace('{base}', base)!r} — check the "
                                    "table, or extend milbalance.importers.nato")
                continue
            if block is None or not (b or c):
                continue
            if all(cells[i].value in (None, "") for i in years if i < len(cells)):
                continue  # the table's notes, below the figures
            raw_name = c or b
            name, star = _name(raw_name)
            entity = AGGREGATES.get(name.lower()) if not c else countries.resolve(name)
            if entity is None or (not c and entity not in blocs):
                if raw_name not in skipped:
                    unresolved.append(name)
                skipped[raw_name] = Skipped(f"{name} ({title})", "not in data/countries.csv or "
                                            "data/blocs.csv — add it to import its figures")
                continue
            metric = block.metric.replace("{base}", base)
            unit = block.unit.replace("{base}", base)
            if "{iso}" in unit:
                iso = _currency(raw_name, countries.by_id[entity].currencies) if c else None
                if iso is None:
                    skipped[f"{raw_name}{title}"] = Skipped(
                        f"{name} ({title})", f"currency in {raw_name!r} is not one of "
                        f"{entity}'s currencies in countries.csv — add it there")
                    continue
                unit = unit.replace("{iso}", iso)
            if metric not in metrics or unit not in units:
                raise UserError(f"{data_dir}: {metric} (metrics.csv) or {unit} (units.csv) is "
                                f"missing — add it to import NATO's {title}")
            note = block.note.replace("{base}", base) + (f"; {STAR_NOTE}" if star else "")
            for i, (year, estimate) in years.items():
                cell = cells[i] if i < len(cells) else None
                value = cell.value if cell is not None else None
                where = f"sheet {title} cell {cell.coordinate}" if cell is not None else title
                if value is None or (isinstance(value, str) and not value.strip()):
                    gaps.append(Gap(entity, metric, year, where))
                    continue
                if isinstance(value, bool) or not isinstance(value, int | float):
                    skipped[f"{raw_name}{where}"] = Skipped(f"{name} {year} ({where})",
                                                            f"cell holds {value!r}, not a number")
                    continue
                flags = ("estimate",) if estimate else ()
                rows.append(Row(entity, metric, year, format_number(value), unit, source_id,
                                flags, f"{where}; {note}"))
    if not rows:
        names = f" (names not resolved: {'; '.join(unresolved)})" if unresolved else ""
        raise UserError(f"{path}: no figures found in "
                        f"{', '.join(dict.fromkeys(b.sheet for b in BLOCKS))}{names} — pass "
                        "NATO's Defence Expenditure TABLES workbook")
    notes = [f"{len(unresolved)} names not resolved to an entity (no rows): "
             f"{'; '.join(unresolved)}"] if unresolved else []
    props = workbook.properties
    saved = ""
    if props.lastModifiedBy and props.creator and props.lastModifiedBy != props.creator:
        when = f" on {props.modified:%Y-%m-%d}" if props.modified else ""
        saved = (f" This copy was last saved by {props.lastModifiedBy!r}{when}, not by "
                 f"its creator {props.creator!r}: not "
                 "byte-identical to NATO's download; the cells read as NATO's tables.")
        notes.append(saved.strip())
    digest = sha256(path)
    output = data_dir / "observations" / f"{source_id}.csv"
    estimates = sorted({r.period for r in rows if "estimate" in r.flags})
    written = publish(data_dir, output, rows, SourceEntry(
        source_id, f"Defence Expenditure of NATO Countries ({first_year}–{last_year})",
        PUBLISHER, URL, _edition(path, last_year), "official-nato",
        f"{last_year} edition (figures {first_year}–{last_year}; "
        f"{', '.join(estimates) or 'no'} estimates)", LICENCE,
        f"Imported by 'milbalance import nato' from {path.name} (sha256 {digest}); tables "
        f"{', '.join(dict.fromkeys(b.sheet for b in BLOCKS))}. Defence expenditure by NATO's "
        "definition as reported by each ally's ministry of defence; GDP and population from "
        "DG ECFIN and the OECD. Years marked 'e' are NATO estimates (flag estimate)." + saved,
    ))
    return ImportResult(source_id, output, written, count_rows(rows), tuple(gaps), 0,
                        tuple(sorted(skipped.values(), key=lambda s: (s.name, s.reason))),
                        tuple(notes), digest)

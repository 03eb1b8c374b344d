"""SIPRI Military Expenditure Database workbook (SIPRI-Milex-data-1949-<year>.xlsx).

Sheets imported, for the countries in data/countries.csv:

    Local currency calendar years   military_expenditure.lcu           <ISO> or <ISO>_million
    Local currency financial years  military_expenditure.lcu, FY<end>  only where the country's
                                    fiscal year is not January–December and its start month
                                    matches countries.csv (otherwise identical to calendar years)
    Constant (<base>) US$           military_expenditure.usd_constant_<base>  USD_<base>_million
    Current US$                     military_expenditure.usd_current   USD_million
    Share of GDP                    military_expenditure.share_gdp     fraction
    Per capita                      military_expenditure.per_capita_usd  USD
    Share of Govt. spending         military_expenditure.share_government  fraction
    Regional totals                 WLD and regions in blocs.csv (see importers.sipri_regions)

Each sheet's unit is read from its header rows, not assumed. SIPRI's markers: ". ." / "..."
unavailable (a gap, no row), "xxx" the state did not exist (no row), blue font (indexed
colour 12) a SIPRI estimate (flag ``estimate``), red font (indexed 10) highly uncertain (flag
``uncertain``); the Notes column's symbols and footnote numbers go into each row's notes.
A name that resolves to no entity is listed in the result's notes, never dropped silently.
"Share of govt. spending cleaned" is skipped: it is not SIPRI's (a third party added it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from milbalance.errors import UserError
from milbalance.importers.common import (
    Countries,
    Country,
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
    sha256,
    year_of,
)
from milbalance.importers.sipri_currencies import CURRENCY_CORRECTIONS, CURRENCY_NAMES
from milbalance.importers.sipri_regions import SHEET as REGIONS_SHEET
from milbalance.importers.sipri_regions import import_regions

PUBLISHER = "Stockholm International Peace Research Institute (SIPRI)"
URL = "https://www.sipri.org/databases/milex"
LICENCE = "© SIPRI; free to use with attribution under SIPRI's terms"

UNAVAILABLE = {". .", "...", "..", ". . ."}
NOT_A_STATE = "xxx"
BLUE, RED = 12, 10  # indexed font colours SIPRI uses for estimates and uncertain figures
BLUE_RGB, RED_RGB = {"FF0000FF", "000000FF"}, {"FFFF0000", "00FF0000"}

NOT_SIPRI_SHEETS = {
    "Share of govt. spending cleaned": "not in SIPRI's original workbook (added by a third "
    "party); 'Share of Govt. spending' imported instead",
}
IGNORED_SHEETS = {"Front page", "Footnotes"}

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_FY_SPAN = re.compile(r"^([A-Za-z]{3})\s*-\s*([A-Za-z]{3})$")


@dataclass(frozen=True)
class _Sheet:
    title: str
    metric: str
    unit: str  # "" for local currency: chosen per country
    lcu_scale: str = ""  # "" or "_million" for local-currency sheets
    financial_years: bool = False


def _header_row(ws: Any, path: Path) -> int:
    for row in ws.iter_rows(min_row=1, max_row=25, max_col=1):
        cell = row[0]
        if isinstance(cell.value, str) and cell.value.strip() == "Country":
            return int(cell.row)
    raise UserError(f"{path}: sheet {ws.title!r}: no header row with 'Country' in column A "
                    "(looked at A1:A25) — pass SIPRI's unmodified workbook")


def _header_text(ws: Any, header: int) -> str:
    parts = [str(r[0].value) for r in ws.iter_rows(min_row=1, max_row=header - 1, max_col=1)
             if r[0].value]
    return " ".join(parts)


def _unit_error(path: Path, ws: Any, expected: str, text: str) -> UserError:
    return UserError(f"{path}: sheet {ws.title!r}, cells A1:A5: the header does not state the "
                     f"unit as expected ({expected}); it says {text[:160]!r} — check that this "
                     "is SIPRI's workbook, or extend milbalance.importers.sipri for the new "
                     "layout")


def _spec(ws: Any, path: Path, header: int, metrics: set[str]) -> _Sheet | Skipped:
    """Which metric and unit a sheet carries, read from its header rows."""
    title = ws.title
    text = _header_text(ws, header)
    low = " ".join(text.lower().split())
    if title.startswith("Local currency"):
        if "local currency" not in low:
            raise _unit_error(path, ws, "'local currency'", text)
        scale = "_million" if re.search(r"\bmillions?\b|\bm\.", low) else ""
        return _Sheet(title, "military_expenditure.lcu", "", scale,
                      financial_years="financial years" in title.lower())
    if m := re.match(r"Constant \((\d{4})\) US\$", title):
        base = m[1]
        if not re.search(r"us ?\$ ?m\b|\$ ?m\.|millions of us", low):
            raise _unit_error(path, ws, "'US $m.'", text)
        metric = f"military_expenditure.usd_constant_{base}"
        if metric not in metrics:
            return Skipped(title, f"metric {metric} is not in metrics.csv — add it (and unit "
                           f"USD_{base}_million to units.csv) to import this sheet")
        return _Sheet(title, metric, f"USD_{base}_million")
    if title == "Current US$":
        if not re.search(r"us ?\$ ?m\b|\$ ?m\.|millions of us", low):
            raise _unit_error(path, ws, "'US $m.'", text)
        return _Sheet(title, "military_expenditure.usd_current", "USD_million")
    if title == "Per capita":
        if "current us$" not in low or re.search(r"us ?\$ ?m\b|million", low):
            raise _unit_error(path, ws, "'current US$' per person", text)
        return _Sheet(title, "military_expenditure.per_capita_usd", "USD")
    if title == "Share of GDP":
        return _Sheet(title, "military_expenditure.share_gdp", "fraction")
    if title.lower() == "share of govt. spending":
        return _Sheet(title, "military_expenditure.share_government", "fraction")
    return Skipped(title, "not a sheet of figures milbalance knows")


def _flags(cell: Any) -> tuple[str, ...]:
    color = cell.font.color if cell.font is not None else None
    if color is None:
        return ()
    if color.type == "indexed":
        return {BLUE: ("estimate",), RED: ("uncertain",)}.get(color.indexed, ())
    if color.type == "rgb" and isinstance(color.rgb, str):
        if color.rgb.upper() in BLUE_RGB:
            return ("estimate",)
        if color.rgb.upper() in RED_RGB:
            return ("uncertain",)
    return ()


def _footnotes(workbook: Any) -> dict[str, str]:
    """SIPRI's special-note symbols (†, ‡, …) with their meaning, from sheet 'Footnotes'."""
    if "Footnotes" not in workbook.sheetnames:
        return {}
    out: dict[str, str] = {}
    for row in workbook["Footnotes"].iter_rows(max_col=2, values_only=True):
        key, text = row[0], row[1] if len(row) > 1 else None
        if isinstance(key, str) and len(key.strip()) == 1 and isinstance(text, str):
            out[key.strip()] = " ".join(text.split())
    return out


def _note_text(raw: object, symbols: dict[str, str]) -> str:
    """``'§‖1'`` → ``"SIPRI notes: § <meaning>; ‖ <meaning>; footnote 1 (sheet Footnotes)"``."""
    text = str(raw or "").strip()
    if not text:
        return ""
    parts = [f"{ch} {symbols.get(ch, '')}".strip() for ch in text if not ch.isdigit()
             and not ch.isspace()]
    numbers = re.findall(r"\d+", text)
    parts += [f"footnote {n} (sheet Footnotes)" for n in numbers]
    return "SIPRI notes: " + "; ".join(parts)


def _fy_start(span: object) -> int | str | None:
    """Start month of a plain 'Apr-Mar' span; None for blank/Jan-Dec; the text otherwise."""
    text = " ".join(str(span or "").split())
    if not text:
        return None
    m = _FY_SPAN.match(text)
    if not m or m[1].lower() not in MONTHS:
        return text
    start = MONTHS.index(m[1].lower()) + 1
    return None if start == 1 else start


def _edition(workbook: Any, path: Path) -> int:
    """The last data year, from a sheet title such as '…, 1949-2024  © SIPRI 2024'."""
    for title in ("Local currency calendar years", "Current US$", "Share of GDP"):
        if title in workbook.sheetnames:
            first = workbook[title]["A1"].value
            if isinstance(first, str) and (m := re.search(r"(\d{4})\s*[-–]\s*(\d{4})", first)):
                return int(m[2])
    raise UserError(f"{path}: sheet 'Local currency calendar years', cell A1: no year range "
                    "such as '1949-2024' in the title — pass SIPRI's unmodified workbook")


class _Currencies:
    """Chooses each country's currency from SIPRI's currency column."""

    def __init__(self, units: set[str]):
        self.units = units
        self.corrections_used: set[str] = set()

    def unit(self, country: Country, label: object, scale: str) -> str | Skipped:
        name = " ".join(str(label or "").split()).lower()
        correction = CURRENCY_CORRECTIONS.get(country.id)
        if correction and correction[0] == name:
            self.corrections_used.add(country.id)
            iso = correction[1]
        else:
            options = CURRENCY_NAMES.get(name, frozenset()) & set(country.currencies)
            if len(options) != 1:
                return Skipped(country.id, f"SIPRI's currency {label!r} is not one of "
                               f"{country.id}'s currencies ({';'.join(country.currencies) or '-'})"
                               " in countries.csv — add its ISO code to the currency column")
            iso = next(iter(options))
        unit = f"{iso}{scale}"
        if unit not in self.units:
            return Skipped(country.id, f"unit {unit} is not in units.csv — append it")
        return unit


def _data_rows(ws: Any, header: int) -> Iterator[tuple[Any, ...]]:
    yield from ws.iter_rows(min_row=header + 1)


def _drop_artefact_zeros(rows: list[Row], skipped: dict[tuple[str, str], Skipped],
                         lcu_zero: set[tuple[str, str]]) -> list[Row]:
    """Drop a 0 in a US$ or share sheet unless the local-currency figure that year is 0 too.

    SIPRI's derived sheets show 0 where a tiny pre-redenomination figure rounds away or no
    conversion exists (Russia 1992, Belarus 1992–94, North Korea from 1986 in current US$);
    read as data, such a 0 would claim the state spent nothing. Iceland's zeros (no armed
    forces) stay, because its local-currency figures are 0 as well.
    """
    lcu_zero = lcu_zero | {(r.entity, r.period) for r in rows
                           if r.metric == "military_expenditure.lcu" and r.value == "0"}
    kept: list[Row] = []
    for row in rows:
        if row.value == "0" and row.metric != "military_expenditure.lcu" and (
                (row.entity, row.period) not in lcu_zero):
            where = row.notes.split(";")[0]
            skipped[(row.entity, row.metric + row.period)] = Skipped(
                f"{row.entity} {row.metric} {row.period} ({where})",
                "SIPRI shows 0 but the local-currency figure is not 0: a conversion artefact, "
                "not a zero budget; left out")
            continue
        kept.append(row)
    return kept


def import_sipri(path: Path, data_dir: Path) -> ImportResult:
    """Import every figure sheet of a SIPRI Milex workbook into data/observations/.

    The source id is ``sipri-milex-<last data year + 1>`` (SIPRI releases each April the
    figures to the previous year), so a new release lands beside the older one.
    """
    workbook = open_workbook(path)
    last_year = _edition(workbook, path)
    source_id = f"sipri-milex-{last_year + 1}"
    countries = Countries.load(data_dir)
    metrics = known_ids(data_dir, "metrics.csv")
    currencies = _Currencies(known_ids(data_dir, "units.csv"))
    symbols = _footnotes(workbook)

    rows: list[Row] = []
    gaps: list[Gap] = []
    skipped: dict[tuple[str, str], Skipped] = {}
    notes: list[str] = []
    not_a_state = 0
    imported_sheets: list[str] = []
    seen_entities: set[str] = set()
    unresolved: list[str] = []
    lcu_zero: set[tuple[str, str]] = set()
    for title in workbook.sheetnames:
        if title in IGNORED_SHEETS:
            continue
        if title == REGIONS_SHEET:
            regions = import_regions(workbook[title], path, data_dir, source_id, metrics,
                                     known_ids(data_dir, "units.csv"))
            rows += regions.rows
            gaps += regions.gaps
            not_a_state += regions.not_a_state
            skipped.update({(s.name, ""): s for s in regions.skipped})
            unresolved += regions.unresolved
            imported_sheets.append(title)
            continue
        if title in NOT_SIPRI_SHEETS:
            skipped[(title, "")] = Skipped(f"sheet {title!r}", NOT_SIPRI_SHEETS[title])
            continue
        ws = workbook[title]
        header = _header_row(ws, path)
        spec = _spec(ws, path, header, metrics)
        if isinstance(spec, Skipped):
            skipped[(title, "")] = Skipped(f"sheet {title!r}", spec.reason)
            continue
        imported_sheets.append(title)
        head = [c.value for c in next(ws.iter_rows(min_row=header, max_row=header))]
        labels = [str(h).strip() if isinstance(h, str) else "" for h in head]
        years = {i: y for i, h in enumerate(head) if (y := year_of(h)) is not None}
        if not years:
            raise UserError(f"{path}: sheet {title!r}, row {header}: no year columns after "
                            "'Country' — pass SIPRI's unmodified workbook")
        notes_col = labels.index("Notes") if "Notes" in labels else None
        currency_col = labels.index("Currency") if "Currency" in labels else None
        fy_col = next((i for i, h in enumerate(labels) if h.startswith("Fiscal Year")), None)
        if spec.financial_years and fy_col is None:
            raise UserError(f"{path}: sheet {title!r}, row {header}: no 'Fiscal Year' column — "
                            "pass SIPRI's unmodified workbook")
        for cells in _data_rows(ws, header):
            name = cells[0].value
            if not isinstance(name, str) or not name.strip():
                continue
            values = [cells[i] for i in years if i < len(cells)]
            if all(c.value is None or c.value == "" for c in values):
                continue  # a region or sub-region heading
            entity = countries.resolve(name)
            if entity is None:
                if (name.strip(), "") not in skipped:
                    unresolved.append(name.strip())
                skipped.setdefault((name.strip(), ""), Skipped(
                    name.strip(), "not in data/countries.csv"))
                continue
            seen_entities.add(entity)
            country = countries.by_id[entity]
            unit = spec.unit
            fiscal = False
            fy_note = ""
            if spec.metric == "military_expenditure.lcu":
                label = cells[currency_col].value if currency_col is not None else None
                if not spec.financial_years:  # its zeros count even if its currency is unknown
                    lcu_zero.update((entity, str(y)) for i, y in years.items()
                                    if i < len(cells) and cells[i].value == 0)
                chosen = currencies.unit(country, label, spec.lcu_scale)
                if isinstance(chosen, Skipped):
                    skipped.setdefault((entity, title), Skipped(
                        f"{name.strip()} ({title})", chosen.reason))
                    continue
                unit = chosen
            if spec.financial_years and fy_col is not None:
                start = _fy_start(cells[fy_col].value)
                if start is None:
                    continue  # January–December: the calendar-year sheet has the same figures
                if isinstance(start, str):
                    skipped[(entity, title)] = Skipped(
                        f"{name.strip()} ({title})", f"financial year changed over time "
                        f"({start!r}); the calendar-year figures are imported")
                    continue
                if start != country.fiscal_year_start:
                    skipped[(entity, title)] = Skipped(
                        f"{name.strip()} ({title})", f"SIPRI's financial year starts in month "
                        f"{start} but countries.csv says {country.fiscal_year_start} — align "
                        "fiscal_year_start to import these figures")
                    continue
                span = " ".join(str(cells[fy_col].value).split())
                fy_note = f"SIPRI financial year beginning in the column's year ({span}); "
                fiscal = True

            country_note = _note_text(cells[notes_col].value if notes_col is not None else None,
                                      symbols)
            for i, year in years.items():
                if i >= len(cells):
                    continue
                cell = cells[i]
                raw = cell.value
                period = f"FY{year + 1}" if fiscal else str(year)
                where = f"sheet '{title}' cell {cell.coordinate}"
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                if isinstance(raw, str):
                    text = raw.strip()
                    if text in UNAVAILABLE:
                        gaps.append(Gap(entity, spec.metric, period, where))
                    elif text.lower() == NOT_A_STATE:
                        not_a_state += 1
                    else:
                        skipped[(entity, cell.coordinate + title)] = Skipped(
                            f"{name.strip()} {year} ({where})",
                            f"cell holds {text!r}, neither a number nor a SIPRI marker")
                    continue
                if isinstance(raw, bool) or not isinstance(raw, int | float):
                    continue
                note = fy_note + where + (f"; {country_note}" if country_note else "")
                rows.append(Row(entity, spec.metric, period, format_number(raw), unit,
                                source_id, _flags(cell), note))

    rows = _drop_artefact_zeros(rows, skipped, lcu_zero)
    if "Local currency calendar years" not in imported_sheets:
        raise UserError(f"{path}: sheet 'Local currency calendar years' is missing (sheets: "
                        f"{', '.join(workbook.sheetnames)}) — pass SIPRI's unmodified workbook")
    for code, (label, _, _) in CURRENCY_CORRECTIONS.items():
        if code in countries.by_id and code not in currencies.corrections_used:
            notes.append(f"currency correction for {code} unused: SIPRI no longer labels it "
                         f"{label!r}; check the figures and remove the correction")
    absent = sorted(set(countries.by_id) - seen_entities)
    if absent:
        notes.append(f"countries in countries.csv without figures in the workbook: "
                     f"{', '.join(absent)}")
    if unresolved:
        notes.append(f"{len(unresolved)} names in the workbook not resolved to an entity (no "
                     f"rows; add them to countries.csv or blocs.csv): {'; '.join(unresolved)}")
    notes.append(f"sheets imported: {', '.join(imported_sheets)}")

    digest = sha256(path)
    output = data_dir / "observations" / f"{source_id}.csv"
    written = publish(data_dir, output, rows, SourceEntry(
        source_id, f"SIPRI Military Expenditure Database 1949–{last_year}", PUBLISHER, URL,
        f"{last_year + 1}-04", "think-tank",
        f"{last_year + 1} release (data to {last_year})", LICENCE,
        f"Imported by 'milbalance import sipri' from {path.name} (sha256 {digest}); sheets "
        f"{'; '.join(imported_sheets)}. Blue font = SIPRI estimate (flag estimate), red = highly "
        "uncertain (flag uncertain); '. .' = unavailable (gap); 'xxx' = state did not exist. "
        "Share-of-GDP and share-of-government cells are fractions.",
    ))
    return ImportResult(source_id, output, written, count_rows(rows), tuple(gaps), not_a_state,
                        tuple(sorted(skipped.values(), key=lambda s: (s.name, s.reason))),
                        tuple(notes), digest)

"""World Bank indicator CSV (API_<indicator>_DS2_en_csv_v2*.csv from data.worldbank.org).

Layout: a short preamble ("Data Source", "Last Updated Date" and blank lines), then a header
"Country Name","Country Code","Indicator Name","Indicator Code","1960",…, one row per
country or aggregate, empty cells where there is no figure. Countries are matched by their
ISO alpha-3 code; aggregates (regions, income groups) are skipped. Indicators read:

    MS.MIL.XPND.GD.ZS  military_expenditure.share_gdp   percent (flag secondary: SIPRI's data)
    NY.GDP.MKTP.CN     gdp.lcu                          <ISO>
    NY.GDP.MKTP.KN     gdp.lcu_constant                 <ISO> (the World Bank's base year)
    NY.GDP.MKTP.CD     gdp.usd_current                  USD
    PA.NUS.FCRF        fx_rate.lcu_per_usd              <ISO>_per_USD
    PA.NUS.PPP         ppp_factor.lcu_per_intl_usd      <ISO>_per_intl_USD

The World Bank states local-currency figures without naming the currency; the country's
first currency in data/countries.csv is used and named in each row's notes.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

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
    publish,
    sha256,
    year_of,
)

PUBLISHER = "World Bank (World Development Indicators)"
LICENCE = "CC BY 4.0"


@dataclass(frozen=True)
class _Indicator:
    metric: str
    unit: str  # "{iso}" is replaced by the country's currency
    flags: tuple[str, ...] = ()
    note: str = ""
    licence: str = LICENCE
    credit: str = ""  # the source organisation the World Bank cites, where not itself


INDICATORS: dict[str, _Indicator] = {
    "MS.MIL.XPND.GD.ZS": _Indicator(
        "military_expenditure.share_gdp", "percent", ("secondary",),
        "World Bank republishes SIPRI's figures",
        "CC BY 4.0 per the World Bank in some editions, SIPRI's terms in others; credit SIPRI",
        "Stockholm International Peace Research Institute (SIPRI), Yearbook: Armaments, "
        "Disarmament and International Security"),
    "NY.GDP.MKTP.CN": _Indicator("gdp.lcu", "{iso}"),
    "NY.GDP.MKTP.KN": _Indicator("gdp.lcu_constant", "{iso}", (),
                                 "constant prices of the World Bank's base year for the country"),
    "NY.GDP.MKTP.CD": _Indicator("gdp.usd_current", "USD"),
    "PA.NUS.FCRF": _Indicator("fx_rate.lcu_per_usd", "{iso}_per_USD"),
    "PA.NUS.PPP": _Indicator("ppp_factor.lcu_per_intl_usd", "{iso}_per_intl_USD"),
}


def _read(path: Path) -> list[tuple[int, list[str]]]:
    if not path.is_file():
        raise UserError(f"{path}: no such file — give the path of the downloaded CSV")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            text = handle.read()
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: is not a World Bank CSV ({exc}) — download the CSV (not the "
                        "Excel or XML) from data.worldbank.org") from exc
    if text and not text.endswith("\n"):
        raise UserError(f"{path}:{text.count(chr(10)) + 1}: the file ends in the middle of a "
                        "line: it is truncated — download it again")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        return [(i, rec) for i, rec in enumerate(reader, start=1)]
    except (UnicodeDecodeError, csv.Error) as exc:
        raise UserError(f"{path}: is not a World Bank CSV ({exc}) — download the CSV (not the "
                        "Excel or XML) from data.worldbank.org") from exc


def import_worldbank(path: Path, data_dir: Path) -> ImportResult:
    """Import one World Bank indicator file for the countries in data/countries.csv."""
    records = _read(path)
    updated = ""
    header_line = 0
    header: list[str] = []
    for line, rec in records:
        first = rec[0].strip() if rec else ""
        if first == "Last Updated Date" and len(rec) > 1:
            updated = rec[1].strip()
        if first == "Country Name":
            header_line, header = line, [h.strip() for h in rec]
            break
    if not header_line:
        raise UserError(f"{path}: no header line starting \"Country Name\",\"Country Code\" — "
                        "pass the API_<indicator>_DS2 CSV as downloaded from data.worldbank.org")
    if header[1:4] != ["Country Code", "Indicator Name", "Indicator Code"]:
        raise UserError(f"{path}:{header_line}: columns 2–4 are {header[1:4]!r}, expected "
                        "'Country Code', 'Indicator Name', 'Indicator Code' — pass the file "
                        "as downloaded")
    years = {i: y for i, h in enumerate(header) if (y := year_of(h)) is not None}
    data = [(line, rec) for line, rec in records if line > header_line and len(rec) > 3]
    for line, rec in data:
        if len(rec) != len(header):
            raise UserError(f"{path}:{line}: {len(rec)} fields where the header has "
                            f"{len(header)}: the file is truncated or damaged — download it "
                            "again; nothing was imported")
    codes = sorted({rec[3].strip() for _, rec in data if rec[3].strip()})
    if len(codes) != 1:
        raise UserError(f"{path}: column 'Indicator Code' holds {codes!r}; expected one "
                        "indicator per file — pass a single API_<indicator> file")
    code = codes[0]
    indicator = INDICATORS.get(code)
    if indicator is None:
        raise UserError(f"{path}:{header_line + 1}: field 'Indicator Code' = {code!r}: not an "
                        f"indicator milbalance reads — use one of {', '.join(INDICATORS)}")
    stamp = updated if re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated) else ""
    if not stamp:
        filled = [years[i] for _, rec in data for i in years if i < len(rec) and rec[i].strip()]
        if not filled:
            raise UserError(f"{path}: no figures in any year column — download the file again")
        stamp = str(max(filled))
    source_id = f"worldbank-{code.lower().replace('.', '-')}-{stamp}"
    indicator_name = data[0][1][2].strip() if data else code

    countries = Countries.load(data_dir)
    units = known_ids(data_dir, "units.csv")
    rows: list[Row] = []
    gaps: list[Gap] = []
    skipped: list[Skipped] = []
    for line, rec in data:
        name, iso3 = rec[0].strip(), rec[1].strip()
        entity = iso3 if iso3 in countries.by_id else None
        if entity is None:
            skipped.append(Skipped(f"{name} ({iso3})", "aggregate or not in data/countries.csv"))
            continue
        country = countries.by_id[entity]
        unit = indicator.unit
        note = indicator.note
        if "{iso}" in unit:
            if not country.currencies:
                skipped.append(Skipped(f"{name} ({iso3})", "no currency in countries.csv — "
                                       "fill in its currency column"))
                continue
            iso = country.currencies[0]
            unit = unit.format(iso=iso)
            note = "; ".join(x for x in (indicator.note, f"local currency taken as {iso} (first "
                                         f"currency of {entity} in countries.csv)") if x)
        if unit not in units:
            skipped.append(Skipped(f"{name} ({iso3})", f"unit {unit} is not in units.csv — "
                                   "append it"))
            continue
        for i, year in years.items():
            raw = rec[i].strip() if i < len(rec) else ""
            where = f"{path.name}:{line}, column {header[i]}"
            if not raw:
                gaps.append(Gap(entity, indicator.metric, str(year), where))
                continue
            try:
                value = float(raw)
            except ValueError as exc:
                raise UserError(f"{path}:{line}: field {header[i]!r} = {raw!r}: not a number — "
                                "pass the file as downloaded") from exc
            rows.append(Row(entity, indicator.metric, str(year), format_number(value), unit,
                            source_id, indicator.flags,
                            f"{code}; {where}" + (f"; {note}" if note else "")))
    digest = sha256(path)
    output = data_dir / "observations" / f"{source_id}.csv"
    written = publish(data_dir, output, rows, SourceEntry(
        source_id, f"{indicator_name} ({code})", PUBLISHER,
        f"https://data.worldbank.org/indicator/{code}", stamp,
        "statistics", f"last updated {updated}" if updated else f"data to {stamp}",
        indicator.licence,
        f"Imported by 'milbalance import worldbank' from {path.name} (sha256 {digest}). Cite: "
        f"The World Bank: World Development Indicators"
        + (f": {indicator.credit}." if indicator.credit else "."),
    ))
    return ImportResult(source_id, output, written, count_rows(rows), tuple(gaps), 0,
                        tuple(skipped), (), digest)

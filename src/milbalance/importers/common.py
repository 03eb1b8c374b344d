"""Helpers every importer shares: rows in the schema's column order, the source entry,
country names, units, and the typed result an import returns.

Importers write whole files (``data/observations/<source-id>.csv``) in a stable order, so
importing the same publisher file twice gives the same bytes; a newer edition gets its own
source id and file beside the older one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from milbalance import schema
from milbalance.errors import UserError


@dataclass(frozen=True)
class Row:
    """One observation as it will be written (values already formatted as text)."""

    entity: str
    metric: str
    period: str
    value: str
    unit: str
    source: str
    flags: tuple[str, ...] = ()
    notes: str = ""

    def as_record(self) -> dict[str, str]:
        return {
            "entity": self.entity,
            "metric": self.metric,
            "period": self.period,
            "value": self.value,
            "unit": self.unit,
            "source": self.source,
            "flags": ";".join(self.flags),
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Skipped:
    """Something in the file that was not imported, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class Gap:
    """A figure the publisher marks as unavailable: reported as missing coverage, never filled."""

    entity: str
    metric: str
    period: str
    where: str


@dataclass(frozen=True)
class ImportResult:
    """What one import did: the source entry, the file written, and what was left out."""

    source_id: str
    output: Path
    rows: int
    rows_by_metric: tuple[tuple[str, int], ...]
    gaps: tuple[Gap, ...] = ()
    not_a_state: int = 0  # SIPRI "xxx": the state did not exist then (no row, not a gap)
    skipped: tuple[Skipped, ...] = ()
    notes: tuple[str, ...] = ()
    sha256: str = ""

    @property
    def gaps_by_metric(self) -> tuple[tuple[str, int], ...]:
        return tuple(sorted(Counter(g.metric for g in self.gaps).items()))


@dataclass(frozen=True)
class SourceEntry:
    """A row of data/sources.csv (see :data:`milbalance.schema.SOURCES`)."""

    id: str
    title: str
    publisher: str
    url: str
    published: str
    claimant_type: str
    edition: str = ""
    licence: str = ""
    notes: str = ""

    def as_record(self) -> dict[str, str]:
        return {n: str(getattr(self, n)) for n in schema.SOURCES.names}


# --- numbers ----------------------------------------------------------------------------


def format_number(value: float | int) -> str:
    """Text for a figure that reads back as the same float: integers without ``.0``,
    other floats by ``repr`` (shortest round-trip form), so bytes are stable."""
    if isinstance(value, bool):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def period_sort_key(period: str) -> tuple[str, str]:
    """Order FY1976 < FY1976TQ < FY1977 and 1999 < 2000 (labels are zero-padded years)."""
    return (period.rstrip("TQ"), period)


# --- writing observations ----------------------------------------------------------------


def _observations_text(rows: Iterable[Row]) -> tuple[str, int]:
    ordered = sorted(rows, key=lambda r: (r.entity, r.metric, period_sort_key(r.period), r.unit))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(schema.OBSERVATIONS.names),
                            lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    for row in ordered:
        writer.writerow(row.as_record())
    return buffer.getvalue(), len(ordered)


def publish(data_dir: Path, output: Path, rows: Iterable[Row], entry: SourceEntry) -> int:
    """Write an importer's observations file and its row of sources.csv together: both are
    made in full beside their targets first, then renamed into place, so a failure (a broken
    sources file, a full disk) leaves the data as it was. Returns the rows written."""
    text, count = _observations_text(rows)
    sources_path, sources_text = _sources_text(data_dir, entry)
    output.parent.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in ((output, text), (sources_path, sources_text)):
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(content, encoding="utf-8", newline="")
            staged.append((tmp, path))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, path in staged:
        tmp.replace(path)
    return count


def _csv_line(values: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _records_with_text(text: str) -> list[tuple[list[str], str]]:
    """Split CSV text into (fields, raw text) per record, keeping quoted newlines intact."""
    lines = text.splitlines(keepends=True)
    out: list[tuple[list[str], str]] = []
    reader = csv.reader(lines)
    consumed = 0
    for record in reader:
        raw = "".join(lines[consumed:reader.line_num])
        consumed = reader.line_num
        out.append((record, raw))
    return out


def _sources_text(data_dir: Path, entry: SourceEntry) -> tuple[Path, str]:
    """sources.csv's new text: the row whose id is ``entry.id`` replaced, or one appended.

    Every other line keeps its exact bytes (another maintainer edits the same file)."""
    path = data_dir / schema.SOURCES.pattern
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror}) — point --data at the "
                        "data/ folder") from exc
    records = _records_with_text(text)
    if not records:
        records = [(list(schema.SOURCES.names), _csv_line(schema.SOURCES.names))]
    header = [h.strip() for h in records[0][0]]
    missing = [n for n in schema.SOURCES.required if n not in header]
    if missing:
        raise UserError(f"{path}:1: header lacks {', '.join(missing)} — restore the header "
                        f"{','.join(schema.SOURCES.names)}")
    values = entry.as_record()
    line = _csv_line([values.get(h, "") for h in header])
    id_col = header.index("id")
    out: list[str] = []
    replaced = False
    for i, (record, raw) in enumerate(records):
        if i > 0 and len(record) > id_col and record[id_col].strip() == entry.id:
            if not replaced:
                out.append(line)
                replaced = True
            continue  # a duplicate of the same id: the new row stands for both
        out.append(raw)
    if not replaced:
        if out and not out[-1].endswith("\n"):
            out[-1] += "\n"
        out.append(line)
    return path, "".join(out)


# --- reference files ---------------------------------------------------------------------


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a reference CSV under data/, comment and blank lines skipped."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            lines = [ln for ln in handle if ln.strip() and not ln.lstrip().startswith("#")]
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror}) — point --data at the "
                        "data/ folder") from exc
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines)]


def known_ids(data_dir: Path, name: str) -> set[str]:
    """The ids declared in ``data_dir/name`` (units.csv, metrics.csv, …)."""
    return {r["id"] for r in read_table(data_dir / name) if r.get("id")}


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    currencies: tuple[str, ...]
    fiscal_year_start: int


_FOOTNOTE_TAIL = re.compile(r"[\s\d†‡§¶‖*#⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜ]+$")


def split_footnotes(name: str) -> tuple[str, str]:
    """``"Russia‖83"`` → ``("Russia", "‖83")``: a publisher's footnote markers kept apart."""
    clean = name.strip()
    match = _FOOTNOTE_TAIL.search(clean)
    if match and match.start() > 0:
        return clean[: match.start()].strip(), match.group(0).strip()
    return clean, ""


@dataclass
class Countries:
    """Resolves publishers' country names and codes to ids from data/countries.csv."""

    by_id: dict[str, Country] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Countries:
        out = cls()
        for row in read_table(data_dir / schema.COUNTRIES.pattern):
            code = row.get("id", "")
            if not code:
                continue
            start = row.get("fiscal_year_start", "")
            country = Country(
                code, row.get("name", ""),
                tuple(c.strip() for c in row.get("currency", "").split(";") if c.strip()),
                int(start) if start.isdecimal() else 1,
            )
            out.by_id[code] = country
            aliases = [a for a in row.get("aliases", "").split(";") if a.strip()]
            for alias in (code, country.name, *aliases):
                out.by_name.setdefault(_key(alias), code)
        return out

    def resolve(self, name: str) -> str | None:
        """The id for a publisher's spelling: exact name or alias (case-insensitive), then
        the inverted form publishers use for sorting ("Korea, North" → "North Korea",
        "Gambia, The" → "The Gambia")."""
        clean, _ = split_footnotes(name)
        for candidate in _variants(clean):
            found = self.by_name.get(_key(candidate))
            if found:
                return found
        return None


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _variants(name: str) -> list[str]:
    out = [name]
    if "," in name:
        head, _, tail = name.partition(",")
        out.append(f"{tail.strip()} {head.strip()}")
    if name.lower().startswith("the "):
        out.append(name[4:])
    return out


# --- workbooks -----------------------------------------------------------------------------


MAX_SHEET_BYTES = 64_000_000
"""Worksheet XML a publisher's workbook may hold, uncompressed (SIPRI's, the largest we read,
holds 3.8 MB): above it the file is refused before openpyxl loads it whole into memory."""


def _refuse_oversized(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(i.file_size for i in archive.infolist()
                       if i.filename.startswith("xl/worksheets/"))
    except (zipfile.BadZipFile, OSError):
        return  # load_workbook says what is wrong with it
    if size > MAX_SHEET_BYTES:
        raise UserError(f"{path}: its worksheets hold {size / 1e6:.0f} MB of cells, more than "
                        f"the {MAX_SHEET_BYTES / 1e6:.0f} MB a publisher's table needs — pass "
                        "the publisher's own file, or cut it to the sheets milbalance reads")


def open_workbook(path: Path) -> Any:
    """Open an .xlsx with openpyxl; a file that is not one becomes a UserError naming it."""
    if not path.is_file():
        raise UserError(f"{path}: no such file — give the path of the downloaded workbook")
    _refuse_oversized(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on styles it does not need
            return load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserError(f"{path}: is not a readable .xlsx workbook ({exc}) — download the "
                        "file again from the publisher and pass the .xlsx itself") from exc


def sheet(workbook: Any, path: Path, title: str) -> Any:
    """The worksheet called ``title``, or a UserError listing the sheets that exist."""
    if title in workbook.sheetnames:
        return workbook[title]
    raise UserError(f"{path}: sheet {title!r} is missing (sheets: "
                    f"{', '.join(repr(s) for s in workbook.sheetnames)}) — pass the publisher's "
                    "unmodified workbook")


def year_of(header: object) -> int | None:
    """A column header that names a year (1949, "1949", 1949.0), else None."""
    if isinstance(header, bool):
        return None
    if isinstance(header, int | float) and float(header).is_integer() and 1800 < header < 2200:
        return int(header)
    if isinstance(header, str) and re.fullmatch(r"\s*\d{4}\s*", header):
        return int(header)
    return None


def count_rows(rows: Iterable[Row]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(Counter(r.metric for r in rows).items()))

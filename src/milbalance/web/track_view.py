"""The track record of a claims file sent to the web app: the checks the file gets before the
library reads it (type, size, rows, columns: each refused with what to do), then
``milbalance.corpus.track`` on it, and what the page and the API show of its records.

Only glue: the records, their shares and most-repeated claims are the library's. The file is
read from a temporary copy that is removed when the answer is ready; nothing is kept. The files
``milbalance serve --claims`` names get the same checks at start-up, and their records are
kept for the app's life (``load_claims_files``).
"""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from milbalance.corpus.track import BY, COLUMNS, NOT_ATTRIBUTED, Record, track_record
from milbalance.web import charts, limits
from milbalance.web.views import InputError


class By(StrEnum):
    """Whose track record: the speaker a claim is attributed to, the speaker's type, or the
    outlet that published it (``milbalance track-record --by``)."""

    speaker = "speaker"
    claimant_type = "claimant-type"
    outlet = "outlet"


class Format(StrEnum):
    parquet = "parquet"
    csv = "csv"


class TooLarge(InputError):
    """A claims file over the web app's limits (413): the CLI reads any size."""


MAGIC = b"PAR1"
"""A Parquet file starts and ends with these bytes."""
READ = "written by `milbalance read … --out FILE.parquet` (or .csv)"
CLI = "`milbalance track-record FILE` reads a claims file of any size"


def claims_format(content: bytes, name: str, asked: str | None = None,
                  need_suffix: bool = False) -> Format:
    """Parquet or CSV: as asked, else by the file's name where it must have one (an upload
    from the page), else by its bytes; a file whose bytes are not what its name or the request
    says is refused."""
    suffix = Path(name).suffix.lower()
    by_name = {".parquet": Format.parquet, ".csv": Format.csv}.get(suffix)
    if need_suffix and suffix in (".jsonl", ".json", ".txt", ".md"):
        raise InputError(f"{name!r} looks like articles, the input of `milbalance read`: read "
                         f"them first (`milbalance read {name} --out claims.parquet`), then "
                         "upload claims.parquet")
    if need_suffix and by_name is None:
        raise InputError(f"{name!r} is not a claims file: choose a .parquet or .csv file "
                         f"{READ}")
    if not content:
        raise InputError(f"{name} is empty (0 bytes): choose a claims file {READ}")
    _check_size(name, len(content))
    parquet = content[:4] == MAGIC and content[-4:] == MAGIC
    fmt = Format(asked) if asked else (by_name if need_suffix else None) or (
        Format.parquet if parquet else Format.csv)
    if fmt is Format.parquet and not parquet:
        raise InputError(f"{name} is not a Parquet file (a Parquet file starts and ends with "
                         f"'PAR1'); choose a claims file {READ}")
    if fmt is Format.csv:
        if parquet:
            raise InputError(f"{name} is a Parquet file, not CSV: rename it to .parquet (in the "
                             "API: ask for format=parquet)")
        try:
            codecs.getincrementaldecoder("utf-8")().decode(content[:65_536])
        except UnicodeDecodeError as exc:
            raise InputError(f"{name} is neither Parquet nor a UTF-8 CSV file (byte "
                             f"{exc.start} is not UTF-8); choose a claims file {READ}") from exc
    return fmt


def _check_size(name: str, size: int) -> None:
    if size > limits.CLAIMS_FILE_BYTES_MAX:
        raise TooLarge(f"{name} is {size:,} bytes, over the web app's "
                       f"{limits.CLAIMS_FILE_BYTES_MAX:,}; {CLI}")


def _columns_and_rows(content: bytes, fmt: Format, name: str) -> tuple[list[str], int]:
    """The file's column names and its number of rows (CSV: lines, at least the rows)."""
    if fmt is Format.parquet:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        try:
            meta = pq.ParquetFile(io.BytesIO(content)).metadata
        except Exception as exc:  # pyarrow raises several kinds on a damaged file
            raise InputError(f"{name} is not a readable Parquet file ({exc}); choose a claims "
                             f"file {READ}") from exc
        return list(meta.schema.names), int(meta.num_rows)
    first = content[:65_536].split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff")
    header = next(csv.reader([first]), [])
    return header, max(0, content.count(b"\n") - 1)


def check_claims_file(content: bytes, name: str, groupings: Iterable[By], fmt: Format) -> None:
    """Refuse a file without the columns the track record reads, or with too many rows."""
    columns, rows = _columns_and_rows(content, fmt, name)
    needed = [*COLUMNS, *(BY[by] for by in groupings)]
    missing = [c for c in needed if c not in columns]
    if missing:
        shown = ", ".join(columns[:12]) + (", …" if len(columns) > 12 else "")
        raise InputError(f"{name} lacks the column(s) {', '.join(missing)}: it is not a "
                         f"claims file {READ} (its columns: {shown or 'none'})")
    if rows > limits.CLAIMS_ROWS_MAX:
        what = "rows" if fmt is Format.parquet else "rows (lines after the header)"
        raise TooLarge(f"{name} has {rows:,} {what}, over the web app's "
                       f"{limits.CLAIMS_ROWS_MAX:,}; {CLI}")


def track_file(content: bytes, name: str, groupings: Iterable[By],
               fmt: Format) -> dict[By, list[Record]]:
    """The library's records for each grouping, from a temporary copy of the file."""
    groupings = list(groupings)
    check_claims_file(content, name, groupings, fmt)
    out: dict[By, list[Record]] = {}
    with tempfile.TemporaryDirectory(prefix="milbalance-track-") as folder:
        path = Path(folder) / f"claims.{fmt}"
        path.write_bytes(content)
        for by in groupings:
            try:
                out[by] = track_record(path, str(by))
            except Exception as exc:  # the library's UserError names our copy: say the name
                raise InputError(str(exc).replace(str(path), name)) from exc
    return out


def as_json(by: By, name: str, records: list[Record]) -> dict[str, Any]:
    """The API's answer: as ``milbalance track-record --json`` prints it."""
    return {"by": str(by), "file": name, "records": [r.as_dict() for r in records]}


@dataclass(frozen=True)
class Claimant:
    """One claimant's record over the whole file and per year, as the page lists them."""

    total: Record
    years: list[Record]


@dataclass(frozen=True)
class Grouping:
    """The records of one grouping, as the page shows them."""

    by: By
    claimants: list[Claimant]
    hidden: int
    """Claimants beyond ``limits.TRACK_CLAIMANTS_SHOWN`` (not listed on the page)."""
    total: Record
    charts: list[str]


def _summed(records: Iterable[Record], name: str) -> Record:
    total = Record(name, "all")
    for r in records:
        total.claims += r.claims
        total.labels.update(r.labels)
    return total


def grouping(by: By, records: list[Record]) -> Grouping:
    """The claimants with most checkable claims (and the claims no one is named for), each
    with its years; the file's totals; the charts of shares supported and refuted."""
    years: dict[str, list[Record]] = {}
    totals: dict[str, Record] = {}
    for r in records:
        if r.year == "all":
            totals[r.claimant] = r
        else:
            years.setdefault(r.claimant, []).append(r)
    names = list(totals)
    shown = [n for n in names if n != NOT_ATTRIBUTED][:limits.TRACK_CLAIMANTS_SHOWN]
    shown += [n for n in names if n == NOT_ATTRIBUTED]
    claimants = [Claimant(totals[n], years.get(n, [])) for n in shown]
    return Grouping(by, claimants, len(names) - len(shown), _summed(totals.values(), "all"),
                    [share_chart(by, claimants, label) for label in ("supported", "refuted")])


def share_chart(by: By, claimants: list[Claimant], label: str) -> str:
    """The share of each claimant's checkable claims given ``label`` per dated year, for the
    claimants with most checkable claims (the claims no one is named for left out)."""
    lines = []
    for c in claimants:
        if c.total.claimant == NOT_ATTRIBUTED or not c.total.checkable:
            continue
        points = [charts.Share(int(r.year), r.share(label) or 0.0, r.checkable,
                               f"{r.claimant}, {r.year}: {r.labels[label]} of {r.checkable} "
                               f"checkable claims {label}")
                  for r in c.years if r.year.isdigit() and r.checkable]
        lines.append((c.total.claimant, points))
        if len(lines) == limits.TRACK_CHART_LINES:
            break
    return charts.shares_svg(lines, f"Share of checkable claims {label}, by {by}",
                             f"% {label}")


@dataclass(frozen=True)
class Loaded:
    """A claims file's records in every grouping, as the page shows them: an upload's, or one
    named at start-up (``milbalance serve --claims FILE``)."""

    name: str
    groupings: list[Grouping]


def loaded(name: str, records: dict[By, list[Record]]) -> Loaded:
    return Loaded(name, [grouping(b, records[b]) for b in By])


def load_claims_file(path: Path) -> Loaded:
    """A claims file on this machine (``serve --claims``), with the checks an upload gets
    (its name's suffix, type, size, columns, rows); a refusal names the file as given."""
    name = str(path)
    try:
        _check_size(name, path.stat().st_size)
        content = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the claims file {name}: "
                         f"{exc.strerror or exc}") from exc
    fmt = claims_format(content, name, need_suffix=True)
    records = track_file(content, name, list(By), fmt)
    return loaded(path.name, records)


def load_claims_files(paths: Iterable[Path]) -> list[Loaded]:
    """``load_claims_file`` on each, in order; the first refused stops it."""
    return [load_claims_file(Path(p)) for p in paths]

"""Add rows to the data files safely: append, check the whole folder, then swap in.

:func:`append_rows` writes the file with the new rows beside the original (a hidden
``.<name>.adding-<pid>`` file), checks the whole data folder as ``milbalance validate``
does — with the new file in place of the old, through a mirror of links — and renames it
into place only when everything validates. When the check fails, the data files are left
byte for byte as they were and the problems come back as a :class:`DataError` whose
messages name the real file, line and field, exactly as ``validate`` prints them.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from milbalance import schema
from milbalance.errors import DataError, UserError
from milbalance.loader import _display, data_files, load

KINDS = {"observation": schema.OBSERVATIONS, "statement": schema.STATEMENTS,
         "source": schema.SOURCES}
DEFAULT_OBSERVATIONS = "munitions.csv"


@dataclass(frozen=True)
class Added:
    """What was written: the file, the line of the first new row, and the rows as text."""

    path: Path
    line: int
    rows: tuple[dict[str, str], ...]
    text: tuple[str, ...]  # each row as the CSV line written


def shown(path: Path) -> str:
    """A data file's path as ``validate`` prints it."""
    return _display(path)


def target_file(root: Path, kind: str, name: str | None = None) -> Path:
    """The file a new row of ``kind`` goes to. Observations go to ``name`` under
    observations/ (default munitions.csv); a file written by an importer (named after its
    source) is refused, since re-importing would drop the row."""
    spec = KINDS[kind]
    if kind != "observation":
        if name is not None:
            raise UserError(f"--file applies to observations only; {kind}s go to "
                            f"{spec.pattern}")
        return root / spec.pattern
    name = name or DEFAULT_OBSERVATIONS
    if "/" in name or not name.endswith(".csv"):
        raise UserError(f"--file {name!r}: give a file name under observations/, ending .csv")
    imported = _source_ids(root)
    if name.removesuffix(".csv") in imported:
        raise UserError(f"observations/{name} is written by `milbalance import`; re-importing "
                        "would drop an added row: add it to munitions.csv, spending.csv or "
                        "budgets.csv (or a new file) instead")
    return root / "observations" / name


def _source_ids(root: Path) -> set[str]:
    path = root / schema.SOURCES.pattern
    if not path.is_file():
        return set()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {row.get("id", "") for row in csv.DictReader(handle)}


def _layout(raw: bytes) -> tuple[list[str] | None, str]:
    """The file's header and its line ending ('\\n' unless it uses '\\r\\n')."""
    text = raw.decode("utf-8-sig")
    ending = "\r\n" if "\r\n" in text.split("\n", 1)[0] + "\n" else "\n"
    first = text.splitlines()[0] if text.strip() else ""
    header = next(csv.reader([first])) if first else None
    return header, ending


def _new_bytes(path: Path, spec: schema.FileSpec, rows: list[dict[str, str]]
               ) -> tuple[bytes, bytes, int, tuple[str, ...]]:
    """(old bytes, new bytes, line of the first new row, the rows as CSV lines)."""
    old = path.read_bytes() if path.exists() else b""
    header, ending = _layout(old) if old.strip() else (None, "\n")
    start = old
    if header is None:
        header = list(spec.names)
        start = (",".join(header) + ending).encode()
    unknown = sorted({k for r in rows for k in r} - set(header))
    if unknown:
        raise UserError(f"{path.name} has no column {', '.join(unknown)} (its columns: "
                        f"{', '.join(header)})")
    if start and not start.endswith(b"\n"):
        start += ending.encode()
    lines = []
    for row in rows:
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([row.get(c, "") for c in header])
        lines.append(out.getvalue())
    line = start.decode("utf-8-sig").count("\n") + 1
    added = "".join(x + ending for x in lines).encode()
    return old, start + added, line, tuple(lines)


def _check(root: Path, target: Path, aside: Path) -> None:
    """Load the data folder with ``aside`` standing in for ``target``; raise DataError with
    the real paths in every message."""
    with tempfile.TemporaryDirectory(prefix="milbalance-add-") as tmp:
        mirror = Path(tmp) / root.name
        names: dict[str, str] = {}
        files = data_files(root)
        if target not in files:
            files.append(target)
        for real in files:
            rel = real.relative_to(root)
            link = mirror / rel
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to((aside if real == target else real).resolve())
            names[_display(link)] = _display(real)
        try:
            load(mirror)
        except DataError as exc:
            raise DataError([replace(i, path=names.get(i.path, i.path))
                             for i in exc.issues]) from None


def append_rows(root: Path, kind: str, rows: list[dict[str, str]],
                file: str | None = None) -> Added:
    """Append ``rows`` (column → text) to the file for ``kind``; write nothing unless the
    whole data folder then validates. Raises DataError (every problem) or UserError."""
    if kind not in KINDS:
        raise UserError(f"cannot add a {kind!r}; add one of: {', '.join(KINDS)}")
    if not rows:
        raise UserError("no rows to add")
    spec = KINDS[kind]
    target = target_file(root, kind, file)
    if not target.parent.is_dir():
        raise UserError(f"folder {target.parent} does not exist (is --data the data folder?)")
    old, new, line, text = _new_bytes(target, spec, rows)
    aside = target.with_name(f".{target.name}.adding-{os.getpid()}")
    try:
        aside.write_bytes(new)
        if target.exists():
            shutil.copymode(target, aside)
        _check(root, target, aside)
        current = target.read_bytes() if target.exists() else b""
        if current != old:
            raise UserError(f"{target} changed while the row was checked; nothing written, "
                            "try again")
        os.replace(aside, target)
    finally:
        aside.unlink(missing_ok=True)
    return Added(target, line, tuple(rows), text)

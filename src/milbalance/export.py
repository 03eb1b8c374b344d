"""The dataset as a Frictionless Data Package: every data file a CSV resource with its table
schema (from ``schema``, the one declaration of the columns), and the publications its rows
cite as the resource's sources, with their licences.

Rows are copied as validated, only normalised to the strict CSV a table schema expects (every
row as wide as its header, comment lines dropped, no BOM); the package is written beside the
target and renamed into place, so an interrupted export leaves no half-written folder.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from milbalance import __version__, schema
from milbalance.loader import data_files, load


def _spec_for(relative: str) -> schema.FileSpec | None:
    return next((s for s in schema.FILES if Path(relative).match(s.pattern)), None)


def _name(relative: str) -> str:
    """A resource name as the spec allows it: lower case, digits, '-', '_' and '.'."""
    return re.sub(r"[^a-z0-9._-]+", "-", relative.removesuffix(".csv").lower()).strip("-")


def _table_schema(spec: schema.FileSpec, header: list[str]) -> dict[str, Any]:
    columns = {c.name: c for c in spec.columns}
    fields = []
    for name in header:
        column = columns[name]
        field: dict[str, Any] = {"name": name, "type": column.type,
                                 "description": column.description}
        if column.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    out: dict[str, Any] = {"fields": fields}
    if "id" in header:
        out["primaryKey"] = ["id"]
    return out


def _header(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        for record in csv.reader(handle):
            if record and not record[0].lstrip().startswith("#"):
                return [h.strip() for h in record]
    return []


def _licence(text: str) -> dict[str, str]:
    return {"name": _name(text) or "unknown", "title": text}


def descriptor(data: Path) -> dict[str, Any]:
    """The datapackage.json for the data folder ``data`` (validated first: a dataset with
    problems is not exported)."""
    dataset = load(data)
    sources = dataset.sources
    resources = []
    for path in data_files(data):
        relative = path.relative_to(data).as_posix()
        spec = _spec_for(relative)
        if spec is None:
            continue
        header = _header(path)
        cited = _cited(path, header)
        resource: dict[str, Any] = {
            "name": _name(relative), "path": relative, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "description": spec.description,
            "schema": _table_schema(spec, header),
        }
        used = [sources[c] for c in sorted(cited) if c in sources]
        if used:
            resource["sources"] = [{"title": s.title, "path": s.url} for s in used]
            licences = sorted({s.licence for s in used if s.licence})
            if licences:
                resource["licenses"] = [_licence(t) for t in licences]
        resources.append(resource)
    return {
        "name": "milbalance-data",
        "title": "milbalance: sourced figures on the defence-industrial balance",
        "description": "Every data file of milbalance, validated, with the publications each "
                       "cites. Figures keep their claimant and source; gaps are absent rows.",
        "version": __version__,
        "profile": "tabular-data-package",
        "licenses": [{"name": "MIT", "title": "milbalance's own files (MIT); each resource "
                      "lists the terms of the publications it cites"}],
        "resources": resources,
    }


def _cited(path: Path, header: list[str]) -> set[str]:
    if "source" not in header:
        return set()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return {row["source"] for row in csv.DictReader(handle) if row.get("source")}


def _normalised_copy(source: Path, out: Path) -> None:
    with source.open(newline="", encoding="utf-8-sig") as handle, \
            out.open("w", newline="", encoding="utf-8") as sink:
        writer = csv.writer(sink, lineterminator="\n")
        width = 0
        for record in csv.reader(handle):
            if not any(cell.strip() for cell in record) or record[0].lstrip().startswith("#"):
                continue
            width = width or len(record)
            writer.writerow([cell.strip() for cell in record] + [""] * (width - len(record)))


def export(data: Path, target: Path) -> Path:
    """Write the package to the folder ``target`` (replaced if it holds an earlier export)."""
    package = descriptor(data)
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.export-", dir=target.parent))
    try:
        for resource in package["resources"]:
            out = staging / resource["path"]
            out.parent.mkdir(parents=True, exist_ok=True)
            _normalised_copy(data / resource["path"], out)
        (staging / "datapackage.json").write_text(
            json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        staging.replace(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target / "datapackage.json"

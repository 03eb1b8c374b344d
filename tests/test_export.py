"""`milbalance export`: the dataset as a Frictionless Data Package, checked by frictionless."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from milbalance.errors import DataError
from milbalance.export import export
from milbalance.loader import data_files
from tests.conftest import append_row, as_csv, first_row


def test_the_package_validates_and_holds_every_data_file(data_copy: Path, tmp_path: Path) -> None:
    from frictionless import validate

    path = export(data_copy, tmp_path / "package")
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    package = json.loads(path.read_text(encoding="utf-8"))
    files = {p.relative_to(data_copy).as_posix() for p in data_files(data_copy)}
    assert {r["path"] for r in package["resources"]} == files
    munitions = next(r for r in package["resources"] if r["path"].endswith("munitions.csv"))
    types = {f["name"]: f["type"] for f in munitions["schema"]["fields"]}
    assert (types["value"], types["entity"]) == ("number", "string")
    assert munitions["sources"] and all(s["path"] for s in munitions["sources"])


def test_a_dataset_with_problems_is_not_exported(data_copy: Path, tmp_path: Path) -> None:
    row = first_row(data_copy / "observations" / "munitions.csv")
    append_row(data_copy / "observations" / "munitions.csv", as_csv({**row, "entity": "XXX"}))
    with pytest.raises(DataError):
        export(data_copy, tmp_path / "package")
    assert not (tmp_path / "package").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # no half-written package


def test_an_export_replaces_an_earlier_one(data_copy: Path, tmp_path: Path) -> None:
    export(data_copy, tmp_path / "package")
    (tmp_path / "package" / "stray.csv").write_text("x\n", encoding="utf-8")
    export(data_copy, tmp_path / "package")
    assert not (tmp_path / "package" / "stray.csv").exists()

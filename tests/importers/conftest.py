"""Shared fixtures: the publishers' real workbooks (skipped where absent) and a tmp data/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
_CANDIDATES = (REPO.parent / "shared" / "datasets", Path("/work/shared/datasets"))
DATASETS = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])

SIPRI = DATASETS / "SIPRI-Milex-data-1949-2024_2.xlsx"
SIPRI_ORIGINAL = DATASETS / "sipri-original" / "SIPRI-Milex-data-1949-2024_2.xlsx"
NATO = DATASETS / "240617-def-exp-2024-TABLES-en.xlsx"
OMB = DATASETS / "OMB-hist03z1-FY2024.xlsx"
CBO = DATASETS / "CBO-51134-2025-01-Historical-Budget-Data.xlsx"


def need(path: Path) -> Path:
    """Skip the test, saying why, when a publisher's workbook is not checked out beside us."""
    if not path.is_file():
        pytest.skip(f"{path} not found: the publishers' workbooks live in ../shared/datasets "
                    "(not in this repository)")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of the repository's data/, so tests never modify it."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def read_rows(path: Path) -> list[dict[str, str]]:
    import csv

    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def find(rows: list[dict[str, str]], entity: str, metric: str, period: str) -> dict[str, str]:
    hits = [r for r in rows if (r["entity"], r["metric"], r["period"]) == (entity, metric, period)]
    if len(hits) != 1:
        raise LookupError(f"{len(hits)} rows for {entity} {metric} {period}")
    return hits[0]

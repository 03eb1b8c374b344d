"""A small store built from real rows: reference tables copied from data/, observations from
tests/engine/fixtures (each row copied from data/ or from the SIPRI workbook, with its source),
so that tests do not move when teammates add rows to data/."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from milbalance.store import Store

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
settings.register_profile("engine", deadline=None, max_examples=50)
settings.load_profile("engine")

REFERENCE = ("units.csv", "metrics.csv", "countries.csv", "blocs.csv", "memberships.csv",
             "companies.csv", "facilities.csv")


def make_data(folder: Path, observations: Path = FIXTURES / "observations.csv") -> Path:
    """A data folder: data/'s reference tables, data/'s sources plus the fixtures' sources."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in REFERENCE:
        if (ROOT / "data" / name).exists():
            shutil.copy(ROOT / "data" / name, folder / name)
    with open(ROOT / "data" / "sources.csv", newline="") as f:
        sources = list(csv.DictReader(f))
    have = {s["id"] for s in sources}
    with open(FIXTURES / "sources.csv", newline="") as f:
        sources += [s for s in csv.DictReader(f) if s["id"] not in have]
    with open(folder / "sources.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(sources[0]))
        writer.writeheader()
        writer.writerows(sources)
    (folder / "observations").mkdir(exist_ok=True)
    shutil.copy(observations, folder / "observations" / "fixture.csv")
    return folder


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_data(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def store(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = Store.open(data=data_dir, path=tmp_path_factory.mktemp("store") / "s.duckdb")
    yield s
    s.close()

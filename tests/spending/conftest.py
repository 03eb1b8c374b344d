"""Fixtures: the store built from the repository's data/ (figures are read, never copied)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from milbalance.spending.derive import Lookup
from milbalance.store import ObservationRow, Store

SIPRI = "sipri-milex-2025"


@pytest.fixture(scope="session")
def store() -> Iterator[Store]:
    with Store.open() as s:
        yield s


@pytest.fixture()
def lookup(store: Store) -> Lookup:
    return Lookup(store)


def one(store: Store, entity: str, metric: str, year: int, source: str = SIPRI) -> ObservationRow:
    """The single row of a figure, or skip the test naming the data gap."""
    rows = [r for r in store.observations(entity, metric, start_year=year, end_year=year,
                                          source=source) if r.value is not None]
    if len(rows) != 1:
        pytest.skip(f"data gap: {entity} {metric} {year} from {source} ({len(rows)} rows)")
    return rows[0]

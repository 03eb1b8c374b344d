"""A store built once per module from the repository's data/, and a parser over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from milbalance.claims import Checker, Gazetteer, Parser
from milbalance.store import Store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def real_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(REPO / "data", tmp_path_factory.mktemp("claims") / "store.duckdb") as s:
        yield s


@pytest.fixture(scope="session")
def gazetteer(real_store: Store) -> Gazetteer:
    return Gazetteer.from_data(real_store.entities(), real_store.metrics())


@pytest.fixture(scope="session")
def parser(gazetteer: Gazetteer) -> Parser:
    return Parser(gazetteer)


@pytest.fixture(scope="session")
def checker(real_store: Store) -> Checker:
    return Checker(real_store)


ACCURACY_LINES: list[str] = []
"""Accuracy summaries the claim-set tests add; printed at the end of every pytest run."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if ACCURACY_LINES:
        terminalreporter.section("claim test set accuracy")
        for line in ACCURACY_LINES:
            terminalreporter.write_line(line)

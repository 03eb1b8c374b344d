"""CLI tests share one store built from the repository's data/ (read-only commands), so the
store is built once per session, not once per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.fixture(scope="session")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-store") / "store.duckdb"


@pytest.fixture(autouse=True)
def _store(shared_store: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MILBALANCE_STORE", str(shared_store))
    yield


class Cli:
    """``cli("series", "RUS", …)`` → (exit code, stdout, stderr)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]):
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        return run_cli(list(args), self.capsys)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)

"""Serving: several workers build the app from the environment and warm themselves; claim
checks are cached (a check is a pure function of the data, the text and the date)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from milbalance.cli import app as cli_app
from milbalance.store import Store
from milbalance.web.app import WARM_TEXT, app_from_environment
from milbalance.web.claims_view import _checked, check_claim
from tests.web.conftest import REPO_DATA


def test_checks_are_cached(store_factory: Callable[[], Store]) -> None:
    with store_factory() as store:
        text = "Russia produced about 2 million shells in 2023."
        first = check_claim(store, text)
        assert check_claim(store, text) is first
        assert check_claim(store, text + " ") is not first  # another text, another key


def test_app_from_environment_warms(monkeypatch: pytest.MonkeyPatch, store_path: Path) -> None:
    monkeypatch.setenv("MILBALANCE_DATA", str(REPO_DATA))
    monkeypatch.setenv("MILBALANCE_STORE", str(store_path))
    before = _checked.cache_info().misses + _checked.cache_info().hits
    with TestClient(app_from_environment()) as client:  # runs the lifespan: the warm-up
        assert _checked.cache_info().misses + _checked.cache_info().hits > before
        r = client.post("/api/check", json={"text": WARM_TEXT})
        assert r.status_code == 200


def test_serve_help_lists_workers() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--workers" in result.output

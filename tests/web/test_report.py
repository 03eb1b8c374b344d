"""The HTML report is self-contained and the CLI writes it with a summary."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from milbalance.cli import app as cli_app
from milbalance.store import Store
from milbalance.web.report import build_report

REPO_DATA = Path(__file__).resolve().parents[2] / "data"

# Anything that would make a browser fetch: src/srcset/poster/data attributes, stylesheets or
# other <link>s, CSS url() or @import with a scheme, scripts, frames, objects.
LOADS = re.compile(
    r"""(?:\b(?:src|srcset|poster|data|action|formaction)\s*=\s*["']?\s*(?!data:|#)[^"'\s>]+"""
    r"""|<link\b|url\(\s*["']?\s*(?!data:|#)|@import|<script\b|<iframe\b|<object\b|<embed\b)""",
    re.IGNORECASE)


def external_loads(html: str) -> list[str]:
    return [m.group(0) for m in LOADS.finditer(html)]


def test_detector_finds_loads() -> None:
    assert external_loads('<img src="https://x/y.png">')
    assert external_loads('<link rel="stylesheet" href="/a.css">')
    assert external_loads("<style>a{background:url(http://x)}</style>")
    assert not external_loads('<img src="data:image/png;base64,AAAA"><a href="https://x">x</a>')


def test_report_is_self_contained(store_factory: Callable[[], Store]) -> None:
    with store_factory() as store:
        report = build_report(store, start=2020, end=2025)
    assert report.html.startswith("<!doctype html>")
    assert external_loads(report.html) == []
    assert "<svg" in report.html and "<style>" in report.html
    assert "default-src 'none'" in report.html  # its own CSP forbids any load
    assert "Licence/terms" in report.html
    assert report.summary and any("military_expenditure" in line for line in report.summary)


def test_cli_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_path: Path) -> None:
    monkeypatch.setenv("MILBALANCE_STORE", str(store_path))
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli_app, ["--data", str(REPO_DATA), "report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "report written to" in result.output
    assert external_loads(out.read_text(encoding="utf-8")) == []


def test_cli_help_lists_serve_defaults() -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "127.0.0.1" in result.output

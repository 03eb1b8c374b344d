"""The HTML report is self-contained and the CLI writes it with a summary."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from milbalance.cli import app as cli_app
from milbalance.store import Store
from milbalance.web.report import build_report, inline_svg

REPO_DATA = Path(__file__).resolve().parents[2] / "data"

LOADING_ATTRS = {"src", "srcset", "poster", "data", "action", "formaction", "background"}
LOADING_TAGS = {"link", "script", "iframe", "object", "embed", "base"}
CSS_LOAD = re.compile(r"url\(\s*[\"']?\s*(?!data:|#)|@import", re.IGNORECASE)


class _Loads(HTMLParser):
    """Collects what in a page would make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in LOADING_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name in LOADING_ATTRS and value and not value.startswith(("data:", "#")):
                self.found.append(f"{tag} {name}={value}")
            if name == "style" and value and CSS_LOAD.search(value):
                self.found.append(f"{tag} style={value}")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and CSS_LOAD.search(data):
            self.found.append(f"css: {CSS_LOAD.search(data)}")


def external_loads(html: str) -> list[str]:
    parser = _Loads()
    parser.feed(html)
    parser.close()
    return parser.found


def test_detector_finds_loads() -> None:
    assert external_loads('<img src="https://x/y.png">')
    assert external_loads('<link rel="stylesheet" href="/a.css">')
    assert external_loads("<style>a{background:url(http://x)}</style>")
    assert not external_loads('<img src="data:image/png;base64,AAAA"><a href="https://x">x</a>')
    assert not external_loads("<p>&lt;img src=x&gt;</p>")


def test_report_is_self_contained(store_factory: Callable[[], Store]) -> None:
    with store_factory() as store:
        report = build_report(store, start=2020, end=2025)
    assert report.html.startswith("<!doctype html>")
    assert external_loads(report.html) == []
    assert "<svg" in report.html and "<style>" in report.html
    assert "default-src 'none'" in report.html  # its own CSP forbids any load
    assert "Licence/terms" in report.html
    assert report.summary and any("military_expenditure" in line for line in report.summary)
    assert 'id="capacity-NATO-RUS"' in report.html  # the production projection
    assert any(line.startswith("capacity NATO vs RUS") for line in report.summary)
    assert 'id="spending-comparison"' in report.html  # the spending library's chart
    assert any(line.startswith("spending NATO vs RUS") for line in report.summary)
    assert "<?xml" not in report.html and "<metadata>" not in report.html


def test_inline_svg_strips_prolog_and_metadata() -> None:
    text = ('<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "http://w/svg11.dtd">\n'
            '<svg><metadata><rdf:RDF xmlns:cc="http://creativecommons.org/ns#"/></metadata>'
            '<path d="M0 0"/></svg>')
    assert inline_svg(text) == '<svg><path d="M0 0"/></svg>'


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


def test_report_with_article(store_factory: Callable[[], Store]) -> None:
    article = Path(__file__).resolve().parents[2] / "examples/articles/rutte-ammunition-gap.md"
    if not article.exists():
        pytest.skip("the example article is not in this checkout")
    text = article.read_text(encoding="utf-8") + "\n<script>alert(1)</script> <img src=x>"
    with store_factory() as store:
        report = build_report(store, text, article.name, start=2022, end=2025)
    assert external_loads(report.html) == []
    assert 'class="claim ' in report.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report.html
    assert any("claim(s) checked" in line for line in report.summary)


def test_cli_report_reads_an_example_article_at_its_own_date(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_path: Path) -> None:
    """'Now' in the seed article (2025-11-14) is 2025, not the day the report is written:
    the central claim is answered from the 2025 bases, not left not checkable."""
    article = Path(__file__).resolve().parents[2] / "examples/articles/ammunition-balance-2025.md"
    if not article.exists():
        pytest.skip("the seed article is not in this checkout")
    monkeypatch.setenv("MILBALANCE_STORE", str(store_path))
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli_app, ["--data", str(REPO_DATA), "report", "--out", str(out),
                                          "--article", str(article)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "[comparison]" in line]
    assert lines and not any(line.strip().startswith("not_checkable") for line in lines)

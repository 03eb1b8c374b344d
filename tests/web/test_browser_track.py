"""Headless Chromium (Debian's) on the track-record page: a claims file chosen in the form
gives the table, one grouping at a time in tabs, and a wrong file the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                "(apt-get install chromium; .ci/run does)")


def test_an_uploaded_claims_file_shows_its_track_record(
        page: Any, claims_files: dict[str, Path], tmp_path: Path) -> None:
    page.goto("/track-record")
    page.set_input_files("#claims-file", str(claims_files["parquet"]))
    page.select_option("#track-by", "outlet")
    page.click("#track-submit")
    table = page.locator("#track-outlet")
    table.wait_for()
    assert table.is_visible() and table.locator("tbody.claimant").count() >= 3
    assert table.locator("tr.total").first.locator("td").first.inner_text().strip() in {
        "Wire", "Daily", "Weekly"}
    assert not page.locator("#track-speaker").is_visible()  # one grouping at a time
    assert page.locator("#by-outlet figure.chart svg").count() == 2
    page.click("#tab-speaker")
    assert page.locator("#track-speaker").is_visible()
    assert not page.locator("#track-outlet").is_visible()
    assert page.url.endswith("#by-speaker")
    assert "checkable" in page.locator("#track-summary").inner_text()
    page.screenshot(path=str(tmp_path / "track-record.png"), full_page=True)
    assert page.problems == []

    page.goto("/track-record")
    bad = tmp_path / "articles.jsonl"
    bad.write_text('{"id": "a", "text": "Russia spent 6% of GDP."}\n', encoding="utf-8")
    page.set_input_files("#claims-file", str(bad))
    page.click("#track-submit")
    alert = page.locator("p.error[role=alert]")
    alert.wait_for()
    assert "read them first" in alert.inner_text()
    assert page.locator("#track-form").is_visible()  # to choose another file
    assert [p for p in page.problems if "status of 400" not in p] == []  # the page's own 400

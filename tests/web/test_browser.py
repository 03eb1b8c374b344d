"""Headless Chromium (Debian's, /usr/bin/chromium) driven by Playwright against a live server.

Loads every page, uses Explore, takes screenshots into tmp_path, and proves that pasted HTML
renders as text. Skipped only where /usr/bin/chromium is absent (CI installs it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                "(apt-get install chromium; .ci/run does)")

PAGES = ["/", "/check", "/read", "/explore", "/sources", "/api", "/methodology"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads(page: Any, path: str, tmp_path: Path) -> None:
    response = page.goto(path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.is_visible()
    assert page.locator("footer").inner_text()
    page.screenshot(path=str(tmp_path / f"{path.strip('/') or 'overview'}.png"), full_page=True)
    assert page.problems == []


def test_overview_shows_charts_and_timeline(page: Any) -> None:
    page.goto("/")
    assert page.locator("figure.chart svg").count() == 5  # 3 engine panels, 2 capacity pairs
    assert page.locator("#timeline li").count() > 0
    capacity = page.locator("#capacity-NATO-RUS")
    assert capacity.locator("tbody tr").count() == 9  # 2022–2030
    capacity.locator("summary", has_text="Assumptions").click()
    assert capacity.locator("ul.assumptions li").first.is_visible()


def test_explore(page: Any, tmp_path: Path) -> None:
    page.goto("/explore")
    page.wait_for_load_state("networkidle")
    page.select_option("#entity", "RUS")
    # the script marks the metrics that have figures for the chosen entity
    marked = page.locator("#metric option", has_text="● military_expenditure.usd_current")
    marked.wait_for(state="attached")
    page.select_option("#metric", "military_expenditure.usd_current")
    page.fill("#start", "2014")
    page.click("#show")
    page.wait_for_load_state("networkidle")
    assert "entity=RUS" in page.url
    assert page.locator("#result figure.chart svg circle").count() > 0
    assert page.locator("table.obs tbody tr").count() > 0
    assert "Licence/terms" in page.locator("#result").inner_text()
    with page.expect_download() as info:
        page.click("#dl-csv")
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8").startswith("entity,metric,period")
    page.screenshot(path=str(tmp_path / "explore-result.png"), full_page=True)
    assert page.problems == []


def test_explore_gap_is_said(page: Any) -> None:
    page.goto("/explore?entity=RUS&metric=military_expenditure.usd_current&start=1900&end=1901")
    assert "not a zero" in page.locator("#gap").inner_text()


def test_pasted_html_renders_as_text(page: Any, tmp_path: Path) -> None:
    evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    page.goto("/explore")
    page.evaluate("""(value) => {
        const select = document.getElementById('entity');
        const option = new Option(value, value);
        select.add(option);
        select.value = value;
        document.getElementById('metric').value = 'military_expenditure.usd_current';
    }""", evil)
    page.click("#show")
    page.wait_for_load_state("networkidle")
    error = page.locator(".error")
    assert evil in error.inner_text()  # shown as the characters typed
    assert page.locator("main img").count() == 0
    assert page.locator("main script").count() == 0
    page.screenshot(path=str(tmp_path / "escaped.png"))
    assert not [p for p in page.problems if p.startswith(("dialog", "page error"))]


def test_check_a_claim(page: Any, tmp_path: Path) -> None:
    page.goto("/check")
    page.fill("#claim-text", "Russia allocated 13.5 trillion rubles ($151 billion) to defense "
              "in 2024, about 6.3% of GDP")
    page.click("#check")
    page.wait_for_load_state("networkidle")
    cards = page.locator("#verdicts article.verdict")
    assert cards.count() > 0
    assert page.locator("#verdicts .label").first.inner_text().strip()
    assert "Licence/terms" in page.locator("#verdicts").inner_text()
    page.screenshot(path=str(tmp_path / "check.png"), full_page=True)
    assert page.problems == []


def test_read_an_article(page: Any, tmp_path: Path) -> None:
    article = Path(__file__).resolve().parents[2] / "examples/articles/rutte-ammunition-gap.md"
    if not article.exists():
        pytest.skip("the example article is not in this checkout")
    evil = "\n<script>alert(3)</script><img src=x onerror=alert(4)> Russia spent 13.5 " \
           "trillion rubles on defense in 2024."
    page.goto("/read")
    page.fill("#article-input", article.read_text(encoding="utf-8") + evil)
    page.click("#read")
    page.wait_for_load_state("networkidle")
    marks = page.locator("mark.claim")
    assert marks.count() > 0
    marks.first.click()
    first = marks.first.get_attribute("data-claim")
    assert page.locator(f"#claim-{first}").is_visible()
    hidden = page.locator(".claim-details[hidden]").count()
    assert hidden == page.locator(".claim-details").count() - 1
    text = page.locator("#article-text").inner_text()
    assert "<script>alert(3)</script>" in text  # the pasted HTML is shown as text
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.screenshot(path=str(tmp_path / "read.png"), full_page=True)
    assert not [p for p in page.problems if p.startswith(("dialog", "page error"))]

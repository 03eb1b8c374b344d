"""Headless Chromium (Debian's) on the Overview headline, the check page and the share links.

A result is reached by typing, then by its link in a fresh browser context (as someone the
link was sent to would open it), and must show the same verdicts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import CHROMIUM

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed at /usr/bin/chromium "
                                "(apt-get install chromium; .ci/run does)")

LABELS = {"supported", "refuted", "contested", "not checkable"}


def test_overview_opens_with_the_headline_answer(page: Any, tmp_path: Path) -> None:
    page.goto("/")
    headline = page.locator("#headline")
    assert headline.is_visible()
    top = headline.bounding_box()
    chart = page.locator("figure.chart svg").first.bounding_box()
    assert top["y"] < chart["y"]  # the answer comes before the charts
    assert "Is NATO outproducing Russia in artillery shells?" in headline.inner_text()
    assert page.locator("#headline-verdict").inner_text().strip().lower() in LABELS
    assert len(page.locator("#headline-sentence").inner_text()) > 40
    assert page.locator("#headline-bases tbody tr").count() == 5
    for p in page.locator("#headline-bases td.prob").all_inner_texts():
        assert p.strip() == "–" or 0 <= float(p.strip(" ≤≥")) <= 1
    # charts: titled in words and drawn across the page
    titles = page.locator("section.panel h2").all_inner_texts()
    assert "Artillery shells produced per year" in titles
    assert chart["width"] > 0.8 * page.viewport_size["width"] - 100
    page.screenshot(path=str(tmp_path / "overview-headline.png"))
    # the headline's claim link opens its verdict page
    page.click("#headline-check")
    page.wait_for_load_state("networkidle")
    assert "/check?text=" in page.url
    assert page.locator("#verdicts article.verdict").count() > 0
    assert page.problems == []


def test_check_page_example_placeholder_and_folded_details(page: Any, tmp_path: Path) -> None:
    page.goto("/check")
    assert page.get_attribute("#claim-text", "placeholder").startswith("e.g. ")
    page.locator("a.example").first.click()
    page.wait_for_load_state("networkidle")
    card = page.locator("#verdicts article.verdict").first
    assert card.locator(".label").inner_text().strip().lower() in LABELS
    assert card.locator(".reading").is_visible()
    details = card.locator("details")
    if details.count():
        assert not details.first.evaluate("d => d.open")
        details.first.locator("summary").click()
        assert details.first.evaluate("d => d.open")
    page.screenshot(path=str(tmp_path / "check-example.png"), full_page=True)
    assert page.problems == []


def _verdicts(page: Any) -> list[str]:
    return [t.strip() for t in page.locator("article.verdict .label").all_inner_texts()]


def test_share_link_round_trip_for_a_check(page: Any, browser: Any, live_server: str) -> None:
    page.goto("/check")
    page.fill("#claim-text", "Russia spent 6.3% of GDP on defense in 2024.")
    page.fill("#claim-date", "2025-03-01")
    page.click("#check")
    page.wait_for_load_state("networkidle")
    assert "text=Russia" in page.url and "date=2025-03-01" in page.url
    shared = page.input_value("#share-url")
    assert shared == page.url
    first = _verdicts(page)
    assert first
    other = browser.new_context()  # someone else opens the link
    try:
        opened = other.new_page()
        opened.goto(shared)
        assert _verdicts(opened) == first
        assert opened.input_value("#claim-text") == "Russia spent 6.3% of GDP on defense in 2024."
    finally:
        other.close()
    assert page.problems == []


def test_share_link_round_trip_for_a_pasted_article(page: Any) -> None:
    article = ("# Budget\n\nRussia spent 6.3% of GDP on defense in 2024. "
               "<script>alert(1)</script>\n")
    page.goto("/read")
    assert page.get_attribute("#article-input", "placeholder")
    page.fill("#article-input", article)
    page.click("#read")
    page.wait_for_load_state("networkidle")
    assert page.locator("#article-text h1").inner_text() == "Budget"  # Markdown rendered
    assert "<script>alert(1)</script>" in page.locator("#article-text").inner_text()
    marks = page.locator("#article-text mark.claim").count()
    assert marks > 0
    href = page.get_attribute("#share-link", "href")
    page.goto(href)
    assert page.locator("#article-text mark.claim").count() == marks
    assert page.input_value("#article-input").strip() == article.strip()
    assert not [p for p in page.problems if p.startswith(("dialog", "page error"))]


def test_methodology_from_the_footer(page: Any) -> None:
    page.goto("/sources")
    page.click("#methodology-link")
    assert page.url.endswith("/methodology")
    assert page.locator("#methodology h1").first.is_visible()
    assert page.locator("#methodology table").count() > 0
    assert page.problems == []

"""Results at GET addresses (share links), the Overview's headline, Markdown made safe.

TestClient against the app over the repository's data; the browser round trips are in
test_browser_share.py.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Any
from urllib.parse import urlencode

import pytest

from milbalance.web import limits
from milbalance.web.charts import Band, bands_svg
from milbalance.web.claims_view import Segment, compact_gaps
from milbalance.web.markup import article_html, render
from milbalance.web.text_pages import SHARE_URL_MAX, share_link

Client = Any
CLAIM = "Russia spent 6.3% of GDP on defense in 2024."


def _share(html: str) -> str:
    found = re.search(r'id="share-link"[^>]*>|href="([^"]+)" id="share-link"', html)
    assert found is not None, "no share link on the page"
    return unescape(found.group(1))


def test_get_check_returns_the_verdict_page(client: Client) -> None:
    url = "/check?" + urlencode({"text": CLAIM, "date": "2025-03-01"})
    r = client.get(url)
    assert r.status_code == 200
    assert 'class="verdict' in r.text and 'id="verdicts"' in r.text
    assert "Read as:" in r.text
    assert _share(r.text) == url  # the link is the page's own address
    assert client.post("/check", data={"text": CLAIM, "date": "2025-03-01"}).text.count(
        'class="verdict') == r.text.count('class="verdict')


def test_check_form_has_an_example_and_links(client: Client) -> None:
    r = client.get("/check")
    assert r.status_code == 200
    assert re.search(r'<textarea[^>]*placeholder="e\.g\. [^"]+"', r.text)
    assert 'method="get" action="/check"' in r.text
    examples = re.findall(r'class="example" href="(/check\?text=[^"]+)"', r.text)
    assert examples
    assert client.get(unescape(examples[0])).status_code == 200
    assert 'id="share-link"' not in r.text


@pytest.mark.parametrize(("url", "status"), [
    ("/check?text=", 400),
    ("/check?text=%20%20", 400),
    ("/check?" + urlencode({"text": "x" * (limits.CLAIM_TEXT_MAX + 1)}), 400),
    ("/check?" + urlencode({"text": CLAIM, "date": "yesterday"}), 400),
    ("/read?text=", 400),
    ("/read?example=no-such-article", 400),
])
def test_bad_share_urls_say_why(client: Client, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert 'class="error"' in r.text


def test_get_read_returns_the_article_page(client: Client) -> None:
    text = f"# Budget\n\nThe Kremlin's plans are large. {CLAIM}"
    url = "/read?" + urlencode({"text": text})
    r = client.get(url)
    assert r.status_code == 200
    assert "<h1>Budget</h1>" in r.text  # the article's Markdown, rendered
    assert re.search(r'<mark class="claim [a-z-]+" data-claim="0"', r.text)
    assert _share(r.text) == url
    posted = client.post("/read", data={"text": text})
    assert _share(posted.text) == url


def test_a_long_article_has_no_link_and_says_why(client: Client) -> None:
    text = "Nothing to check here. " * (SHARE_URL_MAX // 20)
    r = client.post("/read", data={"text": text})
    assert r.status_code == 200
    assert 'id="share-link"' not in r.text
    assert "too long for a link" in r.text
    assert share_link("/read", text, "") == ""


def test_example_articles_read_by_name(client: Client) -> None:
    form = client.get("/read").text
    names = re.findall(r'href="/read\?example=([^"]+)"', form)
    if not names:
        pytest.skip("no example articles in this checkout")
    r = client.get(f"/read?example={names[0]}")
    assert r.status_code == 200
    assert _share(r.text).startswith(f"/read?example={names[0]}")  # with its date, if known
    assert client.get(_share(r.text)).status_code == 200


EVIL = ("<script>alert(1)</script> <img src=x onerror=alert(2)> **bold** "
        "[click](javascript:alert(3)) ![pic](http://example.org/x.png) "
        '<a href="http://example.org">raw</a> ' + CLAIM)


def test_article_markdown_is_sanitised(client: Client) -> None:
    r = client.get("/read?" + urlencode({"text": EVIL}))
    assert r.status_code == 200
    body = r.text[r.text.index('id="article-text"'):r.text.index("<h3>Verdicts")]
    assert "<strong>bold</strong>" in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    tags = re.findall(r"<[a-z][^>]*>", body)
    assert {re.match(r"<([a-z]+)", t).group(1) for t in tags} <= {  # type: ignore[union-attr]
        "p", "strong", "a", "mark"}
    assert not [t for t in tags if "onerror" in t or "javascript:" in t or "src=" in t]
    assert '&lt;a href="http://example.org"&gt;raw&lt;/a&gt;' in body  # raw HTML stays text


def test_markdown_render_unit() -> None:
    html = render("# T\n\n<b>x</b> ``a `b` c`` [y](https://e.org) | a |\n|---|\n| 1 |")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<code>a `b` c</code>" in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_markdown_keeps_the_csp() -> None:
    html = render("| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n<p style='color:red'>x</p>")
    assert "style=" not in html.replace("&lt;p style=", "")  # no inline style attribute
    assert 'class="align-right"' in html and 'class="align-center"' in html


def test_claim_marks_stay_well_nested() -> None:
    segments = [Segment("Intro.\n\n- "), Segment("Russia made **2 million** shells.", 0,
                                                    "supported"), Segment("\n- Other.")]
    html = str(article_html(segments))
    assert "<li><mark" in html  # the mark starts after the list marker: the list holds
    assert html.count('data-claim="0"') == 3  # split around <strong>, not across it
    assert html.count('tabindex="0"') == 1
    assert re.search(r"<strong><mark[^>]*>2 million</mark></strong>", html)
    assert "\ue000" not in html and "\ue100" not in html


def test_gaps_are_listed_once_and_compactly() -> None:
    gaps = [f"gap: {m} (NATO) artillery_shells.output 2025: no-observation"
            for m in ("ALB", "CAN", "ALB", "GBR")] + ["gap: gap: something else"]
    assert compact_gaps(gaps) == [
        "NATO: 3 without an artillery_shells.output figure for 2025: ALB, CAN, GBR",
        "something else"]


def test_verdict_card_folds_the_details(client: Client) -> None:
    r = client.get("/check?" + urlencode({"text": CLAIM}))
    card = r.text[r.text.index('<article class="verdict'):]
    card = card[:card.index("</article>")]
    assert card.index("Read as:") < card.index('class="claim-text"')
    assert "<details" in card and "<details open" not in card
    assert "gap: gap:" not in r.text


def test_overview_opens_with_the_headline(client: Client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    head = r.text.index('id="headline"')
    assert head < r.text.index('<figure class="chart')
    section = r.text[head:r.text.index("</section>", head)]
    assert "Is NATO outproducing Russia in artillery shells?" in section
    assert re.search(r'id="headline-verdict">(supported|refuted|contested|not checkable)<',
                      section)
    assert len(re.findall(r'<tr data-basis="', section)) == 5
    assert re.findall(r'class="num prob">[≤≥ ]*\d\.\d\d<', section)
    titles = re.findall(r"<h2>([^<]+)</h2>", r.text)
    assert "Artillery shells produced per year" in titles
    assert not [t for t in titles if "." in t and "_" in t]  # no metric ids as titles


def test_partial_totals_are_drawn_apart() -> None:
    band = Band("NATO", [(2023, 90, 100, 110), (2024, 95, 105, 115), (2025, 20, 30, 40)],
                frozenset({2025}), frozenset({2025}))
    svg = bands_svg([band], "USD", "Spending (US$)")
    line = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(line) == 1 and len(line[0].split()) == 2  # 2025 is not joined
    assert 'stroke-dasharray="3 2"' in svg and ">partial<" in svg
    assert "not a fall" in svg


def test_api_page_renders_docstrings(client: Client) -> None:
    r = client.get("/api")
    assert "``" not in r.text
    assert "<code>" in r.text


def test_methodology_is_served_and_linked(client: Client) -> None:
    r = client.get("/methodology")
    assert r.status_code == 200
    assert "<h1>" in r.text and "<table>" in r.text
    assert 'href="/methodology"' in client.get("/check").text


def test_api_check_by_get_matches_post(client: Client) -> None:
    got = client.get("/api/check", params={"text": CLAIM, "date": "2025-03-01"})
    posted = client.post("/api/check", json={"text": CLAIM, "date": "2025-03-01"})
    assert got.status_code == posted.status_code == 200
    assert got.json() == posted.json()
    assert client.get("/api/check").status_code == 422
    assert client.get("/api/check", params={"text": "x" * (limits.CLAIM_TEXT_MAX + 1)}
                      ).status_code == 422


def test_api_headline(client: Client) -> None:
    body = client.get("/api/headline").json()
    assert body["question"].startswith("Is NATO outproducing")
    assert body["verdict"] in {"supported", "refuted", "contested", "not checkable"}
    assert len(body["bases"]) == 5 and body["headline"]

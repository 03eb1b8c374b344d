"""The JSON API and the pages through FastAPI's TestClient: answers, limits, safety."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from milbalance.web import limits

Client = Any  # fastapi.testclient.TestClient


def test_health_is_trivial(client: Client) -> None:
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["ok"] is True


@pytest.mark.parametrize("path", ["/api/entities", "/api/metrics", "/api/sources",
                                  "/api/statements", "/api/coverage", "/api/limits"])
def test_lists(client: Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.json()


def test_entity_by_alias(client: Client) -> None:
    assert client.get("/api/entities/Moscow").json()["id"] == "RUS"


def test_series_matches_store(client: Client, store_factory: Any) -> None:
    r = client.get("/api/series", params={"entity": "Russia",
                                           "metric": "military_expenditure.usd_current"})
    assert r.status_code == 200
    body = r.json()
    with store_factory() as store:
        rows = store.observations("RUS", "military_expenditure.usd_current")
    assert len(body["observations"]) == len(rows) > 0
    assert {o["source"] for o in body["observations"]} == {s["id"] for s in body["sources"]}
    assert all(s["url"] for s in body["sources"])


def test_series_csv_has_source_and_licence(client: Client) -> None:
    r = client.get("/api/series.csv", params={"entity": "RUS",
                                               "metric": "military_expenditure.usd_current"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(row["source"] and row["source_url"] for row in rows)
    assert "source_licence" in rows[0]


def test_series_svg(client: Client) -> None:
    r = client.get("/api/series.svg", params={"entity": "RUS",
                                               "metric": "military_expenditure.usd_current"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.startswith("<svg") and "<script" not in r.text


def test_gap_is_empty_not_zero(client: Client) -> None:
    r = client.get("/api/series", params={"entity": "RUS", "metric": "military_expenditure"
                                          ".usd_current", "start": 1900, "end": 1901})
    assert r.status_code == 200
    assert r.json()["observations"] == []


@pytest.mark.parametrize(("params", "status"), [
    ({"entity": "Atlantis", "metric": "military_expenditure.usd_current"}, 404),
    ({"entity": "RUS", "metric": "no_such_metric"}, 404),
    ({"entity": "RUS", "metric": "military_expenditure.usd_current", "start": 1066}, 422),
    ({"entity": "RUS", "metric": "military_expenditure.usd_current", "end": 99999}, 422),
    ({"entity": "RUS", "metric": "military_expenditure.usd_current",
      "claimant_type": "astrologer"}, 422),
    ({"entity": "x" * (limits.NAME_MAX + 1), "metric": "gdp"}, 422),
    ({"metric": "gdp"}, 422),
])
def test_bad_input_is_a_4xx_json_error(client: Client, params: dict[str, Any],
                                       status: int) -> None:
    r = client.get("/api/series", params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]


def test_unknown_name_suggests(client: Client) -> None:
    r = client.get("/api/series", params={"entity": "Rusia",
                                          "metric": "military_expenditure.usd_current"})
    assert r.status_code == 404
    assert "RUS" in r.json()["suggestions"]


def test_overview(client: Client) -> None:
    r = client.get("/api/overview", params={"start": 2022, "end": 2024, "samples": 2000})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [p["metric"] for p in body["panels"]] == ["artillery_shells.output",
                                                     "artillery_shells.capacity",
                                                     "military_expenditure.usd_current"]
    for panel in body["panels"]:
        for side in panel["sides"]:
            years = [int(e["period"]) for e in side["estimates"]] + side["missing_years"]
            assert sorted(years) == [2022, 2023, 2024]
            for e in side["estimates"]:
                q = e["quantiles"]
                assert q["p5"] <= q["p50"] <= q["p95"]
    assert body["statements"]


@pytest.mark.parametrize("params", [{"samples": limits.SAMPLES_MAX + 1}, {"samples": 1},
                                    {"start": limits.YEAR_MIN - 1}, {"seed": -1}])
def test_overview_limits(client: Client, params: dict[str, Any]) -> None:
    r = client.get("/api/overview", params=params)
    assert 400 <= r.status_code < 500
    assert r.json()["error"]


def test_security_headers(client: Client) -> None:
    for path in ("/", "/explore", "/api/health", "/static/app.css", "/no-such-page"):
        h = client.get(path).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp or path == "/api/series.svg"
        assert "frame-ancestors 'none'" in csp
        assert "'unsafe-inline'" not in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"


def test_no_cdn_docs_and_schema_served(client: Client) -> None:
    assert client.get("/docs").status_code == 404
    schema = client.get("/api/openapi.json").json()
    assert "/api/series" in schema["paths"]
    for path, item in schema["paths"].items():
        assert set(item) <= {"get", "post"}, "no endpoint writes data"
        if "post" in item:  # computations on the text or file sent, nothing stored
            assert path in ("/api/check", "/api/read", "/api/track-record")


def test_body_limit(client: Client) -> None:
    r = client.post("/api/health", content=b"x" * (limits.BODY_BYTES_MAX + 1))
    assert r.status_code == 413
    assert r.json()["error"]


def test_chunked_body_over_the_limit_is_413(client: Client) -> None:
    def chunks() -> Iterator[bytes]:  # no content-length: the client streams the body
        for _ in range(limits.BODY_BYTES_MAX // 65_536 + 2):
            yield b"x" * 65_536

    r = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert set(r.json()) == {"error"}


def test_a_body_that_is_not_json_gets_the_error_shape(client: Client) -> None:
    r = client.post("/api/check", content=b"{not json", headers={"content-type":
                                                                 "application/json"})
    assert 400 <= r.status_code < 500
    assert "error" in r.json()


@pytest.mark.parametrize("day", [0, 1700000000, "0", True])
def test_a_date_must_be_written_as_a_date(client: Client, day: object) -> None:
    r = client.post("/api/check", json={"text": "Russia spent 6.3% of GDP.", "date": day})
    assert r.status_code == 422
    assert "date" in r.json()["error"]


def test_an_unknown_api_path_gets_the_error_shape(client: Client) -> None:
    r = client.get("/api/no-such-thing")
    assert r.status_code == 404
    assert set(r.json()) == {"error"}


@pytest.mark.parametrize("path", ["/", "/explore", "/sources", "/api", "/check", "/read",
                                  "/explore?entity=RUS&metric=military_expenditure.usd_current",
                                  "/sources?claimant_type=think-tank"])
def test_pages(client: Client, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<script>" not in r.text  # only <script src=...>


def test_explore_page_shows_sources_and_licence(client: Client) -> None:
    r = client.get("/explore", params={"entity": "RUS",
                                       "metric": "military_expenditure.usd_current"})
    assert "Licence/terms" in r.text
    assert "/api/series.csv?" in r.text


def test_user_text_is_escaped_in_pages(client: Client) -> None:
    evil = "<script>alert(1)</script><b onmouseover=x>"
    r = client.get("/explore", params={"entity": evil, "metric": "gdp"})
    assert r.status_code == 404
    assert evil not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_page_input_errors_are_4xx(client: Client) -> None:
    r = client.get("/explore", params={"entity": "RUS", "metric": "gdp", "start": "abc"})
    assert r.status_code == 400
    assert client.get("/?start=1800").status_code == 400
    assert client.get("/?start=2030&end=2020").status_code == 200  # either order
    assert client.get("/sources?claimant_type=astrologer").status_code == 400


def test_check_a_claim(client: Client) -> None:
    r = client.post("/api/check", json={"text": "Russia allocated 13.5 trillion rubles ($151 "
                                        "billion) to defense in 2024, about 6.3% of GDP"})
    assert r.status_code == 200, r.text
    claims = r.json()["claims"]
    assert claims
    for c in claims:
        assert c["label"] in {"supported", "contested", "refuted", "not_checkable"}
    assert any(e["source_id"] for c in claims for e in c["evidence"])


def test_read_an_article(client: Client) -> None:
    text = (Path(__file__).resolve().parents[2] / "examples" / "articles"
            / "rutte-ammunition-gap.md")
    if not text.exists():
        pytest.skip("the example article is not in this checkout")
    body = text.read_text(encoding="utf-8")
    r = client.post("/api/read", json={"text": body})
    assert r.status_code == 200, r.text
    for c in r.json()["claims"]:
        start, end = c["span"]
        assert 0 <= start < end <= len(body)


@pytest.mark.parametrize(("path", "body", "status"), [
    ("/api/check", {"text": ""}, 422),
    ("/api/check", {"text": "   "}, 422),  # the schema says: not only spaces
    ("/api/check", {"text": "x" * (limits.CLAIM_TEXT_MAX + 1)}, 422),
    ("/api/check", {"text": "Russia spent a lot", "date": "yesterday"}, 422),
    ("/api/read", {"text": "y" * (limits.ARTICLE_TEXT_MAX + 1)}, 422),
    ("/api/read", {}, 422),
])
def test_claim_limits(client: Client, path: str, body: dict[str, Any], status: int) -> None:
    r = client.post(path, json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]


def test_check_page_escapes_pasted_html(client: Client) -> None:
    evil = "<script>alert(1)</script> Russia spent 13.5 trillion rubles on defense in 2024."
    r = client.post("/check", data={"text": evil})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    r = client.post("/read", data={"text": evil})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text


def test_claim_pages_input_errors(client: Client) -> None:
    assert client.post("/check", data={"text": ""}).status_code == 400
    assert client.post("/read", data={"text": "a b", "date": "nope"}).status_code == 400


def test_claim_checks_beyond_the_queue_get_503_with_retry_after(client: Client) -> None:
    import threading

    from milbalance.web.admission import Admission

    app = client.app
    saved = app.state.admission
    app.state.admission = Admission(running=1, waiting=0)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with app.state.admission.slot():
            holding.set()
            release.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    try:
        holding.wait(10)
        r = client.post("/api/check", json={"text": "Russia spent 6.3% of GDP in 2024."})
        assert r.status_code == 503
        assert int(r.headers["retry-after"]) > 0
        assert set(r.json()) == {"error"}
    finally:
        release.set()
        worker.join()
        app.state.admission = saved
    assert client.post("/api/check", json={"text": "Russia spent 6.3% of GDP in 2024."}
                       ).status_code == 200

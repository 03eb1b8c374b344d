"""The JSON API and the pages through FastAPI's TestClient: answers, limits, safety."""

from __future__ import annotations

import csv
import io
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
    ({"entity": "RUS", "metric": "military_expenditure.usd_current", "start": 2020,
      "end": 2010}, 400),
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
                                    {"start": 1950, "end": 2050}, {"seed": -1}])
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
    for item in schema["paths"].values():
        assert set(item) <= {"get"}, "no endpoint writes data"


def test_body_limit(client: Client) -> None:
    r = client.post("/api/health", content=b"x" * (limits.BODY_BYTES_MAX + 1))
    assert r.status_code == 413
    assert r.json()["error"]


@pytest.mark.parametrize("path", ["/", "/explore", "/sources", "/api",
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
    assert client.get("/?start=2030&end=2020").status_code == 400
    assert client.get("/sources?claimant_type=astrologer").status_code == 400

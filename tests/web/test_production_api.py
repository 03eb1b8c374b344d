"""The production endpoints and the overview's capacity section: thin over the library,
typed in the OpenAPI schema, limits answered with 4xx."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from milbalance.production import projection as P
from milbalance.store import Store
from milbalance.web import limits
from milbalance.web.result_schemas import MIRRORS

Client = Any  # fastapi.testclient.TestClient


@pytest.mark.parametrize("model", list(MIRRORS), ids=lambda m: m.__name__)
def test_models_mirror_the_library(model: Any) -> None:
    """A field added to a library result shows here (not silently dropped from the API), and
    a required field removed from it shows here (not as a 500)."""
    fields = {f.name for f in dataclasses.fields(MIRRORS[model])}
    assert fields <= set(model.model_fields)
    assert {n for n, f in model.model_fields.items() if f.is_required()} <= fields


def test_schema_is_typed(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, model in (("/api/overview", "OverviewOut"),
                        ("/api/production/capacity", "CapacityOut"),
                        ("/api/production/bottleneck", "BottleneckOut"),
                        ("/api/production/crossover", "CrossoverOut")):
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert ok["schema"] == {"$ref": f"#/components/schemas/{model}"}, path
    overview = schema["components"]["schemas"]["OverviewOut"]["properties"]
    assert {"panels", "capacity", "statements"} <= set(overview)


def test_crossover_matches_the_library(client: Client,
                                       store_factory: Callable[[], Store]) -> None:
    r = client.get("/api/production/crossover",
                   params={"a": "NATO", "b": "RUS", "start": 2024, "end": 2026,
                           "samples": 2000, "seed": 7})
    assert r.status_code == 200, r.text
    body = r.json()
    with store_factory() as store:
        direct = P.crossover(store, "NATO", "RUS", "artillery_shells", (2024, 2025, 2026),
                             2000, 7)
    assert [y["year"] for y in body["years"]] == [2024, 2025, 2026]
    for got, want in zip(body["years"], direct.years, strict=True):
        assert got["lines"]["p_a_greater"] == want.lines.p_a_greater
        assert got["reported"]["p_a_greater"] == want.reported.p_a_greater
        assert got["lines"]["a"]["median"] == want.lines.a.median
    assert body["assumptions"] == list(direct.assumptions)


def test_capacity_and_bottleneck(client: Client) -> None:
    r = client.get("/api/production/capacity",
                   params={"bloc": "NATO", "start": 2025, "end": 2026, "samples": 2000})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["sources"] and body["assumptions"]
    for y in body["years"]:
        if y["median"] is not None:
            assert y["p5"] <= y["median"] <= y["p95"]
    r = client.get("/api/production/bottleneck",
                   params={"bloc": "NATO", "year": 2026, "samples": 2000, "lp_samples": 50})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["lp_samples"] == 50
    assert body["binding_stage"] in {s["stage"] for s in body["stages"]}


@pytest.mark.parametrize(("path", "params", "status"), [
    ("crossover", {"a": "NATO", "b": "RUS", "start": 1900, "end": 1901}, 422),  # model range
    ("crossover", {"a": "NATO", "b": "nobody"}, 404),
    ("capacity", {"bloc": "NATO", "samples": limits.PRODUCTION_SAMPLES_MAX + 1}, 422),
    ("capacity", {"bloc": "NATO", "item": "no_such_item"}, 400),
    ("capacity", {"bloc": "Rheinmetall"}, 400),  # a company, not a bloc or country
    ("bottleneck", {"bloc": "NATO", "member_share": 1.5}, 422),
    ("bottleneck", {"bloc": "NATO", "lp_samples": limits.LP_SAMPLES_MAX + 1}, 422),
    ("bottleneck", {"bloc": "NATO", "seed": -1}, 422),
])
def test_limits(client: Client, path: str, params: dict[str, Any], status: int) -> None:
    r = client.get(f"/api/production/{path}", params=params)
    assert r.status_code == status, r.text
    assert r.json()["error"]


def test_overview_has_capacity(client: Client) -> None:
    r = client.get("/api/overview", params={"start": 2023, "end": 2024, "samples": 1000})
    assert r.status_code == 200, r.text
    capacity = r.json()["capacity"]
    assert [(c["crossover"]["a"], c["crossover"]["b"]) for c in capacity] == [
        ("NATO", "RUS_SUPPLIERS"), ("NATO", "RUS")]
    for c in capacity:
        assert [y["year"] for y in c["crossover"]["years"]] == list(range(2022, 2031))
        assert c["sources"] and c["crossover"]["assumptions"]
        probs = [y["lines"]["p_a_greater"] for y in c["crossover"]["years"]]
        assert any(p is not None for p in probs)
        assert all(p is None or 0 <= p <= 1 for p in probs)


def test_overview_page_shows_capacity(client: Client) -> None:
    html = client.get("/").text
    assert 'id="capacity-NATO-RUS_SUPPLIERS"' in html and 'id="capacity-NATO-RUS"' in html
    assert "P(NATO &gt; RUS)" in html
    assert "[delay-risk]" in html  # the stated assumptions

"""Production endpoints: the OpenAPI schema and the answers agree on years (issue 14). Every
request the schema allows is answered: start and end in either order, a range longer than
``limits.PRODUCTION_SPAN_MAX`` answered for its first years with a ``note``; years outside
the model's range are declared in the schema and refused with a one-line ``ErrorOut``."""

from __future__ import annotations

from typing import Any

import pytest

from milbalance.errors import UserError
from milbalance.production import projection as P
from milbalance.web import limits, production_view
from milbalance.web.schemas import ErrorOut

Client = Any  # fastapi.testclient.TestClient
FAST = {"samples": limits.PRODUCTION_SAMPLES_MIN, "seed": 7}


def test_schema_declares_the_model_range_and_the_note(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    for path, params in (("/api/production/capacity", ("start", "end")),
                         ("/api/production/crossover", ("start", "end")),
                         ("/api/production/bottleneck", ("year",))):
        declared = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        for name in params:
            bounds = declared[name]["schema"]
            assert (bounds["minimum"], bounds["maximum"]) == (
                limits.PRODUCTION_YEAR_MIN, limits.PRODUCTION_YEAR_MAX), (path, name)
        assert {"400", "404", "422"} <= set(schema["paths"][path]["get"]["responses"])
    for model in ("CapacityOut", "CrossoverOut"):
        assert "note" in schema["components"]["schemas"][model]["properties"]
    assert "either order" in declared["year"]["description"]


def test_the_declared_range_is_the_libraries() -> None:
    first, last = limits.PRODUCTION_YEAR_MIN, limits.PRODUCTION_YEAR_MAX
    assert P.parse_years(f"{first}-{last}") == tuple(range(first, last + 1))
    for outside in (f"{first - 1}-{first}", f"{last}-{last + 1}"):
        with pytest.raises(UserError):
            P.parse_years(outside)


def test_reversed_years_are_the_same_range(client: Client) -> None:
    forward = client.get("/api/production/capacity",
                         params={"bloc": "NATO", "start": 2025, "end": 2026, **FAST})
    backward = client.get("/api/production/capacity",
                          params={"bloc": "NATO", "start": 2026, "end": 2025, **FAST})
    assert forward.status_code == 200 and backward.status_code == 200, backward.text
    got, want = backward.json(), forward.json()
    assert [y["year"] for y in got["years"]] == [2025, 2026]
    assert want["note"] == "" and got["note"] == "years 2026–2025 read as 2025–2026"
    assert {**got, "note": ""} == want


def test_a_long_range_is_answered_for_its_first_years(client: Client) -> None:
    first, last = limits.PRODUCTION_YEAR_MIN, limits.PRODUCTION_YEAR_MAX
    r = client.get("/api/production/crossover",  # the widest range, end first
                   params={"a": "NATO", "b": "RUS", "start": last, "end": first, **FAST})
    assert r.status_code == 200, r.text
    body = r.json()
    cut = first + limits.PRODUCTION_SPAN_MAX - 1
    assert [y["year"] for y in body["years"]] == list(range(first, cut + 1))
    assert f"read as {first}–{last}" in body["note"]
    assert f"answered {first}–{cut}" in body["note"] and f"from {cut + 1}" in body["note"]
    assert "\n" not in body["note"]


@pytest.mark.parametrize(("path", "params", "status"), [
    ("crossover", {"a": "NATO", "b": "RUS", "start": limits.PRODUCTION_YEAR_MIN - 1}, 422),
    ("capacity", {"bloc": "NATO", "end": limits.PRODUCTION_YEAR_MAX + 1}, 422),
    ("bottleneck", {"bloc": "NATO", "year": 1900}, 422),
    ("capacity", {"bloc": "NATO", "start": "2025a"}, 422),
    ("capacity", {"bloc": "NATO", "item": "no_such_item", **FAST}, 400),
    ("crossover", {"a": "NATO", "b": "nobody", **FAST}, 404),
])
def test_user_errors_are_one_line_error_outs(client: Client, path: str, params: dict[str, Any],
                                             status: int) -> None:
    r = client.get(f"/api/production/{path}", params=params)
    assert r.status_code == status, r.text
    error = ErrorOut.model_validate(r.json())
    assert error.error and "\n" not in error.error
    if status == 422:  # names the parameter and what it must be
        name = next(k for k in ("start", "end", "year") if k in params)
        assert error.error.startswith(f"{name}: ") and error.detail == [error.error]


def test_every_pair_the_schema_allows_has_an_answer() -> None:
    """Every (start, end) in the declared range: the years answered, never an error."""
    most = limits.PRODUCTION_SPAN_MAX
    for start in range(limits.PRODUCTION_YEAR_MIN, limits.PRODUCTION_YEAR_MAX + 1):
        for end in range(limits.PRODUCTION_YEAR_MIN, limits.PRODUCTION_YEAR_MAX + 1):
            years, note = production_view.span(start, end)
            first, last = min(start, end), max(start, end)
            assert years == tuple(range(first, min(last, first + most - 1) + 1))
            assert (note == "") == (start <= end and last - first < most)

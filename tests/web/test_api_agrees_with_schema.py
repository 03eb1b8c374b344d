"""Every endpoint but production's (tests/web/test_production_years.py): the OpenAPI schema and
the answers agree (issue 14). Every request the schema allows is answered: years in either
order, an overview longer than ``limits.OVERVIEW_SPAN_MAX`` years answered for its first years
with a ``note``, every enum value, a text at its length limit however it is encoded; what the
schema refuses (a year out of range, a date written as a number, a blank text) is refused with
a one-line ``ErrorOut`` naming the parameter."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

import pytest
from pydantic import ValidationError

from milbalance.claims.reading import FIRST_YEAR, LAST_YEAR
from milbalance.model import ClaimantType, EntityKind, MetricKind
from milbalance.store import Store
from milbalance.web import limits, overview, views
from milbalance.web.schemas import NOT_BLANK, CheckIn, ErrorOut

Client = Any  # fastapi.testclient.TestClient
SERIES = {"entity": "RUS", "metric": "military_expenditure.usd_current"}
FAST = {"samples": limits.SAMPLES_MIN}
YEARS = range(limits.YEAR_MIN, limits.YEAR_MAX + 1)


def _params(schema: dict[str, Any], path: str) -> dict[str, Any]:
    return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}


def test_schema_declares_the_years_and_the_note(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/series", "/api/series.csv", "/api/series.svg", "/api/overview"):
        declared = _params(schema, path)
        for name in ("start", "end"):
            bounds = declared[name]["schema"]["anyOf"][0]
            assert (bounds["minimum"], bounds["maximum"]) == (limits.YEAR_MIN, limits.YEAR_MAX)
            assert "either order" in declared[name]["description"], (path, name)
        assert {"400", "404", "422"} <= set(schema["paths"][path]["get"]["responses"])
    models = schema["components"]["schemas"]
    for model in ("SeriesOut", "OverviewOut"):
        assert "note" in models[model]["properties"] and "note" not in models[model].get(
            "required", [])
    for path in ("/api/check", "/api/read"):
        assert {"413", "422", "503"} <= set(schema["paths"][path]["post"]["responses"])


def test_the_declared_years_are_the_libraries(store_factory: Any) -> None:
    """The claims library checks claims about 1900–2100, the range a query may name; every
    figure in the data lies in it, so a series the schema allows is never cut by it."""
    assert (limits.YEAR_MIN, limits.YEAR_MAX) == (FIRST_YEAR, LAST_YEAR)
    store: Store = store_factory()
    rows = store.observations()
    assert rows and all(limits.YEAR_MIN <= o.period.end.year <= limits.YEAR_MAX for o in rows)
    assert len(YEARS) == limits.YEAR_SPAN_MAX


def test_reversed_series_years_are_the_same_range(client: Client) -> None:
    forward = client.get("/api/series", params={**SERIES, "start": 2018, "end": 2022})
    backward = client.get("/api/series", params={**SERIES, "start": 2022, "end": 2018})
    assert forward.status_code == 200 and backward.status_code == 200, backward.text
    got, want = backward.json(), forward.json()
    assert want["observations"] and want["note"] == ""
    assert (got["start"], got["end"]) == (2018, 2022)
    assert got["note"] == "years 2022–2018 read as 2018–2022"
    assert {**got, "note": ""} == want
    for path in ("/api/series.csv", "/api/series.svg"):
        a = client.get(path, params={**SERIES, "start": 2018, "end": 2022})
        b = client.get(path, params={**SERIES, "start": 2022, "end": 2018})
        assert a.status_code == b.status_code == 200 and a.content == b.content, path


def test_the_widest_series_is_answered_whole(client: Client) -> None:
    r = client.get("/api/series", params={**SERIES, "start": limits.YEAR_MAX,
                                          "end": limits.YEAR_MIN})
    assert r.status_code == 200, r.text
    body, whole = r.json(), client.get("/api/series", params=SERIES).json()
    assert (body["start"], body["end"]) == (limits.YEAR_MIN, limits.YEAR_MAX)
    assert body["observations"] == whole["observations"]
    assert body["note"] == f"years {limits.YEAR_MAX}–{limits.YEAR_MIN} read as " \
        f"{limits.YEAR_MIN}–{limits.YEAR_MAX}"


def test_reversed_overview_years_are_the_same_range(client: Client) -> None:
    forward = client.get("/api/overview", params={"start": 2022, "end": 2024, **FAST})
    backward = client.get("/api/overview", params={"start": 2024, "end": 2022, **FAST})
    assert forward.status_code == 200 and backward.status_code == 200, backward.text
    got, want = backward.json(), forward.json()
    assert want["note"] == "" and got["note"] == "years 2024–2022 read as 2022–2024"
    assert {**got, "note": ""} == want


def test_a_long_overview_is_answered_for_its_first_years(client: Client) -> None:
    first, last, most = limits.YEAR_MIN, limits.YEAR_MAX, limits.OVERVIEW_SPAN_MAX
    r = client.get("/api/overview", params={"start": last, "end": first, **FAST})
    assert r.status_code == 200, r.text
    body = r.json()
    cut = first + most - 1
    assert (body["start"], body["end"]) == (first, cut)
    for panel in body["panels"]:
        for side in panel["sides"]:
            years = [int(e["period"]) for e in side["estimates"]] + side["missing_years"]
            assert sorted(years) == list(range(first, cut + 1))
    assert f"read as {first}–{last}" in body["note"]
    assert f"answered {first}–{cut}" in body["note"] and f"from {cut + 1}" in body["note"]
    assert "\n" not in body["note"]


def test_an_overview_start_after_the_default_end_is_answered(client: Client) -> None:
    """Only a start, later than the default end (next year): the two read in either order."""
    end = overview.default_end()
    start = limits.YEAR_MAX
    r = client.get("/api/overview", params={"start": start, **FAST})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["start"] == end
    assert body["end"] == min(start, end + limits.OVERVIEW_SPAN_MAX - 1)
    assert f"years {start}–{end} read as {end}–{start}" in body["note"]


def test_the_pages_read_reversed_years_too(client: Client) -> None:
    r = client.get("/", params={"start": 2024, "end": 2022})
    assert r.status_code == 200
    assert "years 2024–2022 read as 2022–2024" in r.text
    r = client.get("/explore", params={**SERIES, "start": 2022, "end": 2018})
    assert r.status_code == 200


def test_every_pair_the_schema_allows_has_an_answer() -> None:
    """Every (start, end) a query may name: the years answered, never an error; a series
    whole, the overview its first ``OVERVIEW_SPAN_MAX`` years; a note exactly when the years
    are not read as asked."""
    most = limits.OVERVIEW_SPAN_MAX
    for start in YEARS:
        for end in YEARS:
            low, high = min(start, end), max(start, end)
            assert views.open_span(start, end)[:2] == (low, high)
            assert (views.open_span(start, end)[2] == "") == (start <= end)
            first, last, note = views.span(start, end, most)
            assert (first, last) == (low, min(high, low + most - 1))
            assert (note == "") == (start <= end and high - low < most)
        assert views.open_span(start, None) == (start, None, "")
        assert views.open_span(None, start) == (None, start, "")


@pytest.mark.parametrize(("path", "name", "values"), [
    ("/api/entities", "kind", [k.value for k in EntityKind]),
    ("/api/metrics", "kind", [k.value for k in MetricKind]),
    ("/api/sources", "claimant_type", [c.value for c in ClaimantType]),
    ("/api/statements", "claimant_type", [c.value for c in ClaimantType]),
    ("/api/series", "claimant_type", [c.value for c in ClaimantType]),
])
def test_every_enum_value_the_schema_declares_is_answered(
        client: Client, path: str, name: str, values: list[str]) -> None:
    schema = client.get("/api/openapi.json").json()
    param = _params(schema, path)[name]["schema"]
    ref = next(s["$ref"] for s in param["anyOf"] if "$ref" in s).rsplit("/", 1)[1]
    assert schema["components"]["schemas"][ref]["enum"] == values
    for value in values:
        r = client.get(path, params={**(SERIES if path == "/api/series" else {}),
                                     name: value})
        assert r.status_code == 200, (value, r.text)


def test_lp_samples_over_samples_are_answered(client: Client) -> None:
    r = client.get("/api/production/bottleneck", params={
        "bloc": "NATO", "samples": limits.PRODUCTION_SAMPLES_MIN,
        "lp_samples": limits.LP_SAMPLES_MAX, "seed": 7})
    assert r.status_code == 200, r.text
    assert r.json()["lp_samples"] == limits.PRODUCTION_SAMPLES_MIN


def test_an_article_at_the_limit_fits_however_it_is_encoded(client: Client) -> None:
    """100,000 characters outside the BMP, JSON-escaped as most clients send them (12 bytes a
    character): within the body limit, so answered, not 413."""
    text = "\U0001F600" * limits.ARTICLE_TEXT_MAX
    body = json.dumps({"text": text, "date": "2025-01-01"}).encode("ascii")
    assert len(body) <= limits.BODY_BYTES_MAX
    r = client.post("/api/read", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text[:200]
    claim = json.dumps({"text": "\U0001F600" * limits.CLAIM_TEXT_MAX}).encode("ascii")
    r = client.post("/api/check", content=claim, headers={"content-type": "application/json"})
    assert r.status_code == 200, r.text[:200]


def test_the_blank_pattern_is_pythons_strip() -> None:
    """The declared pattern, as the app validates it (pydantic's regex engine), refuses
    exactly the texts ``str.strip`` empties (the claims library refuses those), over the
    BMP's first characters, every space Python knows and one beyond the BMP."""
    spaces = [c for c in map(chr, range(0x10000)) if c.isspace()]
    for ch in (*map(chr, range(0x3000 + 1)), *spaces, "\ufeff", "\U0001F600"):
        try:
            CheckIn(text=ch)
            refused = False
        except ValidationError:
            refused = True
        assert refused == (not ch.strip()), hex(ord(ch))
    assert CheckIn.model_json_schema()["properties"]["text"]["pattern"] == NOT_BLANK


def test_a_text_the_schema_allows_is_not_blank_to_the_app() -> None:
    """Read as a JSON Schema reader does (ECMA-262: its whitespace class is the Zs spaces,
    tab to carriage return, U+2028, U+2029 and U+FEFF), the pattern allows no character that
    the app takes for a space (a lone surrogate is no character: RFC 8259 leaves it open)."""
    ecma = {c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Zs"} | set(
        "\t\n\v\f\r\u2028\u2029\ufeff")
    assert NOT_BLANK == r"[^\s\x1c-\x1f\x85]"  # the class spelled out below
    named = ecma | {chr(c) for c in range(0x1C, 0x20)} | {"\x85"}
    for ch in map(chr, (*range(0xD800), *range(0xE000, 0x10000))):  # no lone surrogates
        if ch not in named:  # the schema allows it alone
            assert ch.strip(), hex(ord(ch))
            CheckIn(text=ch)


@pytest.mark.parametrize(("method", "path", "params", "name"), [
    ("get", "/api/series", {**SERIES, "start": limits.YEAR_MIN - 1}, "start"),
    ("get", "/api/series.csv", {**SERIES, "end": limits.YEAR_MAX + 1}, "end"),
    ("get", "/api/overview", {"end": limits.YEAR_MAX + 1}, "end"),
    ("get", "/api/overview", {"start": "2020a"}, "start"),
    ("get", "/api/members", {"bloc": "NATO", "on": "0"}, "on"),
    ("get", "/api/members", {"bloc": "NATO", "on": "1700000000"}, "on"),
    ("get", "/api/check", {"text": "Russia spent 6% of GDP.", "date": "0"}, "date"),
    ("get", "/api/check", {"text": " \n\t"}, "text"),
    ("post", "/api/check", {"text": "\u2028 "}, "text"),
    ("post", "/api/read", {"text": "   "}, "text"),
    ("post", "/api/read", {"text": "Russia spent 6% of GDP.", "date": 0}, "date"),
])
def test_what_the_schema_refuses_is_a_one_line_error_out(
        client: Client, method: str, path: str, params: dict[str, Any], name: str) -> None:
    r = client.get(path, params=params) if method == "get" else client.post(path, json=params)
    assert r.status_code == 422, r.text
    error = ErrorOut.model_validate(r.json())
    assert error.error.startswith(f"{name}: ") and "\n" not in error.error
    assert error.detail == [error.error]
    assert "Value error" not in error.error


def test_the_track_record_endpoint_is_declared(client: Client) -> None:
    """``POST /api/track-record``: a claims file as the body, each refusal declared."""
    from milbalance.corpus.track import BY

    schema = client.get("/api/openapi.json").json()
    op = schema["paths"]["/api/track-record"]["post"]
    assert {"400", "413", "422", "503"} <= set(op["responses"])
    assert {"application/octet-stream", "text/csv"} <= set(op["requestBody"]["content"])
    assert op["requestBody"]["required"] is True
    answer = op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert answer.endswith("/TrackRecordOut")
    params = {p["name"]: p["schema"] for p in op["parameters"]}
    models = schema["components"]["schemas"]

    def enum(param: dict[str, Any]) -> list[str]:
        ref = param.get("$ref") or next(s["$ref"] for s in param["anyOf"] if "$ref" in s)
        values: list[str] = models[ref.rsplit("/", 1)[1]]["enum"]
        return values

    assert enum(params["by"]) == list(BY)
    assert enum(params["format"]) == ["parquet", "csv"]
    assert params["name"]["maxLength"] == limits.NAME_MAX


@pytest.mark.parametrize("fmt", ["parquet", "csv", None])
@pytest.mark.parametrize("by", ["speaker", "claimant-type", "outlet"])
def test_every_track_record_value_the_schema_declares_is_answered(
        client: Client, claims_files: dict[str, Any], by: str, fmt: str | None) -> None:
    from milbalance.web.schemas import TrackRecordOut

    path = claims_files[fmt or "csv"]
    params = {"by": by, **({"format": fmt} if fmt else {})}
    r = client.post("/api/track-record", params=params, content=path.read_bytes(),
                    headers={"content-type": "application/octet-stream"})
    assert r.status_code == 200, r.text
    body = TrackRecordOut.model_validate(r.json())
    assert body.by == by and body.records

"""Schemathesis against the app's OpenAPI schema: no input a client can send gives a 5xx,
and every request valid by the schema is answered (issue 14).

Examples are bounded (a few per operation, explicit + generated phases, no shrinking) so the
run stays fast.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from milbalance.store import Store
from milbalance.web import create_app
from tests.web.conftest import REPO_DATA

_folder = Path(tempfile.mkdtemp(prefix="milbalance-schemathesis-"))
atexit.register(shutil.rmtree, _folder, True)

_app = create_app(lambda: Store.open(REPO_DATA, _folder / "store.duckdb"))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", _app)
positive = schemathesis.openapi.from_asgi("/api/openapi.json", _app).exclude(
    path_regex="^/api/production/(capacity|crossover)$")  # seconds a call: test_production_years
positive.config.generation.update(modes=["positive"])  # requests valid by the schema only


@schema.parametrize()
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    if case.path == "/api/overview":  # Monte Carlo per year: keep generated runs small
        case.query = {**(case.query or {}), "samples": 1000}
    response = case.call(timeout=120)  # the overview is slow on a loaded 2-core machine
    case.validate_response(response, checks=[not_a_server_error])


PINNED: dict[str, dict[str, str]] = {
    "/api/series": {"entity": "RUS", "metric": "military_expenditure.usd_current"},
    "/api/series.csv": {"entity": "RUS", "metric": "military_expenditure.usd_current"},
    "/api/series.svg": {"entity": "RUS", "metric": "military_expenditure.usd_current"},
    "/api/members": {"bloc": "NATO"},
    "/api/production/bottleneck": {"bloc": "NATO", "item": "artillery_shells"},
}
"""Names that exist, put in place of the generated ones (an unknown name is a documented
404), so that every other parameter the schema allows is tried on a real answer."""


@positive.parametrize()
@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_requests_the_schema_allows_are_answered(case: Any) -> None:
    """Issue 14: a generated request valid by the schema (years in any order and span, every
    enum value, dates, texts) is answered; only an unknown free name may get its 404."""
    query = {**(case.query or {}), **PINNED.get(case.path, {})}
    if case.path == "/api/overview" or case.path.startswith("/api/production/"):
        query["samples"] = 1000  # Monte Carlo per year: keep generated runs small
    if case.path == "/api/statements" and query.get("about"):
        query["about"] = "RUS"
    case.query = query or None
    response = case.call(timeout=120)
    assert response.status_code in (200, 404), (case.path, query, response.text[:300])
    if response.status_code == 404:
        assert case.path in ("/api/entities/{name}", "/api/sources/{source_id}"), response.text

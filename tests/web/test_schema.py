"""Schemathesis against the app's OpenAPI schema: no input a client can send gives a 5xx.

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

schema = schemathesis.openapi.from_asgi(
    "/api/openapi.json", create_app(lambda: Store.open(REPO_DATA, _folder / "store.duckdb")))


@schema.parametrize()
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: Any) -> None:
    if case.path == "/api/overview":  # Monte Carlo per year: keep generated runs small
        case.query = {**(case.query or {}), "samples": 1000}
    response = case.call(timeout=120)  # the overview is slow on a loaded 2-core machine
    case.validate_response(response, checks=[not_a_server_error])

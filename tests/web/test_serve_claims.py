"""``milbalance serve --claims FILE…``: the app started with claims files shows their track
record on ``GET /track-record`` at once, as the upload's result page shows it and agreeing with
``POST /api/track-record`` on the same file, the upload form still there; a bad file is one
line from the CLI, exit 2, before any server starts."""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from milbalance.corpus.track import VERDICTS
from milbalance.store import Store
from milbalance.web import create_app, limits
from milbalance.web.app import ENV_CLAIMS, app_from_environment
from milbalance.web.track_view import By, load_claims_files
from tests.conftest import run_cli
from tests.web.conftest import REPO_DATA

RESULT = re.compile(r'<section id="track-result".*?</section>\s*</section>', re.S)
"""The track record on a page: the name, the summary, the tabs and every grouping."""


@pytest.fixture(scope="module")
def served(store_factory: Callable[[], Store], claims_files: dict[str, Path]) -> Iterator[Any]:
    """The app as ``serve --claims claims.parquet claims.csv`` builds it (no warm-up)."""
    loaded = load_claims_files([claims_files["parquet"], claims_files["csv"]])
    with TestClient(create_app(store_factory, claims=loaded)) as client:
        yield client


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&#34;").replace("'", "&#39;")


def _result(page: str) -> str:
    found = RESULT.search(page)
    assert found, page[:800]
    assert found.group(0).count('<section class="grouping"') == len(By)
    return found.group(0)


def test_the_record_is_shown_at_once_with_the_form(served: Any,
                                                   claims_files: dict[str, Path]) -> None:
    r = served.get("/track-record")
    assert r.status_code == 200 and "Traceback" not in r.text
    page = r.text
    assert 'id="track-form"' in page and 'enctype="multipart/form-data"' in page
    assert 'data-chosen="speaker"' in page and "<h2>claims.parquet</h2>" in page
    for by in By:
        assert f'id="tab-{by}"' in page and f'id="track-{by}"' in page
    assert 'id="track-loaded"' in page and 'href="/track-record?file=2&amp;by=speaker"' in page
    assert 'aria-current="page">claims.parquet</a>' in page
    r = served.get("/track-record", params={"file": "2", "by": "outlet"})
    assert r.status_code == 200
    assert "<h2>claims.csv</h2>" in r.text and 'data-chosen="outlet"' in r.text


def test_the_page_is_the_upload_result(served: Any, claims_files: dict[str, Path]) -> None:
    """The same tabs, tables and charts as the page answering an upload of the file."""
    for path, file in ((claims_files["parquet"], "1"), (claims_files["csv"], "2")):
        shown = served.get("/track-record", params={"file": file, "by": "outlet"}).text
        uploaded = served.post("/track-record", files={"file": (path.name, path.read_bytes())},
                               data={"by": "outlet"})
        assert uploaded.status_code == 200
        assert _result(shown) == _result(uploaded.text)
        assert 'id="track-loaded"' in uploaded.text  # the loaded files listed there too


def test_the_page_agrees_with_the_api(served: Any, claims_files: dict[str, Path]) -> None:
    path = claims_files["parquet"]
    page = served.get("/track-record").text
    for by in By:
        r = served.post("/api/track-record", params={"name": path.name, "by": by},
                        content=path.read_bytes())
        assert r.status_code == 200, r.text
        records = r.json()["records"]
        panel = page[page.index(f'id="track-{by}"'):]
        panel = panel[:panel.index("</table>")]
        totals = [x for x in records if x["year"] == "all"]
        assert totals and len(totals) <= limits.TRACK_CLAIMANTS_SHOWN
        for x in records:
            who, when = ((x["claimant"], "all years") if x["year"] == "all"
                         else ("", "no date" if x["year"] == "?" else x["year"]))
            row = (f'<td>{_escaped(who)}</td><td>{when}</td>\n  <td class="num">{x["claims"]}'
                   f'</td><td class="num">{x["checkable"]}</td>')
            assert row in panel, (by, x)
            after = panel[panel.index(row):]
            for v in VERDICTS:
                assert f'<td class="num {v}">{x[v]} <small>' in after
        summary = (f'{sum(x["claims"] for x in totals):,} claims read, '
                   f'{sum(x["checkable"] for x in totals):,} checkable')
        assert summary in page


def test_an_unknown_file_number(served: Any) -> None:
    for asked in ("3", "0", "x"):
        r = served.get("/track-record", params={"file": asked})
        assert r.status_code == 404 and 'role="alert"' in r.text
        assert "this server was started with 2" in r.text and 'id="track-form"' in r.text


def test_without_claims_the_form_alone(client: Any) -> None:
    r = client.get("/track-record", params={"file": "1"})
    assert r.status_code == 200 and 'id="track-form"' in r.text
    assert 'id="track-result"' not in r.text and 'id="track-loaded"' not in r.text


@pytest.fixture
def no_server(monkeypatch: pytest.MonkeyPatch, store_path: Path) -> list[tuple[Any, Any]]:
    """``uvicorn.run`` replaced by a recorder of what it was asked to serve; the session's
    store, and the environment ``serve`` writes restored afterwards."""
    import uvicorn

    calls: list[tuple[Any, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setenv("MILBALANCE_STORE", str(store_path))
    monkeypatch.setenv("MILBALANCE_DATA", str(REPO_DATA))
    monkeypatch.setenv(ENV_CLAIMS, "")
    return calls


def test_serve_loads_the_files(no_server: list[tuple[Any, Any]],
                               capsys: pytest.CaptureFixture[str],
                               claims_files: dict[str, Path]) -> None:
    parquet, csv = str(claims_files["parquet"]), str(claims_files["csv"])
    code, out, err = run_cli(["--data", str(REPO_DATA), "serve", "--claims", parquet, csv,
                              "--port", "8765"], capsys)
    assert code == 0, err
    assert "track record of claims.parquet:" in out and "track record of claims.csv:" in out
    (app, kw), = no_server
    assert isinstance(app, FastAPI) and kw["port"] == 8765
    assert [f.name for f in app.state.claims] == ["claims.parquet", "claims.csv"]
    page = TestClient(app).get("/track-record").text  # no lifespan: no warm-up
    assert "<h2>claims.parquet</h2>" in page and 'id="track-speaker"' in page
    # several workers: each builds the app from the environment, the files with it
    code, _, err = run_cli(["--data", str(REPO_DATA), "serve", "--claims", parquet,
                            "--claims", csv, "--workers", "2"], capsys)
    assert code == 0, err
    target, kw = no_server[1]
    assert target == "milbalance.web.app:app_from_environment" and kw["workers"] == 2
    assert json.loads(os.environ[ENV_CLAIMS]) == [parquet, csv]
    assert [f.name for f in app_from_environment().state.claims] == ["claims.parquet",
                                                                     "claims.csv"]


def _without_label(path: Path) -> bytes:
    out = io.BytesIO()
    pq.write_table(pq.read_table(path).drop_columns(["label"]), out)
    return out.getvalue()


def test_a_bad_file_is_one_line_before_serving(no_server: list[tuple[Any, Any]],
                                               capsys: pytest.CaptureFixture[str],
                                               claims_files: dict[str, Path], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    good = claims_files["parquet"]
    files = {"no-label.parquet": _without_label(good), "parquet.csv": good.read_bytes(),
             "claims.xlsx": b"PK\x03\x04", "empty.csv": b"",
             "articles.csv": b"id,url,date,outlet,text\n1,,2025-01-01,Wire,Russia spent.\n"}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    cases = [(["--claims", str(tmp_path / "no-label.parquet")], "lacks the column(s) label"),
             (["--claims", str(good), str(tmp_path / "parquet.csv")],
              "is a Parquet file, not CSV"),
             (["--claims", str(tmp_path / "claims.xlsx")], "choose a .parquet or .csv file"),
             (["--claims", str(tmp_path / "empty.csv")], "is empty (0 bytes)"),
             (["--claims", str(tmp_path / "articles.csv")], "lacks the column(s) status"),
             (["--claims", str(tmp_path / "missing.parquet")], "No such file"),
             (["--claims", str(tmp_path)], "cannot read the claims file"),
             ([str(good)], "name claims files with --claims")]
    for args, says in cases:
        code, out, err = run_cli(["serve", *args], capsys)
        named = args[-1]
        assert code == 2, (args, out, err)
        assert err.startswith("error: ") and err.strip().count("\n") == 0, err
        assert says in err and named in err and "Traceback" not in err, (says, err)
    rows = pq.read_metadata(good).num_rows
    monkeypatch.setattr(limits, "CLAIMS_ROWS_MAX", rows - 1)
    for path in claims_files.values():
        code, _, err = run_cli(["serve", "--claims", str(path)], capsys)
        assert code == 2 and f"over the web app's {rows - 1:,}" in err and str(path) in err
    assert not no_server  # no server started

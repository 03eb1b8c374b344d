"""Fixtures for the web tests: one store built per session, an app, a live server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from milbalance.store import Store, build
from milbalance.web import create_app

REPO_DATA = Path(__file__).resolve().parents[2] / "data"
CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, driven by Playwright in the browser tests (CI installs it)."""
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]



def pytest_configure(config: pytest.Config) -> None:
    # Starlette's TestClient warns that httpx is deprecated in favour of httpx2; the tests
    # use it as documented by FastAPI.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette")


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built once from the repository's data/, in the session's own folder."""
    return build(REPO_DATA, tmp_path_factory.mktemp("web") / "store.duckdb")


@pytest.fixture(scope="session")
def store_factory(store_path: Path) -> Callable[[], Store]:
    return lambda: Store(store_path, REPO_DATA)


@pytest.fixture(scope="session")
def app(store_factory: Callable[[], Store]) -> FastAPI:
    return create_app(store_factory)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[object]:
    from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def live_server(store_factory: Callable[[], Store]) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store_factory), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (skip the module where it is absent: ``pytestmark`` there)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, live_server: str) -> Iterator[Any]:
    """A page on the live server that records script errors, dialogs and off-site requests
    in ``page.problems``; the first Overview (Monte Carlo) may take a while on a busy
    machine, hence the long timeout."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(120_000)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    opened.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
              if msg.type == "error" else None)
    opened.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    opened.on("request", lambda req: problems.append(f"off-site request: {req.url}")
              if not req.url.startswith((live_server, "data:")) else None)
    opened.problems = problems
    yield opened
    context.close()


EXAMPLES = REPO_DATA.parent / "examples" / "articles"
OUTLETS = ("Wire", "Daily", "Weekly")


@pytest.fixture(scope="session")
def claims_files(store_factory: Callable[[], Store],
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example articles read by the real corpus run (``milbalance read … --out``) into a
    claims file, as Parquet and as CSV: each at its own date and again a year earlier in
    another outlet (claims repeated across years and outlets)."""
    import json

    from milbalance.corpus import articles, data_ref, engine, run

    folder = tmp_path_factory.mktemp("claims")
    known = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))["articles"]
    rows = []
    for i, path in enumerate(sorted(EXAMPLES.glob("*.md"))):
        day = known.get(path.name, {}).get("date") or "2025-01-01"
        text = path.read_text(encoding="utf-8")
        rows.append({"id": path.stem, "url": f"https://example.org/{path.stem}", "date": day,
                     "outlet": OUTLETS[i % 3], "text": text})
        earlier = f"{int(day[:4]) - 1}{day[4:]}"
        rows.append({"id": f"{path.stem}-again", "url": "", "date": earlier,
                     "outlet": OUTLETS[(i + 1) % 3], "text": text})
    rows.append({"id": "empty", "url": "", "date": "2025-01-01", "outlet": "Wire", "text": ""})
    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    store = store_factory()
    try:
        ref = data_ref(store)
        out = {}
        for fmt in ("parquet", "csv"):
            out[fmt] = folder / f"claims.{fmt}"
            run(articles([source]), out[fmt], ref, engine(1))
    finally:
        store.close()
    return out

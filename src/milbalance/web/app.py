"""The FastAPI application: pages, the JSON API under ``/api``, static assets, safety.

``create_app(store_factory)`` builds the app around a callable that opens a ``Store``; the
store is opened once, on first use, and shared (DuckDB read-only, one cursor per query).
Nothing here writes data. Every response carries the security headers below; user text is
escaped by Jinja's autoescape on pages and never put into ``innerHTML`` by the scripts.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from milbalance import __version__
from milbalance.errors import MilbalanceError, UnknownNameError, UserError
from milbalance.store import Store
from milbalance.web import limits
from milbalance.web.admission import Admission

if TYPE_CHECKING:
    from milbalance.web.track_view import Loaded

StoreFactory = Callable[[], Store]

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""No inline scripts or styles, nothing from another origin, never framed."""

SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
"""For SVG images (matplotlib writes inline styles); an SVG shown as an image runs nothing."""

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


class StoreHolder:
    """Opens the store on first use, once, from any thread."""

    def __init__(self, factory: StoreFactory):
        self._factory = factory
        self._store: Store | None = None
        self._lock = threading.Lock()

    def get(self) -> Store:
        if self._store is None:
            with self._lock:
                if self._store is None:
                    self._store = self._factory()
        return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


class SecurityHeaders:
    """ASGI middleware adding the CSP and the other safety headers to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                svg = any(k.lower() == b"content-type" and v.startswith(b"image/svg")
                          for k, v in headers)
                policy = SVG_CSP if svg else CSP
                extra = {"content-security-policy": policy, **SECURITY_HEADERS}
                headers += [(k.encode(), v.encode()) for k, v in extra.items()
                            if k.encode() not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class BodyLimit:
    """ASGI middleware refusing request bodies over ``limits.BODY_BYTES_MAX`` with 413 (over
    ``wider[path]`` for the paths that take a file). A page in ``pages`` gets the request
    instead, its body read and dropped and ``scope[TOO_LARGE]`` set to the limit, so that it
    answers with itself and the message (a browser shows a page, not a dropped upload)."""

    def __init__(self, app: ASGIApp, limit: int = limits.BODY_BYTES_MAX,
                 wider: dict[str, int] | None = None, pages: frozenset[str] = frozenset()):
        self.app = app
        self.limit = limit
        self.wider = wider or {}
        self.pages = pages

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.wider.get(scope.get("path", ""), self.limit)
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = limit + 1
                if declared > limit:
                    await self._refuse(limit, scope, receive, send)
                    return
        # read the whole body first (it is small by definition), so a chunked body over the
        # limit gets its 413 before any handler starts, then replay it to the app
        chunks: list[bytes] = []
        received = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > limit:
                await self._refuse(limit, scope, receive, send, message.get("more_body", False))
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay(b"".join(chunks), receive), send)

    async def _refuse(self, limit: int, scope: Scope, receive: Receive, send: Send,
                      more: bool = True) -> None:
        if scope.get("path") not in self.pages:
            await _too_large(limit, scope, receive, send)
            return
        drained = 0
        while more and drained <= DRAIN_MAX:  # let the browser finish sending, then answer
            message = await receive()
            drained += len(message.get("body", b""))
            more = message["type"] == "http.request" and message.get("more_body", False)
        await self.app({**scope, TOO_LARGE: limit}, _replay(b"", receive), send)


TOO_LARGE = "milbalance.body_too_large"
"""The scope key a page finds its body limit under when its body was over it (and dropped)."""
DRAIN_MAX = 4 * limits.CLAIMS_FILE_BYTES_MAX
"""Most bytes of a body over its limit read and dropped before a page answers."""


def _replay(body: bytes, receive: Receive) -> Receive:
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _too_large(limit: int, scope: Scope, receive: Receive, send: Send) -> None:
    text = "send less text"
    if scope.get("path") == "/api/track-record":
        text = "split the claims file, or run `milbalance track-record FILE` on it"
    response = JSONResponse({"error": f"request body over {limit:,} bytes; {text}"},
                            status_code=413)
    await response(scope, receive, send)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


WARM_TEXT = "Russia produced about 2 million shells in 2023."
"""A claim checked once at startup with ``warm=True``, so that the first user's request does
not pay for opening the store, building the checker and the claims library's lazy imports."""


def _warm(holder: StoreHolder) -> None:
    from milbalance.web.claims_view import check_claim

    check_claim(holder.get(), WARM_TEXT)


class OverviewWarmer:
    """The Overview's headline answer and default charts, computed once in a background thread
    at startup so that the first visitor gets them from the cache (a request meanwhile waits
    on the same computation, never starts a second). At shutdown the store is closed by
    whichever finishes last, the app or the warm-up, so the warm-up never reads a closed
    store; a failure here is left for the page to report when it is asked for."""

    def __init__(self, holder: StoreHolder):
        self.holder = holder
        self._lock = threading.Lock()
        self._done = False
        self._stopping = False
        self.thread = threading.Thread(target=self.run, daemon=True,
                                       name="milbalance-warm-overview")

    def run(self) -> None:
        from milbalance.web.headline import headline
        from milbalance.web.overview import overview

        try:
            store = self.holder.get()
            headline(store)
            if not self._stopping:
                overview(store)
        except Exception:  # the page computes it again and says why
            pass
        finally:
            with self._lock:
                self._done = True
                if self._stopping:
                    self.holder.close()

    def stop_and_close(self) -> None:
        """Close the store now, or when the warm-up ends if it is still running."""
        with self._lock:
            self._stopping = True
            if self._done or not self.thread.is_alive():
                self.holder.close()


def create_app(store_factory: StoreFactory, warm: bool = False,
               claims: Sequence[Loaded] = ()) -> FastAPI:
    """The web app around ``store_factory`` (called once, on the first request that needs it;
    at startup with ``warm``, which also checks one claim to load the claims library), with
    the track records of ``claims`` (``track_view.load_claims_files``) on its track-record
    page."""
    from milbalance.web import (  # routers import optional libs lazily
        api,
        pages,
        text_pages,
        track_pages,
    )

    holder = StoreHolder(store_factory)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        warmer = OverviewWarmer(holder)
        if warm:
            await asyncio.to_thread(_warm, holder)
            warmer.thread.start()
        yield
        warmer.stop_and_close()

    app = FastAPI(
        title="milbalance",
        version=__version__,
        description=("Sourced, uncertainty-aware model of the defense-industrial balance between "
                     "blocs. Read-only: no endpoint writes data. Every figure carries its source."),
        docs_url=None,  # Swagger UI loads from a CDN; the schema is at /api/openapi.json
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.stores = holder
    app.state.claims = list(claims)
    app.state.admission = Admission()
    app.state.uploads = Admission(limits.UPLOADS_RUNNING, limits.UPLOADS_WAITING,
                                  "busy reading other claims files; try again shortly")
    app.add_middleware(BodyLimit, wider={
        "/api/track-record": limits.CLAIMS_FILE_BYTES_MAX,
        "/track-record": limits.CLAIMS_FILE_BYTES_MAX + limits.FORM_OVERHEAD_BYTES},
        pages=frozenset({"/track-record"}))
    app.add_middleware(SecurityHeaders)

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError) -> Response:
        status = 404 if isinstance(exc, UnknownNameError) else 400
        body: dict[str, Any] = {"error": str(exc)}
        if isinstance(exc, UnknownNameError):
            body["suggestions"] = exc.suggestions
        if _wants_json(request):
            return JSONResponse(body, status_code=status)
        return pages.error_page(request, status, str(exc))

    @app.exception_handler(MilbalanceError)
    async def internal_error(request: Request, exc: MilbalanceError) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": f"internal error: {exc}"}, status_code=500)
        return pages.error_page(request, 500, f"internal error: {exc}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # e.g. a body that is not JSON: the API answers in its declared ErrorOut shape
        if _wants_json(request):
            return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                                headers=getattr(exc, "headers", None))
        return pages.error_page(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [_problem(e) for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"error": "; ".join(problems), "detail": problems},
                                status_code=422)
        return pages.error_page(request, 422, "; ".join(problems))

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(text_pages.router)
    app.include_router(track_pages.router)
    return app


ENV_CLAIMS = "MILBALANCE_SERVE_CLAIMS"
"""The claims files ``milbalance serve --claims`` names, as a JSON list of paths, for its
worker processes (each loads them; the command checked them before starting any)."""


def app_from_environment() -> FastAPI:
    """The app over the data folder and store that ``$MILBALANCE_DATA`` and
    ``$MILBALANCE_STORE`` name (else the defaults of ``milbalance.config``), with the claims
    files of ``$MILBALANCE_SERVE_CLAIMS``: the factory each uvicorn worker process calls when
    ``milbalance serve --workers N`` runs several."""
    from milbalance.web.track_view import load_claims_files

    paths = json.loads(os.environ.get(ENV_CLAIMS) or "[]")
    return create_app(lambda: Store.open(), warm=True,
                      claims=load_claims_files(Path(p) for p in paths))


def _problem(error: Any) -> str:
    """'where: what is wrong', one line (a blank text and our own checks said in words)."""
    from milbalance.web.schemas import NOT_BLANK

    where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "body"))
    msg = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    if error.get("type") == "string_pattern_mismatch" and \
            (error.get("ctx") or {}).get("pattern") == NOT_BLANK:
        msg = "is only spaces; give the text to check"
    return f"{where or 'request'}: {' '.join(msg.split())}"

"""HTML pages: thin views over the library, rendered with Jinja2 (autoescape on)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from milbalance import __version__
from milbalance.errors import UnknownNameError, UserError
from milbalance.formatting import FLAG_LEGEND, number, span
from milbalance.model import ClaimantType, EntityKind, Source
from milbalance.store import Store
from milbalance.web import charts, limits, markup
from milbalance.web.claims_view import compact_gaps, deciding_caveat, other_caveats
from milbalance.web.deps import StoreDep
from milbalance.web.headline import headline
from milbalance.web.overview import FIRST_YEAR, Overview, overview
from milbalance.web.views import InputError, SeriesView, coverage, series_view, source_uses

TEMPLATES = Path(__file__).resolve().parent / "templates"


def environment() -> jinja2.Environment:
    """The Jinja2 environment shared by the pages and the report: autoescape always on."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["number"] = number
    env.filters["span"] = span
    env.filters.update(markup.filters())
    env.globals.update(compact_gaps=compact_gaps, deciding_caveat=deciding_caveat,
                       other_caveats=other_caveats)
    env.globals.update(version=__version__, flag_legend=FLAG_LEGEND, limits=limits)
    return env


templates = Jinja2Templates(env=environment())
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

PAGES: list[tuple[str, str]] = [("/", "Overview"), ("/check", "Check a claim"),
                                 ("/read", "Read an article"),
                                 ("/track-record", "Track record"), ("/explore", "Explore"),
                                 ("/sources", "Sources")]
"""Navigation: (path, title); pages whose library is present are added in front."""

Text = Annotated[str | None, Query(max_length=limits.NAME_MAX)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context.setdefault("error", None)
    return templates.TemplateResponse(request, name, {"pages": PAGES, "standalone": False,
                                                      "inline_css": "", **context},
                                      status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status, title=f"Error {status}", error=message)


def _year(text: str | None, what: str) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        year = int(text.strip())
    except ValueError as exc:
        raise InputError(f"{what} year {text!r} is not a whole number") from exc
    if not limits.YEAR_MIN <= year <= limits.YEAR_MAX:
        raise InputError(f"{what} year {year} is outside {limits.YEAR_MIN}–{limits.YEAR_MAX}")
    return year


def _claimant(text: str | None) -> str | None:
    if not text:
        return None
    if text not in {c.value for c in ClaimantType}:
        raise InputError(f"claimant type {text!r} is not one of "
                         f"{', '.join(c.value for c in ClaimantType)}")
    return text


@router.get("/")
def home(request: Request, store: StoreDep, start: Text = None, end: Text = None) -> Response:
    """Overview: NATO against Russia and its suppliers by year, and officials' statements."""
    first = _year(start, "first") or FIRST_YEAR
    ov = overview(store, first, _year(end, "last"))
    return render(request, "overview.html", title="Overview", ov=ov, cited=cited(store, ov),
                  headline=headline(store))


def cited(store: Store, ov: Overview) -> list[Source]:
    """The sources behind the overview's figures and statements, in id order."""
    used = ({s for p in ov.panels for s in p.sources} | {s.source for s in ov.statements}
            | {s for c in ov.capacity for s in c.sources})
    return [s for s in store.sources() if s.id in used]


@router.get("/explore")
def explore(request: Request, store: StoreDep, entity: Text = None, metric: Text = None,
            start: Text = None, end: Text = None, claimant_type: Text = None) -> Response:
    """Pick entity, metric and years → chart and table with sources, CSV and JSON download."""
    view: SeriesView | None = None
    chart = ""
    error = None
    status = 200
    query = {"entity": entity or "", "metric": metric or "", "start": start or "",
             "end": end or "", "claimant_type": claimant_type or ""}
    if entity and metric:
        try:
            view = series_view(store, entity, metric, start=_year(start, "first"),
                               end=_year(end, "last"), claimant_type=_claimant(claimant_type))
            chart = charts.series_svg(view)
        except UserError as exc:
            error = str(exc)
            status = 404 if isinstance(exc, UnknownNameError) else 400
    elif entity or metric:
        error = "pick both an entity and a metric"
        status = 400
    params = {k: v for k, v in query.items() if v}
    if view is not None:
        params["entity"], params["metric"] = view.entity.id, view.metric.id
    return render(request, "explore.html", status, title="Explore", view=view, chart=chart,
                  error=error, query=query, params=params,
                  entities=store.entities(), entity_kinds=list(EntityKind),
                  metrics=store.metrics(), claimant_types=list(ClaimantType),
                  coverage=coverage(store))


@router.get("/sources")
def sources(request: Request, store: StoreDep, claimant_type: Text = None) -> Response:
    """Every source with its address, claimant type, licence and what it supports."""
    error = None
    status = 200
    try:
        uses = source_uses(store, _claimant(claimant_type))
    except UserError as exc:
        error, status, uses = str(exc), 400, source_uses(store)
    return render(request, "sources.html", status, title="Sources", uses=uses, error=error,
                  claimant_types=list(ClaimantType), chosen=claimant_type or "")


@router.get("/api")
def api_index(request: Request) -> Response:
    """A readable list of the API's endpoints, from the OpenAPI schema (no CDN-hosted UI)."""
    schema = request.app.openapi()
    endpoints = [(method.upper(), path, op.get("summary", ""), op.get("description", ""))
                 for path, item in schema["paths"].items() for method, op in item.items()]
    return render(request, "api.html", title="API", endpoints=endpoints)


async def _form(request: Request) -> dict[str, str]:
    """A URL-encoded form body (size already bounded by the BodyLimit middleware)."""
    body = (await request.body()).decode("utf-8", errors="replace")
    return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}

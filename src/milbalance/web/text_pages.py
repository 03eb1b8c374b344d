"""Check a claim, read an article, the methodology: pages whose results are GET URLs to share.

``GET /check?text=…&date=…`` is the verdict page itself (the form submits by GET, so the
address bar holds the link); ``POST /check`` answers the same page. ``GET /read?text=…`` reads
pasted text whose link fits ``SHARE_URL_MAX``; longer articles are read by POST and the page
says why it has no link; ``GET /read?example=NAME`` reads one of the example articles (at
its own date, from examples/articles/expected.json). ``/methodology`` is docs/methodology.md
rendered (raw HTML in it stays text).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from milbalance.errors import UserError
from milbalance.web import limits, markup
from milbalance.web.claims_view import (
    article_segments,
    check_claim,
    evidence_sources,
    parse_day,
    read_article,
)
from milbalance.web.deps import StoreDep
from milbalance.web.pages import _form, render

ROOT = Path(__file__).resolve().parents[3]
METHODOLOGY = ROOT / "docs" / "methodology.md"
EXAMPLES = ROOT / "examples" / "articles"

SHARE_URL_MAX = 8_000
"""Longest link offered to share a result (browsers and servers accept about this much)."""

CLAIM_EXAMPLES = (
    "Russia allocated 13.5 trillion rubles ($151 billion) to defense in 2024, about 6.3% of GDP",
    "NATO produced more artillery shells than Russia in 2025.",
    "The US spent a higher share of GDP on defense during the Korean and Vietnam wars.",
)
"""Claims offered as examples on the check page (each a link to its verdict page)."""
ARTICLE_PLACEHOLDER = (
    "e.g. Russia made about 2 million artillery shells in 2023, according to Ukrainian "
    "intelligence. NATO allies plan to produce 2 million shells a year by the end of 2025.")

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

TextQuery = Annotated[str | None, Query()]
DayQuery = Annotated[str | None, Query(max_length=20)]
ExampleQuery = Annotated[str | None, Query(max_length=limits.NAME_MAX)]


def share_link(path: str, text: str, day: str, **extra: str) -> str:
    """The GET address of a result ("" when it would be longer than ``SHARE_URL_MAX``)."""
    params = {"text": text, **({"date": day} if day else {}), **extra}
    link = f"{path}?{urlencode(params)}"
    return link if len(link) <= SHARE_URL_MAX else ""


def examples() -> list[str]:
    """The example articles' names (examples/articles/*.md), where the checkout has them."""
    return sorted(p.stem for p in EXAMPLES.glob("*.md")) if EXAMPLES.is_dir() else []


def example_date(name: str) -> str:
    """An example article's own date (examples/articles/expected.json), or ""."""
    try:
        known = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
        return str(known["articles"][f"{name}.md"].get("date", ""))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return ""


def _check_page(request: Request, store: StoreDep, text: str, day: str) -> Response:
    context: dict[str, Any] = {
        "title": "Check a claim", "text": text, "day": day, "reading": None, "sources": [],
        "share": "", "examples": CLAIM_EXAMPLES}
    try:
        with request.app.state.admission.slot():
            reading = check_claim(store, text, parse_day(day))
    except UserError as exc:
        return render(request, "check.html", 400, **{**context, "error": str(exc)})
    return render(request, "check.html", **{**context, "reading": reading,
                                            "sources": evidence_sources(store, reading),
                                            "share": share_link("/check", text, day)})


@router.get("/check")
def check_get(request: Request, store: StoreDep, text: TextQuery = None,
              date: DayQuery = None) -> Response:
    """Check a claim: the form, or with ``text`` (and ``date``) the verdict page to share."""
    if text is None:
        return render(request, "check.html", title="Check a claim", text="", day=date or "",
                      reading=None, sources=[], share="", examples=CLAIM_EXAMPLES)
    return _check_page(request, store, text, date or "")


@router.post("/check")
async def check_post(request: Request, store: StoreDep) -> Response:
    form = await _form(request)
    return _check_page(request, store, form.get("text", ""), form.get("date", ""))


def _read_page(request: Request, store: StoreDep, text: str, day: str,
               name: str = "") -> Response:
    context: dict[str, Any] = {
        "title": "Read an article", "text": text, "day": day, "reading": None, "sources": [],
        "segments": [], "article_name": name, "share": "",
        "share_why": "", "examples": examples(), "placeholder": ARTICLE_PLACEHOLDER}
    try:
        with request.app.state.admission.slot():
            reading = read_article(store, text, parse_day(day))
    except UserError as exc:
        return render(request, "read.html", 400, **{**context, "error": str(exc)})
    share = (f"/read?{urlencode({'example': name, **({'date': day} if day else {})})}"
             if name else share_link("/read", text, day))
    why = "" if share else (f"the article is too long for a link ({len(text):,} characters); "
                            "share the text itself")
    return render(request, "read.html", **{
        **context, "reading": reading, "sources": evidence_sources(store, reading),
        "segments": article_segments(text, reading), "share": share, "share_why": why})


@router.get("/read")
def read_get(request: Request, store: StoreDep, text: TextQuery = None,
             date: DayQuery = None, example: ExampleQuery = None) -> Response:
    """Read an article: the form, or with ``text`` (or an ``example`` name) the article with
    each claim highlighted by its verdict."""
    if example:
        if example not in examples():
            raise UserError(f"no example article {example!r}; the examples are: "
                            f"{', '.join(examples()) or 'none in this installation'}")
        body = (EXAMPLES / f"{example}.md").read_text(encoding="utf-8")
        return _read_page(request, store, body, date or example_date(example), example)
    if text is None:
        return render(request, "read.html", title="Read an article", text="", day=date or "",
                      reading=None, sources=[], segments=[], article_name="", share="",
                      share_why="", examples=examples(), placeholder=ARTICLE_PLACEHOLDER)
    return _read_page(request, store, text, date or "")


@router.post("/read")
async def read_post(request: Request, store: StoreDep) -> Response:
    form = await _form(request)
    return _read_page(request, store, form.get("text", ""), form.get("date", ""))


@router.get("/methodology")
def methodology(request: Request) -> Response:
    """docs/methodology.md: how a verdict and P are decided, bases, gaps, how to cite."""
    if not METHODOLOGY.is_file():
        raise UserError("docs/methodology.md is not in this installation; read it in the "
                        "repository")
    html = markup.render(METHODOLOGY.read_text(encoding="utf-8"))
    return render(request, "methodology.html", title="Methodology", html=html)

"""The track-record page: upload a claims file (``milbalance read … --out``) and see each
speaker's, claimant type's and outlet's record over time.

``GET /track-record`` is the form; ``POST /track-record`` (multipart/form-data: ``file``,
``by``) answers the same page with the records of all three groupings, ``by`` shown (the
others a tab away: switching does not send the file again). A file refused (wrong type,
empty, missing columns, too large) gets the form back with the reason, and a 4xx status.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from milbalance.corpus.track import VERDICTS
from milbalance.errors import UserError
from milbalance.web import limits, upload
from milbalance.web.app import TOO_LARGE
from milbalance.web.pages import render
from milbalance.web.track_view import By, TooLarge, claims_format, grouping, track_file
from milbalance.web.views import InputError

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _page(request: Request, status: int = 200, chosen: By = By.speaker,
          result: dict[str, Any] | None = None, error: str | None = None) -> Response:
    return render(request, "track.html", status, title="Track record", result=result,
                  chosen=chosen, groupings_all=list(By), verdicts=VERDICTS, error=error)


@router.get("/track-record")
def track_form(request: Request, by: str = "speaker") -> Response:
    """The upload form (``by``: the grouping selected)."""
    chosen = By(by) if by in set(By) else By.speaker
    return _page(request, chosen=chosen)


@router.post("/track-record")
async def track_upload(request: Request) -> Response:
    """The track record of the uploaded claims file, or the form with why it was refused."""
    if request.scope.get(TOO_LARGE):
        return _page(request, 413, error=(
            f"the file is over the web page's {limits.CLAIMS_FILE_BYTES_MAX:,} bytes; "
            "`milbalance track-record FILE` reads a claims file of any size"))
    body = await request.body()
    return await run_in_threadpool(_answer, request, body)


def _answer(request: Request, body: bytes) -> Response:
    chosen = By.speaker
    try:
        form = upload.fields(body, request.headers.get("content-type", ""))
        if "by" in form:
            asked = form["by"].content.decode("utf-8", "replace")
            if asked not in set(By):
                raise InputError(f"group by {asked!r}: choose one of "
                                 f"{', '.join(b.value for b in By)}")
            chosen = By(asked)
        file = form.get("file")
        if file is None or (not file.filename and not file.content):
            raise InputError("choose a claims file to upload (.parquet or .csv, written by "
                             "`milbalance read … --out`)")
        name = _base_name(file.filename or "") or "upload"
        with request.app.state.uploads.slot():
            fmt = claims_format(file.content, name, need_suffix=True)
            records = track_file(file.content, name, list(By), fmt)
    except TooLarge as exc:
        return _page(request, 413, chosen, error=str(exc))
    except UserError as exc:
        return _page(request, 400, chosen, error=str(exc))
    result = {"name": name, "groupings": [grouping(b, records[b]) for b in By]}
    return _page(request, chosen=chosen, result=result)


def _base_name(filename: str) -> str:
    """The file's own name (an old browser may send the whole path it had)."""
    return PurePosixPath(PureWindowsPath(filename).name).name[:limits.NAME_MAX]

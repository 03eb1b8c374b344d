"""The track-record page: upload a claims file (``milbalance read … --out``) and see each
speaker's, claimant type's and outlet's record over time.

``GET /track-record`` is the form; ``POST /track-record`` (multipart/form-data: ``file``,
``by``) answers the same page with the records of all three groupings, ``by`` shown (the
others a tab away: switching does not send the file again). A file refused (wrong type,
empty, missing columns, too large) gets the form back with the reason, and a 4xx status.

Files loaded when the app started (``milbalance serve --claims FILE…``, kept in
``app.state.claims``) are shown by ``GET /track-record`` at once, the first one unless
``file=N`` (1-based) asks for another, the upload form above them as ever.
"""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from milbalance.corpus.track import VERDICTS
from milbalance.errors import UserError
from milbalance.web import limits, upload
from milbalance.web.app import TOO_LARGE
from milbalance.web.pages import render
from milbalance.web.track_view import By, Loaded, TooLarge, claims_format, loaded, track_file
from milbalance.web.views import InputError

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def _page(request: Request, status: int = 200, chosen: By = By.speaker,
          result: Loaded | None = None, error: str | None = None,
          shown: int | None = None) -> Response:
    return render(request, "track.html", status, title="Track record", result=result,
                  chosen=chosen, groupings_all=list(By), verdicts=VERDICTS, error=error,
                  preloaded=_preloaded(request), shown=shown)


def _preloaded(request: Request) -> list[Loaded]:
    found: list[Loaded] = getattr(request.app.state, "claims", [])
    return found


@router.get("/track-record")
def track_form(request: Request, by: str = "speaker", file: str = "1") -> Response:
    """The upload form (``by``: the grouping selected), above the track record of the claims
    file ``file`` (1-based) of those the app was started with, if any."""
    chosen = By(by) if by in set(By) else By.speaker
    preloaded = _preloaded(request)
    if not preloaded:
        return _page(request, chosen=chosen)
    if not file.isdigit() or not 1 <= int(file) <= len(preloaded):
        return _page(request, 404, chosen, error=(
            f"no claims file {file[:limits.NAME_MAX]!r}: this server was started with "
            f"{len(preloaded)} (file=1 to file={len(preloaded)})"))
    return _page(request, chosen=chosen, result=preloaded[int(file) - 1], shown=int(file))


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
    return _page(request, chosen=chosen, result=loaded(name, records))


def _base_name(filename: str) -> str:
    """The file's own name (an old browser may send the whole path it had)."""
    return PurePosixPath(PureWindowsPath(filename).name).name[:limits.NAME_MAX]

"""Commands for people who would rather look than read a table: serve, report."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer

from milbalance import config
from milbalance.cli.data_cmd import open_store, state
from milbalance.cli.output import console, progress
from milbalance.errors import UserError

WORKERS_MAX = 16
"""Most uvicorn worker processes ``serve --workers`` starts (kept here: importing
``milbalance.web`` would load FastAPI for every command)."""


def serve(
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this "
                                      "machine. Give 0.0.0.0 only on a trusted network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(
        help="Worker processes (each holds its own store and caches); one per core serves "
        "claim checks in parallel.", min=1, max=WORKERS_MAX)] = 1,
    claims: Annotated[list[Path] | None, typer.Option(
        "--claims", metavar="FILE [FILE…]", help="Claims files (.parquet or .csv from `read "
        "--out`) whose track record the Track record page shows at once, checked before "
        "serving: --claims A.parquet B.csv (or --claims A.parquet --claims B.csv).")] = None,
    more: Annotated[list[Path] | None, typer.Argument(
        metavar="FILE", hidden=True, show_default=False)] = None,
) -> None:
    """Serve the web app: Overview, Explore, Sources (and claim checks) with a JSON API."""
    import uvicorn

    from milbalance.web import create_app
    from milbalance.web.app import ENV_CLAIMS
    from milbalance.web.track_view import load_claims_files

    if more and not claims:
        raise UserError(f"serve takes no arguments ({more[0]}?); name claims files with "
                        "--claims FILE [FILE…]")
    paths = [*(claims or []), *(more or [])]  # `--claims A B`: B arrives as an argument
    loaded = load_claims_files(paths)  # a bad file: one line and exit 2, before serving
    open_store().close()  # build the store now, so a data error shows before serving
    for f in loaded:
        total = f.groupings[0].total
        console.print(f"track record of {f.name}: {total.claims:,} claim(s) read, "
                      f"{total.checkable:,} checkable", highlight=False, markup=False)
    console.print(f"milbalance on http://{host}:{port}/ with {workers} worker(s) "
                  "(Ctrl-C stops)", highlight=False)
    if workers == 1:
        uvicorn.run(create_app(open_store, warm=True, claims=loaded), host=host, port=port,
                    log_level="warning")
        return
    # Worker processes import the app by name; they find the same data (and claims files,
    # each loading them again) through the environment (the store is already built, so none
    # of them rebuilds it).
    os.environ[config.ENV_DATA] = str(config.data_dir(state.data).resolve())
    os.environ[ENV_CLAIMS] = json.dumps([str(p.resolve()) for p in paths])
    uvicorn.run("milbalance.web.app:app_from_environment", factory=True, workers=workers,
                host=host, port=port, log_level="warning")


def report(
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("report.html"),
    article: Annotated[Path | None, typer.Option(
        "--article", help="A text file with an article whose claims to check.",
        exists=True, dir_okay=False, readable=True)] = None,
    on: Annotated[str | None, typer.Option(
        "--date", help="The article's date, YYYY-MM-DD (default: an example article's own "
        "date, else today): what 'now' in it means.")] = None,
) -> None:
    """Write a self-contained HTML report (charts and styles inline) and print a summary."""
    from milbalance.cli.claims_cmd import _day
    from milbalance.web.report import build_report
    from milbalance.web.text_pages import example_date

    text = article.read_text(encoding="utf-8") if article else None
    day = _day(on or (example_date(article.stem) if article else "") or None)
    with open_store() as store, progress("writing the report (charts, comparisons"
                                         + (", the article's claims)" if text else ")")):
        result = build_report(store, text, article.name if article else "", on=day)
    out.write_text(result.html, encoding="utf-8")
    for line in result.summary:
        console.print(line, highlight=False, markup=False, soft_wrap=True)
    console.print(f"report written to {out} ({len(result.html) // 1024} KiB)", highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(report)

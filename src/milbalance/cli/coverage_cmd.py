"""`milbalance coverage`: which entity × metric × years the data cover, and by whom."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from milbalance import coverage as cov
from milbalance.cli.data_cmd import JsonOpt, open_store
from milbalance.cli.output import console, print_json


def coverage(
    entity: Annotated[str | None, typer.Option(help="Only this entity.")] = None,
    metric: Annotated[str | None, typer.Option(help="Only this metric.")] = None,
    kind: Annotated[str | None, typer.Option(help="Only metrics of this kind (output, …).")] = None,
    by_metric: Annotated[bool, typer.Option("--by-metric", help="One row per metric.")] = False,
    write_docs: Annotated[
        Path | None,
        typer.Option(help="Rewrite the per-metric coverage table in this Markdown file."),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Which entity × metric × years are covered, by how many sources and claimants."""
    with open_store() as store:
        rows = cov.coverage(store, entity, metric, kind, by_metric or write_docs is not None)
    if write_docs is not None:
        write_docs.write_text(cov.with_table(write_docs.read_text(encoding="utf-8"),
                                             cov.markdown(rows)), encoding="utf-8")
        console.print(f"wrote coverage of {len(rows)} metrics to {write_docs}")
        return
    if as_json:
        print_json(rows)
        return
    table = Table("entity" if not by_metric else "entities", "metric", "years", "missing",
                  "obs", "sources", "claimants", "claimant types",
                  title=f"coverage: {len(rows)} groups")
    for c in rows:
        table.add_row(c.entity or str(c.entities), c.metric, f"{c.first_year}–{c.last_year}",
                      str(c.missing_years), str(c.observations), str(len(c.sources)),
                      str(len(c.claimants)), ", ".join(c.claimant_types))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(coverage)

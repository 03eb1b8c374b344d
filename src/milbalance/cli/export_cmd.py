"""``milbalance export DIR``: the whole dataset as a Frictionless Data Package."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from milbalance import config
from milbalance.cli.data_cmd import JsonOpt, state
from milbalance.cli.output import console, print_json
from milbalance.export import export


def export_cmd(
    target: Annotated[Path, typer.Argument(help="Folder to write (replaced if it holds an "
                                           "earlier export).", show_default=False)],
    as_json: JsonOpt = False,
) -> None:
    """Write every data file as a Frictionless Data Package: datapackage.json with a table
    schema per file and the publications (and licences) each file cites, beside CSV copies."""
    path = export(config.data_dir(state.data), target)
    if as_json:
        print_json({"datapackage": str(path)})
    else:
        console.print(f"wrote {path} (validate it with: frictionless validate {path})",
                      markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)

"""The ``milbalance`` command: a thin layer that parses arguments and calls the library.

Each ``milbalance.cli.<topic>_cmd`` module either adds top-level commands through
``register(app)`` or is a command group ``app`` mounted as ``milbalance <topic>``; modules are
found by name, so a new topic needs no edit here. User mistakes (bad data,
unknown names) print one line per problem and exit 2; internal errors exit 1.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import typer

from milbalance.cli import data_cmd
from milbalance.cli.output import errors
from milbalance.errors import DataError, MilbalanceError, UserError

app = typer.Typer(
    name="milbalance",
    help="Sourced, uncertainty-aware model of the defense-industrial balance between blocs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.callback()(data_cmd.options)

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _info.name.endswith("_cmd"):
        _module = importlib.import_module(f"{__name__}.{_info.name}")
        if hasattr(_module, "register"):  # top-level commands
            _module.register(app)
        else:  # a command group: `milbalance <topic> ...`
            app.add_typer(_module.app, name=_info.name.removesuffix("_cmd"))


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning milbalance's errors into clean exits."""
    try:
        app(args=argv, prog_name="milbalance")
    except DataError as exc:
        for issue in exc.issues:
            errors.print(str(issue), markup=False, highlight=False)
        errors.print(f"{len(exc.issues)} problem(s) found", markup=False)
        sys.exit(2)
    except UserError as exc:
        errors.print(f"error: {exc}", markup=False, highlight=False)
        sys.exit(2)
    except MilbalanceError as exc:
        errors.print(f"internal error: {exc}", markup=False, highlight=False)
        sys.exit(1)

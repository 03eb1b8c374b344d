"""How the CLI shows results: Rich tables for people, JSON for machines."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console

from milbalance.formatting import FLAG_LEGEND, FLAG_MARKS, number, span, to_jsonable
from milbalance.model import Source

__all__ = ["FLAG_LEGEND", "FLAG_MARKS", "console", "errors", "number", "print_json",
           "print_source", "span", "to_jsonable"]

console = Console(soft_wrap=False)
errors = Console(stderr=True, soft_wrap=True)


def print_json(value: Any) -> None:
    console.print_json(json.dumps(to_jsonable(value), ensure_ascii=False), indent=2)


def print_source(source: Source) -> None:
    """One source as a line below a table: never broken inside a word, so an id or an
    address is never cut (a narrow terminal wraps it on screen; a pipe gets it whole)."""
    console.print(f"{source.id}: {source.title} — {source.publisher}, {source.published}. "
                  f"{source.url}", style="dim", markup=False, highlight=False, soft_wrap=True)

"""How the CLI shows results: Rich tables for people, JSON for machines."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console

from milbalance.formatting import FLAG_LEGEND, FLAG_MARKS, number, span, to_jsonable

__all__ = ["FLAG_LEGEND", "FLAG_MARKS", "console", "errors", "number", "print_json", "span",
           "to_jsonable"]

console = Console(soft_wrap=False)
errors = Console(stderr=True, soft_wrap=True)


def print_json(value: Any) -> None:
    console.print_json(json.dumps(to_jsonable(value), ensure_ascii=False), indent=2)

"""Presentation helpers shared by the CLI, the web app and the report: short numbers,
ranges, flag marks and JSON-ready values. Pure functions, no I/O, so any front end can import
them without loading the others."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

FLAG_MARKS = {
    "estimate": "e",
    "uncertain": "u",
    "projection": "p",
    "secondary": "s",
    "derived": "d",
}
FLAG_LEGEND = "e estimate · u highly uncertain · p plan/projection · s secondary · d derived · " \
    "a annualised from a shorter rate"


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums, dates and paths as plain JSON values (NaN becomes null)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


_SCALES = ((1e12, " tn"), (1e9, " bn"), (1e6, " m"), (1e3, " k"))


def number(value: float | None, unit: str = "") -> str:
    """A figure short enough for a table cell: 1.49e11 USD → '148.97 bn', 7.05 % → '7.05'."""
    if value is None:
        return "–"
    if unit in ("percent",):
        return f"{value:.2f}"
    magnitude = abs(value)
    for size, suffix in _SCALES:
        if magnitude >= size:
            return f"{value / size:,.2f}{suffix}"
    return f"{value:,.4g}" if magnitude < 100 else f"{value:,.0f}"


def span(value: float | None, low: float | None, high: float | None, unit: str) -> str:
    """A point, or 'low–high' (with the central value first when there is one); a bound
    (a low or a high alone, no value) as '≥ low' or '≤ high'."""
    if value is None and (low is None) != (high is None):
        return f"≥ {number(low, unit)}" if low is not None else f"≤ {number(high, unit)}"
    if low is None or high is None:
        return number(value, unit)
    rng = f"{number(low, unit)}–{number(high, unit)}"
    return rng if value is None else f"{number(value, unit)} ({rng})"

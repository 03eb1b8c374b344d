"""Charts for the CLI's tables (series, compare, capacity, crossover), as PNG or SVG.

The same style as :mod:`milbalance.spending.charts` (whose caption and saving they reuse):
Matplotlib with the Agg backend, sources in the caption, gaps as breaks in a line — never
zeros — and intervals drawn as bands or bars, said in the caption.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import MaxNLocator

from milbalance.spending.charts import _check_path, _save, caption

_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


@dataclass
class Line:
    """One line of a chart: y over x (NaN: a gap), with an optional low–high interval,
    drawn as a band (``bars=False``) or as error bars on each point."""

    label: str
    x: list[float] = field(default_factory=list)
    y: list[float] = field(default_factory=list)
    low: list[float] = field(default_factory=list)
    high: list[float] = field(default_factory=list)
    bars: bool = False
    marker: str = "o"
    connect: bool = True


def scale(values: Sequence[float], unit: str) -> tuple[float, str]:
    """A factor and axis label so the largest value reads in ones to hundreds."""
    finite = [abs(v) for v in values if math.isfinite(v)]
    top = max(finite, default=0.0)
    for factor, word in _SCALES:
        if top >= factor:
            return factor, f"{word} {unit}".strip()
    return 1.0, unit


def chart_lines(path: Path, title: str, unit: str, lines: Sequence[Line],
                sources: Sequence[str], notes: Sequence[str] = (),
                probability: bool = False) -> Path:
    """Lines over years; ``probability`` fixes the axis to 0–1 with a dashed line at 0.5."""
    _check_path(path)
    values = [v for ln in lines for v in (*ln.y, *ln.low, *ln.high)]
    factor, label = (1.0, unit) if probability else scale(values, unit)
    fig, ax = plt.subplots(figsize=(9, 5))
    intervals = False
    for ln in lines:
        y = [v / factor for v in ln.y]
        style = "-" if ln.connect else ""
        (drawn,) = ax.plot(ln.x, y, linestyle=style or "none", marker=ln.marker,
                           label=ln.label)
        if not ln.low:
            continue
        low = [v / factor for v in ln.low]
        high = [v / factor for v in ln.high]
        if all(math.isnan(v) for v in low):
            continue
        intervals = True
        if ln.bars:
            err = [[max(0.0, c - lo) if not math.isnan(lo) else 0.0 for c, lo in zip(y, low,
                                                                               strict=True)],
                   [max(0.0, hi - c) if not math.isnan(hi) else 0.0 for c, hi in zip(y, high,
                                                                               strict=True)]]
            ax.errorbar(ln.x, y, yerr=err, fmt="none", ecolor=drawn.get_color(), capsize=3)
        else:
            ax.fill_between(ln.x, low, high, color=drawn.get_color(), alpha=0.2, linewidth=0)
    if probability:
        ax.set_ylim(-0.02, 1.02)
        ax.axhline(0.5, color="grey", linestyle="--", linewidth=0.8)
    ax.set_title(title)
    ax.set_ylabel(label)
    ax.grid(alpha=0.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8)
    all_notes = tuple(notes) + (("Bands and bars: the stated range or the 5–95 % interval",)
                                if intervals else ())
    return _save(fig, path, caption(tuple(sources), all_notes))


@dataclass(frozen=True)
class Interval:
    """One side's 5–50–95 % figures, drawn as a bar from p5 to p95 with the median marked."""

    label: str
    p5: float
    p50: float
    p95: float
    group: str = ""  # rows of one group (a side) share a colour


def chart_intervals(path: Path, title: str, unit: str, intervals: Sequence[Interval],
                    sources: Sequence[str], notes: Sequence[str] = ()) -> Path:
    """Horizontal 5–95 % bars, one per row, with the median as a dot (top row first)."""
    _check_path(path)
    factor, label = scale([v for i in intervals for v in (i.p5, i.p95)], unit)
    fig, ax = plt.subplots(figsize=(9, max(5.0, 2.5 + 0.5 * len(intervals))))
    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    groups = list(dict.fromkeys(i.group or i.label for i in intervals))
    for row, item in enumerate(reversed(intervals)):
        colour = cycle[groups.index(item.group or item.label) % len(cycle)]
        ax.plot([item.p5 / factor, item.p95 / factor], [row, row], linewidth=8, alpha=0.4,
                color=colour, solid_capstyle="butt")
        ax.plot([item.p50 / factor], [row], marker="o", color=colour)
    ax.set_yticks(range(len(intervals)), [i.label for i in reversed(intervals)])
    ax.set_ylim(-0.7, len(intervals) - 0.3)
    longest = max((len(i.label) for i in intervals), default=0)
    fig.subplots_adjust(left=min(0.45, 0.04 + 0.0095 * longest))
    ax.set_xlabel(label)
    ax.set_title(title)
    ax.grid(alpha=0.3, axis="x")
    return _save(fig, path, caption(tuple(sources), (
        *notes, "Bars: the 5–95 % interval; dots: the median")))


def nan(v: float | None) -> float:
    """None (a gap) as NaN, for a chart."""
    return float("nan") if v is None else float(v)

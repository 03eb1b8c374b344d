"""Charts of a spending series and of a comparison, as PNG or SVG, sources in the caption.

Matplotlib with the Agg backend (no display, no network). SVG text is kept as text
(``svg.fonttype = none``) so captions stay searchable. Gaps are drawn as breaks in the line,
never as zeros. Where the engine's figure is uncertain (ranges, sources that disagree) its
5–95 % interval is drawn as a shaded band around the median, and the caption says so.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.colors import to_hex
from matplotlib.figure import Figure as MplFigure

from milbalance.errors import UserError
from milbalance.spending.compare import SpendingComparison
from milbalance.spending.series import Series
from milbalance.spending.totals import Total

BAND_NOTE = "Shaded: the engine's 5–95 % interval where figures are uncertain"

FORMATS = (".png", ".svg")
_SCALE = {"USD": (1e9, "billion US$"), "USD_2023": (1e9, "billion constant 2023 US$"),
          "USD_PPP": (1e9, "billion international $ (PPP)"), "percent": (1.0, "% of GDP")}


def _scale(unit: str) -> tuple[float, str]:
    return _SCALE.get(unit, (1e9, f"billion {unit}"))


def _check_path(path: Path) -> None:
    if path.suffix.lower() not in FORMATS:
        raise UserError(f"chart file {str(path)!r} must end in .png or .svg")
    if not path.parent.exists():
        raise UserError(f"folder {str(path.parent)!r} for the chart does not exist")


def caption(sources: tuple[str, ...], notes: tuple[str, ...] = ()) -> str:
    """'Sources: a, b.' plus the notes, wrapped for a figure caption."""
    text = f"Sources: {', '.join(sources) if sources else 'none (no data)'}."
    if notes:
        text += " " + " ".join(n.rstrip(".") + "." for n in notes)
    return "\n".join(textwrap.wrap(text, 110, break_on_hyphens=False))


def _values(series: Series, factor: float) -> list[float]:
    return [float("nan") if f.value is None else f.value / factor for f in series.figures]


def _band(ax: Axes, years: list[int], totals: list[Total | None], factor: float,
          colour: str) -> bool:
    """Shade p5–p95 for the years whose total is uncertain; True when anything was drawn."""
    nan = float("nan")
    lows = [t.quantiles.p5 / factor if t is not None and t.quantiles is not None and
            t.uncertain else nan for t in totals]
    highs = [t.quantiles.p95 / factor if t is not None and t.quantiles is not None and
             t.uncertain else nan for t in totals]
    if all(math.isnan(v) for v in lows):
        return False
    ax.fill_between(years, lows, highs, color=colour, alpha=0.25, linewidth=0)
    return True


def _save(fig: MplFigure, path: Path, text: str) -> Path:
    lines = text.count("\n") + 1
    fig.text(0.01, 0.01, text, fontsize=7, va="bottom", ha="left")
    fig.subplots_adjust(bottom=0.12 + 0.03 * lines)
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def chart_series(series: Series, path: Path) -> Path:
    """Line chart of one series (partial bloc sums marked hollow); returns ``path``."""
    _check_path(path)
    factor, label = _scale(series.unit)
    years = list(series.years.years)
    fig, ax = plt.subplots(figsize=(9, 5))
    (line,) = ax.plot(years, _values(series, factor), marker="o", label=series.name)
    notes = series.notes
    if _band(ax, years, list(series.totals), factor, to_hex(line.get_color())):
        notes += (BAND_NOTE,)
    partial = [(f.year, f.value / factor) for f in series.figures
               if f.value is not None and f.note.startswith("partial")]
    if partial:
        ax.scatter(*zip(*partial, strict=True), facecolors="white", edgecolors="red", zorder=3,
                   label="partial sum (members missing)")
    ax.set_title(f"{series.name}: {series.definition} {series.basis}, {series.years}")
    ax.set_ylabel(label)
    ax.grid(alpha=0.3)
    ax.legend()
    return _save(fig, path, caption(series.sources, notes))


def chart_comparison(cmp: SpendingComparison, path: Path) -> Path:
    """Both series on one axis (same basis); returns ``path``."""
    _check_path(path)
    factor, label = _scale(cmp.a.unit)
    years = list(cmp.a.years.years)
    fig, ax = plt.subplots(figsize=(9, 5))
    banded = False
    for s, side in ((cmp.a, "a"), (cmp.b, "b")):
        values = [float("nan") if v is None else v / factor
                  for v in (r.a if side == "a" else r.b for r in cmp.rows)]
        (line,) = ax.plot(years, values, marker="o", label=f"{s.name} ({s.definition})")
        totals = [r.a_total if side == "a" else r.b_total for r in cmp.rows]
        banded = _band(ax, years, totals, factor, to_hex(line.get_color())) or banded
    ax.set_title(f"{cmp.a.name} vs {cmp.b.name}: {cmp.a.basis}, {cmp.a.years}")
    ax.set_ylabel(label)
    ax.grid(alpha=0.3)
    ax.legend()
    notes = cmp.notes
    if banded:
        notes += (f"{BAND_NOTE} (seed {cmp.seed}, {cmp.samples} samples)",)
    return _save(fig, path, caption(cmp.sources, notes))

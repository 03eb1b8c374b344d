"""Charts of a spending series and of a comparison, as PNG or SVG, sources in the caption.

Matplotlib with the Agg backend (no display, no network). SVG text is kept as text
(``svg.fonttype = none``) so captions stay searchable. Gaps are drawn as breaks in the line,
never as zeros.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure as MplFigure

from milbalance.errors import UserError
from milbalance.spending.compare import SpendingComparison
from milbalance.spending.series import Series

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
    return "\n".join(textwrap.wrap(text, 110))


def _values(series: Series, factor: float) -> list[float]:
    return [float("nan") if f.value is None else f.value / factor for f in series.figures]


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
    ax.plot(years, _values(series, factor), marker="o", label=series.name)
    partial = [(f.year, f.value / factor) for f in series.figures
               if f.value is not None and f.note.startswith("partial")]
    if partial:
        ax.scatter(*zip(*partial, strict=True), facecolors="white", edgecolors="red", zorder=3,
                   label="partial sum (members missing)")
    ax.set_title(f"{series.name}: {series.definition} {series.basis}, {series.years}")
    ax.set_ylabel(label)
    ax.grid(alpha=0.3)
    ax.legend()
    return _save(fig, path, caption(series.sources, series.notes))


def chart_comparison(cmp: SpendingComparison, path: Path) -> Path:
    """Both series on one axis (same basis); returns ``path``."""
    _check_path(path)
    factor, label = _scale(cmp.a.unit)
    years = list(cmp.a.years.years)
    fig, ax = plt.subplots(figsize=(9, 5))
    for s in (cmp.a, cmp.b):
        ax.plot(years, _values(s, factor), marker="o", label=f"{s.name} ({s.definition})")
    ax.set_title(f"{cmp.a.name} vs {cmp.b.name}: {cmp.a.basis}, {cmp.a.years}")
    ax.set_ylabel(label)
    ax.grid(alpha=0.3)
    ax.legend()
    sources = tuple(dict.fromkeys(cmp.a.sources + cmp.b.sources))
    return _save(fig, path, caption(sources, cmp.notes))

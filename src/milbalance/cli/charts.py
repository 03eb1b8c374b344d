"""--chart for series, compare, capacity and crossover: results turned into chart lines.

Imported only when a chart is asked for (Matplotlib is slow to import).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from milbalance.charts import Interval, Line, chart_intervals, chart_lines, nan

if TYPE_CHECKING:
    from milbalance.engine import Comparison
    from milbalance.engine.bases import BasesAnswer
    from milbalance.production.projection import (
        CapacityResult,
        CrossoverResult,
        CrossYear,
        SideYear,
    )
    from milbalance.store import ObservationRow


def series_chart(rows: list[ObservationRow], name: str, metrics: str, path: Path) -> Path:
    """Each claimant's figures over the years (a line per claimant and metric); a range
    is an error bar, a figure for part of a year sits at its year."""
    lines: dict[str, Line] = {}
    for o in rows:
        who = f"{o.claimant or o.source} ({o.claimant_type})"
        label = f"{who}, {o.metric}" if "," in metrics else who
        ln = lines.setdefault(label, Line(label, bars=True))
        ln.x.append(o.period.year)
        ln.y.append(o.central)
        ln.low.append(nan(o.low))
        ln.high.append(nan(o.high))
    units = ", ".join(dict.fromkeys(o.unit for o in rows))
    sources = tuple(dict.fromkeys(o.source for o in rows))
    return chart_lines(path, f"{name}: {metrics}, by claimant", units, list(lines.values()),
                       sources, ("Gaps are breaks, never zeros",))


def compare_chart(result: Comparison, path: Path) -> Path:
    """Both sides' 5–95 % intervals on one axis, P(A > B) in the title."""
    sides = []
    for key, est in (("a", result.a), ("b", result.b)):
        q = result.quantiles.get(key)
        if q is not None:
            sides.append(Interval(est.entity, q.p5, q.p50, q.p95, key))
    sources = tuple(dict.fromkeys(s for est in (result.a, result.b)
                                  for c in est.contributions for s in c.sources))
    title = (f"{result.a.metric} {result.a.period}: P({result.a.entity} > {result.b.entity})"
             f" = {result.p_a_gt_b:.3f}")
    return chart_intervals(path, title, result.a.unit, sides, sources,
                           (f"seed {result.seed}, {result.samples} samples",))


def bases_chart(result: BasesAnswer, path: Path) -> Path:
    """Each basis: both sides' 5–95 % intervals, P(A > B) in the label."""
    rows = []
    for bs in result.bases:
        p = "–" if bs.p_a_gt_b is None else f"{bs.p_a_gt_b:.2f}"
        for name, use in ((result.a, bs.a), (result.b, bs.b)):
            if use is not None:
                q = use.quantiles
                rows.append(Interval(f"{bs.basis}: {name} (P {p})", q.p5, q.p50, q.p95, name))
    sources = tuple(dict.fromkeys(f.source for bs in result.bases for f in bs.figures))
    return chart_intervals(path, f"{result.item} {result.year}: {result.a} against {result.b}, "
                           f"verdict {result.verdict}", "rounds a year", rows, sources,
                           (f"seed {result.seed}, {result.samples} samples per basis",))


def capacity_chart(result: CapacityResult, path: Path) -> Path:
    """Modelled capacity (median, 5–95 % band) over the years, reported figures as points."""
    years: list[float] = [y.year for y in result.years]
    modelled = Line(f"{result.bloc}: modelled from lines", years,
                    [nan(y.median) for y in result.years], [nan(y.p5) for y in result.years],
                    [nan(y.p95) for y in result.years])
    reported: dict[str, Line] = {}
    for y in result.years:
        for r in y.reported:
            label = f"reported {r.kind.replace('_', ' ')} (any member, claimant)"
            ln = reported.setdefault(label, Line(label, bars=True, marker="s", connect=False))
            ln.x.append(y.year)
            ln.y.append(nan(r.value if r.value is not None else
                            None if r.low is None or r.high is None else (r.low + r.high) / 2))
            ln.low.append(nan(r.low))
            ln.high.append(nan(r.high))
    return chart_lines(path, f"{result.bloc} — {result.item}: capacity, rounds a year",
                       "rounds a year", [modelled, *reported.values()], result.sources,
                       (f"seed {result.seed}, {result.samples} samples",
                        "Reported output or capacity is a different thing from modelled lines"))


def _p(values: list[float | None]) -> list[float]:
    return [nan(v) for v in values]


def crossover_chart(result: CrossoverResult, path: Path) -> Path:
    """P(A > B) per year on both bases (lines, reported capacity); gaps are breaks."""
    years: list[float] = [y.year for y in result.years]
    lines = [Line(f"lines: P({result.a} > {result.b})", years,
                  _p([y.lines.p_a_greater for y in result.years])),
             Line(f"reported: P({result.a} > {result.b})", years,
                  _p([y.reported.p_a_greater for y in result.years]), marker="s")]
    sources = tuple(dict.fromkeys(s for y in result.years for side in _sides(y)
                                  for s in side.sources))
    return chart_lines(path, f"{result.item}: P({result.a} > {result.b}) by year", "P",
                       lines, sources, (f"seed {result.seed}, {result.samples} samples",),
                       probability=True)


def _sides(y: CrossYear) -> tuple[SideYear, ...]:
    return (y.lines.a, y.lines.b, y.reported.a, y.reported.b)

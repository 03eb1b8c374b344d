"""The figures of compare, capacity and crossover tables as :class:`Rows` for --csv/--xlsx:
the same rows the terminal shows, numbers unrounded, each with its source ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

from milbalance.tables import Rows

if TYPE_CHECKING:
    from milbalance.engine import Comparison, Quantiles
    from milbalance.engine.bases import BasesAnswer, SideUse
    from milbalance.production.projection import CapacityResult, CrossoverResult, SideYear
    from milbalance.spending import Series, SpendingComparison
    from milbalance.spending.totals import Total

_Q = ("p5", "p50", "p95")


def _q(q: Quantiles | None) -> tuple[float | None, ...]:
    return (None,) * 4 if q is None else (q.p5, q.p50, q.p95, q.mean)


def compare_rows(result: Comparison) -> Rows:
    """One row per side and one for A/B, each with P(A > B) (``compare --metric``)."""
    a, b = result.a, result.b
    rows = Rows(f"{a.metric} {a.period}: {a.entity} against {b.entity}",
                ("year", "metric", "row", "p5", "p50", "p95", "mean", "unit",
                 f"P({a.entity} > {b.entity})", "p_tie"))
    ids = {key: tuple(s for c in est.contributions for s in c.sources)
           for key, est in (("a", a), ("b", b))}
    for key, q in result.quantiles.items():
        label = {"a": a.entity, "b": b.entity}.get(key, key.replace("a", a.entity, 1)
                                                   .replace("b", b.entity, 1))
        unit = "ratio" if "/" in key else a.unit if key == "a" else b.unit
        rows.add(a.period, a.metric if key != "b" else b.metric, label, *_q(q), unit,
                 result.p_a_gt_b, result.p_tie,
                 sources=ids.get(key, ids["a"] + ids["b"]))
    return rows


def _use(use: SideUse | None) -> tuple[float | str | None, ...]:
    if use is None:
        return (None, None, None, "")
    q = use.quantiles
    return (q.p5, q.p50, q.p95, f"{use.metric} {use.year} ({use.resolution})")


def bases_rows(result: BasesAnswer) -> Rows:
    """One row per basis (``compare --item``): P, reading, both sides' 5–50–95 %, gaps."""
    from milbalance.engine.verdict import reading

    a, b = result.a, result.b
    rows = Rows(f"{result.item} {result.year}: {a} against {b}, verdict {result.verdict}",
                ("year", "basis", f"P({a} > {b})", "bound", "reading",
                 *(f"{a} {q}" for q in _Q), f"{a} figure", *(f"{b} {q}" for q in _Q),
                 f"{b} figure", "gaps"))
    for bs in result.bases:
        rows.add(result.year, bs.basis, bs.p_a_gt_b, bs.bound or "",
                 reading(bs).replace("A ahead", f"{a} ahead").replace("B ahead", f"{b} ahead"),
                 *_use(bs.a), *_use(bs.b), "; ".join(bs.gaps),
                 sources=(f.source for f in bs.figures))
    return rows


def capacity_rows(result: CapacityResult) -> Rows:
    """A row per year: modelled median and P5–P95, each stage's known capacity, binding
    shares and the reported figures beside them."""
    stages = list(dict.fromkeys(s for y in result.years for s in y.stage_median))
    rows = Rows(f"{result.bloc} — {result.item}: modelled capacity, rounds a year",
                ("year", "modelled median", "p5", "p95",
                 *(f"{s} capacity (rounds)" for s in stages),
                 *(f"{s} binding share" for s in stages), "reported"))
    for y in result.years:
        reported = "; ".join(
            f"{r.entity} {r.kind} {r.period}: "
            + (f"{r.value:g}" if r.value is not None else f"{r.low:g}–{r.high:g}"
               if r.low is not None and r.high is not None else f"≥ {r.low:g}"
               if r.low is not None else f"≤ {r.high:g}" if r.high is not None else "gap")
            + f" ({r.claimant})" for r in y.reported)
        rows.add(y.year, y.median, y.p5, y.p95, *(y.stage_median.get(s) for s in stages),
                 *(y.binding.get(s, 0.0) for s in stages), reported,
                 sources=(*result.sources, *(r.source for r in y.reported)))
    return rows


def _side(x: SideYear) -> tuple[float | None, ...]:
    return (x.median, x.p5, x.p95)


def crossover_rows(result: CrossoverResult) -> Rows:
    """A row per year: P(A > B) on lines and on reported capacity, with both sides."""
    a, b = result.a, result.b
    side = ("median", "p5", "p95")
    rows = Rows(f"{result.item}: {a} vs {b}, capacity in rounds a year",
                ("year", f"lines: P({a} > {b})", *(f"{a} lines {s}" for s in side),
                 *(f"{b} lines {s}" for s in side), f"reported: P({a} > {b})",
                 "reported: P(tie)", *(f"{a} reported {s}" for s in side),
                 *(f"{b} reported {s}" for s in side)))
    for y in result.years:
        ids = (s for x in (y.lines.a, y.lines.b, y.reported.a, y.reported.b) for s in x.sources)
        rows.add(y.year, y.lines.p_a_greater, *_side(y.lines.a), *_side(y.lines.b),
                 y.reported.p_a_greater, y.reported.p_tie, *_side(y.reported.a),
                 *_side(y.reported.b), sources=ids)
    return rows


def _total(t: Total | None, value: float | None) -> tuple[float | None, ...]:
    """median, p5, p95 of a total (the figure itself when the engine did not run)."""
    if t is not None and t.quantiles is not None:
        return (t.quantiles.p50, t.quantiles.p5, t.quantiles.p95)
    return (value, value, value)


def spending_rows(series: Series) -> Rows:
    """``spending ENTITY``: a row per year (bloc: the total with its members and gaps)."""
    title = f"{series.name} — {series.definition} on basis {series.basis} ({series.unit})"
    if series.is_bloc:
        rows = Rows(title, ("year", "total median", "p5", "p95", "unit", "partial",
                            "members counted", "members", "missing (gaps)"))
        for f, b in zip(series.figures, series.blocs, strict=True):
            rows.add(f.year, *_total(b.total, f.value), series.unit, b.partial,
                     len(b.counted), len(b.members), "; ".join(b.gaps),
                     sources=(*f.sources, *b.sources))
        return rows
    rows = Rows(title, ("year", "value", "unit", "flags", "derived", "formula",
                        "derived / published - 1", "other sources"))
    for f in series.figures:
        rows.add(f.year, f.value, series.unit, ";".join(str(x) for x in f.flags),
                 None if f.derived is None else f.derived.value,
                 "" if f.derived is None else f.derived.formula, f.difference,
                 "; ".join(f"{o.source}: {o.value:g}" for o in f.alternatives),
                 sources=f.sources)
    return rows


def spending_comparison_rows(cmps: list[SpendingComparison]) -> Rows:
    """``spending A --vs B``: a row per basis and year (the tables one after another)."""
    a, b = cmps[0].a.entity, cmps[0].b.entity
    rows = Rows(f"{cmps[0].a.name} vs {cmps[0].b.name}",
                ("basis", "year", f"{a} median", f"{a} p5", f"{a} p95", f"{a} partial",
                 f"{b} median", f"{b} p5", f"{b} p95", f"{b} partial", "unit", f"{a}/{b}",
                 f"{a}/{b} p5", f"{a}/{b} p95", f"P({a} > {b})"))
    for c in cmps:
        for i, year in enumerate(c.a.years.years):
            r = c.rows[i]
            rq = r.ratio_quantiles
            ids = (*c.a.figures[i].sources, *c.b.figures[i].sources)
            rows.add(str(c.a.basis), year, *_total(r.a_total, r.a), r.a_partial,
                     *_total(r.b_total, r.b), r.b_partial, c.a.unit, r.ratio,
                     None if rq is None else rq.p5, None if rq is None else rq.p95,
                     r.p_a_gt_b, sources=ids or c.sources)
    return rows

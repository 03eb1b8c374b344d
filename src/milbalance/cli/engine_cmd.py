"""Commands that answer questions with the uncertainty engine: estimate, compare."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from milbalance import engine  # engine.estimate / engine.compare load SciPy on first use
from milbalance.cli.data_cmd import JsonOpt, open_store
from milbalance.cli.output import (
    ChartOpt,
    CsvOpt,
    XlsxOpt,
    console,
    errors,
    number,
    print_json,
    progress,
    to_jsonable,
    write_rows,
)
from milbalance.cli.rows import bases_rows, compare_rows
from milbalance.engine import Comparison, EngineOptions, Estimate, Quantiles
from milbalance.engine.options import (
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    LevelRule,
    MembershipRule,
    Sampler,
)
from milbalance.errors import UserError

if TYPE_CHECKING:
    from milbalance.engine.bases import BasesAnswer

YearOpt = Annotated[int, typer.Option("--year", help="Calendar year of the figures.")]
SamplesOpt = Annotated[int, typer.Option("--samples", help="Monte Carlo samples.")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed: same seed and data, same numbers.")]
ClaimantOpt = Annotated[str | None, typer.Option(
    "--claimant", help="Only figures from this claimant type (e.g. official-nato).")]
MembershipOpt = Annotated[MembershipRule, typer.Option(
    "--membership", help="How a mid-year accession counts for an annual figure.")]
CarryOpt = Annotated[bool, typer.Option(
    "--carry-forward", help="Fill a member's gap with its latest earlier figure (stated).")]
LevelsOpt = Annotated[LevelRule, typer.Option(
    "--levels", help="Figures filed on a bloc itself vs the sum of its members: mixture "
    "(alternative hypotheses of the whole), members-only or bloc-only.")]
CompaniesOpt = Annotated[bool, typer.Option(
    "--companies", help="Roll company figures into the home country when it has none "
    "(flagged).")]
NarrowerOpt = Annotated[bool, typer.Option(
    "--allow-narrower", help="Read a narrower metric (155 mm for all calibres) where the "
    "metric is missing, as a lower bound (flagged).")]
SupplyOpt = Annotated[bool, typer.Option(
    "--supply", help="Add suppliers' deliveries to the lead's output (flagged).")]
EstimatorOpt = Annotated[Sampler, typer.Option(
    "--estimator", help="rqmc: randomized quasi-Monte Carlo with smoothing of P(A>B) where "
    "it applies and a replicate error estimate (plain MC where it does not, said in the "
    "answer); mc: plain Monte Carlo.")]
CumulativeOpt = Annotated[bool, typer.Option(
    "--cumulative", help="Read totals over a multi-year period (<metric>_cumulative) as "
    "annual figures, spread evenly over the stated period, where a member has no annual "
    "figure (flagged).")]


def _options(samples: int, seed: int, claimant: str | None, membership: MembershipRule,
             carry: bool, allow_mixed: bool = False, levels: LevelRule = LevelRule.MIXTURE,
             companies: bool = False, narrower: bool = False,
             supply: bool = False, estimator: Sampler = Sampler.RQMC,
             cumulative: bool = False) -> EngineOptions:
    return EngineOptions(samples=samples, seed=seed, claimant_type=claimant,
                         membership=membership, carry_forward=carry,
                         allow_mixed_kinds=allow_mixed, levels=levels, companies=companies,
                         allow_narrower=narrower, supply=supply, estimator=estimator,
                         cumulative=cumulative)


def _q(q: Quantiles | None, unit: str = "") -> list[str]:
    if q is None:
        return ["–"] * 4
    return [number(q.p5, unit), number(q.p50, unit), number(q.p95, unit), number(q.mean, unit)]


def _footer(result: Estimate | Comparison) -> None:
    gaps = result.gaps
    if gaps:
        console.print("[yellow]coverage gaps (not counted as zero):[/yellow] "
                      + escape("; ".join(f"{g.member} ({g.reason}"
                                  + (f", filled by {g.filled_by}" if g.filled_by else "") + ")"
                                         for g in gaps)), highlight=False)
    for a in result.assumptions:
        console.print(f"[dim]assumption {escape(str(a))}[/dim]", highlight=False)
    info = result.estimator
    how = ""
    if info is not None:
        how = f", estimator {info.used}" + (f" (asked {info.asked})" if info.used.partition(
            "+")[0] != info.asked else "")
        if info.half_width is not None:
            how += f", P(A>B) ±{info.half_width:.2g} (95%)"
        if info.note:
            how += f"; {info.note}"
    console.print(f"[dim]seed {result.seed}, {result.samples:,} samples{escape(how)}[/dim]",
                  highlight=False)


def estimate_cmd(
    entity: Annotated[str, typer.Argument(help="Entity or bloc (RUS, NATO, Russia).")],
    metric: Annotated[str, typer.Argument(help="Metric id (see `milbalance metrics`).")],
    year: YearOpt,
    samples: SamplesOpt = DEFAULT_SAMPLES,
    seed: SeedOpt = DEFAULT_SEED,
    claimant: ClaimantOpt = None,
    membership: MembershipOpt = MembershipRule.ANY_DAY,
    carry_forward: CarryOpt = False,
    levels: LevelsOpt = LevelRule.MIXTURE,
    companies: CompaniesOpt = False,
    allow_narrower: NarrowerOpt = False,
    supply: SupplyOpt = False,
    estimator: EstimatorOpt = Sampler.RQMC,
    cumulative: CumulativeOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """The distribution of ENTITY's METRIC in a year, with contributions and gaps."""
    with open_store() as store:
        options = _options(samples, seed, claimant, membership, carry_forward, False, levels,
                           companies, allow_narrower, supply, estimator, cumulative)
        result = engine.estimate(store, entity, metric, year, options)
    if as_json:
        body: dict[str, Any] = to_jsonable(result)
        print_json(body)
        return
    table = Table("", "5%", "50%", "95%", "mean",
                  title=f"{result.entity} — {result.metric} {result.period} ({result.unit})")
    table.add_row("all figures", *_q(result.quantiles, result.unit))
    for ctype, q in result.by_claimant.items():
        table.add_row(f"only {ctype}", *_q(q, result.unit))
    console.print(table)
    _levels_table(result)
    _contrib_table(result)
    _footer(result)


def _levels_table(result: Estimate) -> None:
    if not result.levels:
        return
    table = Table("", "5%", "50%", "95%", "mean", "weight", "note",
                  title=f"{result.entity}: member sum and bloc-level figures side by side")
    for lv in result.levels:
        table.add_row(lv.name, *_q(lv.quantiles, result.unit), f"{lv.weight:.3f}",
                      escape(lv.note))
    console.print(table)


def _contrib_table(result: Estimate) -> None:
    if len(result.contributions) < 2 and all(c.level == "member"
                                             for c in result.contributions):
        return
    table = Table("part", "level", "mean", "share", "figures", "sources",
                  title=f"contributions to {result.entity}")
    for c in result.contributions:
        table.add_row(c.member, c.level, number(c.mean, result.unit), f"{c.share:.1%}",
                      str(c.observations), ", ".join(c.sources))
    console.print(table)


def compare_json(result: Comparison) -> dict[str, Any]:
    """The comparison as the JSON the CLI prints (keys documented in the issue)."""
    out: dict[str, Any] = {
        "a": to_jsonable(result.a), "b": to_jsonable(result.b),
        "p_a_gt_b": result.p_a_gt_b, "p_b_gt_a": result.p_b_gt_a, "p_tie": result.p_tie,
        "quantiles": to_jsonable(result.quantiles),
        "by_claimant": to_jsonable(result.by_claimant),
        "contributions": {"a": to_jsonable(result.a.contributions),
                          "b": to_jsonable(result.b.contributions)},
        "levels": {"a": to_jsonable(result.a.levels), "b": to_jsonable(result.b.levels)},
        "gaps": to_jsonable(result.gaps), "drivers": to_jsonable(result.drivers),
        "assumptions": to_jsonable(result.assumptions), "mixed_kinds": result.mixed_kinds,
        "seed": result.seed, "samples": result.samples,
        "estimator": to_jsonable(result.estimator),
    }
    return out


def compare_cmd(
    a: Annotated[str, typer.Argument(help="Side A: entity or bloc (NATO).")],
    b: Annotated[str, typer.Argument(help="Side B: entity or bloc (RUS_SUPPLIERS, RUS).")],
    year: YearOpt,
    metric: Annotated[str | None, typer.Option(
        "--metric", help="Metric id for both sides (one metric, today's single answer).")
    ] = None,
    item: Annotated[str | None, typer.Option(
        "--item", help="Item (artillery_shells): every basis side by side (new output, "
        "capacity, incl. refurbished, plus supplies, 155 mm only) with one verdict.")] = None,
    metric_b: Annotated[str | None, typer.Option(
        "--metric-b", help="A different metric for side B (needs --allow-mixed-kinds).")] = None,
    samples: SamplesOpt = DEFAULT_SAMPLES,
    seed: SeedOpt = DEFAULT_SEED,
    claimant: ClaimantOpt = None,
    membership: MembershipOpt = MembershipRule.ANY_DAY,
    carry_forward: CarryOpt = False,
    allow_mixed_kinds: Annotated[bool, typer.Option(
        "--allow-mixed-kinds", help="Allow comparing different kinds (output vs capacity); "
        "the answer is flagged.")] = False,
    levels: LevelsOpt = LevelRule.MIXTURE,
    companies: CompaniesOpt = False,
    allow_narrower: NarrowerOpt = False,
    supply: SupplyOpt = False,
    estimator: EstimatorOpt = Sampler.RQMC,
    cumulative: CumulativeOpt = False,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    chart: ChartOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """P(A > B) on a metric in a year, with quantiles, per-claimant answers and drivers;
    with --item, on every basis side by side, with one verdict and a headline.

    --csv/--xlsx write the quantile table (with --item: the bases table); --chart draws
    both sides' 5–95 % intervals."""
    if (metric is None) == (item is None):
        raise UserError("give either --item (every basis) or --metric (one metric)")
    if item is not None:
        _bases_cmd(a, b, item, year, samples if samples != DEFAULT_SAMPLES else None, seed,
                   as_json, (csv, xlsx, chart))
        return
    assert metric is not None
    with open_store() as store:
        options = _options(samples, seed, claimant, membership, carry_forward,
                           allow_mixed_kinds, levels, companies, allow_narrower, supply,
                           estimator, cumulative)
        with progress(f"comparing {a} and {b} ({samples:,} samples)"):
            result = engine.compare(store, a, b, metric, year, options, metric_b=metric_b)
        write_rows(compare_rows(result), csv, xlsx, store.sources())
    if chart is not None:
        from milbalance.cli.charts import compare_chart  # matplotlib: only here

        errors.print(f"chart written to {compare_chart(result, chart)}", markup=False,
                     highlight=False)
    if as_json:
        print_json(compare_json(result))
        return
    unit = result.a.unit
    if result.mixed_kinds:
        console.print("[bold yellow]mixed kinds:[/bold yellow] "
                      f"{result.a.metric} against {result.b.metric} (asked for)")
    console.print(f"P({result.a.entity} > {result.b.entity}) = [bold]{result.p_a_gt_b:.3f}"
                  f"[/bold]" + (f"  (tie {result.p_tie:.3f})" if result.p_tie else ""))
    table = Table("", "5%", "50%", "95%", "mean",
                  title=f"{result.a.metric} {result.a.period} ({unit})")
    for key, q in result.quantiles.items():
        table.add_row(key.replace("a", result.a.entity, 1).replace("b", result.b.entity, 1)
                      if key in ("a", "b") else key, *_q(q, "" if key == "a/b" else unit))
    console.print(table)
    if result.by_claimant:
        by = Table("claimant type", "P(A>B)", "A−B 50%", "gaps", title="per claimant type")
        for ans in result.by_claimant:
            by.add_row(ans.claimant_type, "–" if ans.p_a_gt_b is None else
                       f"{ans.p_a_gt_b:.3f}", _q(ans.difference, unit)[1], str(ans.gaps))
        console.print(by)
    for est in (result.a, result.b):
        _levels_table(est)
        _contrib_table(est)
    if result.drivers:
        dr = Table("driver", "kind", "var. share", "P low", "P high", "flips", title="drivers")
        for d in result.drivers[:15]:
            dr.add_row(d.name, d.kind, f"{d.variance_share:.2f}", f"{d.low:.3f}",
                       f"{d.high:.3f}", "yes" if d.flips else "")
        console.print(dr)
    _footer(result)


def bases_json(result: BasesAnswer) -> dict[str, Any]:
    """{"bases": [{"basis", "p_a_gt_b", "a", "b", "figures", "gaps", ...}], "verdict",
    "headline", ...} (the keys the issue documents, then the rest)."""
    from milbalance.engine.verdict import reading

    rows = []
    for bs in result.bases:
        row = {"basis": bs.basis, "p_a_gt_b": bs.p_a_gt_b, "a": to_jsonable(bs.a),
               "b": to_jsonable(bs.b), "figures": to_jsonable(bs.figures),
               "gaps": list(bs.gaps), "reading": reading(bs), "bound": bs.bound or None,
               "description": bs.description, "notes": list(bs.notes),
               "p_error_95": bs.p_error, "uncovered": list(bs.uncovered),
               "p_carried": bs.p_carried}
        rows.append(row)
    return {"bases": rows, "verdict": result.verdict, "headline": result.headline,
            "reasons": list(result.reasons), "a": result.a, "b": result.b,
            "item": result.item, "year": result.year, "seed": result.seed,
            "samples": result.samples, "rule": "docs/methodology.md"}


def _bases_cmd(a: str, b: str, item: str, year: int, samples: int | None, seed: int,
               as_json: bool, files: tuple[Path | None, Path | None, Path | None]) -> None:
    from milbalance.engine.bases import bases, default_options
    from milbalance.engine.verdict import reading

    options = default_options(seed=seed, **({"samples": samples} if samples else {}))
    csv, xlsx, chart = files
    with open_store() as store:
        with progress(f"comparing {a} and {b} on every basis of {item}"):
            result = bases(store, a, b, item, year, options)
        write_rows(bases_rows(result), csv, xlsx, store.sources())
    if chart is not None:
        from milbalance.cli.charts import bases_chart  # matplotlib: only here

        errors.print(f"chart written to {bases_chart(result, chart)}", markup=False,
                     highlight=False)
    if as_json:
        print_json(bases_json(result))
        return
    table = Table("basis", f"P({result.a} > {result.b})", "reading", f"{result.a} 5–50–95%",
                  f"{result.b} 5–50–95%", "how", "gaps",
                  title=f"{item} {year}: {result.a} against {result.b}, basis by basis")
    for bs in result.bases:
        p = "–" if bs.p_a_gt_b is None else (
            {"lower": "≥ ", "upper": "≤ "}.get(bs.bound, "") + f"{bs.p_a_gt_b:.3f}")
        cells = []
        for use in (bs.a, bs.b):
            cells.append("–" if use is None else "–".join(
                number(x) for x in (use.quantiles.p5, use.quantiles.p50, use.quantiles.p95)))
        how = "; ".join(f"{u.metric.partition('.')[2]} {u.year}" + (
            "" if u.resolution == "measured" else f" ({u.resolution})")
            for u in (bs.a, bs.b) if u is not None) or "no data"
        said = reading(bs).replace("A ahead", f"{result.a} ahead").replace(
            "B ahead", f"{result.b} ahead")
        table.add_row(bs.basis, p, said, *cells, escape(how), str(len(bs.gaps)))
    console.print(table)
    console.print(f"[bold]verdict: {result.verdict}[/bold]")
    console.print(escape(result.headline), highlight=False)
    for bs in result.bases:
        for note in bs.notes:
            console.print(f"[dim]{bs.basis}: {escape(note)}[/dim]", highlight=False)
    console.print(f"[dim]rule: docs/methodology.md; seed {result.seed}, {result.samples:,} "
                  "samples per basis (plain Monte Carlo)[/dim]", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("estimate")(estimate_cmd)
    app.command("compare")(compare_cmd)

"""Production commands: capacity, bottleneck, crossover, scenario."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

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
    span,
    write_rows,
)
from milbalance.cli.rows import capacity_rows, crossover_rows
from milbalance.production import projection as P
from milbalance.production import reports as R
from milbalance.production.scenario import run_scenario

ItemOpt = Annotated[str, typer.Option("--item", help="Munition item, e.g. artillery_shells or "
                                      "artillery_shells_155mm (calibres count in their family).")]
SamplesOpt = Annotated[int, typer.Option("--samples", help="Monte Carlo samples.")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the random generator.")]


def _reported_text(rows: tuple[R.Reported, ...]) -> str:
    return "\n".join(f"{r.entity} {r.kind} ({r.metric.split('.')[0]}, {r.period}): "
                     f"{span(r.value, r.low, r.high, '')} — {r.claimant} ({r.source})"
                     for r in rows) or "none"


def _coverage_text(rows: tuple[R.Coverage, ...]) -> str:
    return "\n".join(f"{c.scope}: {c.share:.0%} of {number(c.reported)} ({c.claimant}, "
                     f"{c.period}{', restates' if c.restated_by_lines else ''})"
                     for c in rows) or "no reported capacity"


def _assumptions(items: tuple[str, ...]) -> None:
    console.print("[bold]assumptions[/bold]")
    for a in items:
        console.print(f"  {a}", highlight=False, markup=False)


def capacity(
    bloc: Annotated[str, typer.Argument(help="Bloc or country (NATO, RUS_SUPPLIERS, RUS).")],
    item: ItemOpt = "artillery_shells",
    years: Annotated[str, typer.Option("--years", help="Years, e.g. 2022-2030.")] = "2022-2030",
    samples: SamplesOpt = P.DEFAULT_SAMPLES,
    seed: SeedOpt = P.DEFAULT_SEED,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    chart: ChartOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Modelled finished-round capacity per year (P5–P95), beside reported output/capacity.

    --csv/--xlsx write a row per year; --chart draws the modelled band over the years with
    the reported figures as points."""
    with open_store() as store:
        with progress(f"modelling {bloc}'s {item} lines ({samples:,} samples)"):
            result = P.capacity(store, bloc, item, P.parse_years(years), samples, seed)
        write_rows(capacity_rows(result), csv, xlsx, store.sources())
    if chart is not None:
        from milbalance.cli.charts import capacity_chart  # matplotlib: only here

        errors.print(f"chart written to {capacity_chart(result, chart)}", markup=False,
                     highlight=False)
    if as_json:
        print_json(result)
        return
    table = Table("year", "modelled median", "P5–P95", "known stage capacity (rounds)",
                  "binding", "reported capacity / output (a different thing: entity, "
                  "claimant, source)", "lines cover",
                  title=f"{result.bloc} — {item}: capacity modelled from lines, rounds a year, "
                        "beside reported figures")
    for y in result.years:
        stages = ", ".join(f"{k} {number(v)}" for k, v in y.stage_median.items())
        binding = ", ".join(f"{k} {v:.0%}" for k, v in y.binding.items() if v > 0)
        table.add_row(str(y.year), number(y.median),
                      f"{number(y.p5)}–{number(y.p95)}" if y.p5 is not None else "–",
                      stages or "no data", binding, _reported_text(y.reported),
                      _coverage_text(y.coverage))
    console.print(table)
    console.print("[dim]lines cover: modelled median ÷ a reported capacity of the same scope "
                  "and year (below 100%: plants without sourced rows); 'restates' marks a "
                  "figure a production row is itself sourced from[/dim]")
    for stage, why in result.unknown_stages.items():
        console.print(f"[dim]stage {stage}: not modelled ({why})[/dim]")
    gaps = {(g.line, g.reason) for y in result.years for g in y.gaps}
    for line, reason in sorted(gaps):
        console.print(f"[yellow]gap[/yellow] {line}: {reason}", highlight=False)
    console.print(f"[dim]sources: {', '.join(result.sources)}; seed {result.seed}, "
                  f"{result.samples} samples[/dim]", highlight=False)
    _assumptions(result.assumptions)


def bottleneck(
    bloc: Annotated[str, typer.Argument(help="Bloc or country.")],
    item: ItemOpt = "artillery_shells",
    year: Annotated[int, typer.Option("--year", help="Year to solve.")] = 2026,
    member_share: Annotated[float, typer.Option(
        "--member-share", "--trade-share",
        help="Share of each member's stage capacity it may export to other countries of the "
        "bloc (1: free trade; 0: none).")] = 1.0,
    supplier_share: Annotated[float | None, typer.Option(
        "--supplier-share", help="Share of a supplier's stage capacity (role 'supplier', e.g. "
        "in RUS_SUPPLIERS) it may export to the bloc; default: the member share.")] = None,
    lp_samples: Annotated[int | None, typer.Option(
        "--lp-samples", help="Solve the LP on this many samples (default: all).")] = None,
    samples: SamplesOpt = P.DEFAULT_SAMPLES,
    seed: SeedOpt = P.DEFAULT_SEED,
    as_json: JsonOpt = False,
) -> None:
    """The binding stage in a year, with its shadow price, active lines and sources (HiGHS)."""
    with open_store() as store, progress(f"solving {bloc}'s {item} stages for {year}"):
        r = P.bottleneck(store, bloc, item, year, samples, seed, member_share, lp_samples,
                         supplier_share)
    if as_json:
        print_json(r)
        return
    if r.binding_stage is None:
        console.print(f"no stage of {item} has quantified capacity in {r.bloc} in {year}")
    else:
        console.print(f"[bold]{r.bloc} {item} {year}[/bold]: binding stage "
                      f"[bold]{r.binding_stage}[/bold]; output bound median "
                      f"{number(r.output_median)} rounds (LP over {r.lp_samples} of "
                      f"{r.samples} samples)")
    table = Table("stage", "known capacity (rounds)", "limits in", "binding share",
                  "shadow price", f"rows active in {year} (median added; share of samples)",
                  "sources")
    for s in r.stages:
        rows = "\n".join(f"{x.id} ({x.status}{', total' if x.basis == 'total' else ''}): "
                         f"{number(x.median)}" + ("" if x.share >= 0.995 else
                                                  f"; {x.share:.0%}") for x in s.lines)
        table.add_row(s.stage, number(s.capacity_rounds), ", ".join(s.constrains) or "nowhere",
                      f"{s.binding_share:.0%}", f"{s.shadow_price:.3g} {s.unit}",
                      rows or "none", "\n".join(s.sources))
    console.print(table)
    if r.lp_vs_closed_form_max_gap is not None:
        console.print(f"[dim]LP vs closed form, largest difference: "
                      f"{r.lp_vs_closed_form_max_gap:.3g} rounds[/dim]")
    for stage, why in r.unknown_stages.items():
        console.print(f"[dim]stage {stage}: unconstrained/unknown ({why})[/dim]")
    for g in sorted({(g.line, g.reason) for g in r.gaps}):
        console.print(f"[yellow]gap[/yellow] {g[0]}: {g[1]}", highlight=False)
    _assumptions(r.assumptions)


def _side(x: P.SideYear) -> str:
    if x.median is None:
        return "–"
    return f"{number(x.median)} ({number(x.p5)}–{number(x.p95)})"


def crossover(
    a: Annotated[str, typer.Argument(help="First bloc or country (e.g. NATO).")],
    b: Annotated[str, typer.Argument(help="Second bloc or country (e.g. RUS).")],
    item: ItemOpt = "artillery_shells",
    years: Annotated[str, typer.Option("--years", help="Years, e.g. 2022-2030.")] = "2022-2030",
    samples: SamplesOpt = P.DEFAULT_SAMPLES,
    seed: SeedOpt = P.DEFAULT_SEED,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    chart: ChartOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """P(A > B) per year on two bases — capacity modelled from lines on both sides, and
    reported capacity on both sides — with the first year each passes 0.5 and 0.9.

    --csv/--xlsx write a row per year; --chart draws P(A > B) over the years on both bases."""
    with open_store() as store:
        with progress(f"modelling {a} against {b} ({samples:,} samples)"):
            r = P.crossover(store, a, b, item, P.parse_years(years), samples, seed)
        write_rows(crossover_rows(r), csv, xlsx, store.sources())
    if chart is not None:
        from milbalance.cli.charts import crossover_chart  # matplotlib: only here

        errors.print(f"chart written to {crossover_chart(r, chart)}", markup=False,
                     highlight=False)
    if as_json:
        print_json(r)
        return
    table = Table("year", f"lines: P({r.a} > {r.b})", f"{r.a} lines median (P5–P95)",
                  f"{r.b} lines median (P5–P95)", f"reported: P({r.a} > {r.b})",
                  f"{r.a} reported", f"{r.b} reported",
                  title=f"{item}: {r.a} vs {r.b}, capacity in rounds a year, on two bases")

    def p(x: P.BasisYear) -> str:
        if x.p_a_greater is None:
            return "no data"
        tie = f" (tie {x.p_tie:.3f})" if x.p_tie else ""
        return f"{x.p_a_greater:.3f}{tie}"

    for y in r.years:
        table.add_row(str(y.year), p(y.lines), _side(y.lines.a), _side(y.lines.b),
                      p(y.reported), _side(y.reported.a), _side(y.reported.b))
    console.print(table)
    for basis, first in r.first_year.items():
        console.print(f"{basis}: first year P > 0.5: {first['0.5'] or 'none in range'}; "
                      f"P > 0.9: {first['0.9'] or 'none in range'}")
    console.print("[bold]what each side's figure is made of[/bold]")
    shown: set[str] = set()
    for y in r.years:
        for side, x in ((r.a, y.lines.a), (r.b, y.lines.b), (r.a, y.reported.a),
                        (r.b, y.reported.b)):
            text = f"{side}: {x.basis}"
            if text not in shown:
                shown.add(text)
                console.print(f"  {y.year}+ {text}", highlight=False, markup=False)
    console.print("[bold]coverage of the line data (modelled ÷ reported capacity)[/bold]")
    any_cov = False
    for y in r.years:
        for c in (*y.coverage_a, *y.coverage_b):
            any_cov = True
            console.print(f"  {y.year} {c.scope}: lines {number(c.modelled_median)} = "
                          f"{c.share:.0%} of {number(c.reported)} reported by {c.claimant} "
                          f"({c.metric}, {c.period})"
                          + (" — restated by a production row" if c.restated_by_lines
                             else ""), highlight=False, markup=False)
    if not any_cov:
        console.print("  no reported capacity for either side itself in these years")
    for side, gaps in r.gaps.items():
        for line, reason in sorted({(g.line, g.reason) for g in gaps}):
            console.print(f"[yellow]gap[/yellow] {side}: {line}: {reason}", highlight=False)
    console.print(f"[dim]seed {r.seed}, {r.samples} samples[/dim]")
    _assumptions(r.assumptions)


def scenario(
    file: Annotated[Path, typer.Argument(help="Scenario YAML (see examples/scenarios).")],
    as_json: JsonOpt = False,
) -> None:
    """Stock trajectory and months until depletion for a stockpile scenario."""
    with open_store() as store, progress(f"running scenario {file.name}"):
        r = run_scenario(file, store)
    if as_json:
        print_json(r)
        return
    console.print(f"[bold]{r.name}[/bold] ({r.entity}, {r.item}, from {r.start}, "
                  f"{r.months} months)")
    table = Table("input", "value (a month; stock in rounds)", "from")
    for i in r.inputs:
        shown = number(i.value) if i.low is None else f"{number(i.low)}–{number(i.high)}"
        table.add_row(i.name, shown, i.origin)
    console.print(table)
    traj = Table("month", "stock median", "P5–P95")
    for m in sorted({1, 3, 6, 12, 24, 36, r.months} & set(range(1, r.months + 1))):
        traj.add_row(str(m), number(r.stock_median[m - 1]),
                     f"{number(r.stock_p5[m - 1])}–{number(r.stock_p95[m - 1])}")
    console.print(traj)
    if r.depletion_month_median is None:
        console.print(f"not depleted within {r.months} months in any sample")
    else:
        console.print(f"P(depleted within {r.months} months) = {r.p_depleted:.2f}; month of "
                      f"depletion median {r.depletion_month_median:.0f} "
                      f"(P5 {r.depletion_month_p5:.0f}, P95 {r.depletion_month_p95:.0f})")
    if r.out_of_range:
        console.print(f"[yellow]out of range:[/yellow] {r.out_of_range}", highlight=False)
    _assumptions(r.assumptions)


def register(app: typer.Typer) -> None:
    for command in (capacity, bottleneck, crossover, scenario):
        app.command()(command)

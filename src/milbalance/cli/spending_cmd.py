"""Commands for spending: ``milbalance spending`` (series, bloc totals, comparisons, charts)
and ``milbalance consistency`` (do quoted figures fit together and the reference data?)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from milbalance.cli.data_cmd import JsonOpt, open_store
from milbalance.cli.output import (
    FLAG_LEGEND,
    FLAG_MARKS,
    CsvOpt,
    XlsxOpt,
    console,
    number,
    print_json,
    print_source,
    progress,
    write_rows,
)
from milbalance.cli.rows import spending_comparison_rows, spending_rows
from milbalance.engine import Quantiles
from milbalance.spending import (
    Basis,
    ConsistencyResult,
    Lookup,
    Series,
    SpendingComparison,
    Tolerances,
    check_quote,
    compare_spending,
    parse_basis,
    parse_definition,
    parse_years,
    spending_series,
    standings,
)
from milbalance.spending.definitions import DEFINITIONS, figure_definition
from milbalance.spending.provenance import Figure, Input
from milbalance.spending.totals import DEFAULT_OPTIONS, Total
from milbalance.store import Store

BASES_HELP = "lcu, usd, constant-usd, ppp, gdp-share or per-capita"


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x:+.1%}"


def _marks(f: Figure) -> str:
    return "".join(FLAG_MARKS.get(x, "") for x in f.flags)


def _cell(f: Figure, unit: str) -> str:
    if f.value is None:
        return "gap"
    marks = _marks(f)
    return number(f.value, unit) + (f" {marks}" if marks else "")


def _interval(q: Quantiles | None, unit: str) -> str:
    """' [p5–p95]' when the engine's figure is uncertain, else ''."""
    if q is None or q.p5 == q.p95:
        return ""
    return f" [{number(q.p5, unit)}–{number(q.p95, unit)}]"


def _total_cell(t: Total | None, value: float | None, unit: str, partial: bool,
                fallback: Figure) -> str:
    if t is not None and t.quantiles is not None:
        text = number(t.quantiles.p50, unit) + _interval(t.quantiles, unit)
    elif value is not None:
        text = _cell(fallback, unit)
    else:
        return "gap"
    return text + (" (partial)" if partial else "")


def _other(lk: Lookup, o: Input, unit: str, own: str) -> str:
    """Another source's figure, with its definition when it is not the series' own."""
    text = f"{number(o.value, unit)} {o.source}" + (f" ({o.claimant})" if o.claimant else "")
    defn = figure_definition(o.metric, o.claimant, lk.publisher(o.source))
    return text + (f" [{defn}]" if defn and defn != own else "")


def _print_sources(store: Store, ids: tuple[str, ...]) -> None:
    used = {s.id: s for s in store.sources() if s.id in ids}
    for sid in ids:
        s = used.get(sid)
        if s is not None:
            print_source(s)


def _runs(years: list[int]) -> str:
    """[2014, 2015, 2016, 2019] → '2014–2016, 2019 (4 years)'."""
    parts: list[str] = []
    start = prev = years[0]
    for y in [*years[1:], years[-1] + 2]:
        if y != prev + 1:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = y
        prev = y
    return ", ".join(parts) + (f" ({len(years)} years)" if len(years) > 1 else "")


def _print_gaps(s: Series) -> None:
    """Gaps, with runs of years missing the same members folded into one line."""
    runs: dict[str, list[str]] = {}
    for g in s.gaps:
        year, _, what = g.partition(": ")
        runs.setdefault(what, []).append(year)
    for what, years in runs.items():
        span = _runs([int(y) for y in years])
        detail = f": {what}" if what else " (no figure)"
        console.print(f"[yellow]gap[/yellow] {s.entity} {s.basis} {span}{detail}",
                      highlight=False)


def _all_sources(s: Series) -> tuple[str, ...]:
    """Every source behind a series: chosen, alternative and derivation inputs."""
    found: dict[str, None] = dict.fromkeys(s.sources)
    for f in s.figures:
        found.update(dict.fromkeys(o.source for o in f.alternatives))
        if f.derived is not None:
            found.update(dict.fromkeys(f.derived.sources))
    return tuple(found)


def _series_table(store: Store, lk: Lookup, s: Series) -> None:
    title = f"{s.name} — {s.definition} on basis {s.basis} ({s.unit}), {s.years}"
    if s.is_bloc:
        table = Table("year", "total", "members", "missing (gaps)", "sources", title=title)
        for f, b in zip(s.figures, s.blocs, strict=True):
            cell = _total_cell(b.total, f.value, s.unit, b.partial, f)
            if b.total is None and f.published is not None and f.derived is not None:
                cell += f" (members: {number(f.derived.value, s.unit)})"
            table.add_row(str(f.year), cell, f"{len(b.counted)}/{len(b.members)}",
                          ", ".join(b.gaps), ", ".join(dict.fromkeys(f.sources + b.sources)))
    else:
        history = standings(lk, s)
        table = Table("year", "value", "source", "derived (formula)", "diff", "other sources",
                      "in its history", title=title)
        for f in s.figures:
            derived = "" if f.derived is None else \
                f"{number(f.derived.value, s.unit)} ({f.derived.formula})"
            own = DEFINITIONS[s.definition].label
            others = "; ".join(_other(lk, o, s.unit, own) for o in f.alternatives)
            source = ", ".join(f.sources) if f.published else (
                "derived" if f.derived else "")
            table.add_row(str(f.year),
                          _cell(f, s.unit), source, derived, _pct(f.difference), others,
                          history.get(f.year, ""))
    console.print(table)
    for n in s.notes:
        console.print(f"[dim]note: {n}[/dim]", highlight=False)
    _print_gaps(s)
    console.print(f"[dim]{FLAG_LEGEND}; diff = derived / published − 1[/dim]")
    _print_sources(store, _all_sources(s))


def _comparison_table(store: Store, cmps: list[SpendingComparison]) -> None:
    a, b = cmps[0].a, cmps[0].b
    for c in cmps:
        table = Table("year", a.entity, b.entity, f"{a.entity}/{b.entity}",
                      f"P({a.entity} > {b.entity})",
                      title=f"{a.name} vs {b.name}, {c.a.basis} ({c.a.unit}), {a.years}; "
                      "median [5–95 %] where uncertain")
        for i, year in enumerate(a.years.years):
            r = c.rows[i]
            fa, fb = c.a.figures[i], c.b.figures[i]
            ratio = "–" if r.ratio is None else f"{r.ratio:.2f}"
            rq = r.ratio_quantiles
            if rq is not None and rq.p5 != rq.p95:
                ratio += f" [{rq.p5:.2f}–{rq.p95:.2f}]"
            p = r.p_a_gt_b
            table.add_row(str(year), _total_cell(r.a_total, r.a, c.a.unit, r.a_partial, fa),
                          _total_cell(r.b_total, r.b, c.b.unit, r.b_partial, fb),
                          ratio, "–" if p is None else f"{p:.3f}")
        console.print(table)
    sources: dict[str, None] = {}
    notes = dict.fromkeys(n for c in cmps for n in c.notes + c.a.notes + c.b.notes)
    for n in notes:
        console.print(f"[dim]note: {n}[/dim]", highlight=False)
    for c in cmps:
        if c.seed is not None:
            console.print(f"[dim]engine ({c.a.basis}): seed {c.seed}, {c.samples} samples; "
                          "assumptions:[/dim]", highlight=False)
            for x in c.assumptions:
                console.print(f"[dim]  {escape(str(x))}[/dim]", highlight=False)
    for c in cmps:
        for s in (c.a, c.b):
            _print_gaps(s)
            sources.update(dict.fromkeys(_all_sources(s)))
        sources.update(dict.fromkeys(c.sources))
    console.print(f"[dim]{FLAG_LEGEND}[/dim]")
    _print_sources(store, tuple(sources))


def spending(
    entity: Annotated[str, typer.Argument(help="Country or bloc id, name or alias (RUS, NATO).")],
    years: Annotated[str, typer.Option(help="Years, e.g. 2014-2024 or 2024.")] = "2014-2024",
    basis: Annotated[str, typer.Option(help=BASES_HELP)] = "usd",
    vs: Annotated[str | None, typer.Option("--vs", help="Compare with this country or bloc.")]
    = None,
    definition: Annotated[str, typer.Option(
        help="sipri, nato, ru-national-defence or us-050")] = "sipri",
    vs_definition: Annotated[str | None, typer.Option(
        help="Definition for the --vs side (default: the same).")] = None,
    chart: Annotated[Path | None, typer.Option(help="Write a chart to FILE.png or FILE.svg.")]
    = None,
    include_projections: Annotated[bool, typer.Option(
        "--include-projections", help="Read plans, budget laws and forecasts too (flag p); "
        "left out by default.")] = False,
    samples: Annotated[int, typer.Option(help="Engine Monte Carlo samples.")]
    = DEFAULT_OPTIONS.samples,
    seed: Annotated[int, typer.Option(help="Engine seed: same seed and data, same numbers.")]
    = DEFAULT_OPTIONS.seed,
    csv: CsvOpt = None,
    xlsx: XlsxOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Spending of a country or bloc by year, with the source of every value.

    With --vs, both side by side with A/B and P(A > B) from the engine (quantiles where
    figures are uncertain); on usd or ppp, market rates and PPP are shown together. Bloc
    totals come from the engine and list the members without a figure (a partial sum, never
    zero-filled). Projections are left out unless --include-projections. --csv and --xlsx
    write the table's rows (with --vs, market rates and PPP one after the other).
    """
    span, base = parse_years(years), parse_basis(basis)
    defn = parse_definition(definition)
    vs_defn = parse_definition(vs_definition) if vs_definition else None
    options = replace(DEFAULT_OPTIONS, samples=samples, seed=seed)
    with open_store() as store:
        lk = Lookup(store, include_projections)
        if vs is None:
            with progress(f"spending of {entity}, {span}"):
                s = spending_series(store, entity, base, span, defn, lk, options)
            write_rows(spending_rows(s), csv, xlsx, store.sources())
            from milbalance.spending.charts import chart_series  # matplotlib: only here

            path = chart_series(s, chart) if chart else None
            if as_json:
                print_json({"series": s, "sources": s.sources, "gaps": s.gaps,
                            "projections": lk.store.note, "chart": path})
                return
            _series_table(store, lk, s)
        else:
            bases = [Basis.USD, Basis.PPP] if base in (Basis.USD, Basis.PPP) else [base]
            with progress(f"spending of {entity} and {vs}, {span}", len(bases)) as advance:
                cmps = []
                for b in bases:
                    cmps.append(compare_spending(store, entity, vs, b, span, defn, vs_defn, lk,
                                                 options))
                    advance(1)
            write_rows(spending_comparison_rows(cmps), csv, xlsx, store.sources())
            main = next(c for c in cmps if c.a.basis == base)
            from milbalance.spending.charts import chart_comparison  # matplotlib: only here

            path = chart_comparison(main, chart) if chart else None
            if as_json:
                print_json({"comparisons": {str(c.a.basis): c for c in cmps},
                            "projections": lk.store.note, "chart": path})
                return
            _comparison_table(store, cmps)
    if path is not None:
        console.print(f"chart written to {path}", highlight=False)


def _print_consistency(store: Store, r: ConsistencyResult) -> None:
    q = r.quote
    cur = q.currency
    head = Table("quoted", "value", title=f"Quoted figures: {q.entity} {q.year}")
    if q.amount is not None:
        head.add_row(f"amount ({cur})", number(q.amount))
    if q.usd is not None:
        head.add_row("amount (US$)", number(q.usd))
    if q.share_gdp is not None:
        head.add_row("share of GDP", f"{q.share_gdp:g} %")
    if r.implied_rate is not None:
        head.add_row("implied exchange rate", f"{r.implied_rate:.2f} {cur} per US$")
    if r.implied_gdp_lcu is not None:
        head.add_row(f"implied GDP ({cur})", number(r.implied_gdp_lcu))
    if r.implied_gdp_usd is not None:
        head.add_row("implied GDP (US$)", number(r.implied_gdp_usd))
    console.print(head)
    checks = Table("check", "implied", "reference", "source", "implied vs reference",
                   "tolerance", title=f"Reference data for {q.year} (first row of each check "
                   "is the one judged against)")
    for c in r.checks:
        fmt = (lambda v: f"{v:.2f}") if c.name == "exchange rate" else number
        if not c.references:
            checks.add_row(c.name, fmt(c.implied), "gap", "no reference in the data", "", "")
        for i, (ref, dev) in enumerate(zip(c.references, c.deviations, strict=True)):
            ok = abs(dev) <= c.tolerance
            mark = "[green]within[/green]" if ok else "[red]outside[/red]"
            checks.add_row(c.name if i == 0 else "", fmt(c.implied) if i == 0 else "",
                           fmt(ref.value), ref.label, f"{_pct(dev)} {mark}",
                           f"±{c.tolerance:.0%}" if i == 0 else "")
    console.print(checks)
    verdicts = Table("figure", "quoted", "verdict", "reference data make it", "off by", "why",
                     title="Verdict per figure")
    for v in r.verdicts:
        colour = {"fits": "green", "off": "red"}.get(v.status, "yellow")
        verdicts.add_row(v.figure, number(v.quoted, v.unit), f"[{colour}]{v.status}[/{colour}]",
                         number(v.expected, v.unit), _pct(v.deviation), v.reason)
    console.print(verdicts)
    if r.matches:
        m_table = Table("figure", "matches", "year", "value", "source", "quoted vs it",
                        title="Closest reference figures (any definition, nearby years)")
        for m in r.matches:
            what = m.definition + (" (converted at that year's rate)" if m.derived else "")
            m_table.add_row(m.figure, what, str(m.year), number(m.value), m.source,
                            _pct(m.deviation))
        console.print(m_table)
    fits = ", ".join(f"{f.year}: {f.score:.1%} ({f.passed}/{f.checks} pass)"
                     for f in r.year_fits)
    if fits:
        console.print(f"fit by year (mean |deviation|): {fits}", highlight=False)
    if r.better_years:
        console.print("fits better: " + ", ".join(str(f.year) for f in r.better_years),
                      highlight=False)
    for m in r.other_fits:
        console.print(f"[bold]{m.figure} also fits[/bold] {m.definition} for {m.year} "
                      f"({number(m.value)}, {m.source}, {_pct(m.deviation)})", highlight=False)
    t = r.tolerances
    console.print(f"[dim]tolerances: exchange rate ±{t.rate:.0%}, GDP ±{t.gdp:.0%}, "
                  f"matching another figure ±{t.match:.0%}[/dim]")
    for n in r.notes:
        console.print(f"[yellow]note[/yellow] {n}", highlight=False)
    ids: dict[str, None] = {}
    for c in r.checks:
        ids.update(dict.fromkeys(ref.source for ref in c.references))
    ids.update(dict.fromkeys(m.source for m in r.matches))
    _print_sources(store, tuple(ids))


def consistency(
    year: Annotated[int, typer.Option(help="Year the figures are for.")],
    amount: Annotated[float | None, typer.Option(help="Amount in local currency, e.g. 13.5e12.")]
    = None,
    currency: Annotated[str | None, typer.Option(help="ISO 4217 code of --amount, e.g. RUB.")]
    = None,
    usd: Annotated[float | None, typer.Option("--usd", help="Amount in US$, e.g. 151e9.")]
    = None,
    gdp_share: Annotated[float | None, typer.Option(help="Share of GDP in per cent, e.g. 6.3.")]
    = None,
    entity: Annotated[str | None, typer.Option(help="Country (default: from --currency).")]
    = None,
    rate_tolerance: Annotated[float, typer.Option(help="Relative tolerance, exchange rate.")]
    = Tolerances.rate,
    gdp_tolerance: Annotated[float, typer.Option(help="Relative tolerance, GDP.")]
    = Tolerances.gdp,
    as_json: JsonOpt = False,
) -> None:
    """Check an amount in local currency, its US$ value and its share of GDP quoted together:
    implied exchange rate and GDP against the reference data, a verdict per figure, and
    whether another year or definition fits better."""
    tol = Tolerances(rate=rate_tolerance, gdp=gdp_tolerance)
    with open_store() as store:
        result = check_quote(store, year, amount=amount, currency=currency, usd=usd,
                             share_gdp=gdp_share, entity=entity, tolerances=tol)
        if as_json:
            print_json({"result": result,
                        "better_years": [f.year for f in result.better_years],
                        "other_fits": result.other_fits})
            return
        _print_consistency(store, result)


def register(app: typer.Typer) -> None:
    app.command()(spending)
    app.command()(consistency)

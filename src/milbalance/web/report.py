"""The self-contained HTML report: the overview (charts as inline SVG, CSS inline) with the
production model's capacity projections, the spending library's NATO vs Russia chart and,
with an article, the claims found in it with their verdicts. No external resource is
referenced.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from milbalance.claims import Reading
from milbalance.errors import MilbalanceError
from milbalance.formatting import number
from milbalance.store import Store
from milbalance.web.app import STATIC
from milbalance.web.claims_view import article_segments, evidence_sources, read_article
from milbalance.web.overview import Overview, overview
from milbalance.web.pages import cited, environment

WORKED_EXAMPLE = ("NATO", "RUS", "artillery_shells", 2025)
"""The bases comparison the report shows (docs/methodology.md's worked example; the seed
article examples/articles/ammunition-balance-2025.md is dated 2025-11-14)."""

if TYPE_CHECKING:
    from milbalance.engine.bases import BasesAnswer

SPENDING_SIDES = ("NATO", "RUS")
"""The spending comparison the report draws (the spending library's own chart)."""


@dataclass(frozen=True)
class SpendingChart:
    """The spending library's comparison chart as inline SVG, with its sources and notes."""

    title: str
    svg: str
    sources: tuple[str, ...]
    notes: tuple[str, ...]
    summary: str


_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)


def inline_svg(text: str) -> str:
    """A matplotlib SVG file made fit to sit inside HTML: the XML prolog, doctype and RDF
    metadata (namespace addresses only, but addresses all the same) are removed."""
    start = text.find("<svg")
    if start < 0:
        raise MilbalanceError(f"chart is not an SVG document (no <svg> element): {text[:80]!r}")
    return _METADATA.sub("", text[start:])


def spending_chart(store: Store, start: int, end: int) -> SpendingChart:
    """NATO vs Russia military spending in current US$ (SIPRI definition), drawn by
    ``spending.charts.chart_comparison`` (matplotlib, Agg: no display, no network)."""
    from milbalance.spending import Basis, compare_spending, parse_years
    from milbalance.spending.charts import chart_comparison  # matplotlib: only here

    a, b = SPENDING_SIDES
    cmp = compare_spending(store, a, b, Basis.USD, parse_years(f"{start}-{end}"))
    with tempfile.TemporaryDirectory(prefix="milbalance-report-") as folder:
        path = chart_comparison(cmp, Path(folder) / "spending.svg")
        svg = inline_svg(path.read_text(encoding="utf-8"))
    sources = tuple(dict.fromkeys(cmp.a.sources + cmp.b.sources))
    last = next((r for r in reversed(cmp.rows) if r.a is not None and r.b is not None), None)
    if last is None:
        line = f"spending {a} vs {b} ({cmp.a.basis}): no year with figures for both"
    else:
        partial = " (partial sum: members missing)" if last.a_partial or last.b_partial \
            else ""
        line = (f"spending {a} vs {b} {last.year} ({cmp.a.basis}, {cmp.a.definition}): "
                f"{number(last.a, cmp.a.unit)} vs {number(last.b, cmp.b.unit)} "
                f"{cmp.a.unit}{partial}")
    return SpendingChart(f"{a} vs {b}: military spending, {cmp.a.basis}, {cmp.a.years}", svg,
                         sources, cmp.notes, line)


def capacity_summary(ov: Overview) -> list[str]:
    """One line per capacity pair: the last year with P(A > B) on each basis."""
    lines = []
    for c in ov.capacity:
        r = c.result
        for attr in ("lines", "reported"):
            known = [y for y in r.years if getattr(y, attr).p_a_greater is not None]
            if not known:
                lines.append(f"capacity {r.a} vs {r.b} ({attr}): no year with figures for both")
                continue
            y = known[-1]
            x = getattr(y, attr)
            tie = f" (tie {x.p_tie:.3f})" if x.p_tie else ""
            lines.append(f"capacity {r.a} vs {r.b} {y.year} ({x.basis}): P({r.a} > {r.b}) = "
                         f"{x.p_a_greater:.3f}{tie}; medians {number(x.a.median)} vs "
                         f"{number(x.b.median)} rounds a year")
    return lines


@dataclass(frozen=True)
class BasesRow:
    """One basis as the report's table shows it."""

    basis: str
    p: str
    reading: str
    a: str
    b: str
    how: str
    gaps: int
    notes: tuple[str, ...]


def bases_rows(answer: BasesAnswer) -> list[BasesRow]:
    """The bases answer as table rows (figures shortened, bounds marked)."""
    from milbalance.engine.verdict import reading

    rows = []
    for b in answer.bases:
        p = "–" if b.p_a_gt_b is None else (
            {"lower": "≥ ", "upper": "≤ "}.get(b.bound, "") + f"{b.p_a_gt_b:.3f}")
        cells = ["–" if u is None else f"{number(u.quantiles.p50)} "
                 f"({number(u.quantiles.p5)}–{number(u.quantiles.p95)})" for u in (b.a, b.b)]
        how = "; ".join(f"{u.entity}: {u.metric} {u.year} ({u.resolution})"
                        for u in (b.a, b.b) if u is not None) or "no data"
        said = reading(b).replace("A ahead", f"{answer.a} ahead").replace(
            "B ahead", f"{answer.b} ahead")
        rows.append(BasesRow(b.basis, p, said, cells[0], cells[1], how, len(b.gaps),
                             b.notes))
    return rows


def bases_summary(answer: BasesAnswer) -> str:
    return (f"bases {answer.a} vs {answer.b} {answer.item} {answer.year}: {answer.verdict} — "
            f"{answer.headline}")


@dataclass(frozen=True)
class Report:
    """The report page and the lines of its terminal summary."""

    html: str
    summary: tuple[str, ...]


def overview_summary(ov: Overview) -> list[str]:
    """One line per metric and bloc: its latest estimate, with how many members lack figures."""
    lines = []
    for panel in ov.panels:
        for side in panel.sides:
            if not side.estimates:
                lines.append(f"{panel.metric} {side.entity}: no figure in {ov.start}–{ov.end} "
                             "(a gap in the data)")
                continue
            e = side.estimates[-1]
            q = e.quantiles
            gaps = f"; {len(e.gaps)} member(s) without a figure, not counted" if e.gaps else ""
            lines.append(f"{panel.metric} {side.entity} {e.period}: median "
                         f"{number(q.p50, e.unit)} (5–95 %: {number(q.p5, e.unit)}–"
                         f"{number(q.p95, e.unit)}) {e.unit}{gaps}")
    lines.append(f"{len(ov.statements)} officials' statements on the timeline")
    return lines


def article_summary(reading: Reading, name: str) -> list[str]:
    """One line per claim: its verdict, probability and the sentence (shortened)."""
    lines = [f"{name or 'article'}: {len(reading.claims)} claim(s) checked, "
             f"{len(reading.skipped)} sentence(s) not checkable"]
    for c in reading.claims:
        v = c.verdict
        p = "" if v.probability is None else f" P={v.probability:.2f}"
        text = v.claim.text if len(v.claim.text) <= 90 else v.claim.text[:87] + "..."
        lines.append(f"  {v.label}{p} [{v.claim.kind}] {text}")
    return lines


def build_report(store: Store, article: str | None = None, article_name: str = "",
                 start: int | None = None, end: int | None = None,
                 on: date | None = None) -> Report:
    """Render the report for the store's data (and an article's claims, when given, read at
    ``on``, the day the article was published: 'now' in it means then)."""
    ov = overview(store, start, end)
    summary = overview_summary(ov) + capacity_summary(ov)
    spend = spending_chart(store, ov.start, min(ov.end, datetime.now(UTC).year))
    summary.append(spend.summary)
    from milbalance.engine.bases import bases

    a, b, item, year = WORKED_EXAMPLE
    worked = bases(store, a, b, item, year)
    summary.append(bases_summary(worked))
    worked_sources = tuple(dict.fromkeys(f.source for x in worked.bases for f in x.figures))
    reading = read_article(store, article, on) if article is not None else None
    sources = cited(store, ov)
    used = {s.id for s in sources}
    sources += [s for s in store.sources() if s.id in spend.sources + worked_sources
                and s.id not in used]
    if reading is not None:
        summary += article_summary(reading, article_name)
        used = {s.id for s in sources}
        sources += [s for s in evidence_sources(store, reading) if s.id not in used]
    sources.sort(key=lambda s: s.id)
    template = environment().get_template("report.html")
    html = template.render(
        title="milbalance report", standalone=True, pages=[],
        inline_css=(STATIC / "app.css").read_text(encoding="utf-8"), error=None,
        ov=ov, spending=spend, cited=sources, article=article, article_name=article_name,
        bases=worked, bases_rows=bases_rows(worked), bases_sources=worked_sources,
        reading=reading,
        segments=article_segments(article, reading) if article and reading else [],
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        content_hash=store.content_hash)
    return Report(html, tuple(summary))

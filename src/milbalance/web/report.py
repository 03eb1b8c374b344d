"""The self-contained HTML report: the overview (charts as inline SVG, CSS inline) and, with
an article, the claims found in it with their verdicts. No external resource is referenced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from milbalance.claims import Reading
from milbalance.formatting import number
from milbalance.store import Store
from milbalance.web.app import STATIC
from milbalance.web.claims_view import article_segments, evidence_sources, read_article
from milbalance.web.overview import Overview, overview
from milbalance.web.pages import cited, environment


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
                 start: int | None = None, end: int | None = None) -> Report:
    """Render the report for the store's data (and an article's claims, when given)."""
    ov = overview(store, start, end)
    summary = overview_summary(ov)
    reading = read_article(store, article) if article is not None else None
    sources = cited(store, ov)
    if reading is not None:
        summary += article_summary(reading, article_name)
        used = {s.id for s in sources}
        sources += [s for s in evidence_sources(store, reading) if s.id not in used]
        sources.sort(key=lambda s: s.id)
    template = environment().get_template("report.html")
    html = template.render(
        title="milbalance report", standalone=True, pages=[],
        inline_css=(STATIC / "app.css").read_text(encoding="utf-8"), error=None,
        ov=ov, cited=sources, article=article, article_name=article_name, reading=reading,
        segments=article_segments(article, reading) if article and reading else [],
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        content_hash=store.content_hash)
    return Report(html, tuple(summary))

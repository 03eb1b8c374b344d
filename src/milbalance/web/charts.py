"""Small SVG charts drawn from library results, with presentation attributes only.

No inline ``style`` and no script, so the SVG can sit inline in a page under a strict CSP
and in the self-contained report. Every text from the data is XML-escaped.

Scales are linear: a value v maps to ``top + (1 - (v - lo) / (hi - lo)) * height``; the value
axis starts at zero unless a value is negative (bars and bands are read against zero).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from milbalance.formatting import number, span
from milbalance.web.views import SeriesView, claimant_label

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F",
           "#000000")
"""Okabe–Ito colours (distinguishable with colour-blindness), then grey and black."""

WIDTH, HEIGHT = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 78, 20, 34, 92


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2 or 5 × 10^k.

    >>> nice_ticks(0, 148.9)
    [0.0, 50.0, 100.0, 150.0]
    """
    if not math.isfinite(lo) or not math.isfinite(hi) or hi <= lo:
        return [lo]
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    tick = first
    while tick < hi + step * 0.999:
        ticks.append(round(tick, 10))
        tick += step
    return ticks


def _year_fraction(day: date) -> float:
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


@dataclass(frozen=True)
class _Frame:
    x0: float
    x1: float
    y0: float
    y1: float
    w: int = WIDTH
    h: int = HEIGHT

    def x(self, year: float) -> float:
        return LEFT + (year - self.x0) / (self.x1 - self.x0) * (self.w - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return TOP + (1 - (value - self.y0) / (self.y1 - self.y0)) * (self.h - TOP - BOTTOM)


def _axes(frame: _Frame, yticks: Sequence[float], unit: str, title: str,
          label: str | None = None) -> list[str]:
    out = [f'<text x="{LEFT}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>']
    bottom = frame.h - BOTTOM
    for t in yticks:
        y = frame.y(t)
        out.append(f'<line x1="{LEFT}" x2="{frame.w - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
                   'stroke="#dddddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end">'
                   f"{escape(number(t, unit))}</text>")
    first, last = math.floor(frame.x0), math.ceil(frame.x1)
    step = max(1, math.ceil((last - first) / 12))
    for year in range(first, last + 1, step):
        x = frame.x(year)
        if LEFT - 1 <= x <= frame.w - RIGHT + 1:
            out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}" '
                       'stroke="#333333"/>')
            out.append(f'<text x="{x:.1f}" y="{bottom + 18}" font-size="11" '
                       f'text-anchor="middle">{year}</text>')
    out.append(f'<line x1="{LEFT}" x2="{frame.w - RIGHT}" y1="{bottom}" y2="{bottom}" '
               'stroke="#333333"/>')
    out.append(f'<text x="14" y="{TOP + (bottom - TOP) / 2:.1f}" font-size="11" '
               f'text-anchor="middle" transform="rotate(-90 14 {TOP + (bottom - TOP) / 2:.1f})">'
               f"{escape(unit if label is None else label)}</text>")
    return out


def _legend(labels: Sequence[str], colours: dict[str, str], w: int = WIDTH,
            h: int = HEIGHT) -> list[str]:
    out = []
    x: float = LEFT
    y = h - BOTTOM + 40
    for label in labels:
        width = 24 + 6.5 * len(label)
        if x + width > w - RIGHT and x > LEFT:
            x, y = LEFT, y + 18
        out.append(f'<rect x="{x:.1f}" y="{y - 9}" width="12" height="12" '
                   f'fill="{colours[label]}"/>')
        out.append(f'<text x="{x + 16:.1f}" y="{y + 1}" font-size="11">{escape(label)}</text>')
        x += width
    return out


def _svg(body: list[str], label: str, w: int = WIDTH, h: int = HEIGHT) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" '
            f'width="{w}" height="{h}" role="img" aria-label={quoteattr(label)} '
            'font-family="sans-serif">' + "".join(body) + "</svg>")


def empty_svg(message: str) -> str:
    """A chart-sized box saying why there is nothing to draw (a gap is not a zero)."""
    return _svg([f'<rect x="1" y="1" width="{WIDTH - 2}" height="{HEIGHT - 2}" fill="none" '
                 'stroke="#cccccc"/>',
                 f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" font-size="14" text-anchor="middle">'
                 f"{escape(message)}</text>"], message)


def series_svg(view: SeriesView) -> str:
    """Each observation as a dot at the middle of its period, a horizontal line across the
    period and a vertical bar from low to high, coloured by claimant."""
    unit = view.unit
    rows = [o for o in view.observations if o.unit == unit]
    title = f"{view.entity.name} — {view.metric.id}"
    if not rows:
        return empty_svg(f"{title}: no observations in the data (a gap, not a zero)")
    labels = list(dict.fromkeys(claimant_label(o) for o in rows))
    colours = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}
    values = [v for o in rows for v in (o.value, o.low, o.high) if v is not None]
    lo, hi = min(0.0, min(values)), max(values)
    hi = hi if hi > lo else lo + 1.0
    yticks = nice_ticks(lo, hi)
    x0 = min(_year_fraction(o.period.start) for o in rows)
    x1 = max(_year_fraction(o.period.end) + 1 / 365 for o in rows)
    pad = max(0.5, (x1 - x0) * 0.04)
    frame = _Frame(math.floor(x0 - pad), math.ceil(x1 + pad), min(yticks), max(yticks))
    body = _axes(frame, yticks, unit, title)
    for o in rows:
        colour = colours[claimant_label(o)]
        xs, xe = frame.x(_year_fraction(o.period.start)), frame.x(
            _year_fraction(o.period.end) + 1 / 365)
        mid = (xs + xe) / 2
        tip = escape(f"{o.period.label}: {span(o.value, o.low, o.high, o.unit)} {o.unit} — "
                     f"{claimant_label(o)} ({o.claimant_type}), source {o.source}")
        body.append("<g>" + f"<title>{tip}</title>")
        centre = o.central
        body.append(f'<line x1="{xs:.1f}" x2="{xe:.1f}" y1="{frame.y(centre):.1f}" '
                    f'y2="{frame.y(centre):.1f}" stroke="{colour}" stroke-width="2" '
                    'stroke-opacity="0.5"/>')
        if o.low is not None and o.high is not None:
            body.append(f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{frame.y(o.low):.1f}" '
                        f'y2="{frame.y(o.high):.1f}" stroke="{colour}" stroke-width="2"/>')
        filled = colour if o.value is not None else "#ffffff"
        body.append(f'<circle cx="{mid:.1f}" cy="{frame.y(centre):.1f}" r="4.5" '
                    f'fill="{filled}" stroke="{colour}" stroke-width="1.5"/></g>')
    body += _legend(labels, colours)
    return _svg(body, f"{title}, {len(rows)} observations by {len(labels)} claimants")


@dataclass(frozen=True)
class Band:
    """One line with an uncertainty band: (year, low, middle, high) points, e.g. 5–50–95 %."""

    label: str
    points: Sequence[tuple[float, float, float, float]]
    incomplete: frozenset[int] = frozenset()
    """Years drawn with a hollow marker: some members had no figure (gaps, not zeros)."""
    partial: frozenset[int] = frozenset()
    """Partial totals (fewer members counted than in the other years): drawn apart, as a
    hatched square with a dashed range, never joined to the line, so never read as a fall."""


def _runs(points: Sequence[tuple[float, float, float, float]]
          ) -> list[list[tuple[float, float, float, float]]]:
    """Consecutive years together: a missing year breaks the line (no interpolation)."""
    runs: list[list[tuple[float, float, float, float]]] = []
    for p in points:
        if runs and p[0] - runs[-1][-1][0] <= 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def _hatch(pid: str, colour: str) -> str:
    return (f'<pattern id="{pid}" width="4" height="4" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="4" height="4" fill="#ffffff"/>'
            f'<line x1="0" y1="0" x2="0" y2="4" stroke="{colour}" stroke-width="2"/></pattern>')


def _marker_legend(hollow: bool, partial: bool, pid: str, h: int) -> list[str]:
    """What the markers mean, under the colour legend (only the kinds drawn)."""
    out = []
    y = h - 14
    x: float = LEFT
    if hollow:
        out.append(f'<circle cx="{x + 6}" cy="{y - 4}" r="4" fill="#ffffff" stroke="#333333" '
                   'stroke-width="1.5"/>')
        text = "hollow: some members have no figure (a lower bound)"
        out.append(f'<text x="{x + 16}" y="{y}" font-size="11">{text}</text>')
        x += 40 + 6.2 * len(text)
    if partial:
        out.append(f'<rect x="{x + 1}" y="{y - 9}" width="10" height="10" fill="url(#{pid}-key)" '
                   'stroke="#333333"/>')
        out.append(f'<text x="{x + 16}" y="{y}" font-size="11">hatched, not joined: a partial '
                   "total (members missing), not a fall</text>")
    return out


def bands_svg(bands: Sequence[Band], unit: str, title: str, axis: str | None = None,
              size: tuple[int, int] = (WIDTH, HEIGHT)) -> str:
    """Median lines with shaded low–high bands, one colour per band, years on the x axis.

    Partial totals (``Band.partial``) are left out of the line and band and drawn apart."""
    drawn = [b for b in bands if b.points]
    if not drawn:
        return empty_svg(f"{title}: nothing to draw (a gap, not a zero)")
    values = [v for b in drawn for p in b.points for v in p[1:]]
    lo, hi = min(0.0, min(values)), max(values)
    hi = hi if hi > lo else lo + 1.0
    yticks = nice_ticks(lo, hi)
    years = [p[0] for b in drawn for p in b.points]
    w, h = size
    frame = _Frame(min(years) - 0.5, max(years) + 0.5, min(yticks), max(yticks), w, h)
    body = _axes(frame, yticks, unit, title, axis)
    colours = {b.label: PALETTE[i % len(PALETTE)] for i, b in enumerate(drawn)}
    pid = "hatch-" + hashlib.sha1(title.encode()).hexdigest()[:8]
    body.append("<defs>" + "".join(_hatch(f"{pid}-{i}", colours[b.label])
                                   for i, b in enumerate(drawn))
                + _hatch(f"{pid}-key", "#333333") + "</defs>")
    for i, b in enumerate(drawn):
        colour = colours[b.label]
        pts = sorted(b.points)
        joined = [p for p in pts if int(p[0]) not in b.partial]
        for run in _runs(joined):
            upper = " ".join(f"{frame.x(x):.1f},{frame.y(h):.1f}" for x, _, _, h in run)
            lower = " ".join(f"{frame.x(x):.1f},{frame.y(low):.1f}"
                             for x, low, _, _ in reversed(run))
            body.append(f'<polygon points="{upper} {lower}" fill="{colour}" '
                        'fill-opacity="0.2" stroke="none"/>')
            if len(run) > 1:
                line = " ".join(f"{frame.x(x):.1f},{frame.y(m):.1f}" for x, _, m, _ in run)
                body.append(f'<polyline points="{line}" fill="none" stroke="{colour}" '
                            'stroke-width="2"/>')
        for x, low, mid, high in pts:
            gap = int(x) in b.incomplete
            part = int(x) in b.partial
            tip = escape(f"{b.label} {x:g}: {number(mid, unit)} ({number(low, unit)}–"
                         f"{number(high, unit)}) {unit}"
                         + ("; a partial total: members missing, not counted — not a fall"
                            if part else "; some members have no figure (not counted)"
                            if gap else ""))
            cx, cy = frame.x(x), frame.y(mid)
            whisker = (f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{frame.y(low):.1f}" '
                       f'y2="{frame.y(high):.1f}" stroke="{colour}" stroke-width="1.5"'
                       + (' stroke-dasharray="3 2"/>' if part else "/>"))
            if part:
                marker = (f'<rect x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10" '
                          f'fill="url(#{pid}-{i})" stroke="{colour}" stroke-width="1.5"/>'
                          f'<text x="{cx:.1f}" y="{frame.y(high) - 5:.1f}" font-size="10" '
                          f'text-anchor="middle" fill="{colour}">partial</text>')
            else:
                fill = "#ffffff" if gap else colour
                marker = (f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{fill}" '
                          f'stroke="{colour}" stroke-width="1.5"/>')
            body.append(f"<g><title>{tip}</title>{whisker}{marker}</g>")
    body += _legend([b.label for b in drawn], colours, w, h)
    body += _marker_legend(any(b.incomplete - b.partial for b in drawn),
                           any(b.partial for b in drawn), pid, h)
    return _svg(body, title, w, h)


@dataclass(frozen=True)
class Share:
    """A share (0–1) in a year, ``count`` the number it is a share of (the marker's size)."""

    year: int
    value: float
    count: int
    tip: str


def shares_svg(lines: Sequence[tuple[str, Sequence[Share]]], title: str, axis: str) -> str:
    """Shares over the years, 0–100 %, one line per label; a year without a share breaks the
    line (no interpolation) and a marker's area grows with the count behind its share."""
    drawn = [(label, sorted(points, key=lambda p: p.year)) for label, points in lines if points]
    if not drawn:
        return empty_svg(f"{title}: no year with checkable claims")
    years = [p.year for _, points in drawn for p in points]
    yticks = [0.0, 25.0, 50.0, 75.0, 100.0]
    frame = _Frame(min(years) - 0.5, max(years) + 0.5, 0.0, 100.0)
    body = _axes(frame, yticks, "%", title, axis)
    colours = {label: PALETTE[i % len(PALETTE)] for i, (label, _) in enumerate(drawn)}
    for label, points in drawn:
        colour = colours[label]
        run: list[Share] = []
        for p in [*points, None]:
            if p is not None and (not run or p.year - run[-1].year <= 1):
                run.append(p)
                continue
            if len(run) > 1:
                line = " ".join(f"{frame.x(q.year):.1f},{frame.y(100 * q.value):.1f}"
                                for q in run)
                body.append(f'<polyline points="{line}" fill="none" stroke="{colour}" '
                            'stroke-width="2" stroke-opacity="0.8"/>')
            run = [] if p is None else [p]
        for p in points:
            radius = 3 + 1.5 * min(4.0, math.sqrt(p.count))
            body.append(f"<g><title>{escape(p.tip)}</title>"
                        f'<circle cx="{frame.x(p.year):.1f}" cy="{frame.y(100 * p.value):.1f}" '
                        f'r="{radius:.1f}" fill="{colour}" fill-opacity="0.75" '
                        f'stroke="{colour}"/></g>')
    body += _legend([label for label, _ in drawn], colours)
    return _svg(body, title)

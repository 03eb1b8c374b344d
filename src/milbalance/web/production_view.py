"""Production capacity for the pages, the API and the report: thin calls of
``milbalance.production.projection`` (capacity, bottleneck, crossover), cached.

Every answer is a pure function of the data (its content hash) and the arguments, so it is
cached per key. One lock serialises the computations: a production answer holds arrays of
samples × countries × stages × years floats, and the limits in ``limits`` bound one of them,
so the lock bounds the server's memory as well. Nothing is computed here but the chart.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass

from milbalance.production import projection as P
from milbalance.store import Store
from milbalance.web import charts, limits, views

PAIRS = (("NATO", "RUS_SUPPLIERS"), ("NATO", "RUS"))
"""What the overview sets against each other: NATO against Russia with its suppliers, and
against Russia alone (the reported-capacity basis has figures filed on Russia itself)."""
ITEM = "artillery_shells"
"""The overview's item (calibres count in their family: 155 mm and 152 mm lines)."""
FIRST_YEAR, LAST_YEAR = 2022, 2030
"""The overview's projection years."""

_lock = threading.Lock()


def span(start: int, end: int) -> tuple[tuple[int, ...], str]:
    """The years ``start``–``end`` as answered, and a note saying how they were read ('' when
    as asked): the two in either order (2030–2022 is 2022–2030), and at most
    ``limits.PRODUCTION_SPAN_MAX`` of them, the first ones (``views.span``). Years outside
    the model's range are refused by the library (``parse_years``); the API's schema declares
    that range, so it never gets here."""
    first, last, note = views.span(start, end, limits.PRODUCTION_SPAN_MAX)
    return P.parse_years(f"{first}-{last}"), note


def years(start: int, end: int) -> tuple[int, ...]:
    """The years of ``span`` (either order, at most ``limits.PRODUCTION_SPAN_MAX``)."""
    return span(start, end)[0]


@functools.lru_cache(maxsize=32)
def _crossover(store: Store, content_hash: str, a: str, b: str, item: str,
               span: tuple[int, ...], samples: int, seed: int) -> P.CrossoverResult:
    return P.crossover(store, a, b, item, span, samples, seed)


@functools.lru_cache(maxsize=32)
def _capacity(store: Store, content_hash: str, bloc: str, item: str, span: tuple[int, ...],
              samples: int, seed: int) -> P.CapacityResult:
    return P.capacity(store, bloc, item, span, samples, seed)


@functools.lru_cache(maxsize=32)
def _bottleneck(store: Store, content_hash: str, bloc: str, item: str, year: int,
                samples: int, seed: int, member_share: float, lp_samples: int,
                supplier_share: float | None) -> P.BottleneckResult:
    return P.bottleneck(store, bloc, item, year, samples, seed, member_share, lp_samples,
                        supplier_share)


def crossover(store: Store, a: str, b: str, item: str = ITEM, start: int = FIRST_YEAR,
              end: int = LAST_YEAR, samples: int = P.DEFAULT_SAMPLES,
              seed: int = P.DEFAULT_SEED) -> P.CrossoverResult:
    """``projection.crossover`` for ``start``–``end`` (cached)."""
    span = years(start, end)
    with _lock:
        return _crossover(store, store.content_hash, a, b, item, span, samples, seed)


def capacity(store: Store, bloc: str, item: str = ITEM, start: int = FIRST_YEAR,
             end: int = LAST_YEAR, samples: int = P.DEFAULT_SAMPLES,
             seed: int = P.DEFAULT_SEED) -> P.CapacityResult:
    """``projection.capacity`` for ``start``–``end`` (cached)."""
    span = years(start, end)
    with _lock:
        return _capacity(store, store.content_hash, bloc, item, span, samples, seed)


def bottleneck(store: Store, bloc: str, item: str = ITEM, year: int = 2026,
               samples: int = P.DEFAULT_SAMPLES, seed: int = P.DEFAULT_SEED,
               member_share: float = 1.0, lp_samples: int = limits.LP_SAMPLES_DEFAULT,
               supplier_share: float | None = None) -> P.BottleneckResult:
    """``projection.bottleneck`` in ``year`` with the LP on ``lp_samples`` samples (cached)."""
    years(year, year)
    with _lock:
        return _bottleneck(store, store.content_hash, bloc, item, year, samples, seed,
                           member_share, lp_samples, supplier_share)


@dataclass(frozen=True)
class Projection:
    """One pair's crossover on both bases, its chart, and every source behind it."""

    result: P.CrossoverResult
    svg: str

    @property
    def sources(self) -> tuple[str, ...]:
        found: set[str] = set()
        for y in self.result.years:
            for side in (y.lines.a, y.lines.b, y.reported.a, y.reported.b):
                found.update(side.sources)
            found.update(c.source for c in (*y.coverage_a, *y.coverage_b))
        return tuple(sorted(found))

    @property
    def gap_lines(self) -> list[tuple[str, str, str]]:
        """(side, production row, why it has no usable figure), each once."""
        return sorted({(side, g.line, g.reason) for side, gaps in self.result.gaps.items()
                       for g in gaps})

    @property
    def bases(self) -> list[tuple[str, str]]:
        """(first year, 'side: what its figure is made of'), each text once, in year order."""
        out: dict[str, str] = {}
        r = self.result
        for y in r.years:
            for side, x in ((r.a, y.lines.a), (r.b, y.lines.b), (r.a, y.reported.a),
                            (r.b, y.reported.b)):
                out.setdefault(f"{side}: {x.basis}", str(y.year))
        return [(year, text) for text, year in out.items()]


def _band(label: str, sides: list[tuple[int, P.SideYear]]) -> charts.Band:
    return charts.Band(label, [(y, s.p5, s.median, s.p95) for y, s in sides
                               if s.p5 is not None and s.median is not None
                               and s.p95 is not None])


def projection_svg(r: P.CrossoverResult) -> str:
    """Both sides on both bases: median and P5–P95 by year (missing years break the line)."""
    bands = [_band(f"{r.a} modelled from lines", [(y.year, y.lines.a) for y in r.years]),
             _band(f"{r.b} modelled from lines", [(y.year, y.lines.b) for y in r.years]),
             _band(f"{r.a} reported capacity", [(y.year, y.reported.a) for y in r.years]),
             _band(f"{r.b} reported capacity", [(y.year, y.reported.b) for y in r.years])]
    what = r.item.replace("_", " ").capitalize()
    return charts.bands_svg(bands, "rounds a year",
                            f"{what}: production capacity per year, {r.a} against {r.b} "
                            "(rounds a year; median and 5–95 % band)", size=(1240, 400))


def projections(store: Store) -> tuple[Projection, ...]:
    """The overview's capacity projections: each pair in ``PAIRS``, 2022–2030."""
    out = []
    for a, b in PAIRS:
        result = crossover(store, a, b)
        out.append(Projection(result, projection_svg(result)))
    return tuple(out)

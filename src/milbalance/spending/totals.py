"""Spending totals and A-versus-B answers through the engine (``milbalance.engine``).

The engine is the project's one bloc sum: members counted by their membership dates
(``EngineOptions.membership``, ``any-day`` by default), members without a figure listed as
gaps and never zero-filled, several sources of one figure mixed, ranges read as
distributions. This module only picks the metric, calls ``engine.estimate`` or
``engine.compare`` for each year and keeps what tables and charts show: the 5th, 50th and
95th percentiles of each side, P(A > B), the quantiles of A / B, the members counted and
missing, the sources, and the engine's assumptions.

Amounts only: a share of GDP is not additive (the engine would sum members' shares), so a
bloc's share is not asked of the engine (see ``series.bloc_share``). Between two countries a
share is one figure each and goes through the engine like an amount.

Defaults (``DEFAULT_OPTIONS``): the engine's samples, seed, estimator and range reading;
per-claimant breakdowns, sensitivity and assumption reruns are off (a spending table asks
eleven years at once; ``milbalance compare`` gives them for one year).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from milbalance import engine  # engine.estimate / engine.compare load SciPy on first use
from milbalance.engine import Assumption, EngineOptions, Estimate, Quantiles
from milbalance.engine.blocs import NoDataError, members_in_year
from milbalance.model import EntityKind
from milbalance.store import Store

DEFAULT_OPTIONS = EngineOptions(by_claimant=False, assumption_reruns=False,
                                sensitivity_samples=0)


@dataclass(frozen=True)
class Total:
    """One side in one year, as the engine estimated it (``estimate`` None: no figure at all).

    ``members``: counted that year by the membership rule (a country: itself); ``gaps``:
    members with no figure (not filled by a stated assumption); ``partial``: the answer is a
    member sum that misses some members — a lower bound.
    """

    entity: str
    year: int
    metric: str
    unit: str
    members: tuple[str, ...]
    gaps: tuple[str, ...]
    estimate: Estimate | None
    missing: str = ""

    @property
    def quantiles(self) -> Quantiles | None:
        return self.estimate.quantiles if self.estimate is not None else None

    @property
    def value(self) -> float | None:
        """The median (for point figures, the sum itself)."""
        return self.quantiles.p50 if self.quantiles is not None else None

    @property
    def uncertain(self) -> bool:
        """True when the 5th and 95th percentiles differ (ranges, or sources that disagree)."""
        q = self.quantiles
        return q is not None and q.p5 != q.p95

    @property
    def counted(self) -> tuple[str, ...]:
        return tuple(m for m in self.members if m not in self.gaps)

    @property
    def partial(self) -> bool:
        if self.estimate is None or not self.gaps:
            return False
        return not any(lv.name == "bloc-level figures" and lv.weight > 0
                       for lv in self.estimate.levels)

    @property
    def sources(self) -> tuple[str, ...]:
        if self.estimate is None:
            return ()
        return tuple(dict.fromkeys(s for c in self.estimate.contributions for s in c.sources))

    @property
    def assumptions(self) -> tuple[Assumption, ...]:
        return self.estimate.assumptions if self.estimate is not None else ()


@dataclass(frozen=True)
class YearAnswer:
    """A against B in one year: both totals, and where both exist the engine's comparison."""

    year: int
    a: Total
    b: Total
    p_a_gt_b: float | None = None
    p_b_gt_a: float | None = None
    p_tie: float | None = None
    ratio: Quantiles | None = None
    assumptions: tuple[Assumption, ...] = ()
    seed: int | None = None
    samples: int | None = None

    @property
    def uncertain(self) -> bool:
        return self.a.uncertain or self.b.uncertain


def _members(store: Store, entity: str, year: int, options: EngineOptions) -> tuple[str, ...]:
    who = store.entity(entity)
    if who.kind is not EntityKind.BLOC:
        return (who.id,)
    return tuple(m for m, _, _ in members_in_year(store, who, year, options.membership))


def _total(store: Store, entity: str, metric: str, year: int, options: EngineOptions,
           est: Estimate | None, missing: str = "") -> Total:
    members = _members(store, entity, year, options)
    unit = store.metric(metric).unit
    if est is None:
        return Total(store.entity(entity).id, year, metric, unit, members, members, None,
                     missing)
    gaps = tuple(dict.fromkeys(g.member for g in est.gaps if not g.filled_by))
    return Total(est.entity, year, metric, est.unit, members, gaps, est)


def total(store: Store, entity: str, metric: str, year: int,
          options: EngineOptions = DEFAULT_OPTIONS) -> Total:
    """``engine.estimate`` of ``entity`` × ``metric`` in ``year``; no data is a Total without
    an estimate whose ``missing`` says why (the engine's message), every member a gap."""
    try:
        est = engine.estimate(store, entity, metric, year, options)
    except NoDataError as exc:
        return _total(store, entity, metric, year, options, None, str(exc))
    return _total(store, entity, metric, year, options, est)


def answer(store: Store, a: str, b: str, metric: str, year: int,
           options: EngineOptions = DEFAULT_OPTIONS, metric_b: str | None = None) -> YearAnswer:
    """``engine.compare`` of A and B in ``year`` where both have figures, else the totals alone.

    Different metrics on the two sides (two definitions) are compared with
    ``allow_mixed_kinds``, which the engine states as an assumption.
    """
    mb = metric_b or metric
    ta, tb = total(store, a, metric, year, options), total(store, b, mb, year, options)
    if ta.estimate is None or tb.estimate is None:
        return YearAnswer(year, ta, tb)
    opts = replace(options, allow_mixed_kinds=True) if mb != metric else options
    c = engine.compare(store, a, b, metric, year, opts, metric_b=mb)
    return YearAnswer(year, _total(store, a, metric, year, options, c.a),
                      _total(store, b, mb, year, options, c.b), c.p_a_gt_b, c.p_b_gt_a,
                      c.p_tie, c.quantiles["a/b"], c.assumptions, c.seed, c.samples)

"""Changes between two years, with the bound semantics of levels.

The factor d = value(year) / value(since) is taken from one source at both ends (each source
that has both years), on the basis the claim names: real terms → constant-price series,
nominal → current prices in local currency, unstated → both (a caveat says so). A
budget named in the sentence adds the budget chapters' series.

Score of one factor d against the claimed factor f (g = d − 1, h = f − 1 for per cents):

    per cent, =/≈   1 if |g − h| ≤ t; ½ if ≤ 3t; else 0, t = max(5% of |h|, 1 point), ×2 if ≈
    multiple, =/≈   1 if d within ×/÷ 1.15 of f (1.25 if ≈); ½ within ×/÷ 1.5; else 0
    >, ≥ f          1 if d ≥ f; ½ if d misses f by no more than the tolerance above; else 0
    <, ≤ f          the mirror image

P is the mean score within each metric; with the basis unstated, the metric the claim fits
best (as levels read the definition that fits best), else the mean across metrics.
'Fell for the first time since Y': the change into ``year`` is a fall and the series has no
fall between Y and ``year``.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict

from milbalance.claims.evaluate.common import EvaluatorBase, _evidence
from milbalance.claims.kinds import Change
from milbalance.claims.verdict import Evidence, Label, Verdict, label_for
from milbalance.store import ObservationRow

_BUDGET = re.compile(r"\bbudget|\bnational defen[cs]e\b", re.I)
REAL = ("military_expenditure.usd_constant_2023",)
NOMINAL = ("military_expenditure.lcu",)
GROWTH_TOLERANCE = 0.05
"""A per cent change agrees within 5 % of its size, and never less than 1 point."""
MULTIPLE_TOLERANCE = 1.15
"""A multiple ('tripled') agrees within a factor 1.15; ½ within 1.5."""


def metrics_for(data: EvaluatorBase, c: Change) -> list[str]:
    if c.item != "military_expenditure":
        return data._metric_for(c.item, c.measure)
    chosen = {"real": REAL, "nominal": NOMINAL}.get(c.basis, REAL + NOMINAL)
    found = [m for m in chosen if m in data._metric_ids]
    security = bool(re.search(r"\bsecurity\b", c.text, re.I))
    chapters = [m for m in data._metric_ids if m.startswith("budget.") and "share" not in m
                and ("security" in m) == security]
    if _BUDGET.search(c.text):
        return chapters + found  # the budget named answers it
    if c.basis != "real":  # nominal or unstated: the budget chapters are definitions too
        found += chapters
    return found


def score(c: Change, d: float) -> float:
    """The score of one factor from the data (see the module docstring)."""
    f = c.factor
    if c.percent:
        h, g = f - 1, d - 1
        tol = max(GROWTH_TOLERANCE * abs(h), 0.01) * (2 if c.approximate else 1)
        if c.bound == "at-least":
            return 1.0 if d >= f else 0.5 if g >= h - tol else 0.0
        if c.bound == "at-most":
            return 1.0 if d <= f else 0.5 if g <= h + tol else 0.0
        off = abs(g - h)
        return 1.0 if off <= tol else 0.5 if off <= 3 * tol else 0.0
    if d <= 0 or f <= 0:
        return 0.0
    tight = math.log(1.25 if c.approximate else MULTIPLE_TOLERANCE)
    if c.bound == "at-least":
        return 1.0 if d >= f else 0.5 if math.log(f / d) <= tight else 0.0
    if c.bound == "at-most":
        return 1.0 if d <= f else 0.5 if math.log(d / f) <= tight else 0.0
    off = abs(math.log(d / f))
    return 1.0 if off <= tight else 0.5 if off <= math.log(1.5) else 0.0


def _pairs(data: EvaluatorBase, c: Change, metric: str, since: int, year: int
           ) -> list[tuple[ObservationRow, ObservationRow]]:
    start = [r for r in data._rows(c.subject, metric, (since, since)) if r.value]
    end = [r for r in data._rows(c.subject, metric, (year, year)) if r.value]
    same = [(a, b) for a in start for b in end if a.source == b.source]
    return same or [(a, b) for a in start for b in end]


def change_verdict(data: EvaluatorBase, c: Change) -> Verdict:
    if c.since is None or c.year is None:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"A {c.factor:g}-fold change with no base year cannot be checked.",
                       caveats=c.caveats, gaps=("no base year in the text",))
    if c.first_since is not None:
        return first_since(data, c)
    metrics = metrics_for(data, c)
    by_metric: dict[str, list[float]] = defaultdict(list)
    ev: list[Evidence] = []
    shown: list[str] = []
    for metric in metrics:
        for a, b in _pairs(data, c, metric, c.since, c.year):
            d = b.central / a.central
            s = score(c, d)
            by_metric[metric].append(s)
            ev += [_evidence(a, None), _evidence(b, s == 1.0 if s != 0.5 else None,
                                                 f"×{d:.3g} ({d - 1:+.1%})")]
            shown.append(f"{d - 1:+.1%} ({metric}, {b.source})")
        if metric in by_metric and metric.startswith("budget.") and _BUDGET.search(c.text):
            break  # the budget the sentence names answers it
    what = f"{c.subject}'s {c.item.replace('_', ' ')} from {c.since} to {c.year}"
    if not by_metric:
        return Verdict(c, Label.NOT_CHECKABLE, None,
                       f"No figures for {what} on {' or '.join(metrics) or 'any series'}.",
                       caveats=c.caveats,
                       gaps=(f"no {c.item} for {c.subject} in {c.since} or {c.year}",))
    means = {m: sum(v) / len(v) for m, v in by_metric.items()}
    caveats = list(c.caveats)
    figures = "; ".join(dict.fromkeys(shown))
    if not c.basis and len(means) > 1:  # as levels: the definition the figure fits best
        best = max(means, key=lambda m: means[m])
        caveats.append(f"real or nominal not stated: read as {best}, the series it fits "
                       f"best of {', '.join(means)}")
        p = means[best]
        mine = [s for s in dict.fromkeys(shown) if f"({best}," in s]
        rest = [s for s in dict.fromkeys(shown) if s not in mine]
        figures = (f"{'; '.join(mine)}, the series it fits best"
                   + (f" (other series: {'; '.join(rest)})" if rest else ""))
    else:
        p = sum(means.values()) / len(means)
    return Verdict(c, label_for(p), p,
                   f"The change in {what} is {label_for(p)} (P = {p:.2f}): the data give "
                   f"{figures}.", tuple(ev),
                   {m: str(label_for(v)) for m, v in means.items()}, caveats=tuple(caveats))


def _moved(series: dict[int, ObservationRow], y: int, fall: bool) -> bool:
    """True when the series moved the claimed way (down for a fall) into year ``y``."""
    a, b = series.get(y - 1), series.get(y)
    return a is not None and b is not None and (b.central < a.central) == fall


def first_since(data: EvaluatorBase, c: Change) -> Verdict:
    """'Fell for the first time since Y': a fall into ``year`` and none between Y and it."""
    assert c.year is not None and c.first_since is not None
    fall = c.factor < 1
    way = "fall" if fall else "rise"
    for metric in metrics_for(data, c):
        rows = [r for r in data.store.observations(c.subject, metric) if r.value
                and r.period.days <= 366]
        by_source: dict[str, dict[int, ObservationRow]] = defaultdict(dict)
        for r in rows:
            by_source[r.source][r.period.year] = r
        usable = {s: v for s, v in by_source.items() if c.year in v and c.year - 1 in v}
        if not usable:
            continue
        source = max(usable, key=lambda s: len(usable[s]))
        series = usable[source]
        if min(series) > c.first_since:
            return Verdict(c, Label.NOT_CHECKABLE, None,
                           f"{source}'s {metric} series for {c.subject} starts in "
                           f"{min(series)}, after {c.first_since}.", caveats=c.caveats,
                           gaps=(f"{metric} for {c.subject} before {min(series)}",))

        now = _moved(series, c.year, fall)
        between = [y for y in range(c.first_since + 1, c.year) if _moved(series, y, fall)]
        holds = now and not between
        why = (f"no {way} into {c.year}" if not now else
               f"a {way} also in {', '.join(map(str, between[-3:]))}" if between else
               f"a {way} into {c.year}, the first since {c.first_since} or earlier")
        ev = tuple(_evidence(series[y], None) for y in (c.year - 1, c.year))
        p = 1.0 if holds else 0.0
        return Verdict(c, label_for(p), p,
                       f"'First {way} since {c.first_since}' for {c.subject} ({metric}, "
                       f"{source}) is {label_for(p)}: {why}.", ev, caveats=c.caveats)
    return Verdict(c, Label.NOT_CHECKABLE, None,
                   f"No {c.item} series for {c.subject} covering {c.year - 1}–{c.year}.",
                   caveats=c.caveats, gaps=(f"no {c.item} series for {c.subject}",))

"""Comparisons of produced, delivered, fired or stocked items between two subjects, through
the engine's Monte Carlo (``milbalance.engine.compare``)."""

from __future__ import annotations

from milbalance.claims.evaluate.common import EvaluatorBase
from milbalance.claims.evaluate.engine import engine_comparison
from milbalance.claims.kinds import Comparison, Measure
from milbalance.claims.verdict import Verdict
from milbalance.errors import UserError


def comparison(data: EvaluatorBase, c: Comparison) -> Verdict:
    """'A outproduces B', 'A makes four times as many shells as B' (items, not spending)."""
    if c.year is None:
        raise UserError("no year in the text and no article date: give --date")
    measure = Measure.OUTPUT if c.measure is Measure.SUPPLY else c.measure
    metric = f"{c.item}.{measure}"
    if metric not in data._metric_ids:
        raise UserError(f"no metric {metric} in the data")
    return engine_comparison(data, c, metric, list(c.caveats))

"""English sentences → claims, by rules over the gazetteer's names and ``numbers``' figures.

No model and no network: patterns for how defence reporting writes comparisons ("outproduces",
"four times as much … as", "in three months what … in a year"), levels, shares of GDP,
changes ("doubled", "14-fold") and records ("highest since 1990"). Sentences that state an
opinion, a motive or a forecast of events come back as ``NotCheckable`` with the reason.

The rules live in ``milbalance.claims.parse`` (one module per kind of claim), years and
periods in ``milbalance.claims.when``, subjects in ``milbalance.claims.subjects`` and the
article's context in ``milbalance.claims.context``; this module keeps the public names.
"""

from __future__ import annotations

from milbalance.claims.context import Context
from milbalance.claims.parse import Parse, Parser, negation_cue
from milbalance.claims.when import NAMED_PERIODS, SINCE_EVENTS

__all__ = ["NAMED_PERIODS", "SINCE_EVENTS", "Context", "Parse", "Parser", "negation_cue"]

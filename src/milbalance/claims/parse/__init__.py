"""Sentences → claims, one module per kind of claim (rules, no model, no network).

    common       clause breaks, negation, hedges, what a figure counts, the item named
    gate         opinions, motives and forecasts: not checkable
    attribution  who the sentence says is speaking
    comparison   A against B (outproduces, N times as much, more … than, ahead of)
    spending     money, shares of GDP, several figures quoted together (consistency)
    levels       counted things (shells, rounds a month, stocks)
    change       changes between periods and records ("highest since 1990")
    sentence     the Parser: reads the pieces once and asks each kind
"""

from __future__ import annotations

from milbalance.claims.parse.common import negation_cue
from milbalance.claims.parse.sentence import Parse, Parser

__all__ = ["Parse", "Parser", "negation_cue"]

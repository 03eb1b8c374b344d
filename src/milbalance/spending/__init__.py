"""Spending analytics: conversions with provenance, series, bloc sums, records, comparisons,
the consistency of quoted figures, and charts.

Modules, one concept each:

    basis         Basis (lcu, usd, constant-usd, ppp, gdp-share, per-capita), year ranges
    definitions   SIPRI / NATO / Russian budget chapter / US function 050, kept apart
    conversions   pure formulas with exact inverses (rate, deflator, PPP factor, share, per head)
    provenance    Input, Derived, Figure: what each figure came from; source preference
    rows          which rows are read: projections left out unless asked (one view for all)
    derive        store-backed derivations (US$ from LCU and the rate, PPP from the factor, …)
    totals        bloc totals and A-vs-B answers through the engine (P(A > B), quantiles)
    series        a country's or a bloc's series, gaps listed, never zero-filled
    compare       two series side by side: totals, ratio, P(A > B), definition notes
    records       "highest since 1990", "highest in the series"
    consistency   do an amount, its US$ value and its share of GDP fit together and the data?
    charts        PNG/SVG charts with the sources in the caption
"""

from __future__ import annotations

from milbalance.spending.basis import Basis, YearRange, parse_basis, parse_years
from milbalance.spending.compare import SpendingComparison, YearComparison, compare_spending
from milbalance.spending.consistency import (
    Check,
    ConsistencyResult,
    FigureVerdict,
    Quote,
    Reference,
    Status,
    Tolerances,
    check_quote,
)
from milbalance.spending.definitions import Definition, figure_definition, parse_definition
from milbalance.spending.derive import Lookup
from milbalance.spending.provenance import Derived, Figure, Input
from milbalance.spending.records import Record, rank_in_history, record, standings
from milbalance.spending.rows import RowView, view
from milbalance.spending.series import BlocYear, Series, spending_series
from milbalance.spending.totals import Total, YearAnswer, answer, total

__all__ = [
    "Basis",
    "BlocYear",
    "Check",
    "ConsistencyResult",
    "Definition",
    "Derived",
    "Figure",
    "FigureVerdict",
    "Input",
    "Lookup",
    "Quote",
    "Record",
    "Reference",
    "RowView",
    "Series",
    "SpendingComparison",
    "Status",
    "Tolerances",
    "Total",
    "YearAnswer",
    "YearComparison",
    "YearRange",
    "answer",
    "check_quote",
    "compare_spending",
    "figure_definition",
    "parse_basis",
    "parse_definition",
    "parse_years",
    "rank_in_history",
    "record",
    "spending_series",
    "standings",
    "total",
    "view",
]

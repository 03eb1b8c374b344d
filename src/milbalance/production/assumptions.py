"""Modelling choices the data does not make, each named so every answer can state it."""

from __future__ import annotations

from milbalance.engine.results import Assumption
from milbalance.production.records import LineStatus

__all__ = ["Assumption"]


DELAY_MONTHS: dict[LineStatus, float] = {
    LineStatus.OPERATING: 0.0,
    LineStatus.BUILDING: 12.0,
    LineStatus.ANNOUNCED: 24.0,
}
"""Largest delay (months) drawn for a line's start, by status: delay ~ Uniform(0, D)."""

DELAY = Assumption(
    "delay-risk",
    "announced lines start 0–24 months late and lines being built 0–12 months late "
    "(each line's delay drawn once per sample, uniform over that min–max range, through the "
    "engine); operating lines and totals start on time")
RAMP_UNKNOWN = Assumption(
    "ramp-unpublished",
    "a line whose ramp-up is not published reaches full capacity at its start (a step)")
START_UNKNOWN = Assumption(
    "start-unpublished",
    "an operating line with no start date has run since before the years modelled")
TOTAL = Assumption(
    "totals",
    "a 'total' row is all of its owner's capacity in that stage from the year it was stated; "
    "earlier years are gaps, and operating lines that started before it are inside it")
YEAR_AVERAGE = Assumption(
    "year-average",
    "a year's capacity is the average of the ramped rate over the calendar year")
FAMILY = Assumption(
    "item-family",
    "an item includes its calibres: artillery_shells counts artillery_shells_155mm and "
    "_152mm lines; a bill of materials missing for the item takes the span over its calibres' "
    "rows, read as uniform between the smallest and the largest (min–max)")
POOLED = Assumption(
    "pooled-trade",
    "members trade stage products freely (closed form: output = min over stages of pooled "
    "capacity ÷ quantity per round)")
UNCONSTRAINED = Assumption(
    "unknown-stage",
    "a stage with no quantified line in the bloc, or no bill of materials, is not a "
    "constraint: output is bounded by the stages that have data, so it is an upper bound")
COVERAGE = Assumption(
    "coverage",
    "finished rounds come only from known load-assemble-pack (lap) capacity; another stage "
    "limits a country only where its data is as complete as that country's lap data (a total "
    "against a total, lines against lines) — elsewhere it is unknown and not a constraint")

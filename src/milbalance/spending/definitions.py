"""Definitions of defence spending, kept apart: each maps a basis to its own metric ids.

SIPRI's military expenditure, NATO's defence expenditure, Russia's federal budget chapter 02
"National defence" and US budget function 050 "National defense" cover different things and
different periods (the US figures are fiscal years October–September). A comparison across
definitions must say so: ``cross_definition_note`` returns that sentence.

A metric names a definition, except the general ``military_expenditure.*`` metrics, which
hold SIPRI's figures and also other claimants' totals filed there for want of a metric of
their own (IISS's estimate, Putin's "defence needs"). ``figure_definition`` states the rule
that tells them apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from milbalance.errors import UserError
from milbalance.spending.basis import Basis


class Definition(StrEnum):
    SIPRI = "sipri"
    NATO = "nato"
    RU_NATIONAL_DEFENCE = "ru-national-defence"
    US_050 = "us-050"


@dataclass(frozen=True)
class DefinitionInfo:
    """One definition: a label, what it covers, its metric per basis, its period kind."""

    id: Definition
    label: str
    covers: str
    metrics: dict[Basis, str] = field(default_factory=dict)
    fiscal_years: bool = False


DEFINITIONS: dict[Definition, DefinitionInfo] = {
    Definition.SIPRI: DefinitionInfo(
        Definition.SIPRI, "military expenditure (SIPRI definition)",
        "armed forces, defence ministries, paramilitary forces, military space, pensions",
        {Basis.LCU: "military_expenditure.lcu", Basis.USD: "military_expenditure.usd_current",
         Basis.CONSTANT_USD: "military_expenditure.usd_constant_2023",
         Basis.PPP: "military_expenditure.usd_ppp",
         Basis.GDP_SHARE: "military_expenditure.share_gdp",
         Basis.PER_CAPITA: "military_expenditure.per_capita_usd"}),
    Definition.NATO: DefinitionInfo(
        Definition.NATO, "defence expenditure (NATO definition)",
        "NATO's common definition, reported by each ally to NATO",
        {Basis.LCU: "defence_expenditure_nato.lcu",
         Basis.USD: "defence_expenditure_nato.usd_current",
         Basis.GDP_SHARE: "defence_expenditure_nato.share_gdp"}),
    Definition.RU_NATIONAL_DEFENCE: DefinitionInfo(
        Definition.RU_NATIONAL_DEFENCE, "Russian federal budget chapter 02 'National defence'",
        "one federal budget chapter; narrower than SIPRI's military expenditure",
        {Basis.LCU: "budget.national_defence",
         Basis.GDP_SHARE: "budget.national_defence.share_gdp"}),
    Definition.US_050: DefinitionInfo(
        Definition.US_050, "US budget function 050 'National defense' outlays",
        "DoD, DOE atomic-energy defence and other defence-related outlays; fiscal years",
        {Basis.LCU: "budget.national_defense_050", Basis.USD: "budget.national_defense_050",
         Basis.GDP_SHARE: "budget.national_defense_050.share_gdp"}, fiscal_years=True),
}

DEFINITION_IDS = tuple(d.value for d in Definition)


def parse_definition(text: str) -> Definition:
    try:
        return Definition(text.strip().lower())
    except ValueError as exc:
        raise UserError(f"unknown definition {text!r}; use one of: "
                        f"{', '.join(DEFINITION_IDS)}") from exc


def metric_for(definition: Definition, basis: Basis) -> str | None:
    """The metric id holding ``definition`` figures on ``basis``, or None if it has none."""
    return DEFINITIONS[definition].metrics.get(basis)


def definition_of(metric: str) -> Definition | None:
    """Which definition a metric id belongs to (None for GDP, rates and other metrics)."""
    for info in DEFINITIONS.values():
        if metric in info.metrics.values():
            return info.id
    return None


GENERAL_PREFIX = "military_expenditure."
"""Metrics under this prefix are general: SIPRI's definition only when the figure is SIPRI's."""
SIPRI_NAME = "SIPRI"


def _is_sipri(claimant: str, publisher: str) -> bool:
    who = claimant or publisher
    return SIPRI_NAME.lower() in who.lower() or "stockholm international peace" in who.lower()


def figure_definition(metric: str, claimant: str = "", publisher: str = "") -> str:
    """The definition a figure is by, as a label.

    Rule: a figure's definition is its metric's (``budget.national_defence`` is Russia's
    chapter 02 whoever quotes it), except on a general ``military_expenditure.*`` metric,
    where it is SIPRI's definition only when the figure is SIPRI's — its claimant names SIPRI,
    or it has no claimant and its source's publisher is SIPRI — and otherwise the claimant's
    own definition (the claimant, else the source's publisher). So Putin's 13.5 trillion
    roubles of "defence needs", filed as ``military_expenditure.lcu``, is "Vladimir Putin's
    own definition", not SIPRI's; BOFIT relaying SIPRI's estimate (claimant SIPRI) stays
    SIPRI's. Metrics of no spending definition (GDP, rates) get ''.

    >>> figure_definition("military_expenditure.lcu", "Vladimir Putin")
    "Vladimir Putin's own definition (filed as military_expenditure.lcu)"
    >>> figure_definition("military_expenditure.lcu", "", "SIPRI")
    'military expenditure (SIPRI definition)'
    >>> figure_definition("budget.national_defence", "Vladimir Putin")
    "Russian federal budget chapter 02 'National defence'"
    """
    found = definition_of(metric)
    if found is None:
        return ""
    label = DEFINITIONS[found].label
    if not metric.startswith(GENERAL_PREFIX) or _is_sipri(claimant, publisher):
        return label
    who = claimant or publisher
    if not who:
        return label
    return f"{who}'s own definition (filed as {metric})"


def cross_definition_note(a: Definition, b: Definition) -> str:
    """'' when ``a`` and ``b`` are the same definition, else a sentence saying they differ."""
    if a == b:
        return ""
    ia, ib = DEFINITIONS[a], DEFINITIONS[b]
    note = f"compares {ia.label} with {ib.label}: different definitions, not like for like"
    if ia.fiscal_years != ib.fiscal_years:
        note += "; fiscal years are compared with calendar years"
    return note

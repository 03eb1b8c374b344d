"""Definitions of defence spending, kept apart: each maps a basis to its own metric ids.

SIPRI's military expenditure, NATO's defence expenditure, Russia's federal budget chapter 02
"National defence" and US budget function 050 "National defense" cover different things and
different periods (the US figures are fiscal years October–September). A comparison across
definitions must say so: ``cross_definition_note`` returns that sentence.
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
        {Basis.USD: "defence_expenditure_nato.usd_current",
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


def cross_definition_note(a: Definition, b: Definition) -> str:
    """'' when ``a`` and ``b`` are the same definition, else a sentence saying they differ."""
    if a == b:
        return ""
    ia, ib = DEFINITIONS[a], DEFINITIONS[b]
    note = f"compares {ia.label} with {ib.label}: different definitions, not like for like"
    if ia.fiscal_years != ib.fiscal_years:
        note += "; fiscal years are compared with calendar years"
    return note

"""The data files and their columns, declared once.

The loader reads these declarations to check headers and required fields; docs/data.md
documents the same columns (a test keeps the two in step).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str
    type: str = "string"  # Frictionless Table Schema type, for `milbalance export`


@dataclass(frozen=True)
class FileSpec:
    """One kind of data file: where it lives under data/ and its columns."""

    pattern: str  # a file name, or a glob under data/
    description: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def _c(name: str, description: str, required: bool = False) -> Column:
    return Column(name, required, description, _TYPES.get(name, "string"))


_TYPES = {"factor": "number", "min": "number", "max": "number", "value": "number",
          "low": "number", "high": "number", "confidence": "number",
          "fiscal_year_start": "integer", "ramp_months": "integer", "date": "date",
          "from": "date", "to": "date"}
"""Columns whose values are numbers or ISO dates, wherever they appear (the loader checks
them as such); every other column is text."""


SOURCES = FileSpec(
    "sources.csv",
    "Every publication a figure, membership or statement comes from.",
    (
        _c("id", "short unique id, lower-case with dashes (e.g. sipri-milex-2025)", True),
        _c("title", "title of the publication, dataset or page", True),
        _c("publisher", "organisation or outlet that published it", True),
        _c("url", "address: https://… or github:owner/repo@commit:path", True),
        _c("published", "publication date: YYYY, YYYY-MM or YYYY-MM-DD", True),
        _c("claimant_type", "who stands behind its figures (see claimant types)", True),
        _c("edition", "edition or vintage, so a newer release sits beside an older one"),
        _c("licence", "licence or terms of use"),
        _c("notes", "anything a reviewer should know"),
    ),
)

UNITS = FileSpec(
    "units.csv",
    "Units, grouped by dimension; a value converts within its dimension by factor.",
    (
        _c("id", "unit id used by metrics and observations (e.g. USD_million)", True),
        _c("dimension", "what it measures; money units are money:<ISO 4217>", True),
        _c("factor", "size in the dimension's base unit (USD_million → 1e6)", True),
        _c("description", "what the unit is, in words"),
    ),
)

METRICS = FileSpec(
    "metrics.csv",
    "Quantities, each declared once with its unit and kind.",
    (
        _c("id", "<item>.<kind> or a budget line's name, snake case", True),
        _c("unit", "canonical unit id; LCU stands for the entity's own currency", True),
        _c("kind", "output, capacity, target, deliveries, consumption, stockpile, …", True),
        _c("min", "smallest allowed value in the canonical unit (blank: none)"),
        _c("max", "largest allowed value in the canonical unit (blank: none)"),
        _c("item", "the thing counted or spent on (e.g. artillery_shells)"),
        _c("description", "what is measured and by which definition", True),
    ),
)

COUNTRIES = FileSpec(
    "countries.csv",
    "Countries by ISO 3166 alpha-3 code.",
    (
        _c("id", "ISO 3166-1 alpha-3 code", True),
        _c("name", "common English name", True),
        _c("aliases", "other names, separated by ';' (e.g. Moscow; the Kremlin)"),
        _c("currency", "ISO 4217 code of the currency its local figures are in"),
        _c("fiscal_year_start", "month (1–12) its fiscal year begins; blank for January"),
        _c("fiscal_year_changes", "earlier starts as FY<last year>:<month>, ';'-separated "
           "(US: FY1976:7, July starts until FY1976)"),
        _c("notes", "anything a reviewer should know"),
    ),
)

COMPANIES = FileSpec(
    "companies.csv",
    "Companies, with their home country.",
    (
        _c("id", "short lower-case id (e.g. rheinmetall)", True),
        _c("name", "company name", True),
        _c("country", "home country, ISO alpha-3", True),
        _c("aliases", "other names, separated by ';'"),
        _c("source", "source id for what the row says"),
        _c("notes", "anything a reviewer should know"),
    ),
)

FACILITIES = FileSpec(
    "facilities.csv",
    "Plants and other sites, with their company and country.",
    (
        _c("id", "<company>.<site> (e.g. rheinmetall.unterluess)", True),
        _c("name", "site name", True),
        _c("company", "owning company id", True),
        _c("country", "country the site is in, ISO alpha-3", True),
        _c("aliases", "other names, separated by ';'"),
        _c("source", "source id for the site's existence and location", True),
        _c("notes", "anything a reviewer should know"),
    ),
)

BLOCS = FileSpec(
    "blocs.csv",
    "Groups of countries whose values add up over their members.",
    (
        _c("id", "short upper-case id (NATO, EU, RUS_SUPPLIERS)", True),
        _c("name", "full name", True),
        _c("aliases", "other names, separated by ';' (e.g. the alliance)"),
        _c("description", "what membership means for this bloc", True),
    ),
)

MEMBERSHIPS = FileSpec(
    "memberships.csv",
    "Who belongs to which bloc, from when to when.",
    (
        _c("bloc", "bloc id", True),
        _c("member", "country id", True),
        _c("from", "first day of membership, YYYY-MM-DD", True),
        _c("to", "last day of membership, YYYY-MM-DD; blank while still a member"),
        _c("role", "member, or supplier for a country that supplies the bloc's lead"),
        _c("source", "source id for the dates", True),
        _c("notes", "anything a reviewer should know"),
    ),
)

OBSERVATIONS = FileSpec(
    "observations/*.csv",
    "Figures: entity × metric × period × value, each from one source.",
    (
        _c("entity", "entity id (country, company, facility or bloc)", True),
        _c("metric", "metric id", True),
        _c("period", "2024, FY2024, FY1976TQ, 2024-Q1, 2024-03, 2024-03-15 or a/b range", True),
        _c("value", "point value or central estimate in the row's unit"),
        _c("low", "low end of a range; alone (no value, no high) a lower bound: 'at least'"),
        _c("high", "high end of a range; alone (no value, no low) an upper bound: 'up to'"),
        _c("confidence", "probability the true value lies in low–high (e.g. 0.9)"),
        _c("shape", "point, uniform, normal, lognormal or triangular"),
        _c("unit", "unit id; must share the metric's dimension", True),
        _c("source", "source id", True),
        _c("claimant", "who is quoted, when not the publisher (e.g. Mark Rutte)"),
        _c("claimant_type", "overrides the source's claimant type for this figure"),
        _c("flags", "';'-separated: estimate, uncertain, projection, secondary, derived"),
        _c("notes", "definition, caveats, where in the source"),
    ),
)

STATEMENTS = FileSpec(
    "statements.csv",
    "Who claimed what, when, about which entities.",
    (
        _c("id", "short unique id", True),
        _c("date", "date the claim was made, YYYY-MM-DD", True),
        _c("claimant", "person or body making the claim", True),
        _c("claimant_type", "claimant type of the person or body", True),
        _c("about", "entity ids the claim is about, separated by ';'", True),
        _c("metric", "metric id the claim is about, if one fits"),
        _c("summary", "what was claimed, in the project's own words", True),
        _c("quote", "the words as reported, when the claim's wording matters"),
        _c("source", "source id where the claim is reported", True),
        _c("notes", "anything a reviewer should know"),
    ),
)

LINES = FileSpec(
    "production/lines.csv",
    "Production lines: a stage's capacity at a plant (or a company's or country's total).",
    (
        _c("id", "short unique id: <owner>.<site>.<what> (e.g. eurenco.bergerac.powder)", True),
        _c("facility", "facility id from facilities.csv, when the plant is listed there"),
        _c("company", "company id from companies.csv, when known"),
        _c("country", "country the capacity is in, ISO alpha-3", True),
        _c("item", "munition the line serves, e.g. artillery_shells_155mm", True),
        _c("stage", "shell_bodies, he_fill, propellant, fuzes or lap (load-assemble-pack)", True),
        _c("basis", "line (a new or expanded line) or total (all of the owner's capacity then)",
           True),
        _c("value", "capacity, point or central; blank with low/high blank: not published (gap)"),
        _c("low", "low end of the capacity range (needs high)"),
        _c("high", "high end of the capacity range (needs low)"),
        _c("unit", "rounds_per_year, rounds_per_month, tonnes_per_year, …", True),
        _c("start", "date the line starts (or a total is stated): YYYY, YYYY-MM or YYYY-MM-DD"),
        _c("ramp_months", "months from start to full capacity (blank: not published)"),
        _c("status", "announced, building or operating", True),
        _c("source", "source id", True),
        _c("flags", "';'-separated: estimate, uncertain, projection, secondary, derived"),
        _c("notes", "what the source says, and how derived figures were computed"),
    ),
)

BOM = FileSpec(
    "production/bom.csv",
    "Bills of materials: kilograms of explosive or propellant per round of a munition.",
    (
        _c("munition", "item, e.g. artillery_shells_155mm", True),
        _c("stage", "he_fill or propellant (counted stages need no row: one piece per round)",
           True),
        _c("value", "quantity per round, point or central"),
        _c("low", "low end of a range (needs high)"),
        _c("high", "high end of a range (needs low)"),
        _c("unit", "kg_per_round or lb_per_round", True),
        _c("source", "source id", True),
        _c("flags", "';'-separated: estimate, uncertain, projection, secondary, derived"),
        _c("notes", "what the source says, and how derived figures were computed"),
    ),
)

FILES: tuple[FileSpec, ...] = (
    SOURCES,
    UNITS,
    METRICS,
    COUNTRIES,
    COMPANIES,
    FACILITIES,
    BLOCS,
    MEMBERSHIPS,
    OBSERVATIONS,
    STATEMENTS,
    LINES,
    BOM,
)

"""Production-network records read from data/production/: lines and bills of materials.

Kept free of store and loader imports so the loader can build them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Stage(StrEnum):
    """Stages a round passes through; a bloc's output is bounded by the scarcest one."""

    SHELL_BODIES = "shell_bodies"  # metal parts: forged and machined projectile bodies
    HE_FILL = "he_fill"  # high-explosive fill (TNT, RDX, IMX, …)
    PROPELLANT = "propellant"  # gun propellant, nitrocellulose, modular charges' powder
    FUZES = "fuzes"
    LAP = "lap"  # load-assemble-pack: finished rounds (integrated plants count here)


COUNT_STAGES = (Stage.SHELL_BODIES, Stage.FUZES, Stage.LAP)
"""Stages counted in pieces: one piece per round by definition (no bill-of-materials row)."""
MASS_STAGES = (Stage.HE_FILL, Stage.PROPELLANT)
"""Stages counted in tonnes: rounds = tonnes × 1000 / (kg per round from bom.csv)."""

STAGE_DIMENSION = {**{s: "rate:rounds" for s in COUNT_STAGES},
                   **{s: "rate:tonnes" for s in MASS_STAGES}}
BOM_DIMENSION = "per_round:kg"


class LineStatus(StrEnum):
    ANNOUNCED = "announced"
    BUILDING = "building"
    OPERATING = "operating"


class Basis(StrEnum):
    """What a row's capacity stands for.

    ``line``: one new or expanded line — nothing before its start (a true zero).
    ``total``: everything its company (or, with no company, its country) has in that stage and
    item as of ``start`` — before that date the capacity is unknown (a gap, not zero), and
    ``line`` rows of the same company that started earlier are taken as included in it.
    """

    LINE = "line"
    TOTAL = "total"


@dataclass(frozen=True)
class ProductionLine:
    """One row of data/production/lines.csv; capacity in ``unit`` per year or month."""

    id: str
    country: str
    item: str
    stage: Stage
    basis: Basis
    status: LineStatus
    unit: str
    per_year: float  # factor from ``unit`` to the stage's per-year unit (rounds or tonnes)
    source: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    start: date | None = None  # None: operating since before the years modelled
    ramp_months: float | None = None  # None: not published (modelled as a step, stated)
    facility: str = ""
    company: str = ""
    flags: tuple[str, ...] = ()
    notes: str = ""
    path: str = ""
    line: int = 0

    @property
    def quantified(self) -> bool:
        """False for a line whose capacity no source states (a reported gap)."""
        return self.value is not None or self.low is not None

    @property
    def owner(self) -> str:
        """Whose capacity a ``total`` row describes: the company, else the country."""
        return self.company or self.country


@dataclass(frozen=True)
class BomEntry:
    """One row of data/production/bom.csv: kilograms of a stage's material per round."""

    munition: str
    stage: Stage
    unit: str
    kg_factor: float  # factor from ``unit`` to kg per round
    source: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    flags: tuple[str, ...] = ()
    notes: str = ""
    path: str = ""
    line: int = 0

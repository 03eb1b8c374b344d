"""Where a spending figure came from: published inputs, derived values and their formulas.

A ``Figure`` is one entity-year on one basis. It holds the published observation preferred
among the sources (``published``), the others (``alternatives``), and an independent
derivation from other published figures (``derived``), so the two can be compared:
``difference = derived / published − 1``. Published figures are preferred to derived ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from milbalance.model import ClaimantType, Flag
from milbalance.store import ObservationRow

CLAIMANT_PREFERENCE: tuple[ClaimantType, ...] = (
    ClaimantType.STATISTICS, ClaimantType.THINK_TANK, ClaimantType.OFFICIAL_GOVERNMENT,
    ClaimantType.OFFICIAL_NATO, ClaimantType.OFFICIAL_RUSSIA, ClaimantType.INTELLIGENCE,
    ClaimantType.INDUSTRY, ClaimantType.MEDIA,
)
"""Tie-break order between sources of one figure (after series coverage)."""


@dataclass(frozen=True)
class Input:
    """One published figure used as an input, with its source and location in data/."""

    entity: str
    metric: str
    period: str
    year: int
    value: float
    unit: str
    source: str
    claimant: str = ""
    flags: tuple[str, ...] = ()
    path: str = ""
    line: int = 0

    @classmethod
    def of(cls, row: ObservationRow) -> Input:
        """An Input from a store row, at the row's central value in the metric's unit."""
        return cls(row.entity, row.metric, row.period.label, row.period.year, row.central,
                   row.unit, row.source, row.claimant, tuple(str(f) for f in row.flags),
                   row.path, row.line)

    def __str__(self) -> str:
        who = f"{self.source} ({self.claimant})" if self.claimant else self.source
        return f"{self.entity} {self.metric} {self.period} = {self.value:.6g} {self.unit} [{who}]"


@dataclass(frozen=True)
class Derived:
    """A value computed by milbalance from published inputs (never itself published)."""

    value: float
    unit: str
    formula: str
    inputs: tuple[Input, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(i.source for i in self.inputs))


@dataclass(frozen=True)
class Figure:
    """An entity-year on one basis: the preferred published figure and/or a derivation."""

    entity: str
    year: int
    metric: str
    unit: str
    published: Input | None
    alternatives: tuple[Input, ...] = ()
    derived: Derived | None = None
    note: str = ""

    @property
    def value(self) -> float | None:
        """The published value when there is one, else the derived one, else None (a gap)."""
        if self.published is not None:
            return self.published.value
        return self.derived.value if self.derived is not None else None

    @property
    def is_derived(self) -> bool:
        return self.published is None and self.derived is not None

    @property
    def difference(self) -> float | None:
        """derived / published − 1 when both exist (0.02 = derived is 2 % higher)."""
        if self.published is None or self.derived is None or self.published.value == 0:
            return None
        return self.derived.value / self.published.value - 1

    @property
    def sources(self) -> tuple[str, ...]:
        if self.published is not None:
            return (self.published.source,)
        return self.derived.sources if self.derived is not None else ()

    @property
    def flags(self) -> tuple[str, ...]:
        if self.published is not None:
            return self.published.flags
        return ("derived",) if self.derived is not None else ()


def coverage(rows: Iterable[ObservationRow]) -> Counter[str]:
    """How many rows each source has: a series is best read from one source throughout."""
    return Counter(r.source for r in rows)


def choose(rows: Sequence[ObservationRow],
           counts: Counter[str] | None = None) -> tuple[ObservationRow | None,
                                                        tuple[ObservationRow, ...]]:
    """The preferred row and the others, best first.

    Order: outturns before projections; then the source covering most of the series
    (``counts``); then claimant type in CLAIMANT_PREFERENCE; then source id (stable).
    """
    usable = [r for r in rows if r.value is not None or (r.low is not None and r.high is not None)]
    if not usable:
        return None, ()
    counts = counts or Counter()
    rank = {c: i for i, c in enumerate(CLAIMANT_PREFERENCE)}

    def key(r: ObservationRow) -> tuple[int, int, int, str, str]:
        return (int(Flag.PROJECTION in r.flags), -counts[r.source],
                rank.get(r.claimant_type, len(rank)), r.source, r.claimant)

    ordered = sorted(usable, key=key)
    return ordered[0], tuple(ordered[1:])

"""Which observation rows spending analytics reads: outturns only, unless asked otherwise.

A row flagged ``projection`` is a plan, a budget law or a forecast (OMB's estimate columns
FY2024–2028, Russia's budget laws, a ministry's rate forecast), not what was spent. Ranking,
summing or comparing it beside outturns mixes kinds of quantity (DESIGN principle 3), so
spending analytics leaves projections out by default and says so in every answer;
``include_projections=True`` reads them too (still flagged ``p`` in tables).

``RowView`` is the store with those rows left out. It is handed to everything downstream
— the ``Lookup`` behind tables and derivations, ``records`` and the engine's ``estimate`` and
``compare`` — so a table and the engine's answer beside it are always read from the same
rows.
"""

from __future__ import annotations

from milbalance.model import Flag
from milbalance.store import ObservationRow, Store

PROJECTIONS_LEFT_OUT = ("projections (plans, budget laws, forecasts: flag p) are left out; "
                        "--include-projections reads them too")
PROJECTIONS_READ = ("projections (plans, budget laws, forecasts: flag p) are included "
                    "(--include-projections) beside outturns")


def is_projection(row: ObservationRow) -> bool:
    """True for a plan, budget law or forecast (flag ``projection``)."""
    return Flag.PROJECTION in row.flags


class RowView(Store):
    """``base`` with projection rows left out (``include_projections=False``).

    It shares ``base``'s connection and observation index (no second read of the store) and
    overrides ``observations`` only; closing it leaves ``base`` open.
    """

    def __init__(self, base: Store, include_projections: bool = False):
        base.observations(entity="", metric="")  # load the index once, shared by both
        self.__dict__.update(vars(base))
        self.base = base
        self.include_projections = include_projections

    @property
    def note(self) -> str:
        """The sentence every answer states about projections."""
        return PROJECTIONS_READ if self.include_projections else PROJECTIONS_LEFT_OUT

    def observations(self, entity: str | None = None, metric: str | None = None, *,
                     start_year: int | None = None, end_year: int | None = None,
                     claimant_type: str | None = None, claimant: str | None = None,
                     source: str | None = None) -> list[ObservationRow]:
        rows = super().observations(entity, metric, start_year=start_year, end_year=end_year,
                                    claimant_type=claimant_type, claimant=claimant,
                                    source=source)
        if self.include_projections:
            return rows
        return [r for r in rows if not is_projection(r)]

    def close(self) -> None:
        """The base store owns the connection: close that one."""


def view(store: Store, include_projections: bool = False) -> RowView:
    """The rows spending analytics reads (see the module docstring); a view of a view keeps
    the base store."""
    base = store.base if isinstance(store, RowView) else store
    return RowView(base, include_projections)

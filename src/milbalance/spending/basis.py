"""What a spending figure is expressed in (basis) and which years a query covers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from milbalance.errors import UserError


class Basis(StrEnum):
    """The unit family of a spending figure.

    ``lcu``: local currency, current prices; ``usd``: current US$ at the year's annual average
    market rate; ``constant-usd``: US$ at a stated base year's prices; ``ppp``: international
    dollars at a stated PPP factor; ``gdp-share``: per cent of GDP; ``per-capita``: current
    US$ per head.
    """

    LCU = "lcu"
    USD = "usd"
    CONSTANT_USD = "constant-usd"
    PPP = "ppp"
    GDP_SHARE = "gdp-share"
    PER_CAPITA = "per-capita"


BASES = tuple(b.value for b in Basis)


def parse_basis(text: str) -> Basis:
    """``'usd'`` → Basis.USD; anything else raises UserError listing the valid bases."""
    try:
        return Basis(text.strip().lower())
    except ValueError as exc:
        raise UserError(f"unknown basis {text!r}; use one of: {', '.join(BASES)}") from exc


@dataclass(frozen=True)
class YearRange:
    """An inclusive span of calendar (or fiscal) years, first ≤ last."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise UserError(f"year range {self.first}-{self.last} ends before it starts; "
                            f"write {self.last}-{self.first}")

    @property
    def years(self) -> range:
        return range(self.first, self.last + 1)

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}–{self.last}"


_RANGE = re.compile(r"^\s*(\d{4})\s*(?:[-–:]|\.\.)\s*(\d{4})\s*$")
_ONE = re.compile(r"^\s*(\d{4})\s*$")


def parse_years(text: str) -> YearRange:
    """``'2014-2025'`` or ``'2024'`` → YearRange; a reversed or malformed range raises
    UserError with the accepted forms."""
    if m := _RANGE.match(text):
        return YearRange(int(m[1]), int(m[2]))
    if m := _ONE.match(text):
        return YearRange(int(m[1]), int(m[1]))
    raise UserError(f"{text!r} is not a year range; write YYYY-YYYY (e.g. 2014-2024) or YYYY")

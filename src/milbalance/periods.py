"""Periods an observation covers: calendar year, fiscal year, quarter, month, day or range.

Written forms (``Period.parse``):

    2024                      calendar year
    FY2024                    fiscal year ending in 2024 (the entity's fiscal-year start month)
    FY1976TQ                  the US transition quarter, July–September 1976
    2024-Q1                   quarter
    2024-03                   month
    2024-03-15                a single day (stocks, statements)
    2023-10-01/2024-06-30     an inclusive date range

A fiscal year is labelled by the calendar year it ends in, as OMB and most governments do:
with a start month of 10, FY2024 runs 2023-10-01 to 2024-09-30.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class PeriodKind(StrEnum):
    YEAR = "year"
    FISCAL_YEAR = "fiscal_year"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"
    RANGE = "range"


class PeriodError(ValueError):
    """A period string that does not parse; the message says which forms are accepted."""


FORMS = "2024, FY2024, 2024-Q1, 2024-03, 2024-03-15 or 2023-10-01/2024-06-30"

_YEAR = re.compile(r"^(\d{4})$")
_FY = re.compile(r"^FY(\d{4})(TQ)?$", re.IGNORECASE)
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise PeriodError(f"{text!r} is not a valid date (YYYY-MM-DD)") from exc


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive span of days with the label it was written as."""

    start: date
    end: date
    kind: PeriodKind
    label: str

    @property
    def year(self) -> int:
        """The calendar year the period is filed under: the year it ends in."""
        return self.end.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    @classmethod
    def parse(cls, text: str, fiscal_year_start: int | Callable[[int], int] = 1) -> Period:
        """Parse a written period; ``fiscal_year_start`` is the month a fiscal year begins,
        or a function giving it for the year a fiscal year ends in (starts change: the US
        moved from July to October in 1976)."""
        raw = text.strip()
        try:
            return cls._parse(raw, fiscal_year_start)
        except PeriodError:
            raise
        except (ValueError, OverflowError) as exc:  # date() refuses year 0 and year 10000
            raise PeriodError(f"{raw!r} falls outside the calendar (years 0001–9999): "
                              f"{exc}") from exc

    @classmethod
    def _parse(cls, raw: str, fiscal_year_start: int | Callable[[int], int]) -> Period:
        if m := _YEAR.match(raw):
            y = int(m[1])
            return cls(date(y, 1, 1), date(y, 12, 31), PeriodKind.YEAR, raw)
        if m := _FY.match(raw):
            y = int(m[1])
            if m[2]:  # the 1976 transition quarter between the old and new US fiscal years
                return cls(date(y, 7, 1), date(y, 9, 30), PeriodKind.RANGE, raw.upper())
            month = fiscal_year_start(y) if callable(fiscal_year_start) else fiscal_year_start
            if month == 1:
                return cls(date(y, 1, 1), date(y, 12, 31), PeriodKind.FISCAL_YEAR, raw.upper())
            start = date(y - 1, month, 1)
            end_month = month - 1
            return cls(start, _month_end(y, end_month), PeriodKind.FISCAL_YEAR, raw.upper())
        if m := _QUARTER.match(raw):
            y, q = int(m[1]), int(m[2])
            return cls(
                date(y, 3 * q - 2, 1), _month_end(y, 3 * q), PeriodKind.QUARTER, raw.upper()
            )
        if m := _MONTH.match(raw):
            y, mo = int(m[1]), int(m[2])
            if not 1 <= mo <= 12:
                raise PeriodError(f"month {mo} is not 01–12")
            return cls(date(y, mo, 1), _month_end(y, mo), PeriodKind.MONTH, raw)
        if "/" in raw:
            left, _, right = raw.partition("/")
            start, end = _parse_day(left.strip()), _parse_day(right.strip())
            if end < start:
                raise PeriodError(f"range ends ({end}) before it starts ({start})")
            return cls(start, end, PeriodKind.RANGE, raw)
        if re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
            day = _parse_day(raw)
            return cls(day, day, PeriodKind.DAY, raw)
        raise PeriodError(f"{raw!r} is not a period; write {FORMS}")

from datetime import date

import pytest

from milbalance.periods import Period, PeriodError, PeriodKind


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2024", date(2024, 1, 1), date(2024, 12, 31), PeriodKind.YEAR),
        ("2024-Q2", date(2024, 4, 1), date(2024, 6, 30), PeriodKind.QUARTER),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), PeriodKind.MONTH),
        ("2024-03-15", date(2024, 3, 15), date(2024, 3, 15), PeriodKind.DAY),
        ("2023-10-01/2024-06-30", date(2023, 10, 1), date(2024, 6, 30), PeriodKind.RANGE),
        ("FY2024", date(2024, 1, 1), date(2024, 12, 31), PeriodKind.FISCAL_YEAR),
    ],
)
def test_written_forms(text: str, start: date, end: date, kind: PeriodKind) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)


def test_fiscal_year_is_named_by_the_year_it_ends_in() -> None:
    fy = Period.parse("FY2024", fiscal_year_start=10)
    assert (fy.start, fy.end, fy.year) == (date(2023, 10, 1), date(2024, 9, 30), 2024)


def test_transition_quarter() -> None:
    tq = Period.parse("FY1976TQ", fiscal_year_start=10)
    assert (tq.start, tq.end, tq.days) == (date(1976, 7, 1), date(1976, 9, 30), 92)


@pytest.mark.parametrize("text", ["24", "2024-13", "2024-02-30", "2024-06-30/2024-01-01", "soon"])
def test_bad_periods_are_rejected_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_overlap_is_inclusive() -> None:
    assert Period.parse("2023").overlaps(Period.parse("2023-12-31"))
    assert not Period.parse("2023").overlaps(Period.parse("2024-01"))


def test_fiscal_year_start_can_change_over_time() -> None:
    def us_start(year: int) -> int:  # the US moved its fiscal year from July to October
        return 7 if year <= 1976 else 10

    fy76 = Period.parse("FY1976", fiscal_year_start=us_start)
    fy77 = Period.parse("FY1977", fiscal_year_start=us_start)
    tq = Period.parse("FY1976TQ", fiscal_year_start=us_start)
    assert (fy76.start, fy76.end) == (date(1975, 7, 1), date(1976, 6, 30))
    assert (fy77.start, fy77.end) == (date(1976, 10, 1), date(1977, 9, 30))
    assert fy76.end < tq.start and tq.end < fy77.start  # the three tile without overlap

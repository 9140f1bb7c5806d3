"""Working days with Vietnamese public holidays, make-up days and month arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from rules import WorkingCalendar, add_months, add_working_days
from rules.workdays import vn_holiday_name, working_days_between


def test_tet_moves_every_year() -> None:
    cal = WorkingCalendar()
    assert not cal.is_working_day(date(2025, 1, 29))  # Tết 2025
    assert cal.is_working_day(date(2026, 1, 29))
    assert not cal.is_working_day(date(2026, 2, 17))  # Tết 2026
    assert vn_holiday_name(date(2026, 2, 17)) is not None


def test_fixed_holidays_and_weekends() -> None:
    cal = WorkingCalendar()
    for day in (date(2026, 4, 30), date(2026, 5, 1), date(2026, 9, 2), date(2026, 1, 1)):
        assert not cal.is_working_day(day)
    assert not cal.is_working_day(date(2026, 6, 6))  # Saturday
    assert cal.is_working_day(date(2026, 6, 8))


def test_decreed_make_up_saturday_is_a_working_day() -> None:
    # 2025: 02/05 off, made up on Saturday 26/04 (in the holidays package).
    cal = WorkingCalendar()
    assert not cal.is_working_day(date(2025, 5, 2))
    assert cal.is_working_day(date(2025, 4, 26))


def test_deployment_extra_days_off_and_make_up_days() -> None:
    extra_off = date(2026, 6, 9)
    make_up = date(2026, 6, 13)  # a Saturday
    cal = WorkingCalendar.of(extra_days_off=[extra_off], makeup_working_days=[make_up])
    assert not cal.is_working_day(extra_off)
    assert cal.is_working_day(make_up)
    assert add_working_days(date(2026, 6, 8), 1, cal) == date(2026, 6, 10)
    assert add_working_days(date(2026, 6, 12), 1, cal) == date(2026, 6, 13)


def test_add_working_days_counts_from_the_next_day() -> None:
    monday = date(2026, 6, 1)
    assert add_working_days(monday, 0) == monday
    assert add_working_days(monday, 1) == date(2026, 6, 2)
    assert add_working_days(monday, 5) == date(2026, 6, 8)
    assert add_working_days(date(2026, 6, 8), -5) == monday
    assert working_days_between(monday, date(2026, 6, 8)) == 5
    assert working_days_between(monday, monday) == 0


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 8, 5), 36, date(2029, 8, 5)),
        (date(2024, 2, 29), 36, date(2027, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected

"""Working days and calendar arithmetic for Vietnamese administrative deadlines.

Public holidays come from the maintained ``holidays`` package (country VN, which
follows Tết and the decreed substitute days off and make-up Saturdays); a
deployment adds its own extra days off and make-up working days.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

import holidays

SATURDAY = 5
SUNDAY = 6


@cache
def _vn_days_off(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


@cache
def _vn_makeup_days(year: int) -> frozenset[date]:
    calendar = holidays.country_holidays("VN", years=year)
    days: Iterable[date] = getattr(calendar, "weekend_workdays", ())
    return frozenset(d for d in days if d.year == year)


def vn_holiday_name(day: date, lang: str = "vi") -> str | None:
    """The name of the public holiday on ``day`` (``None`` if it is not one)."""
    language = "vi" if lang == "vi" else "en_US"
    calendar = holidays.country_holidays("VN", years=day.year, language=language)
    name = calendar.get(day)
    return str(name) if name is not None else None


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days count as working days.

    A day is *not* a working day if the deployment lists it as an extra day off;
    it *is* one if it is a decreed make-up working day (the deployment's own or
    the package's); otherwise weekends and VN public holidays are days off.
    """

    extra_days_off: frozenset[date] = field(default_factory=frozenset)
    makeup_working_days: frozenset[date] = field(default_factory=frozenset)
    public_holidays: bool = True

    @classmethod
    def of(
        cls, extra_days_off: Iterable[date] = (), makeup_working_days: Iterable[date] = ()
    ) -> WorkingCalendar:
        return cls(frozenset(extra_days_off), frozenset(makeup_working_days))

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_days_off:
            return False
        if day in self.makeup_working_days:
            return True
        if self.public_holidays and day in _vn_makeup_days(day.year):
            return True
        if day.weekday() in (SATURDAY, SUNDAY):
            return False
        return not (self.public_holidays and day in _vn_days_off(day.year))


DEFAULT_CALENDAR = WorkingCalendar()


def add_working_days(start: date, n: int, calendar: WorkingCalendar | None = None) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself is not counted).

    ``n == 0`` returns ``start``; a negative ``n`` counts backwards.
    """
    cal = calendar or DEFAULT_CALENDAR
    step = 1 if n >= 0 else -1
    day, remaining = start, abs(n)
    while remaining:
        day += timedelta(days=step)
        if cal.is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days in (start, end]: how many have elapsed after ``start`` by ``end``."""
    cal = calendar or DEFAULT_CALENDAR
    if end <= start:
        return 0
    return sum(
        1
        for offset in range(1, (end - start).days + 1)
        if cal.is_working_day(start + timedelta(offset))
    )


def add_months(day: date, months: int) -> date:
    """Same day number ``months`` later; the month's last day if it has no such day.

    This is the Civil Code 2015 Art. 148 rule for periods in months.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def add_days(day: date, days: int) -> date:
    """``days`` calendar days after ``day`` (the start day is not counted)."""
    return day + timedelta(days=days)

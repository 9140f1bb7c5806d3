"""Report periods: a half-year "2025-H1", a year "2025", or any dates (Vietnam dates, both
ends included), as typed at the CLI and in `GetKpis`/`GetReport`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from runtime.clock import LATEST_DATE, PROGRAMME_START

__all__ = ["Period", "parse_day", "parse_period"]


@dataclass(frozen=True)
class Period:
    """Dates `starts`-`ends`, both included; `code` as typed ("2025-H1", "2025", or
    "dd/mm/yyyy-dd/mm/yyyy")."""

    code: str
    starts: date
    ends: date

    def contains(self, day: str) -> bool:
        return bool(day) and self.starts.isoformat() <= day <= self.ends.isoformat()

    @property
    def halves(self) -> tuple[Period, ...]:
        """The half-years of the period's years (the stars-by-period chart's columns)."""
        return tuple(
            parse_period(f"{year}-H{half}")
            for year in range(self.starts.year, self.ends.year + 1)
            for half in (1, 2)
        )


_HALF = re.compile(r"^(\d{4})-H([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = r"(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
_RANGE = re.compile(rf"^{_DAY}\s*(?:\.\.|–|-|to|đến)\s*{_DAY}$")


def parse_day(text: str) -> date:
    """A date typed dd/mm/yyyy or yyyy-mm-dd; ValueError otherwise."""
    text = text.strip()
    found = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", text)
    if found:
        dd, mm, yyyy = (int(p) for p in found.groups())
        return date(yyyy, mm, dd)
    return date.fromisoformat(text)


def _unknown(code: str) -> ValueError:
    return ValueError(
        f"Kỳ báo cáo không hợp lệ: {code!r} (ví dụ 2025-H1, 2025, 01/01/2025-31/03/2025) / "
        f"unknown period {code!r} (e.g. 2025-H1, 2025, 01/01/2025-31/03/2025)"
    )


def _days(code: str, starts: str, ends: str) -> tuple[date, date]:
    try:
        return parse_day(starts), parse_day(ends)
    except ValueError as error:
        raise _unknown(code) from error


def parse_period(code: str, starts: str = "", ends: str = "") -> Period:
    """The period "2025-H1" (01/01-30/06), "2025-H2" (01/07-31/12), "2025" (the year),
    "dd/mm/yyyy-dd/mm/yyyy", or the dates `starts`/`ends` when `code` is empty, within the
    programme's years (from 01/01/2018, the year of Decision 490/QĐ-TTg, to
    `runtime.clock.LATEST_DATE`). ValueError (message in Vietnamese and English) for
    anything else."""
    code = code.strip()
    if not code and starts and ends:
        first, last = _days(f"{starts}-{ends}", starts, ends)
        code = f"{first:%d/%m/%Y}-{last:%d/%m/%Y}"
    elif found := _HALF.match(code):
        year, half = int(found[1]), int(found[2])
        first, last = (
            (date(year, 1, 1), date(year, 6, 30))
            if half == 1
            else (date(year, 7, 1), date(year, 12, 31))
        )
    elif found := _YEAR.match(code):
        first, last = date(int(found[1]), 1, 1), date(int(found[1]), 12, 31)
    elif found := _RANGE.match(code):
        first, last = _days(code, found[1], found[2])
    else:
        raise _unknown(code)
    if last < first:
        raise ValueError("Ngày kết thúc trước ngày bắt đầu / the period ends before it starts")
    if first.year < PROGRAMME_START.year or last > LATEST_DATE:
        raise ValueError(
            f"Kỳ báo cáo ngoài khoảng {PROGRAMME_START.year}–{LATEST_DATE:%d/%m/%Y} / "
            f"the period lies outside {PROGRAMME_START.year}–{LATEST_DATE:%d/%m/%Y}"
        )
    return Period(code, first, last)

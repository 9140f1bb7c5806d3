"""Time is injected: nothing reads the wall clock except `SystemClock`.

Instants (`now()`) are UTC; the calendar date (`today()`) is the date **in the deployment's
time zone** (`OCOP_TIME_ZONE`, default Asia/Ho_Chi_Minh, UTC+7): at 23:30Z on 27/06 it is
already 28/06 in Vietnam, and a decision dated 28/06 is not in the future. Every date rule
of every service compares against `today()`, and the legal range of a past fact's date is
checked in one place, `check_past_date`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from runtime.errors import CommandRejected

DEFAULT_TIME_ZONE = "Asia/Ho_Chi_Minh"

PROGRAMME_START = date(2018, 5, 7)
"""Decision 490/QĐ-TTg of 07/05/2018 approved the OCOP programme: no OCOP fact (a dossier
received, a decision taken, a sample handed over) can be dated before it."""

LATEST_DATE = date(2200, 12, 31)
"""The latest date any stored fact may carry (plans and validity ends included): far enough
for every legal horizon, far from `date.max`, so date arithmetic on it never overflows."""


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


def local_date(at: datetime, zone: str = DEFAULT_TIME_ZONE) -> date:
    """The calendar date of the instant `at` (timezone-aware; naive means UTC) in `zone`."""
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(ZoneInfo(zone)).date()


class SystemClock:
    """The real clock: instants in UTC, the date in the deployment's time zone."""

    def __init__(self, zone: str = DEFAULT_TIME_ZONE) -> None:
        ZoneInfo(zone)  # an unknown zone fails at start-up, not on the first command
        self.zone = zone

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return local_date(self.now(), self.zone)


class FixedClock:
    """A clock that stands still until moved: for tests and replays. Its `today()` is the
    date of `at` in `zone`, like the system clock's."""

    def __init__(self, at: datetime, zone: str = DEFAULT_TIME_ZONE) -> None:
        self._at = at
        self.zone = zone

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return local_date(self._at, self.zone)

    def advance(self, delta: timedelta) -> None:
        self._at += delta


def check_past_date(field: str, day: date, clock: Clock, earliest: date = PROGRAMME_START) -> None:
    """Refuses (`invalid_argument`, naming `field`) the date of a fact that has happened when
    it is after today in the deployment's time zone, or before `earliest` (by default the
    programme's start, Decision 490/QĐ-TTg)."""
    today = clock.today()
    if day > today:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"Ngày {day:%d/%m/%Y} chưa đến (hôm nay là {today:%d/%m/%Y}).",
            f"{day:%d/%m/%Y} is in the future (today is {today:%d/%m/%Y}).",
        )
    if day < earliest:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"Ngày {day:%d/%m/%Y} trước ngày {earliest:%d/%m/%Y}, không thể có.",
            f"{day:%d/%m/%Y} is before {earliest:%d/%m/%Y}, which is impossible.",
        )


def check_date_range(field: str, day: date, earliest: date = PROGRAMME_START) -> None:
    """Refuses (`invalid_argument`, naming `field`) a date outside [`earliest`, `LATEST_DATE`]:
    for dates that may lie in the future (plans, deadlines, validity ends)."""
    if not earliest <= day <= LATEST_DATE:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"Ngày {day:%d/%m/%Y} ngoài khoảng hợp lệ "
            f"({earliest:%d/%m/%Y}–{LATEST_DATE:%d/%m/%Y}).",
            f"{day:%d/%m/%Y} is outside the legal range "
            f"({earliest:%d/%m/%Y}–{LATEST_DATE:%d/%m/%Y}).",
        )


def check_not_before(field: str, day: date, earlier: date, what: tuple[str, str]) -> None:
    """Refuses (`invalid_argument`, naming `field`) a fact dated `day` before `earlier`, the
    date of what must have happened first (`what`: its name in Vietnamese and English, e.g.
    ("ngày xã tiếp nhận hồ sơ", "the commune's receipt of the dossier"))."""
    if day < earlier:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"Ngày {day:%d/%m/%Y} trước {what[0]} ({earlier:%d/%m/%Y}).",
            f"{day:%d/%m/%Y} is before {what[1]} ({earlier:%d/%m/%Y}).",
        )


Fact = tuple[date | None, tuple[str, str]]
"""A dated fact that must have happened first: its date (None: it has not happened) and its
name in Vietnamese and English, as `check_not_before`'s `what`."""


def check_not_before_any(field: str, day: date, facts: Iterable[Fact]) -> None:
    """Refuses (`invalid_argument`, naming `field`) a fact dated `day` before the latest of
    `facts` that happened, naming that one (`check_not_before`); nothing when none did."""
    dated = [(when, what) for when, what in facts if when is not None]
    if dated:
        earlier, what = max(dated, key=lambda fact: fact[0])
        check_not_before(field, day, earlier, what)

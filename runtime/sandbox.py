"""A sandbox clock for the embedded mode: officials rehearse a year, and acceptance tests
live through a cycle (expiry notices, windows, overdue lists, the scheduler), on a clock
that starts at a given date and moves only on command.

The clock's state is one file in the data folder, `sandbox-clock.json` (`{"at": ISO
instant}`): `ocop admin clock set|advance` writes it, and the running system reads it on
every `now()`, so a command moves the clock of a system that is serving. While the file
exists the clock stands still at that instant; without it the clock is the wall clock.
A deployment marked production (`OCOP_PRODUCTION=true`) never reads the file, refuses
to start with `OCOP_SANDBOX_CLOCK`, and refuses the command (`SandboxRefused`)."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from runtime.clock import DEFAULT_TIME_ZONE, SystemClock, local_date

FILE_NAME = "sandbox-clock.json"
DAY_START = time(8, 0)
"""Where a date set on the sandbox clock starts: 08:00 local time (office hours)."""


class SandboxRefused(Exception):
    """The deployment is production: no sandbox clock."""


def clock_file(data_dir: Path) -> Path:
    return data_dir / FILE_NAME


def sandbox_now(data_dir: Path) -> datetime | None:
    """The sandbox clock's instant (UTC), or None when it is off."""
    try:
        text = clock_file(data_dir).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return datetime.fromisoformat(json.loads(text)["at"]).astimezone(UTC)


def set_sandbox(
    data_dir: Path, day: date, *, production: bool, zone: str = DEFAULT_TIME_ZONE
) -> datetime:
    """Turns the sandbox clock on at 08:00 local time of `day`; returns the instant."""
    at = datetime.combine(day, DAY_START, ZoneInfo(zone)).astimezone(UTC)
    return _write(data_dir, at, production)


def advance_sandbox(data_dir: Path, delta: timedelta, *, production: bool) -> datetime:
    """Moves the sandbox clock forward by `delta` (never back); returns the new instant.
    `SandboxRefused` when it is off or the deployment is production."""
    current = sandbox_now(data_dir)
    if current is None:
        raise SandboxRefused("the sandbox clock is off: set it first")
    if delta < timedelta(0):
        raise SandboxRefused("the sandbox clock only moves forward")
    return _write(data_dir, current + delta, production)


def turn_off(data_dir: Path, *, production: bool) -> None:
    if production:
        raise SandboxRefused("production deployment")
    clock_file(data_dir).unlink(missing_ok=True)


def _write(data_dir: Path, at: datetime, production: bool) -> datetime:
    if production:
        raise SandboxRefused("production deployment")
    data_dir.mkdir(parents=True, exist_ok=True)
    path = clock_file(data_dir)
    staged = path.with_suffix(".tmp")
    staged.write_text(json.dumps({"at": at.isoformat()}), encoding="utf-8")
    os.replace(staged, path)  # a reader never sees half a file
    return at


class SandboxClock(SystemClock):
    """The wall clock, unless the data folder holds a sandbox clock: then its instant."""

    def __init__(self, data_dir: Path, zone: str = DEFAULT_TIME_ZONE) -> None:
        super().__init__(zone)
        self.data_dir = data_dir

    def now(self) -> datetime:
        return sandbox_now(self.data_dir) or super().now()

    def today(self) -> date:
        return local_date(self.now(), self.zone)

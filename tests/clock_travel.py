"""A pytest plugin that runs the deployment's clock from another instant, to find tests
that pass only on today's date (a certificate that expires, a year that ends):

    TEST_CLOCK_AT=2027-06-30T20:00:00+00:00 TZ=America/Los_Angeles \\
        .venv/bin/python -m pytest -p tests.clock_travel -p no:cacheprovider tests/unit -q

`runtime.clock.SystemClock` is the one source of "now" and "today" for every date rule
(the sandbox clock falls back to it), so it alone is moved, by a fixed offset, and keeps
ticking; the process's own clocks (gRPC deadlines, sleeps, token lifetimes) stay real.
libfaketime and time-machine move those too, and Python's sleeps then fail (EINVAL) or
gRPC servers never start, which hides what the run is for."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from runtime import clock


def pytest_configure(config: pytest.Config) -> None:
    at = os.environ.get("TEST_CLOCK_AT")
    if not at:
        return
    offset = datetime.fromisoformat(at) - datetime.now(UTC)
    real: Callable[[clock.SystemClock], datetime] = clock.SystemClock.now

    def moved(self: clock.SystemClock) -> datetime:
        return real(self) + offset

    clock.SystemClock.now = moved  # type: ignore[method-assign]
    config.stash[CLOCK_AT] = at


CLOCK_AT = pytest.StashKey[str]()


def pytest_report_header(config: pytest.Config) -> str | None:
    at = config.stash.get(CLOCK_AT, None)
    return f"deployment clock moved: started at {at}" if at else None

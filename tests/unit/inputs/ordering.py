"""What the date-order properties share (issue 10, kind 2): the Hypothesis settings, the
offsets drawn, a service built on a fixed day, and the check that a command dated before
the fact it must follow is refused naming the field with nothing stored."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from runtime.settings import Settings

PROPERTY = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
OFFSETS = st.integers(min_value=-400, max_value=6)
"""Days from the fact that must come first: negative is an impossible order."""


def clock_on(day: date) -> FixedClock:
    """A clock stopped at 08:00 UTC on ``day``."""
    return FixedClock(datetime(day.year, day.month, day.day, 8, tzinfo=UTC))


def _stored(app: Any) -> int:
    return int(app.recorder.max_notification_id() or 0)


def ordered(app: Any, field: str, offset: int, run: Callable[[], object]) -> None:
    """`run` (a command dated `offset` days from what must come first) is refused naming
    `field`, storing nothing, when the offset is negative, and accepted otherwise."""
    before = _stored(app)
    if offset >= 0:
        run()
        return
    with pytest.raises(CommandRejected) as refused:
        run()
    assert (refused.value.kind, refused.value.field) == ("invalid_argument", field)
    assert "/" in refused.value.vi and refused.value.en
    assert _stored(app) == before


def service_app(service: str, tmp: Path, today: date) -> Any:
    """The application of ``service`` (registration, evaluation, inspection, promotion)
    on the memory store, its clock stopped on ``today``."""
    from importlib import import_module

    build = import_module(f"services.{service}.bootstrap").build
    return build(Settings(store="memory", data_dir=tmp), clock=clock_on(today)).app

"""A registration app with a fixed clock, on every store of the matrix."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from runtime.clock import FixedClock
from runtime.settings import Settings
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 7, 1, 8, tzinfo=UTC))


@pytest.fixture
def app(app_settings: Settings, clock: FixedClock) -> Iterator[RegistrationApp]:
    """The app on each store of the matrix (tests/conftest.py `app_settings`)."""
    app = build(app_settings, clock=clock).app
    yield app
    app.close()

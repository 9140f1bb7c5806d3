"""A registration app in memory with a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runtime.clock import FixedClock
from runtime.settings import Settings
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 6, 1, 8, tzinfo=UTC))


@pytest.fixture
def app(memory_settings: Settings, clock: FixedClock) -> RegistrationApp:
    return build(memory_settings, clock=clock).app

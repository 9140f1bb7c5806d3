from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runtime.clock import FixedClock
from runtime.settings import Settings
from services.inspection.application import InspectionApp
from services.inspection.bootstrap import InspectionService, build


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2025, 11, 20, 8, tzinfo=UTC))


@pytest.fixture
def service(memory_settings: Settings, clock: FixedClock) -> InspectionService:
    return build(memory_settings, clock=clock)


@pytest.fixture
def app(service: InspectionService) -> InspectionApp:
    return service.app

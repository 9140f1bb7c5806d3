from __future__ import annotations

from datetime import UTC, datetime

import pytest

from runtime.clock import FixedClock
from runtime.settings import Settings
from services.evaluation.application import EvaluationApp
from services.evaluation.bootstrap import EvaluationService, build


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 7, 1, 8, tzinfo=UTC))


@pytest.fixture
def service(memory_settings: Settings, clock: FixedClock) -> EvaluationService:
    return build(memory_settings, clock=clock)


@pytest.fixture
def app(service: EvaluationService) -> EvaluationApp:
    return service.app

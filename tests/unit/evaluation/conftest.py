from __future__ import annotations

from collections.abc import Iterator
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
def service(app_settings: Settings, clock: FixedClock) -> Iterator[EvaluationService]:
    """The service on each store of the matrix (tests/conftest.py `app_settings`)."""
    service = build(app_settings, clock=clock)
    yield service
    service.app.close()


@pytest.fixture
def app(service: EvaluationService) -> EvaluationApp:
    return service.app

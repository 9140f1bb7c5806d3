from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from runtime.clock import FixedClock
from runtime.settings import Settings
from services.promotion.application import PromotionApp
from services.promotion.bootstrap import PromotionService, build


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2025, 11, 20, 8, tzinfo=UTC))


@pytest.fixture
def service(app_settings: Settings, clock: FixedClock) -> Iterator[PromotionService]:
    """The service on each store of the matrix (tests/conftest.py `app_settings`)."""
    service = build(app_settings, clock=clock)
    yield service
    service.app.close()


@pytest.fixture
def app(service: PromotionService) -> PromotionApp:
    return service.app

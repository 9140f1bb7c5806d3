"""A registration app with a fixed clock, on every store of the matrix."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import UUID

import pytest

from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.settings import Settings
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build
from tests.unit.registration.helpers import RECEIVED, product


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 7, 1, 8, tzinfo=UTC))


@pytest.fixture
def app(app_settings: Settings, clock: FixedClock) -> Iterator[RegistrationApp]:
    """The app on each store of the matrix (tests/conftest.py `app_settings`)."""
    app = build(app_settings, clock=clock).app
    yield app
    app.close()


@pytest.fixture
def dossier(app: RegistrationApp, actor: CommandContext) -> UUID:
    """A first dossier for a new product, received on ``RECEIVED``."""
    return app.dossiers.submit_dossier(
        actor, product_id=product(app, actor), kind="first", received_on=RECEIVED
    )

"""The promotion tests' clock and service: `service` and `app` (tests/conftest.py) build it
on each store of the matrix."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from runtime.clock import FixedClock
from services.promotion.bootstrap import build


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2025, 11, 20, 8, tzinfo=UTC))


@pytest.fixture
def build_service() -> Callable[..., Any]:
    return build

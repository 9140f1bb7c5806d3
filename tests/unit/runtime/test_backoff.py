"""Outages: exponential back-off with jitter, logged once at each end, in the metrics; a
process that starts while its broker or database is down waits instead of exiting."""

from __future__ import annotations

import asyncio
import logging
import random

import pytest
from eventsourcing.persistence import OperationalError

from runtime.backoff import Outage
from runtime.metrics import Metrics
from runtime.serving import build_with_retry, until_connected
from runtime.settings import Settings


def test_the_delay_doubles_with_jitter_up_to_the_cap() -> None:
    outage = Outage("relay:x", base_seconds=0.2, cap_seconds=30, rng=random.Random(1))
    delays = [outage.failed(ConnectionError("down")) for _ in range(12)]
    for n, delay in enumerate(delays, start=1):
        ceiling = min(30, 0.2 * 2 ** (n - 1))
        assert ceiling / 2 <= delay <= ceiling
    assert len(set(delays)) == len(delays)  # jittered, not in step


def test_an_outage_is_logged_once_at_each_end(caplog: pytest.LogCaptureFixture) -> None:
    metrics = Metrics("x")
    outage = Outage("relay:x", metrics)
    with caplog.at_level(logging.INFO):
        for _ in range(50):
            outage.failed(ConnectionError("broker down"))
        assert metrics.outage.labels("relay:x")._value.get() == 1
        outage.recovered()
        outage.recovered()
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2
    assert "outage started" in lines[0] and "broker down" in lines[0]
    assert "outage ended" in lines[1] and "50 failed attempts" in lines[1]
    assert not any(r.exc_info for r in caplog.records)  # no traceback per attempt
    assert metrics.outage.labels("relay:x")._value.get() == 0
    assert metrics.outages.labels("relay:x")._value.get() == 1


async def test_a_process_waits_for_its_broker_at_start_up() -> None:
    failures = [3]

    async def connect() -> None:
        if failures[0]:
            failures[0] -= 1
            raise ConnectionError("Unable to bootstrap")

    outage = Outage("relay:x", Metrics("x"), base_seconds=0.01)
    assert await until_connected(connect, outage, asyncio.Event())
    assert failures == [0] and not outage.ongoing

    stop = asyncio.Event()
    stop.set()
    assert not await until_connected(connect, outage, stop)


def test_a_service_waits_for_its_database_at_start_up() -> None:
    failures = [2]

    def build(settings: Settings) -> str:
        if failures[0]:
            failures[0] -= 1
            raise OperationalError("connection refused")
        return "built"

    assert build_with_retry(build, Settings(store="memory")) == "built"
    with pytest.raises(OperationalError):
        build_with_retry(_never, Settings(store="memory"), wait_seconds=0.5)


def _never(settings: Settings) -> str:
    raise OperationalError("connection refused")

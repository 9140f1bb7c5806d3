"""A scheduler's loop: tick every `every_seconds` until stopped, each tick in a worker
thread (a tick reads and writes the store), a failure logged and retried at the next
tick, and the last completed tick recorded (`ocop_scheduler_last_tick_timestamp_seconds`)
so an alert can tell a scheduler that stopped ticking (deploy/prometheus/alerts.yml)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Protocol

from runtime.metrics import Metrics

log = logging.getLogger(__name__)


class Ticking(Protocol):
    def tick(self) -> int:
        """Record what is due today; returns the number of events recorded."""
        ...


async def tick_until_stopped(
    scheduler: Ticking, stop: asyncio.Event, every_seconds: float, metrics: Metrics
) -> None:
    """Tick until `stop` is set (checked between ticks and while waiting)."""
    while not stop.is_set():
        try:
            made = await asyncio.to_thread(scheduler.tick)
        except Exception:
            log.exception("%s scheduler failed; retrying", metrics.service)
        else:
            metrics.scheduler_last_tick.labels().set_to_current_time()
            if made:
                log.info("%s scheduler recorded %d event(s)", metrics.service, made)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=every_seconds)

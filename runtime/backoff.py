"""Outages: exponential back-off with jitter, logged once when they start and once when
they end, and exposed as a metric (`<service>_outage{component}` is 1 during one).

A relay or consumer calls `failed(error)` on each failed attempt and sleeps for the
delay it returns (0.2 s, 0.4 s, 0.8 s … capped at 30 s, each drawn uniformly between
half and the whole of it, so that restarted processes do not retry in step), and
`recovered()` after the next success.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass, field

from runtime.metrics import Metrics

log = logging.getLogger(__name__)


@dataclass
class Outage:
    """The state of one component's dependency (a broker, a database)."""

    component: str
    metrics: Metrics | None = None
    base_seconds: float = 0.2
    cap_seconds: float = 30.0
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0
    started: float | None = None
    error: str = ""

    @property
    def ongoing(self) -> bool:
        return self.failures > 0

    def delay(self) -> float:
        """The pause before the next attempt, after `failures` failed ones."""
        ceiling = min(self.cap_seconds, self.base_seconds * 2 ** max(self.failures - 1, 0))
        return self.rng.uniform(ceiling / 2, ceiling)

    def problem(self) -> str | None:
        """None, or the ongoing outage in words (for health): since when and why."""
        if not self.failures:
            return None
        lasted = time.monotonic() - (self.started or time.monotonic())
        return f"{self.component}: unreachable for {lasted:.0f} s ({self.error})"

    def failed(self, error: BaseException) -> float:
        """Count a failed attempt; returns how long to wait before the next one."""
        first_line = str(error).splitlines()[0] if str(error) else ""
        self.error = f"{type(error).__name__}: {first_line}"[:300]
        if self.failures == 0:
            self.started = time.monotonic()
            log.warning(
                "%s: outage started (%s); retrying with back-off", self.component, self.error
            )
            if self.metrics is not None:
                self.metrics.outage.labels(self.component).set(1)
                self.metrics.outages.labels(self.component).inc()
        self.failures += 1
        return self.delay()

    def recovered(self) -> None:
        """The dependency answered again: log the outage's end once."""
        if self.failures == 0:
            return
        lasted = time.monotonic() - (self.started or time.monotonic())
        log.warning(
            "%s: outage ended after %.1f s and %d failed attempts",
            self.component,
            lasted,
            self.failures,
        )
        self.failures = 0
        self.started = None
        self.error = ""
        if self.metrics is not None:
            self.metrics.outage.labels(self.component).set(0)

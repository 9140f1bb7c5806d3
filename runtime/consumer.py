"""The tracking consumer: each message's effect is written together with a `Tracking`
row in one transaction, so a redelivered or republished message changes nothing.

Position = the source's notification id (a header), tracked per
`<source>@<topic>#<partition>`: within one partition a relay publishes in
notification order, and a relay that republishes after a crash produces new
offsets but the same ids. A message whose id is already tracked is a duplicate:
counted and acknowledged. A message that keeps failing is retried a bounded
number of times, then handed to the dead-letter sink so later messages flow.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.persistence import IntegrityError, Tracking
from pydantic import ValidationError

from runtime.errors import CommandRejected
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.metrics import Metrics

log = logging.getLogger(__name__)

Parse = Callable[[str, bytes], Any]
Effect = Callable[[Any, Tracking], None]
IsTracked = Callable[[str, int], bool]


class PoisonMessage(Exception):
    """A message that can never be applied as it is (no point retrying)."""


@dataclass
class BatchResult:
    applied: int = 0
    duplicates: int = 0
    dead: list[tuple[InMessage, str]] = field(default_factory=list)


def tracking_name(message: InMessage) -> str:
    source = message.headers.get(HEADER_SOURCE, "unknown")
    return f"{source}@{message.topic}#{message.partition}"


def tracking_of(message: InMessage) -> Tracking:
    try:
        position = int(message.headers[HEADER_NOTIFICATION_ID])
    except (KeyError, ValueError) as error:
        raise PoisonMessage(f"missing or bad header {HEADER_NOTIFICATION_ID}") from error
    return Tracking(tracking_name(message), position)


@dataclass
class TrackedConsumer:
    """Applies messages with exactly-once effect. Transport-agnostic: Kafka and the
    in-process delivery both call `handle_batch`."""

    service: str
    parse: Parse
    effect: Effect
    is_tracked: IsTracked
    metrics: Metrics
    max_attempts: int = 3
    retry_backoff_seconds: float = 0.05

    def handle_batch(self, messages: Sequence[InMessage]) -> BatchResult:
        result = BatchResult()
        for message in messages:
            self.metrics.messages_in.labels(message.topic).inc()
            started = time.perf_counter()
            outcome = self._handle(message)
            self.metrics.handler_latency.labels(message.topic).observe(
                time.perf_counter() - started
            )
            if outcome == "applied":
                result.applied += 1
            elif outcome == "duplicate":
                result.duplicates += 1
                self.metrics.duplicates.labels(message.topic).inc()
            else:
                result.dead.append((message, outcome))
                self.metrics.dead_letters.labels(message.topic).inc()
        return result

    def _handle(self, message: InMessage) -> str:
        """'applied', 'duplicate', or the error text for the dead-letter topic."""
        try:
            tracking = tracking_of(message)
            event = self.parse(message.topic, message.value)
        except (PoisonMessage, ValidationError, ValueError) as error:
            return f"{type(error).__name__}: {error}"
        if self.is_tracked(tracking.application_name, tracking.notification_id):
            return "duplicate"
        error_text = ""
        for attempt in range(1, self.max_attempts + 1):
            try:
                self.effect(event, tracking)
                return "applied"
            except IntegrityError as error:
                # Either the position was tracked meanwhile (a duplicate), or an
                # aggregate version clashed with a concurrent command (retry).
                if self.is_tracked(tracking.application_name, tracking.notification_id):
                    return "duplicate"
                error_text = f"IntegrityError: {error}"
            except (PoisonMessage, CommandRejected) as error:
                return f"{type(error).__name__}: {error}"
            except Exception as error:  # noqa: BLE001 - every failure is retried, then kept
                error_text = f"{type(error).__name__}: {error}"
            log.warning(
                "%s: attempt %d/%d failed for %s %s: %s",
                self.service,
                attempt,
                self.max_attempts,
                tracking.application_name,
                tracking.notification_id,
                error_text,
            )
            if attempt < self.max_attempts:
                time.sleep(self.retry_backoff_seconds * attempt)
        return error_text

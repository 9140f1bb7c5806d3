"""The tracking consumer: each message's effect is written together with the event's
identity in one transaction, so a redelivered, republished or replayed event changes
nothing, whatever order it comes in.

Identity = `<event type>:<event id>` from the envelope (the event id is uuid5 of the
aggregate and its version, the same every time the event is published); see
`runtime.tracking`. Position = the source's notification id (a header), kept per
`<source>@<topic>#<partition>` for resuming and lag only: a message carrying a
forged or reused position is applied like any other and hides nothing. A message
whose identity is already recorded is a duplicate: counted and acknowledged. A
message that keeps failing is retried a bounded number of times, then handed to the
dead-letter sink so later messages flow; its identity is not recorded, so a
redelivery after a crash, or a replay once fixed, applies it.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
import psycopg_pool
from eventsourcing.persistence import IntegrityError, InterfaceError, OperationalError, Tracking
from pydantic import ValidationError

from runtime import logs
from runtime.backoff import Outage
from runtime.errors import CommandRejected
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.metrics import Metrics
from runtime.tracking import EventTracking, event_key

log = logging.getLogger(__name__)

Parse = Callable[[str, bytes], Any]
Effect = Callable[[Any, Tracking], None]
# Whether an event key (`<event type>:<event id>`) was applied: the store's `has_event`.
Seen = Callable[[str], bool]


# The store is unreachable or busy: not the message's fault, so it is never dead-lettered.
UNAVAILABLE: tuple[type[Exception], ...] = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
    psycopg_pool.PoolTimeout,
    sqlite3.OperationalError,
    ConnectionError,
    TimeoutError,
)


class StoreUnavailable(Exception):
    """The store stayed unreachable for `max_outage_seconds`: the batch is handed back
    unacknowledged (Kafka redelivers it; the in-process relay retries it)."""


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


def tracking_of(message: InMessage, event: Any) -> EventTracking:
    """The tracking of a parsed event: its identity, and its position for lag."""
    try:
        position = int(message.headers[HEADER_NOTIFICATION_ID])
    except (KeyError, ValueError) as error:
        raise PoisonMessage(f"missing or bad header {HEADER_NOTIFICATION_ID}") from error
    if position < 0:
        raise PoisonMessage(f"negative {HEADER_NOTIFICATION_ID}")
    try:
        key = event_key(event.event_type, event.event_id)
    except AttributeError as error:
        raise PoisonMessage("the event has no event_type or event_id") from error
    return EventTracking(tracking_name(message), position, key)


@dataclass
class TrackedConsumer:
    """Applies messages with exactly-once effect. Transport-agnostic: Kafka and the
    in-process delivery both call `handle_batch`."""

    service: str
    parse: Parse
    effect: Effect
    seen: Seen
    metrics: Metrics
    max_attempts: int = 3
    retry_backoff_seconds: float = 0.05
    max_outage_seconds: float = 60.0

    def __post_init__(self) -> None:
        self.outage = Outage(f"consumer:{self.service}", self.metrics)

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
            event = self.parse(message.topic, message.value)
            tracking = tracking_of(message, event)
        except (PoisonMessage, ValidationError, ValueError) as error:
            return f"{type(error).__name__}: {error}"
        actor = getattr(event, "actor", None)
        with logs.bound(
            correlation_id=getattr(event, "correlation_id", ""),
            event_id=getattr(event, "event_id", ""),
            actor_id=getattr(actor, "id", ""),
        ):
            outcome = self._apply(message, event, tracking)
            if outcome == "applied":
                log.info("%s applied %s", self.service, tracking.event_key)
            return outcome

    def _apply(self, message: InMessage, event: Any, tracking: EventTracking) -> str:
        if self.seen(tracking.event_key):
            return "duplicate"
        error_text = ""
        attempt = 0
        while attempt < self.max_attempts:
            attempt += 1
            try:
                self.effect(event, tracking)
                self.outage.recovered()
                self._lag(message.topic, event)
                return "applied"
            except UNAVAILABLE as error:
                self._wait_for_the_store(error)
                attempt -= 1  # an outage is not the message's failure
                continue
            except IntegrityError as error:
                # Either the event was applied meanwhile (a duplicate), or an
                # aggregate version clashed with a concurrent command (retry).
                if self.seen(tracking.event_key):
                    return "duplicate"
                error_text = f"IntegrityError: {error}"
            except (PoisonMessage, CommandRejected) as error:
                return f"{type(error).__name__}: {error}"
            except Exception as error:  # noqa: BLE001 - every failure is retried, then kept
                error_text = f"{type(error).__name__}: {error}"
            log.warning(
                "%s: attempt %d/%d failed for %s (from %s): %s",
                self.service,
                attempt,
                self.max_attempts,
                tracking.event_key,
                tracking.application_name,
                error_text,
            )
            if attempt < self.max_attempts:
                time.sleep(self.retry_backoff_seconds * attempt)
        return error_text

    def _lag(self, topic: str, event: object) -> None:
        """How far behind the facts this consumer is: now minus the applied event's time."""
        occurred = getattr(event, "occurred_at", None)
        if isinstance(occurred, datetime):
            behind = (datetime.now(UTC) - occurred).total_seconds()
            self.metrics.consumer_lag.labels(topic).set(max(behind, 0.0))

    def _wait_for_the_store(self, error: Exception) -> None:
        """Back off (logged once per outage); give the batch back after too long."""
        lasted = time.monotonic() - (self.outage.started or time.monotonic())
        if self.outage.ongoing and lasted > self.max_outage_seconds:
            raise StoreUnavailable(
                f"{self.service}: store unreachable for {lasted:.0f} s"
            ) from error
        time.sleep(self.outage.failed(error))

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
from collections import Counter
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
from runtime.gc_pause import gc_paused
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.metrics import Metrics
from runtime.tracking import EventTracking, event_key

log = logging.getLogger(__name__)

Parse = Callable[[str, bytes], Any]
Effect = Callable[[Any, Tracking], None]
# Whether an event key (`<event type>:<event id>`) was applied: the store's `has_event`.
Seen = Callable[[str], bool]
# A batch's effects and trackings in one transaction; the keys that were new (the others
# were applied before and changed nothing). Any error changes nothing at all.
BatchEffect = Callable[[Sequence[tuple[Any, EventTracking]]], set[str]]


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


Parsed = tuple[InMessage, Any, EventTracking]


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
    batch_effect: BatchEffect | None = None
    """When given, a batch is applied in one transaction (`_together`); else, and for the
    message that fails inside a batch, one message per transaction (`effect`)."""

    def __post_init__(self) -> None:
        self.outage = Outage(f"consumer:{self.service}", self.metrics)

    def handle_batch(self, messages: Sequence[InMessage]) -> BatchResult:
        with gc_paused():
            return self._handle_batch(messages)

    def _handle_batch(self, messages: Sequence[InMessage]) -> BatchResult:
        result = BatchResult()
        parsed: list[Parsed] = []
        for topic, count in Counter(m.topic for m in messages).items():
            self.metrics.messages_in.labels(topic).inc(count)
        for message in messages:
            started = time.perf_counter()
            try:
                event = self.parse(message.topic, message.value)
                tracking = tracking_of(message, event)
            except (PoisonMessage, ValidationError, ValueError) as error:
                self._count(result, message, f"{type(error).__name__}: {error}")
                continue
            if self.batch_effect is None:
                self._count(result, message, self._settle(message, event, tracking))
                self.metrics.handler_latency.labels(message.topic).observe(
                    time.perf_counter() - started
                )
            else:
                parsed.append((message, event, tracking))
        if parsed:
            self._together(parsed, result)
        return result

    def _count(self, result: BatchResult, message: InMessage, outcome: str) -> None:
        if outcome == "applied":
            result.applied += 1
        elif outcome == "duplicate":
            result.duplicates += 1
            self.metrics.duplicates.labels(message.topic).inc()
        else:
            result.dead.append((message, outcome))
            self.metrics.dead_letters.labels(message.topic).inc()

    def _together(self, parsed: Sequence[Parsed], result: BatchResult) -> None:
        """Apply `parsed` in one transaction; when that fails for another reason than the
        store being unavailable, apply each half the same way, down to the one message
        at fault, which goes the per-message way (retried, then dead-lettered): a poison
        message costs its batch a few more transactions, not one per message."""
        started = time.perf_counter()
        if len(parsed) == 1:  # alone: its own transaction, retried, then dead-lettered
            message, event, tracking = parsed[0]
            self._count(result, message, self._settle(message, event, tracking))
            self.metrics.handler_latency.labels(message.topic).observe(
                time.perf_counter() - started
            )
            return
        try:
            new = self._batch_until_the_store_answers([(e, t) for _, e, t in parsed])
        except StoreUnavailable:
            raise
        except Exception as error:  # noqa: BLE001 - narrowed down to the message at fault
            log.info(
                "%s: a batch of %d failed (%s: %s); applying its halves",
                self.service,
                len(parsed),
                type(error).__name__,
                error,
            )
            half = len(parsed) // 2
            self._together(parsed[:half], result)
            self._together(parsed[half:], result)
            return
        share = (time.perf_counter() - started) / len(parsed)
        latest: dict[str, Any] = {}  # topic -> its last applied event (for the lag)
        duplicates: Counter[str] = Counter()
        for message, event, tracking in parsed:
            if tracking.event_key in new:
                new.discard(tracking.event_key)
                result.applied += 1
                latest[message.topic] = event
            else:
                result.duplicates += 1
                duplicates[message.topic] += 1
        for topic, count in Counter(m.topic for m, _, _ in parsed).items():
            latency = self.metrics.handler_latency.labels(topic)
            for _ in range(count):
                latency.observe(share)
        for topic, count in duplicates.items():
            self.metrics.duplicates.labels(topic).inc(count)
        for topic, event in latest.items():
            self._lag(topic, event)
        log.info("%s applied a batch of %d", self.service, len(parsed))

    def _batch_until_the_store_answers(
        self, batch: Sequence[tuple[Any, EventTracking]]
    ) -> set[str]:
        assert self.batch_effect is not None
        while True:
            try:
                new = self.batch_effect(batch)
            except UNAVAILABLE as error:
                self._wait_for_the_store(error)
                continue
            self.outage.recovered()
            return new

    def _settle(self, message: InMessage, event: Any, tracking: EventTracking) -> str:
        """Apply one parsed message in a transaction of its own: 'applied', 'duplicate',
        or the error text for the dead-letter topic."""
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

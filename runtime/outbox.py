"""The outbox relay: a service's notification log is its outbox.

The relay reads the log in order from its recorded position, translates each
stored domain event into zero or more integration events, publishes them
(key = aggregate id, headers = source and notification id), waits for every
acknowledgement, and only then records the new position. A crash between
publishing and recording republishes the same notification ids: consumers
track those ids, so the effect happens once (at-least-once on the wire).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eventsourcing.persistence import (
    ApplicationRecorder,
    Mapper,
    Notification,
    Tracking,
    TrackingRecorder,
)

from contracts.envelope import IntegrationEvent
from runtime.messages import (
    HEADER_EVENT_TYPE,
    HEADER_NOTIFICATION_ID,
    HEADER_SOURCE,
    OutMessage,
    Publisher,
)
from runtime.metrics import Metrics

log = logging.getLogger(__name__)

# A translation turns one domain event into (topic, integration event) pairs; an
# event with no public meaning (a member's private score sheet) maps to none.
Translation = Callable[[Any], Sequence[tuple[str, IntegrationEvent]]]


@dataclass
class Relay:
    """Publishes one application's notification log to a `Publisher`."""

    name: str
    source: str
    recorder: ApplicationRecorder
    mapper: Mapper[Any]
    translate: Translation
    publisher: Publisher
    positions: TrackingRecorder
    metrics: Metrics
    batch_size: int = 500

    def __post_init__(self) -> None:
        self._position: int | None = None

    def position(self) -> int:
        """The last notification id published and recorded (read once, then kept: one relay
        per service writes it)."""
        if self._position is None:
            self._position = self.positions.max_tracking_id(self.name) or 0
        return self._position

    def backlog(self) -> int:
        return (self.recorder.max_notification_id() or 0) - self.position()

    def read_batch(self) -> tuple[list[OutMessage], int | None, datetime | None]:
        """The next batch of messages, the last notification id read, its event time."""
        notifications = self.recorder.select_notifications(
            start=self.position(), limit=self.batch_size, inclusive_of_start=False
        )
        messages: list[OutMessage] = []
        newest: datetime | None = None
        for notification in notifications:
            out, at = self.messages_of(notification)
            messages += out
            newest = at or newest
        last = notifications[-1].id if notifications else None
        return messages, last, newest

    def messages_of(self, notification: Notification) -> tuple[list[OutMessage], datetime | None]:
        """The published messages of one stored notification (none for a private event),
        and the event's time."""
        domain_event = self.mapper.to_domain_event(notification)
        messages = [
            OutMessage(
                topic=topic,
                key=str(integration_event.aggregate_id).encode(),
                value=integration_event.model_dump_json().encode(),
                headers={
                    HEADER_SOURCE: self.source,
                    HEADER_NOTIFICATION_ID: str(notification.id),
                    HEADER_EVENT_TYPE: integration_event.event_type,
                },
            )
            for topic, integration_event in self.translate(domain_event)
        ]
        return messages, getattr(domain_event, "timestamp", None)

    def record(self, last: int) -> None:
        self.positions.insert_tracking(Tracking(self.name, last))
        self._position = last
        self.metrics.relay_position.labels(self.name).set(last)

    async def run_once(self) -> int:
        """Publish one batch; returns how many notifications it covered."""
        messages, last, newest = await asyncio.to_thread(self.read_batch)
        if last is None:
            self.metrics.relay_backlog.labels(self.name).set(0)
            return 0
        if messages:
            await self.publisher.publish(messages)
            for message in messages:
                self.metrics.messages_out.labels(message.topic).inc()
        before = self.position()
        await asyncio.to_thread(self.record, last)
        if newest is not None:
            lag = (datetime.now(UTC) - newest).total_seconds()
            self.metrics.relay_lag.labels(self.name).set(max(lag, 0.0))
        self.metrics.relay_backlog.labels(self.name).set(await asyncio.to_thread(self.backlog))
        return last - before

    async def run(self, stop: asyncio.Event, poll_seconds: float = 0.05) -> None:
        """Relay until `stop` is set; errors are logged and retried after a pause."""
        while not stop.is_set():
            try:
                published = await self.run_once()
            except Exception:
                log.exception("relay %s failed; retrying", self.name)
                published = 0
                await _sleep_or_stop(stop, 1.0)
            if not published:
                await _sleep_or_stop(stop, poll_seconds)


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)

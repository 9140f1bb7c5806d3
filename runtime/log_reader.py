"""Reading a service's notification log as outbound messages, one batch ahead.

`LogReader` turns the stored notifications after a position into the messages the
relay (`runtime.outbox.Relay`) publishes: each stored domain event translated into
zero or more integration events (key = aggregate id, headers = source, notification
id and event type), under the epoch its notification belongs to (`runtime.epochs`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, Mapper, Notification

from contracts.envelope import IntegrationEvent
from runtime.epochs import in_epoch, read_epochs
from runtime.messages import HEADER_EVENT_TYPE, HEADER_NOTIFICATION_ID, HEADER_SOURCE, OutMessage

# A translation turns one domain event into (topic, integration event) pairs; an
# event with no public meaning (a member's private score sheet) maps to none.
Translation = Callable[[Any], Sequence[tuple[str, IntegrationEvent]]]


@dataclass(frozen=True)
class Batch:
    """The messages of the notifications after `start` up to `last` (None: none stored),
    the newest event's time, and whether the read was full (more may follow)."""

    start: int
    messages: list[OutMessage]
    last: int | None
    newest: datetime | None
    full: bool


@dataclass
class LogReader:
    """Reads up to `batch_size` notifications at a time, and the next batch meanwhile."""

    recorder: ApplicationRecorder
    mapper: Mapper[Any]
    translate: Translation
    source: str
    batch_size: int
    positions: Any  # the relay's tracking recorder, where its epochs are recorded
    relay_name: str
    # the batch being read ahead: (the position it starts after, its read)
    ahead: tuple[int, asyncio.Future[Batch]] | None = field(default=None, init=False)
    _epochs: list[int] | None = field(default=None, init=False)

    def epochs(self) -> list[int]:
        """The first notification id of each epoch after the first (epoch k at index k-1),
        read once, until `forget_epochs` (a new leader, a new epoch)."""
        if self._epochs is None:
            self._epochs = read_epochs(self.positions, self.relay_name)
        return self._epochs

    def forget_epochs(self) -> None:
        self._epochs = None

    def epoch_of(self, notification_id: int) -> int:
        return sum(1 for first in self.epochs() if first <= notification_id)

    def read_after(self, start: int) -> Batch:
        """The messages of up to `batch_size` notifications after `start`."""
        notifications = self.recorder.select_notifications(
            start=start, limit=self.batch_size, inclusive_of_start=False
        )
        messages: list[OutMessage] = []
        newest: datetime | None = None
        for notification in notifications:
            out, at = self.messages_of(notification)
            messages += out
            newest = at or newest
        last = notifications[-1].id if notifications else None
        return Batch(start, messages, last, newest, full=len(notifications) == self.batch_size)

    async def next_batch(self, start: int) -> Batch:
        """The batch after `start`: the one read ahead while the previous batch
        was being published when it starts there, else read now. After a full batch the
        one after it is read ahead (`read_ahead`), so reading the store overlaps waiting
        for the broker's acknowledgements; a read-ahead that no longer starts at the
        position (a conflict, a new leader, a failure) is dropped."""
        ahead, self.ahead = self.ahead, None
        if ahead is not None and ahead[0] == start:
            return await ahead[1]
        if ahead is not None:
            _discard(ahead[1])
        return await asyncio.to_thread(self.read_after, start)

    def read_ahead(self, batch: Batch) -> None:
        if batch.full and batch.last is not None:
            last = batch.last
            self.ahead = (last, asyncio.ensure_future(asyncio.to_thread(self.read_after, last)))

    def drop_read_ahead(self) -> None:
        if self.ahead is not None:
            _discard(self.ahead[1])
            self.ahead = None

    def messages_of(self, notification: Notification) -> tuple[list[OutMessage], datetime | None]:
        """The published messages of one stored notification (none for a private event),
        and the event's time."""
        domain_event = self.mapper.to_domain_event(notification)
        epoch = self.epoch_of(notification.id)
        source = self.source + (f"~{epoch}" if epoch else "")
        messages = [
            OutMessage(
                topic=topic,
                key=str(integration_event.aggregate_id).encode(),
                value=integration_event.model_dump_json().encode(),
                headers={
                    HEADER_SOURCE: source,
                    HEADER_NOTIFICATION_ID: str(notification.id),
                    HEADER_EVENT_TYPE: integration_event.event_type,
                },
            )
            for topic, integration_event in (
                (t, in_epoch(e, epoch)) for t, e in self.translate(domain_event)
            )
        ]
        return messages, getattr(domain_event, "timestamp", None)


def _discard(read: asyncio.Future[Batch]) -> None:
    """Forget a read-ahead: its result (or error) is retrieved, never used."""
    read.add_done_callback(lambda done: done.cancelled() or done.exception())

"""The outbox relay: a service's notification log is its outbox.

The relay reads the log in order from its recorded position, translates each
stored domain event into zero or more integration events, publishes them
(key = aggregate id, headers = source and notification id), waits for every
acknowledgement, and only then records the new position. A crash between
publishing and recording republishes the same events with the same event ids:
consumers recognise those (`runtime.tracking`), so the effect happens once
(at-least-once on the wire).

One relay per service is active: it holds the store's lock (`runtime.leader`) and
a term; the others stand by and try the lock every `standby_seconds`. A relay that
lost the lock cannot record a position (the term fences it) and one that loses a
position conflict re-reads its position instead of retrying the same batch.

Epochs: a store restored from a backup reuses notification ids and aggregate
versions that were already published. `open_epoch` (run once after the restore)
starts a new epoch at the next notification id: events from there on are published
under the source name `<source>~<epoch>` with event ids derived from the epoch, so
no consumer mistakes them for the lost events of the same versions.

A restore the relay can see, it refuses: a relay remembers the highest notification id
it published; when its store's log (or its recorded position, on taking over) is found
below it, the store went back (restored from a backup), and publishing its next events
would hand consumers reused ids. It stops publishing, logs the error once, reports it in
health (/readyz 503, `runtime.health`) and waits until an operator opens the new epoch
(`python -m system.epoch <service>`); then it goes on from the restored position.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from eventsourcing.persistence import (
    ApplicationRecorder,
    IntegrityError,
    Mapper,
    Notification,
    Tracking,
)

from runtime.backoff import Outage
from runtime.epochs import RestoreWatch, StoreRestored, in_epoch, open_epoch, read_epochs
from runtime.leader import Leadership, leadership_for
from runtime.log_reader import Batch, LogReader, Translation
from runtime.messages import (
    HEADER_EVENT_TYPE,
    OutMessage,
    Publisher,
)
from runtime.metrics import Metrics
from runtime.tracking import LostLeadership

__all__ = [
    "Batch",
    "Relay",
    "StoreRestored",
    "Translation",
    "in_epoch",
    "open_epoch",
    "read_epochs",
]

log = logging.getLogger(__name__)


@dataclass
class Relay:
    """Publishes one application's notification log to a `Publisher`."""

    name: str
    source: str
    recorder: ApplicationRecorder
    mapper: Mapper[Any]
    translate: Translation
    publisher: Publisher
    positions: Any  # a tracking recorder of `runtime.tracking` (fenced positions)
    metrics: Metrics
    batch_size: int = 500
    leadership: Leadership | None = None
    standby_seconds: float = 1.0
    max_backlog: int = 1000  # ready (runtime.health) while the active relay is this close
    restore_check_seconds: float = 1.0  # how often it looks whether its store went back

    def __post_init__(self) -> None:
        self._position: int | None = None
        self._term: int | None = None
        self.lock: Leadership = self.leadership or leadership_for(self.name, self.positions)
        self.outage = Outage(f"relay:{self.source}", self.metrics)
        self.last_backlog = 0
        self.restore = RestoreWatch(self.name, self.recorder, self.positions)
        self.reader = LogReader(
            self.recorder,
            self.mapper,
            self.translate,
            self.source,
            self.batch_size,
            self.positions,
            self.name,
        )

    @property
    def term_name(self) -> str:
        return f"{self.name}/term"

    def lead(self) -> bool:
        """Whether this relay is (or has just become) the active one."""
        if self._term is not None:
            if self.lock.holds():
                return True
            log.warning("%s: lost the leadership (term %d); standing by", self.name, self._term)
            self._step_down()
        if not self.lock.acquire():
            return False
        self._term = self.positions.take_term(self.term_name)
        self._position = None  # the previous leader moved it
        self.reader.forget_epochs()
        self.check_not_restored(force=True)
        self.metrics.relay_leader.labels(self.name).set(1)
        log.info(
            "%s: active relay (term %d) from position %d", self.name, self._term, self.position()
        )
        return True

    def check_not_restored(self, force: bool = False) -> None:
        """Raise `StoreRestored` while the store is behind what this relay published
        (`RestoreWatch.check`, at most every `restore_check_seconds` unless `force`d); once
        a new epoch is opened, the position and the epochs are read afresh."""
        if self.restore.check(self.restore_check_seconds, force):
            self._position = None
            self.reader.forget_epochs()

    def close(self) -> None:
        """Stop leading (a standby takes over); `run` does this when it ends."""
        self._step_down()

    def _step_down(self) -> None:
        self._term = None
        self.lock.release()
        self.metrics.relay_leader.labels(self.name).set(0)

    def position(self) -> int:
        """The last notification id published and recorded (read when this relay takes
        over or loses a conflict, then kept: only the active relay writes it)."""
        if self._position is None:
            self._position = self.positions.max_tracking_id(self.name) or 0
        return self._position

    def epochs(self) -> list[int]:
        """The first notification id of each epoch after the first (epoch k at index k-1)."""
        return self.reader.epochs()

    def epoch_of(self, notification_id: int) -> int:
        return self.reader.epoch_of(notification_id)

    def backlog(self) -> int:
        return (self.recorder.max_notification_id() or 0) - self.position()

    @property
    def _ahead(self) -> tuple[int, asyncio.Future[Batch]] | None:
        """The batch being read ahead: (the position it starts after, its read)."""
        return self.reader.ahead

    def read_batch(self) -> tuple[list[OutMessage], int | None, datetime | None]:
        """The next batch of messages, the last notification id read, its event time."""
        batch = self.reader.read_after(self.position())
        return batch.messages, batch.last, batch.newest

    def messages_of(self, notification: Notification) -> tuple[list[OutMessage], datetime | None]:
        """The published messages of one stored notification (`LogReader.messages_of`)."""
        return self.reader.messages_of(notification)

    def drop_read_ahead(self) -> None:
        self.reader.drop_read_ahead()

    def record(self, last: int) -> None:
        """Record the position under this relay's term; a relay that lost it cannot."""
        if self._term is None:
            raise LostLeadership(f"{self.name} is not the active relay")
        self.positions.record_fenced(
            Tracking(self.name, last), Tracking(self.term_name, self._term)
        )
        self._position = last
        self.restore.published(last)
        self.metrics.relay_position.labels(self.name).set(last)

    async def run_once(self) -> int:
        """Publish one batch if this relay is the active one; returns how many
        notifications it covered. The position is recorded only once the broker has
        acknowledged every message of the batch."""
        try:
            return await self._publish_next()
        except BaseException:
            self.drop_read_ahead()
            raise

    async def _publish_next(self) -> int:
        if not await asyncio.to_thread(self.lead):
            self.drop_read_ahead()
            return 0
        await asyncio.to_thread(self.check_not_restored)
        batch = await self.reader.next_batch(self.position())
        if batch.last is None:
            self.metrics.relay_backlog.labels(self.name).set(0)
            return 0
        self.reader.read_ahead(batch)
        if batch.messages:
            await self.publisher.publish(batch.messages)
            self.count(batch.messages)
        try:
            await asyncio.to_thread(self.record, batch.last)
        except LostLeadership:
            log.warning("%s: another relay took over; standing by", self.name)
            self._step_down()
            self.drop_read_ahead()
            return 0
        except IntegrityError:
            log.warning(
                "%s: position conflict at %d; re-reading the position", self.name, batch.last
            )
            self._position = None
            self.drop_read_ahead()
            return 0
        if batch.newest is not None:
            lag = (datetime.now(UTC) - batch.newest).total_seconds()
            self.metrics.relay_lag.labels(self.name).set(max(lag, 0.0))
        self.last_backlog = await asyncio.to_thread(self.backlog)
        self.metrics.relay_backlog.labels(self.name).set(self.last_backlog)
        return batch.last - batch.start

    def count(self, messages: Sequence[OutMessage]) -> None:
        """The published-messages metrics, by topic and event type."""
        tally = Counter((m.topic, m.headers.get(HEADER_EVENT_TYPE, "")) for m in messages)
        for (topic, kind), n in tally.items():
            self.metrics.messages_out.labels(topic).inc(n)
            self.metrics.events_published.labels(topic, kind).inc(n)

    def problem(self) -> str | None:
        """Why this relay is not ready (`runtime.health`), or None: publishing fails (the
        broker or the store is unreachable), or, while active, more than `max_backlog`
        stored events wait to be published. A standby relay is ready: it takes over."""
        if self.restore.stopped:
            return self.restore.stopped
        if outage := self.outage.problem():
            return outage
        if self._term is not None and self.last_backlog > self.max_backlog:
            return f"{self.last_backlog} events not yet published (bound {self.max_backlog})"
        return None

    async def run(self, stop: asyncio.Event, poll_seconds: float = 0.05) -> None:
        """Relay until `stop` is set. A failure (broker or database unreachable) is an
        outage: logged once, retried with back-off and jitter, its end logged once."""
        try:
            while not stop.is_set():
                try:
                    published = await self.run_once()
                except StoreRestored:  # logged once; waits for the operator's new epoch
                    self.outage.recovered()
                    await _sleep_or_stop(stop, self.standby_seconds)
                    continue
                except Exception as error:  # noqa: BLE001 - every failure is an outage, retried
                    self._position = None  # the batch may or may not have been recorded
                    await _sleep_or_stop(stop, self.outage.failed(error))
                    continue
                self.outage.recovered()
                if not published:
                    leading = self._term is not None
                    await _sleep_or_stop(stop, poll_seconds if leading else self.standby_seconds)
        finally:
            self._step_down()


async def _sleep_or_stop(stop: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)

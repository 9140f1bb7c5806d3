"""Epochs of a relay's notification log, and noticing a store restored from a backup.

A store restored from a backup reuses notification ids and aggregate versions that
were already published. `open_epoch` (run once after the restore, `python -m
system.epoch <service>`) starts a new epoch at the next notification id: events from
there on are published under the source name `<source>~<epoch>` with event ids derived
from the epoch (`in_epoch`), so no consumer mistakes them for the lost events of the
same versions. Until then `RestoreWatch` stops the relay publishing (`StoreRestored`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any
from uuid import uuid5

from eventsourcing.persistence import ApplicationRecorder, Tracking

from contracts.envelope import IntegrationEvent

log = logging.getLogger(__name__)


class StoreRestored(Exception):
    """The store's notification log is behind what this relay already published."""


@dataclass
class RestoreWatch:
    """What one relay published, and whether its store has since gone back.

    A relay remembers the highest notification id it published (`published`); when
    its store's log (or its recorded position, on taking over) is found below it, the
    store went back (restored from a backup), and publishing its next events would
    hand consumers reused ids. `check` then raises `StoreRestored` (logged once; the
    reason stays in `stopped` for health) until an operator opens a new epoch.
    """

    name: str
    recorder: ApplicationRecorder
    positions: Any  # a tracking recorder of `runtime.tracking`
    published_up_to: int = 0  # the highest notification id this process published
    stopped: str | None = None  # why publishing stopped, until a new epoch
    _epochs_when_stopped: int = 0
    _checked_at: float = 0.0

    def published(self, last: int) -> None:
        self.published_up_to = max(self.published_up_to, last)

    def check(self, every_seconds: float, force: bool = False) -> bool:
        """Raise `StoreRestored` while the store is behind what was published and no new
        epoch was opened since it was noticed; True once one was (publishing goes on from
        the restored position). Looks at the store at most every `every_seconds` unless
        `force`d."""
        now = time.monotonic()
        if not force and not self.stopped and now - self._checked_at < every_seconds:
            return False
        self._checked_at = now
        if self.stopped:
            if len(read_epochs(self.positions, self.name)) <= self._epochs_when_stopped:
                raise StoreRestored(self.stopped)
            log.warning("%s: a new epoch was opened; publishing again", self.name)
            self.stopped = None
            self.published_up_to = 0
            return True
        if not self.published_up_to:
            return False
        top = self.recorder.max_notification_id() or 0
        recorded = self.positions.max_tracking_id(self.name) or 0  # read afresh
        if top >= self.published_up_to and recorded >= self.published_up_to:
            return False
        behind = min(top, recorded)
        self.stopped = (
            f"{self.name}: the store went back (restored from a backup?): its log ends at "
            f"notification {top} and its recorded position is {recorded}, but this relay "
            f"already published up to {self.published_up_to}. Publishing is stopped: open "
            f"a new epoch with `python -m system.epoch <service>` (docs/operators/delivery.md)"
        )
        self._epochs_when_stopped = len(read_epochs(self.positions, self.name))
        log.error("%s (behind by %d)", self.stopped, self.published_up_to - behind)
        raise StoreRestored(self.stopped)


def in_epoch(event: IntegrationEvent, epoch: int) -> IntegrationEvent:
    """The event as published in `epoch`: epoch 0 keeps its id; later epochs derive one."""
    if not epoch:
        return event
    return event.model_copy(update={"event_id": uuid5(event.event_id, f"epoch-{epoch}")})


def read_epochs(positions: Any, relay_name: str) -> list[int]:
    firsts: list[int] = []
    while (first := positions.max_tracking_id(f"{relay_name}/epoch/{len(firsts) + 1}")) is not None:
        firsts.append(first)
    return firsts


def open_epoch(positions: Any, recorder: ApplicationRecorder, relay_name: str) -> tuple[int, int]:
    """Start a new epoch at the next notification id (run once after restoring the store
    from a backup); returns (epoch, first notification id)."""
    epoch = len(read_epochs(positions, relay_name)) + 1
    first = (recorder.max_notification_id() or 0) + 1
    positions.insert_tracking(Tracking(f"{relay_name}/epoch/{epoch}", first))
    return epoch, first

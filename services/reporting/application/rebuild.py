"""Rebuilding the read models without downtime.

1. `begin`: a new version is handed out (`projections/models.VersionPointer`) and its
   tables created beside the live ones; after `grace_seconds` (longer than
   `VERSION_REFRESH_SECONDS`) every reporting process applies each event it receives to
   the live version *and* the new one.
2. The caller replays every event from the start (the topics from offset 0, or the
   sources' stores) into the new version with `apply` / `seen` (a `TrackedConsumer`'s
   effect and duplicate check); what the live consumers already put there is skipped.
3. `finish`: once the replay has caught up, one UPDATE makes the new version live;
   queries switch within `VERSION_REFRESH_SECONDS`; after `grace_seconds` the old
   version's tables are dropped.

Queries read the old version until the switch and the new one after, complete both
times: none waits or fails. `abandon` forgets a version whose rebuild failed or died.

Errors (`CommandRejected`): `failed_precondition` (field `rebuild`) when another rebuild
is filling a version (`restart=True` forgets it first)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import Tracking

from runtime.errors import CommandRejected
from services.reporting.application.app import VERSION_REFRESH_SECONDS, ReportingApp
from services.reporting.projections.models import ReadModels, RebuildInProgress

GRACE_SECONDS = 4 * VERSION_REFRESH_SECONDS


class Rebuild:
    def __init__(
        self,
        app: ReportingApp,
        grace_seconds: float = GRACE_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.app = app
        self.grace_seconds = grace_seconds
        self.sleep = sleep
        self.old = self.new = -1
        self.target: ReadModels | None = None

    def begin(self, restart: bool = False) -> int:
        """Hand out the new version and wait until every process writes into it too;
        returns its number."""
        try:
            self.old, self.new = self.app.pointer.begin()
        except RebuildInProgress as running:
            if not restart:
                raise CommandRejected(
                    "failed_precondition",
                    "rebuild",
                    f"Đang dựng lại phiên bản {running.version} (hoặc lần dựng trước đã dừng "
                    "giữa chừng: thêm --restart để bỏ nó và dựng lại từ đầu).",
                    f"Version {running.version} is being rebuilt (or a previous rebuild "
                    "stopped halfway: add --restart to forget it and start again).",
                ) from running
            self.app.pointer.abandon()
            self.sleep(self.grace_seconds)
            self.app.forget(running.version)
            self.old, self.new = self.app.pointer.begin()
        self.target = self.app.version(self.new)
        self.sleep(self.grace_seconds)
        return self.new

    def apply(self, event: Any, tracking: Tracking) -> None:
        """Apply one replayed event to the new version (`DuplicateEvent` if it has it)."""
        assert self.target is not None, "begin() first"
        self.target.apply(event, tracking)

    def apply_batch(self, events: Sequence[tuple[Any, str]]) -> int:
        """Apply replayed events (each with its topic) to the new version in one
        transaction; returns how many it did not have. A failure changes nothing."""
        assert self.target is not None, "begin() first"
        target = self.target
        with self.app.tracking.datastore.transaction(commit=True) as cursor:
            return target.write_batch(cursor, events)

    def seen(self, key: str) -> bool:
        assert self.target is not None, "begin() first"
        return self.target.has_event(key)

    def finish(self) -> int:
        """Switch queries to the new version, then drop the old one; returns the old one.

        Refused (`failed_precondition`, field `rebuild`) when the new version holds fewer
        events than the live one: the source was incomplete (a topic, a store not read),
        and switching would hide what readers see now."""
        assert self.target is not None, "begin() first"
        have, live = self.target.count(), self.app.models.count()
        if have < live:
            raise CommandRejected(
                "failed_precondition",
                "rebuild",
                f"Phiên bản mới chỉ có {have} sự kiện, phiên bản đang dùng có {live}: nguồn "
                "đọc lại chưa đủ; giữ nguyên phiên bản đang dùng.",
                f"The new version holds {have} events, the live one {live}: the replayed "
                "source was incomplete; the live version stays.",
            )
        old = self.app.pointer.switch(self.new)
        self.app.versions()  # this process switches at once
        self.sleep(self.grace_seconds)
        self.app.forget(old)
        return old

    def abandon(self) -> None:
        """Forget the version being built (the live one stays as it was)."""
        if self.new < 0:
            return
        self.app.pointer.abandon()
        self.sleep(self.grace_seconds)
        self.app.forget(self.new)

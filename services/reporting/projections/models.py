"""One version of every reporting read model, in one store, and the pointer that says
which version queries read (`live`) and which one a rebuild is filling (`building`).

Every version's tables sit in the reporting store side by side (`projections/store.py`:
version n's tables end in `_v<n>`), each with its own table of applied event keys, so a
version being rebuilt recognises what it already has whatever delivered it (the replay
or the live consumer). The pointer is one row, changed in one transaction: switching
queries to a new version is a single UPDATE."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import Tracking

from runtime.tracking import DuplicateEvent
from services.reporting.projections.catalogue import CatalogueView
from services.reporting.projections.journal import JournalView
from services.reporting.projections.store import (
    SqlView,
    TrackingStore,
    Versioned,
    names_in,
    renamer,
    upsert_rows,
)

APPLIED = (
    "CREATE TABLE IF NOT EXISTS reporting_applied (event_key TEXT PRIMARY KEY, "
    "topic TEXT NOT NULL)",
)
MARK_HEAD = "INSERT INTO reporting_applied (event_key, topic)"
MARK = f"{MARK_HEAD} VALUES (%s, %s) ON CONFLICT DO NOTHING"
STATEMENTS = (*CatalogueView.CREATE, *JournalView.CREATE, *APPLIED)
TABLES = names_in(STATEMENTS)
"""Every table and index a version owns (renamed for each version)."""
DROPPED = names_in(s for s in STATEMENTS if s.upper().startswith("CREATE TABLE"))
"""The tables a version drops when it is replaced (their indexes go with them)."""
NONE = -1


def topic_of(tracking: Tracking) -> str:
    """The topic in a tracking name `<source>@<topic>#<partition>` ("" when not one)."""
    name = tracking.application_name
    return name.split("@", 1)[1].rsplit("#", 1)[0] if "@" in name else ""


def event_key_of(event: Any) -> str:
    return f"{event.event_type}:{event.event_id}"


class Applied(SqlView):
    CREATE = APPLIED


class ReadModels:
    """The catalogue (with the KPI tables) and the journal of one version."""

    def __init__(self, tracking: TrackingStore, version: int = 0) -> None:
        self.version = version
        self.tracking = tracking
        rename = renamer(version, TABLES)
        self.rename = rename
        self.applied = Applied(tracking, rename)
        self.catalogue = CatalogueView(tracking, rename)
        self.journal = JournalView(tracking, rename)
        self._readers = 0
        self._idle = threading.Condition()

    @contextmanager
    def reading(self) -> Iterator[ReadModels]:
        """Hold this version for one query: `wait_unread` waits for it before a drop."""
        with self._idle:
            self._readers += 1
        try:
            yield self
        finally:
            with self._idle:
                self._readers -= 1
                self._idle.notify_all()

    def wait_unread(self, timeout: float) -> bool:
        """Wait until no query of this process reads this version; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._readers == 0, timeout)

    def write(self, cursor: Any, event: Any, topic: str) -> bool:
        """Apply `event` in the caller's transaction (`cursor`: the store's own); False,
        changing nothing, when this version already has it."""
        versioned = Versioned(cursor, self.rename)
        versioned.execute(
            self.applied._sql(MARK + " RETURNING event_key"), (event_key_of(event), topic)
        )
        if versioned.fetchone() is None:
            return False
        self.catalogue.write(versioned, event)
        self.journal.write(versioned, event, topic)
        return True

    def write_batch(self, cursor: Any, events: Sequence[tuple[Any, str]]) -> int:
        """Apply `events` (each with its topic, in order) in the caller's transaction, as
        `write` one after another would, with a few statements whatever their number: the
        keys marked at once, the events this version already has (or that come twice)
        skipped, the rest written together. Returns how many were new."""
        versioned = Versioned(cursor, self.rename)
        keys = [event_key_of(event) for event, _ in events]
        first: dict[str, str] = {}
        for key, (_, topic) in zip(keys, events, strict=True):
            first.setdefault(key, topic)
        marked = upsert_rows(
            versioned,
            MARK_HEAD,
            list(first.items()),
            "ON CONFLICT DO NOTHING RETURNING event_key",
            self.applied.placeholder,
        )
        new = set(marked)
        fresh = []
        for key, item in zip(keys, events, strict=True):
            if key in new:
                new.discard(key)
                fresh.append(item)
        self.catalogue.write_batch(versioned, [event for event, _ in fresh])
        self.journal.write_batch(versioned, fresh)
        return len(fresh)

    def apply(self, event: Any, tracking: Tracking) -> None:
        """Apply one event in a transaction of its own (a rebuild's replay); raises
        `DuplicateEvent` when this version already has it."""
        with self.tracking.datastore.transaction(commit=True) as cursor:
            if not self.write(cursor, event, topic_of(tracking)):
                raise DuplicateEvent(f"event {event_key_of(event)} is in version {self.version}")

    def has_event(self, key: str) -> bool:
        return bool(
            self.applied._rows("SELECT 1 AS x FROM reporting_applied WHERE event_key = %s", (key,))
        )

    def count(self) -> int:
        return self.journal.count()

    def drop(self) -> None:
        """Drop every table of this version (their indexes go with them)."""
        with self.applied._transaction(commit=True) as cursor:
            for table in DROPPED:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")


class VersionPointer(SqlView):
    """`reporting_versions`: the live version, the one being built (-1: none) and the
    last version number handed out."""

    CREATE = (
        "CREATE TABLE IF NOT EXISTS reporting_versions (id INTEGER PRIMARY KEY, "
        "live INTEGER NOT NULL, building INTEGER NOT NULL, latest INTEGER NOT NULL)",
        "INSERT INTO reporting_versions (id, live, building, latest) VALUES (1, 0, -1, 0) "
        "ON CONFLICT DO NOTHING",
    )

    def read(self) -> tuple[int, int]:
        """(live, building)."""
        row = self._rows("SELECT live, building FROM reporting_versions WHERE id = 1")[0]
        return int(row["live"]), int(row["building"])

    def begin(self) -> tuple[int, int]:
        """Hand out a new version to build; (live, new). Raises `RebuildInProgress`."""
        with self._transaction(commit=True) as cursor:
            cursor.execute(
                self._sql("SELECT live, building, latest FROM reporting_versions WHERE id = 1")
            )
            row = cursor.fetchone()
            if int(row["building"]) != NONE:
                raise RebuildInProgress(int(row["building"]))
            new = int(row["latest"]) + 1
            cursor.execute(
                self._sql("UPDATE reporting_versions SET building = %s, latest = %s WHERE id = 1"),
                (new, new),
            )
        return int(row["live"]), new

    def switch(self, new: int) -> int:
        """Make `new` (the version being built) the live one; returns the old live one."""
        with self._transaction(commit=True) as cursor:
            cursor.execute(self._sql("SELECT live, building FROM reporting_versions WHERE id = 1"))
            row = cursor.fetchone()
            if int(row["building"]) != new:
                raise RebuildInProgress(int(row["building"]))
            cursor.execute(
                self._sql("UPDATE reporting_versions SET live = %s, building = -1 WHERE id = 1"),
                (new,),
            )
        return int(row["live"])

    def abandon(self) -> int:
        """Forget the version being built (a rebuild that died); returns it (-1: none)."""
        _, building = self.read()
        with self._transaction(commit=True) as cursor:
            cursor.execute("UPDATE reporting_versions SET building = -1 WHERE id = 1")
        return building


class RebuildInProgress(Exception):
    """Another rebuild is filling `version` (or died doing so: `--restart` forgets it)."""

    def __init__(self, version: int) -> None:
        super().__init__(f"version {version} is being built")
        self.version = version

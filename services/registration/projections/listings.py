"""The dossier and idea listings (`ocop registration dossiers`, `ideas`) as a persisted read
model of registration's own notification log (issue 20).

One row per dossier and per idea (`DossierRow`, `IdeaRow`: what a listing shows) in tables
beside registration's events — `registration_dossier_rows`, `registration_idea_rows` in the
SQLite file or PostgreSQL database of the store (a dict for the memory store) — with the
log position they reflect (`registration_listing_position`), written in the rows'
transaction. A query first applies what was recorded after that position, reloading only
the dossiers and ideas those notifications changed, then answers from the rows: never a
scan of the log or a load of every aggregate per query. A restarted process resumes from
the stored position; `rebuild()` empties the rows and reads the whole log again, and gives
the same rows. Several processes may catch up at once: a transaction that finds the
position already past its own changes nothing (PostgreSQL locks the position row).

The rows and the memory store are in `listing_rows`, the SQL tables in `listing_sql`."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from eventsourcing.sqlite import SQLiteDatastore

from services.registration.domain import Dossier, ProductIdea
from services.registration.projections.listing_rows import DossierRow, IdeaRow, MemoryRows, Rows
from services.registration.projections.listing_sql import SqlRows

__all__ = ["DossierRow", "IdeaRow", "Listings", "MemoryRows", "Rows", "SqlRows", "rows_for"]

BATCH = 1000


def rows_for(recorder: Any) -> Rows:
    """The rows beside `recorder`'s events: SQL tables in its datastore, else memory."""
    datastore = getattr(recorder, "datastore", None)
    if datastore is None:
        return MemoryRows()
    return SqlRows(datastore, sqlite=isinstance(datastore, SQLiteDatastore))


class Listings:
    """Dossiers and ideas of one registration store, kept from its notification log:
    `catch_up()` before reading (the queries do)."""

    def __init__(
        self,
        recorder: Any,
        prefixes: tuple[str, str],
        load: tuple[Callable[[UUID], Dossier | None], Callable[[UUID], ProductIdea | None]],
        rows: Rows | None = None,
    ) -> None:
        self.recorder = recorder
        self.prefixes = prefixes
        self.load = load
        self.rows = rows or rows_for(recorder)
        self.lock = threading.Lock()

    @property
    def position(self) -> int:
        """The notification id the rows reflect."""
        return self.rows.position()

    def catch_up(self) -> int:
        """Apply what was recorded since the stored position; returns how many rows changed
        (0 when another process applied them first)."""
        with self.lock:
            start = self.rows.position()
            changed: tuple[set[UUID], set[UUID]] = (set(), set())
            position = start
            while True:
                notes = self.recorder.select_notifications(
                    start=position, limit=BATCH, inclusive_of_start=False
                )
                if not notes:
                    break
                for note in notes:
                    for index, prefix in enumerate(self.prefixes):
                        if note.topic.startswith(prefix):
                            changed[index].add(UUID(str(note.originator_id)))
                position = notes[-1].id
            if position == start:
                return 0
            dossiers = [DossierRow.of(d) for d in _found(self.load[0], changed[0])]
            ideas = [IdeaRow.of(i) for i in _found(self.load[1], changed[1])]
            if not self.rows.apply(position, dossiers, ideas):
                return 0
            return len(dossiers) + len(ideas)

    def rebuild(self) -> int:
        """Empty the rows and read the whole log again; returns how many rows there are."""
        with self.lock:
            self.rows.clear()
        self.catch_up()
        return len(self.rows.dossiers()) + len(self.rows.ideas())


def _found(load: Callable[[UUID], Any], ids: Iterable[UUID]) -> list[Any]:
    return [found for found in (load(i) for i in sorted(ids)) if found is not None]

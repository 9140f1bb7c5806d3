"""The dossier and idea listings (`ocop registration dossiers`, `ideas`) as a projection of
registration's own notification log (issue 20): each query first reads only the
notifications recorded since the last one (its position is kept), reloads the dossiers and
ideas those notifications changed, and answers from the kept rows — never a scan of the
whole log or a load of every aggregate per query. The rows are the aggregates as they
now are (the views need their state); they are rebuilt by reading the log once when the
process starts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar
from uuid import UUID

A = TypeVar("A")
BATCH = 1000


class Listing(Generic[A]):
    """The aggregates of one class whose notifications' topics start with `prefix`
    (`module:Class.`), kept current from the log."""

    def __init__(self, prefix: str, load: Callable[[UUID], A | None]) -> None:
        self.prefix = prefix
        self.load = load
        self.rows: dict[UUID, A] = {}


class Listings:
    """Dossiers and ideas of one registration store; `catch_up()` before reading `rows`."""

    def __init__(self, recorder: Any, listings: tuple[Listing[Any], ...]) -> None:
        self.recorder = recorder
        self.listings = listings
        self.position = 0
        self.lock = threading.Lock()

    def catch_up(self) -> int:
        """Apply what was recorded since the last call; returns how many rows changed."""
        with self.lock:
            changed: dict[int, set[UUID]] = {}
            while True:
                notes = self.recorder.select_notifications(
                    start=self.position, limit=BATCH, inclusive_of_start=False
                )
                if not notes:
                    break
                for note in notes:
                    for index, listing in enumerate(self.listings):
                        if note.topic.startswith(listing.prefix):
                            changed.setdefault(index, set()).add(UUID(str(note.originator_id)))
                self.position = notes[-1].id
            for index, ids in changed.items():
                listing = self.listings[index]
                for aggregate_id in ids:
                    found = listing.load(aggregate_id)
                    if found is not None:
                        listing.rows[aggregate_id] = found
            return sum(len(ids) for ids in changed.values())

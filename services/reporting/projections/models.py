"""One version of every reporting read model, in one store: what a rebuild builds beside
the live version and what queries switch to (`application/versions.py`)."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import Tracking

from services.reporting.projections.catalogue import CatalogueView
from services.reporting.projections.journal import JournalView


def topic_of(tracking: Tracking) -> str:
    """The topic in a tracking name `<source>@<topic>#<partition>` ("" when not one)."""
    name = tracking.application_name
    return name.split("@", 1)[1].rsplit("#", 1)[0] if "@" in name else ""


class ReadModels:
    """The catalogue and the journal over one eventsourcing factory's tracking store.

    `apply` writes an event's changes to every read model and its tracking in one
    transaction: a duplicate (`runtime.tracking.DuplicateEvent`) changes none of them."""

    def __init__(self, factory: Any) -> None:
        self.factory = factory
        self.tracking = factory.tracking_recorder()
        self.catalogue = CatalogueView(self.tracking)
        self.journal = JournalView(self.tracking)

    def apply(self, event: Any, tracking: Tracking) -> None:
        with self.catalogue._transaction(commit=True) as cursor:
            self.tracking._insert_tracking(cursor, tracking)  # a duplicate stops here
            self.catalogue.write(cursor, event)
            self.journal.write(cursor, event, topic_of(tracking))

    def has_event(self, key: str) -> bool:
        return bool(self.tracking.has_event(key))

    def close(self) -> None:
        self.factory.close()

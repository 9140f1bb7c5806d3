"""Real tracking recorders of `runtime.tracking` on a fresh in-memory SQLite database."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from eventsourcing.persistence import InfrastructureFactory
from eventsourcing.utils import Environment

from runtime.tracking import SQLiteEventTrackingRecorder


def sqlite_factory(topic: str, db_name: str | None = None) -> Any:
    name = db_name or f"file:{uuid4().hex}?mode=memory&cache=shared"
    return InfrastructureFactory.construct(
        Environment("test", {"PERSISTENCE_MODULE": topic, "SQLITE_DBNAME": name})
    )


def sqlite_tracking(topic: str, db_name: str | None = None) -> SQLiteEventTrackingRecorder:
    recorder = sqlite_factory(topic, db_name).tracking_recorder()
    assert isinstance(recorder, SQLiteEventTrackingRecorder)
    return recorder

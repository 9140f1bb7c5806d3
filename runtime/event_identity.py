"""A consumed event's identity (`<event type>:<event id>`) and the errors of the tracking
recorders: `DuplicateEvent` (its effect happened before) and `LostLeadership` (a relay's
term is no longer current). The recorders themselves are in `runtime.tracking` (memory,
SQLite) and `runtime.tracking_postgres`; `runtime.tracking` re-exports these names."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from eventsourcing.persistence import IntegrityError, Tracking

PROCESSED_TABLE = "ocop_processed_events"
R = TypeVar("R")


@dataclass(frozen=True)
class EventTracking(Tracking):
    """A consumed event's tracking: its position (for lag) and its identity (for duplicates).

    `event_key` is `<event type>:<event id>`: one domain event may be published as two
    integration events of different types, which are two effects."""

    event_key: str = ""


class DuplicateEvent(IntegrityError):
    """The event's key is already recorded: its effect happened before."""


class LostLeadership(IntegrityError):
    """Another relay took over (a newer term): this one may not record a position."""


def event_key(event_type: str, event_id: object) -> str:
    return f"{event_type}:{event_id}"


def first_of_each(trackings: Sequence[EventTracking]) -> list[EventTracking]:
    """The trackings of a batch, one per event key (the first), in order."""
    first: dict[str, EventTracking] = {}
    for t in trackings:
        first.setdefault(t.event_key, t)
    return list(first.values())


def highest_positions(trackings: Sequence[Tracking]) -> dict[str, int]:
    """The highest position of each tracking name in a batch."""
    out: dict[str, int] = {}
    for t in trackings:
        out[t.application_name] = max(
            out.get(t.application_name, t.notification_id), t.notification_id
        )
    return out


def check_term(found: int | None, fence: Tracking) -> None:
    if found != fence.notification_id:
        raise LostLeadership(
            f"{fence.application_name} is at term {found}, not {fence.notification_id}"
        )

"""What every command carries besides its own fields: the actor and the flow it belongs to."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID, uuid4, uuid5

from contracts.envelope import Actor


@dataclass(frozen=True)
class CommandContext:
    actor: Actor
    correlation_id: UUID = field(default_factory=uuid4)
    causation_id: UUID | None = None

    def meta(self) -> dict[str, Any]:
        """The metadata stored on every event the command records."""
        return {
            "actor": self.actor.model_dump(),
            "correlation_id": str(self.correlation_id),
            "causation_id": str(self.causation_id) if self.causation_id else None,
        }


def caused_by(event: Any, actor: Actor | None = None) -> dict[str, Any]:
    """The metadata of what a service records because of another service's published
    `event` (an `IntegrationEvent`): in the event's flow (its correlation id), caused by
    it (its event id), as `actor`'s act (default: the event's own actor)."""
    return {
        "actor": (actor or event.actor).model_dump(),
        "correlation_id": str(event.correlation_id),
        "causation_id": str(event.event_id),
    }


def envelope_fields(domain_event: Any) -> dict[str, Any]:
    """Envelope fields of a published event, from a stored domain event and its `meta`."""
    meta = domain_event.meta
    causation = meta.get("causation_id")
    return {
        "event_id": event_id(domain_event.originator_id, domain_event.originator_version),
        "aggregate_id": domain_event.originator_id,
        "aggregate_version": domain_event.originator_version,
        "occurred_at": domain_event.timestamp,
        "actor": actor_of(tuple(meta["actor"].items())),
        "correlation_id": UUID(meta["correlation_id"]),
        "causation_id": UUID(causation) if causation else None,
    }


@functools.lru_cache(maxsize=4096)
def actor_of(fields: tuple[tuple[str, Any], ...]) -> Actor:
    """The `Actor` of a stored event's `meta["actor"]` items, validated once per distinct
    actor (an `Actor` is frozen, so events share it): the relay publishes thousands of
    events of the same few officials, and validating each was a tenth of its time."""
    return Actor.model_validate(dict(fields))


def event_id(aggregate_id: UUID, version: int) -> UUID:
    """A stored event's public id: the same every time it is (re)published."""
    return uuid5(aggregate_id, str(version))

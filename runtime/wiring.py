"""Builds the transport-independent pieces from an eventsourcing application."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar
from uuid import UUID

from contracts import registry
from runtime.consumer import BatchEffect, Effect, Parse, Seen, TrackedConsumer
from runtime.messages import Publisher
from runtime.metrics import Metrics
from runtime.outbox import Relay, Translation
from runtime.settings import Settings
from runtime.tracking import processed_events


def relay_for(
    app: Any,
    translate: Translation,
    publisher: Publisher,
    metrics: Metrics,
    settings: Settings,
) -> Relay:
    """The relay of `app`'s notification log; its position lives in the app's own store."""
    return Relay(
        name=f"relay:{app.name}",
        source=app.name,
        recorder=app.recorder,
        mapper=app.mapper,
        translate=translate,
        publisher=publisher,
        positions=app.factory.tracking_recorder(),
        metrics=metrics,
        batch_size=settings.relay_batch_size,
        max_backlog=settings.ready_max_lag,
    )


def consumer_for(
    service: str,
    parse: Parse,
    effect: Effect,
    seen: Seen,
    metrics: Metrics,
    settings: Settings,
    batch_effect: BatchEffect | None = None,
) -> TrackedConsumer:
    """A consumer of `service`; with `batch_effect`, a batch is applied in one transaction."""
    return TrackedConsumer(
        service=service,
        parse=parse,
        effect=effect,
        seen=seen,
        metrics=metrics,
        max_attempts=settings.consumer_max_attempts,
        retry_backoff_seconds=settings.consumer_retry_backoff_seconds,
        batch_effect=batch_effect,
    )


@dataclass
class StoreService:
    """What every event-sourced service's bootstrap shares: its application (an
    eventsourcing projection), its metrics, the consumer feeding the app
    and the aggregates as they were (for the relay's translation). A service's bootstrap
    subclasses it, adding its own fields and processes (`rpc`, `relay`, a scheduler)."""

    app: Any
    metrics: Metrics
    # the service's name (topology, topic subscriptions): `NAME` of its bootstrap
    service_name: ClassVar[str]

    def consumer(self, settings: Settings) -> TrackedConsumer:
        """Published events parsed by the contracts' registry into `app.process_event`;
        duplicates recognised by the event identities the app's store records."""
        return consumer_for(
            self.service_name,
            registry.parse,
            self.app.process_event,
            processed_events(self.app.recorder),
            self.metrics,
            settings,
        )

    def as_of(self, aggregate_id: UUID, version: int) -> Any:
        """An aggregate as it was at `version` (the relay maps events with their context)."""
        return self.app.repository.get(aggregate_id, version=version)

"""Builds the transport-independent pieces from an eventsourcing application."""

from __future__ import annotations

from typing import Any

from runtime.consumer import Effect, Parse, Seen, TrackedConsumer
from runtime.messages import Publisher
from runtime.metrics import Metrics
from runtime.outbox import Relay, Translation
from runtime.settings import Settings


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
    )


def consumer_for(
    service: str,
    parse: Parse,
    effect: Effect,
    seen: Seen,
    metrics: Metrics,
    settings: Settings,
) -> TrackedConsumer:
    return TrackedConsumer(
        service=service,
        parse=parse,
        effect=effect,
        seen=seen,
        metrics=metrics,
        max_attempts=settings.consumer_max_attempts,
        retry_backoff_seconds=settings.consumer_retry_backoff_seconds,
    )

"""Process mains for the distributed mode: an rpc server, a stream consumer, a relay, a
scheduler, one `<kind>_main` per kind of `runtime.topology` (which lists the processes):
each builds its service and runs it (`runtime.serving`).

Each runs until SIGINT/SIGTERM and serves Prometheus metrics when a port is set. Health
(`runtime.health`): an rpc process's gRPC health turns NOT_SERVING while its store is
unreachable and as soon as it is asked to stop; a stream, relay or scheduler process
answers /healthz and /readyz on `OCOP_HEALTH_PORT` (its store reachable, its broker
reachable, a stream's lag and an active relay's backlog within `OCOP_READY_MAX_LAG`)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from contracts.topics import dead_letter_topic, subscriptions
from runtime import logs
from runtime.consumer import TrackedConsumer
from runtime.messages import Publisher
from runtime.metrics import Metrics
from runtime.outbox import Relay
from runtime.rpc import Register
from runtime.serving import (
    SchedulerService,
    build_with_retry,
    run_relay,
    run_scheduler,
    run_stream,
    serve_rpc,
)
from runtime.settings import Settings


class RpcService(Protocol):
    metrics: Metrics

    @property
    def rpc_names(self) -> Sequence[str]: ...

    def rpc(self) -> Register: ...


class RelayService(Protocol):
    metrics: Metrics

    def relay(self, publisher: Publisher, settings: Settings) -> Relay: ...


class StreamService(Protocol):
    metrics: Metrics

    def consumer(self, settings: Settings) -> TrackedConsumer: ...


def rpc_main(name: str, build: Callable[[Settings], RpcService]) -> None:
    """Main of a service's gRPC server process."""
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    store = recorder_of(service)
    asyncio.run(serve_rpc(settings, name, service.rpc(), service.rpc_names, service.metrics, store))


def relay_main(build: Callable[[Settings], RelayService]) -> None:
    """Main of a service's outbox relay process."""
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    asyncio.run(run_relay(settings, service.relay, service.metrics))


def stream_main(name: str, build: Callable[[Settings], StreamService]) -> None:
    """Main of a service's stream consumer process (consumer group = service name): it
    consumes the topics the catalogue (`contracts.topics`) lists `name` as a consumer of."""
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    consumer = service.consumer(settings)
    asyncio.run(
        run_stream(
            settings,
            name,
            consumer,
            subscriptions(name),
            dead_letter_topic(name),
            service.metrics,
            store_of(service),
        )
    )


def scheduler_main(build: Callable[[Settings], SchedulerService]) -> None:
    """Main of a service's scheduler process: it ticks every `scheduler_seconds` of the
    service's own settings until stopped."""
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    asyncio.run(run_scheduler(settings, service, store_of(service)))


def recorder_of(service: object) -> Any:
    """The recorder of a built service's application (None for one without)."""
    return getattr(getattr(service, "app", None), "recorder", None)


def store_of(service: object) -> Any:
    """What health looks at to tell whether a built service's store answers: its
    application's recorder, else its persistence factory (a read-model application keeps
    only tracking recorders); None for neither."""
    app = getattr(service, "app", None)
    return getattr(app, "recorder", None) or getattr(app, "factory", None)


def configure_logging(default: logs.Format = "json") -> None:
    """A process's logs: JSON lines with the flow's ids (runtime.logs); OCOP_LOG_FORMAT=text
    for people."""
    logs.configure(default)

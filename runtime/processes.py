"""Process mains for the distributed mode: an rpc server, a stream consumer, a relay, a
scheduler, one `<kind>_main` per kind of `runtime.topology` (which lists the processes).

Each runs until SIGINT/SIGTERM and serves Prometheus metrics when a port is set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol, TypeVar

from eventsourcing.persistence import InterfaceError, OperationalError, PersistenceError
from faststream.kafka import KafkaBroker

from contracts.topics import dead_letter_topic, subscriptions
from runtime.backoff import Outage
from runtime.consumer import TrackedConsumer
from runtime.kafka import (
    KafkaDeadLetters,
    KafkaPublisher,
    build_broker,
    consumer_group,
    subscribe,
)
from runtime.messages import Publisher
from runtime.metrics import Metrics, serve_metrics
from runtime.outbox import Relay
from runtime.rpc import Register, service_server
from runtime.settings import Settings

log = logging.getLogger(__name__)
T = TypeVar("T")


def build_with_retry(
    build: Callable[[Settings], T], settings: Settings, attempts: int = 5, wait_seconds: float = 120
) -> T:
    """Build a service, retrying when sibling processes create its tables at the same moment,
    and waiting out a database that is down at start-up.

    A service's rpc, stream and relay processes starting together on a fresh database
    race to create the same tables (and eventsourcing's tracking-migration row), which
    PostgreSQL reports as a duplicate key or "tuple concurrently updated"; the statements
    are idempotent, so the loser simply tries again (`attempts` times). An unreachable
    database is an outage: retried with back-off for up to `wait_seconds`."""
    outage = Outage("start-up")
    attempt = 0
    while True:
        try:
            built = build(settings)
        except (OperationalError, InterfaceError) as error:
            if outage.started and time.monotonic() - outage.started > wait_seconds:
                raise
            time.sleep(outage.failed(error))
            continue
        except PersistenceError as error:
            attempt += 1
            if attempt >= attempts:
                raise
            log.warning("start-up attempt %d failed (%s); retrying", attempt, error)
            time.sleep(0.2 * attempt)
            continue
        outage.recovered()
        return built


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


class Scheduler(Protocol):
    async def run(self, stop: asyncio.Event, every_seconds: float) -> None: ...


class SchedulerSettings(Protocol):
    @property
    def scheduler_seconds(self) -> float: ...


class SchedulerService(Protocol):
    metrics: Metrics

    @property
    def settings(self) -> SchedulerSettings: ...

    def scheduler(self) -> Scheduler: ...


def rpc_main(name: str, build: Callable[[Settings], RpcService]) -> None:
    """Main of a service's gRPC server process."""
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    store = getattr(getattr(service, "app", None), "recorder", None)
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
            settings, name, consumer, subscriptions(name), dead_letter_topic(name), service.metrics
        )
    )


def scheduler_main(build: Callable[[Settings], SchedulerService]) -> None:
    """Main of a service's scheduler process: it ticks every `scheduler_seconds` of the
    service's own settings until stopped."""
    configure_logging()
    settings = Settings()
    service = build_with_retry(build, settings)
    asyncio.run(run_scheduler(settings, service))


def configure_logging() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")


def _stop_event() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    return stop


async def serve_rpc(
    settings: Settings,
    service: str,
    register: Register,
    names: Sequence[str],
    metrics: Metrics,
    store: object = None,
) -> None:
    """Serve until stopped; with `store` (the app's recorder) commands are idempotent."""
    server, port = service_server(settings, service, [register], names, store)
    server.start()
    serve_metrics(metrics.registry, settings.grpc_host, settings.metrics_port)
    log.info("%s rpc serving on port %d", service, port)
    stop = _stop_event()
    await stop.wait()
    server.stop(grace=5).wait()


async def run_scheduler(settings: Settings, service: SchedulerService) -> None:
    serve_metrics(service.metrics.registry, settings.grpc_host, settings.metrics_port)
    log.info("%s scheduler ticking", service.metrics.service)
    await service.scheduler().run(_stop_event(), service.settings.scheduler_seconds)


def kafka_broker(settings: Settings, client_id: str) -> KafkaBroker:
    return build_broker(settings.kafka_bootstrap, client_id)


async def until_connected(
    connect: Callable[[], Awaitable[Any]], outage: Outage, stop: asyncio.Event
) -> bool:
    """Connect, waiting out a broker that is down at start-up (back-off with jitter, the
    outage logged once); False if stopped meanwhile."""
    while not stop.is_set():
        try:
            await connect()
        except Exception as error:  # noqa: BLE001 - an unreachable broker is an outage
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=outage.failed(error))
            continue
        outage.recovered()
        return True
    return False


async def run_relay(
    settings: Settings, make_relay: Callable[[Publisher, Settings], Relay], metrics: Metrics
) -> None:
    """Publish a service's notification log to Kafka until stopped."""
    broker = kafka_broker(settings, f"{metrics.service}-relay")
    serve_metrics(metrics.registry, settings.grpc_host, settings.metrics_port)
    stop = _stop_event()
    if not await until_connected(broker.connect, Outage(f"relay:{metrics.service}", metrics), stop):
        return
    # Its tracking table may be created at this moment by a sibling (a second relay): the
    # same race as the application's own tables, retried the same way.
    publisher = KafkaPublisher(broker, settings.topic_prefix)
    relay = build_with_retry(lambda given: make_relay(publisher, given), settings)
    log.info("%s relay publishing to %s", metrics.service, settings.kafka_bootstrap)
    try:
        await relay.run(stop, settings.relay_poll_seconds)
    finally:
        await broker.stop()


async def run_stream(
    settings: Settings,
    service: str,
    consumer: TrackedConsumer,
    topics: Sequence[str],
    dead_letter_topic: str,
    metrics: Metrics,
) -> None:
    """Consume `topics` in consumer group `<topic prefix><service>` until stopped."""
    broker = kafka_broker(settings, f"{service}-stream")
    subscribe(
        broker,
        consumer,
        KafkaDeadLetters(broker, settings.topic_prefix + dead_letter_topic),
        list(topics),
        consumer_group(settings.topic_prefix, service),
        max_records=settings.consumer_batch_size,
        topic_prefix=settings.topic_prefix,
    )
    serve_metrics(metrics.registry, settings.grpc_host, settings.metrics_port)
    stop = _stop_event()

    async def start() -> None:
        try:
            await broker.start()
        except Exception:
            await broker.stop()
            raise

    if not await until_connected(start, Outage(f"consumer:{service}", metrics), stop):
        return
    log.info("%s stream consuming %s", service, ", ".join(topics))
    try:
        await stop.wait()
    finally:
        await broker.stop()

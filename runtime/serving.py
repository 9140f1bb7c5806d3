"""What each kind of process runs until SIGINT/SIGTERM, once its service is built (the
`<kind>_main`s of `runtime.processes` build it and call these): an rpc server
(`serve_rpc`), a stream consumer (`run_stream`), an outbox relay (`run_relay`), a scheduler
(`run_scheduler`); and what they share: building a service while its siblings create the
same tables or its database is down (`build_with_retry`), waiting out a broker that is down
(`until_connected`), the broker client of a service (`kafka_broker`), the store's health
watch (`watch_store`)."""

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
from grpc_health.v1 import health as grpc_health
from grpc_health.v1 import health_pb2

from runtime.backoff import Outage
from runtime.consumer import TrackedConsumer
from runtime.health import BrokerWatch, Health, StoreWatch, serve_health
from runtime.kafka import (
    KafkaDeadLetters,
    KafkaPublisher,
    build_broker,
    consumer_group,
    consumer_lag,
    subscribe,
)
from runtime.kafka_auth import broker_security, credentials_of
from runtime.messages import Publisher
from runtime.metrics import Metrics, serve_metrics
from runtime.outbox import Relay
from runtime.rpc import Register, service_server
from runtime.scheduling import tick_until_stopped
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


class Scheduler(Protocol):
    def tick(self) -> int: ...


class SchedulerSettings(Protocol):
    @property
    def scheduler_seconds(self) -> float: ...


class SchedulerService(Protocol):
    metrics: Metrics

    @property
    def settings(self) -> SchedulerSettings: ...

    def scheduler(self) -> Scheduler: ...


def watch_store(
    component: str, recorder: Any, metrics: Metrics, settings: Settings, health: Health
) -> StoreWatch | None:
    """Look at `recorder`'s store every `health_interval_seconds`, a check of `health`."""
    if recorder is None:
        return None
    watch = StoreWatch(component, recorder, metrics, settings.health_interval_seconds).start()
    health.check("store", watch.problem)
    return watch


def stop_event() -> asyncio.Event:
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
    """Serve until stopped; with `store` (the app's recorder) commands are idempotent and
    the health service answers NOT_SERVING while the store is unreachable. When stopped,
    health turns NOT_SERVING for `shutdown_drain_seconds` before the server stops taking
    calls (balancers stop sending new ones), then calls in flight get 5 s."""
    servicer = grpc_health.HealthServicer()
    server, port = service_server(
        settings, service, [register], names, store, health_servicer=servicer, metrics=metrics
    )

    def serving(reachable: bool) -> None:
        status = health_pb2.HealthCheckResponse.SERVING
        if not reachable:
            status = health_pb2.HealthCheckResponse.NOT_SERVING
        for name in [*names, ""]:
            servicer.set(name, status)

    server.start()
    watch = None
    if store is not None:
        watch = StoreWatch(
            f"store:{service}-rpc", store, metrics, settings.health_interval_seconds, serving
        ).start()
    serve_metrics(metrics.registry, settings.grpc_host, settings.metrics_port)
    log.info("%s rpc serving on port %d", service, port)
    stop = stop_event()
    await stop.wait()
    log.info("%s rpc stopping: health NOT_SERVING", service)
    if watch is not None:
        watch.stop()
    servicer.enter_graceful_shutdown()
    await asyncio.sleep(settings.shutdown_drain_seconds)
    server.stop(grace=5).wait()


async def run_scheduler(
    settings: Settings, service: SchedulerService, recorder: Any = None
) -> None:
    """Tick until stopped; ready (/readyz) while its store is reachable."""
    name = service.metrics.service
    health = Health(f"{name}-scheduler")
    serve_health(health, settings.grpc_host, settings.health_port)
    watch = watch_store(f"store:{name}-scheduler", recorder, service.metrics, settings, health)
    serve_metrics(service.metrics.registry, settings.grpc_host, settings.metrics_port)
    log.info("%s scheduler ticking", name)
    try:
        await tick_until_stopped(
            service.scheduler(), stop_event(), service.settings.scheduler_seconds, service.metrics
        )
    finally:
        health.stopping = True
        if watch is not None:
            watch.stop()


def kafka_broker(settings: Settings, client_id: str, principal: str) -> KafkaBroker:
    """A broker client of `principal` (its service): SASL/SCRAM over TLS with the
    credentials in `settings.kafka_credentials_dir`, plaintext without."""
    credentials = credentials_of(settings.kafka_credentials_dir, principal)
    return build_broker(settings.kafka_bootstrap, client_id, security=broker_security(credentials))


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
    """Publish a service's notification log to Kafka until stopped; ready (/readyz) while
    the broker and the store answer and, when active, its backlog is within bounds."""
    name = f"{metrics.service}-relay"
    broker = kafka_broker(settings, name, metrics.service)
    health = Health(name)
    serve_health(health, settings.grpc_host, settings.health_port)
    watch = BrokerWatch(f"broker:{name}", broker.ping, metrics, settings.health_interval_seconds)
    health.check("broker", watch.problem)
    serve_metrics(metrics.registry, settings.grpc_host, settings.metrics_port)
    stop = stop_event()
    if not await until_connected(broker.connect, Outage(f"relay:{metrics.service}", metrics), stop):
        return
    watching = asyncio.create_task(watch.run(stop))
    # Its tracking table may be created at this moment by a sibling (a second relay): the
    # same race as the application's own tables, retried the same way.
    publisher = KafkaPublisher(broker, settings.topic_prefix)
    relay = build_with_retry(lambda given: make_relay(publisher, given), settings)
    store = watch_store(f"store:{name}", relay.recorder, metrics, settings, health)
    health.check("relay", relay.problem)
    log.info("%s relay publishing to %s", metrics.service, settings.kafka_bootstrap)
    try:
        await relay.run(stop, settings.relay_poll_seconds)
    finally:
        health.stopping = True
        if store is not None:
            store.stop()
        stop.set()
        await watching
        await broker.stop()


async def run_stream(
    settings: Settings,
    service: str,
    consumer: TrackedConsumer,
    topics: Sequence[str],
    dead_letter_topic: str,
    metrics: Metrics,
    recorder: Any = None,
) -> None:
    """Consume `topics` in consumer group `<topic prefix><service>` until stopped; ready
    (/readyz) while the broker and the store (`recorder`'s) answer and the group lags at
    most `ready_max_lag` messages."""
    name = f"{service}-stream"
    broker = kafka_broker(settings, name, service)
    subscriber = subscribe(
        broker,
        consumer,
        KafkaDeadLetters(broker, settings.topic_prefix + dead_letter_topic),
        list(topics),
        consumer_group(settings.topic_prefix, service),
        max_records=settings.consumer_batch_size,
        topic_prefix=settings.topic_prefix,
    )
    health = Health(name)
    serve_health(health, settings.grpc_host, settings.health_port)
    watch = BrokerWatch(
        f"broker:{name}",
        broker.ping,
        metrics,
        settings.health_interval_seconds,
        lag=lambda: consumer_lag(subscriber),
        max_lag=settings.ready_max_lag,
    )
    health.check("broker", watch.problem)
    health.check("consumer", consumer.outage.problem)
    store = watch_store(f"store:{name}", recorder, metrics, settings, health)
    serve_metrics(metrics.registry, settings.grpc_host, settings.metrics_port)
    stop = stop_event()

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
        await watch.run(stop)
    finally:
        health.stopping = True
        if store is not None:
            store.stop()
        await broker.stop()

"""Prometheus metrics a process exposes: every series named `ocop_<thing>_<unit>` and
labelled with its `service`, so one dashboard and one set of alert rules cover every
service (`deploy/prometheus/`), and the embedded mode's one registry holds all of them.

Besides message flow (consumed, published, duplicates, dead letters, relay backlog and
lag, outages), each registry carries the gRPC server series (`ocop_grpc_server_*`, per
method and status code, by `runtime.rpc_observe`), the domain events published per type
(the business counters: dossiers received, results adopted, decisions issued), the
scheduler's last tick, `ocop_build_info`, and the process and Python collectors."""

from __future__ import annotations

import platform
import weakref
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Final

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    start_http_server,
)
from prometheus_client.gc_collector import GCCollector
from prometheus_client.platform_collector import PlatformCollector
from prometheus_client.process_collector import ProcessCollector

PREFIX: Final = "ocop"
LATENCY_BUCKETS: Final = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)


class _Families:
    """The metric families of one registry, each with `service` as its first label."""

    def __init__(self, reg: CollectorRegistry) -> None:
        self._registry = reg
        self._consumer_families()
        self._relay_families()
        self._process_families()
        self._grpc_families()
        self.build_info = Gauge(
            f"{PREFIX}_build_info",
            "1, labelled with the running version and Python",
            ["version", "python"],
            registry=reg,
        )
        self.build_info.labels(_version(), platform.python_version()).set(1)
        if reg is not REGISTRY:  # the default registry has them already
            ProcessCollector(registry=reg)
            PlatformCollector(registry=reg)
            GCCollector(registry=reg)

    def _counter(self, name: str, doc: str, *labels: str) -> Counter:
        return Counter(f"{PREFIX}_{name}", doc, ["service", *labels], registry=self._registry)

    def _gauge(self, name: str, doc: str, *labels: str) -> Gauge:
        return Gauge(f"{PREFIX}_{name}", doc, ["service", *labels], registry=self._registry)

    def _histogram(self, name: str, doc: str, *labels: str) -> Histogram:
        return Histogram(
            f"{PREFIX}_{name}",
            doc,
            ["service", *labels],
            registry=self._registry,
            buckets=LATENCY_BUCKETS,
        )

    def _consumer_families(self) -> None:
        """What a stream consumer counts: messages in and out, handling time, duplicates,
        dead letters, lag."""
        self.messages_in = self._counter("messages_in", "Messages consumed", "topic")
        self.messages_out = self._counter("messages_out", "Messages published", "topic")
        self.events_published = self._counter(
            "events_published", "Domain events published, by event type", "topic", "type"
        )
        self.handler_latency = self._histogram(
            "handler_latency_seconds", "Time to apply one consumed message", "topic"
        )
        self.duplicates = self._counter(
            "duplicates_skipped", "Redelivered messages already applied", "topic"
        )
        self.dead_letters = self._counter(
            "dead_letters", "Messages sent to the dead-letter topic", "topic"
        )
        self.consumer_lag = self._gauge(
            "consumer_lag_seconds",
            "Age of the last event a consumer applied, when it applied it",
            "topic",
        )

    def _relay_families(self) -> None:
        """What an outbox relay reports: backlog, lag, leadership, position."""
        self.relay_backlog = self._gauge(
            "relay_backlog_events", "Stored events not yet published", "relay"
        )
        self.relay_lag = self._gauge(
            "relay_lag_seconds",
            "Age of the newest published event when it was published",
            "relay",
        )
        self.relay_leader = self._gauge(
            "relay_leader", "1 while this relay process is the active one for its service", "relay"
        )
        self.relay_position = self._gauge(
            "relay_position", "Last notification id published and recorded", "relay"
        )

    def _process_families(self) -> None:
        """What any process reports: outages of its broker or database, the scheduler's tick."""
        self.outage = self._gauge(
            "outage", "1 while the component's broker or database is unreachable", "component"
        )
        self.outages = self._counter(
            "outages", "Outages of the component's broker or database", "component"
        )
        self.scheduler_last_tick = self._gauge(
            "scheduler_last_tick_timestamp_seconds",
            "Unix time of the scheduler's last completed tick",
        )

    def _grpc_families(self) -> None:
        """What an rpc process counts: calls started, handled by status code, their time."""
        self.grpc_started = self._counter(
            "grpc_server_started", "gRPC calls started", "method", "type"
        )
        self.grpc_handled = self._counter(
            "grpc_server_handled", "gRPC calls completed, by status code", "method", "code"
        )
        self.grpc_latency = self._histogram(
            "grpc_server_handling_seconds",
            "Time to answer a gRPC call (until the last message for streams)",
            "method",
        )


_FAMILIES: weakref.WeakKeyDictionary[CollectorRegistry, _Families] = weakref.WeakKeyDictionary()


def _version() -> str:
    try:
        return metadata.version("ocop")
    except metadata.PackageNotFoundError:
        return "unknown"


class Scoped:
    """A metric family seen by one service: `.labels(...)` takes the other labels only."""

    def __init__(self, family: Any, service: str) -> None:
        self._family = family
        self._service = service

    def labels(self, *values: str, **named: str) -> Any:
        if named:
            return self._family.labels(service=self._service, **named)
        return self._family.labels(self._service, *values)


@dataclass
class Metrics:
    """The metrics of one service, registered on `registry` (shared by the services of the
    embedded mode: each sees its own `service` label)."""

    service: str
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        families = _FAMILIES.get(self.registry)
        if families is None:
            families = _FAMILIES[self.registry] = _Families(self.registry)
        self.families = families
        for name in (
            "messages_in",
            "messages_out",
            "events_published",
            "handler_latency",
            "duplicates",
            "dead_letters",
            "consumer_lag",
            "relay_backlog",
            "relay_lag",
            "outage",
            "outages",
            "relay_leader",
            "relay_position",
            "grpc_started",
            "grpc_handled",
            "grpc_latency",
            "scheduler_last_tick",
        ):
            setattr(self, name, Scoped(getattr(families, name), self.service))

    messages_in: Scoped = field(init=False, repr=False)
    messages_out: Scoped = field(init=False, repr=False)
    events_published: Scoped = field(init=False, repr=False)
    handler_latency: Scoped = field(init=False, repr=False)
    duplicates: Scoped = field(init=False, repr=False)
    dead_letters: Scoped = field(init=False, repr=False)
    consumer_lag: Scoped = field(init=False, repr=False)
    relay_backlog: Scoped = field(init=False, repr=False)
    relay_lag: Scoped = field(init=False, repr=False)
    outage: Scoped = field(init=False, repr=False)
    outages: Scoped = field(init=False, repr=False)
    relay_leader: Scoped = field(init=False, repr=False)
    relay_position: Scoped = field(init=False, repr=False)
    grpc_started: Scoped = field(init=False, repr=False)
    grpc_handled: Scoped = field(init=False, repr=False)
    grpc_latency: Scoped = field(init=False, repr=False)
    scheduler_last_tick: Scoped = field(init=False, repr=False)
    families: _Families = field(init=False, repr=False)


def serve_metrics(registry: CollectorRegistry, host: str, port: int) -> None:
    """Serve /metrics over HTTP in a daemon thread (port 0: do nothing)."""
    if port:
        start_http_server(port, addr=host, registry=registry)

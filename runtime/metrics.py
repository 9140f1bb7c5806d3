"""Prometheus metrics a service process exposes, named `<service>_<thing>_<unit>`."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    start_http_server,
)


@dataclass
class Metrics:
    """The message-flow metrics of one service, registered on `registry`."""

    service: str
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        ns, reg = self.service, self.registry
        self.messages_in = Counter(
            "messages_in", "Messages consumed", ["topic"], namespace=ns, registry=reg
        )
        self.messages_out = Counter(
            "messages_out", "Messages published", ["topic"], namespace=ns, registry=reg
        )
        self.handler_latency = Histogram(
            "handler_latency_seconds",
            "Time to apply one consumed message",
            ["topic"],
            namespace=ns,
            registry=reg,
            buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
        )
        self.duplicates = Counter(
            "duplicates_skipped",
            "Redelivered messages already applied",
            ["topic"],
            namespace=ns,
            registry=reg,
        )
        self.dead_letters = Counter(
            "dead_letters",
            "Messages sent to the dead-letter topic",
            ["topic"],
            namespace=ns,
            registry=reg,
        )
        self.relay_backlog = Gauge(
            "relay_backlog_events",
            "Stored events not yet published",
            ["relay"],
            namespace=ns,
            registry=reg,
        )
        self.relay_lag = Gauge(
            "relay_lag_seconds",
            "Age of the newest published event when it was published",
            ["relay"],
            namespace=ns,
            registry=reg,
        )
        self.outage = Gauge(
            "outage",
            "1 while the component's broker or database is unreachable",
            ["component"],
            namespace=ns,
            registry=reg,
        )
        self.outages = Counter(
            "outages",
            "Outages of the component's broker or database",
            ["component"],
            namespace=ns,
            registry=reg,
        )
        self.relay_leader = Gauge(
            "relay_leader",
            "1 while this relay process is the active one for its service",
            ["relay"],
            namespace=ns,
            registry=reg,
        )
        self.relay_position = Gauge(
            "relay_position",
            "Last notification id published and recorded",
            ["relay"],
            namespace=ns,
            registry=reg,
        )


def serve_metrics(registry: CollectorRegistry, host: str, port: int) -> None:
    """Serve /metrics over HTTP in a daemon thread (port 0: do nothing)."""
    if port:
        start_http_server(port, addr=host, registry=registry)

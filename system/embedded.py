"""The embedded mode: every service in one process on SQLite files, events delivered
in-process by the same relays and tracking consumers the distributed mode uses."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import grpc
from prometheus_client import CollectorRegistry

from contracts.topics import subscriptions
from runtime.inproc import FileDeadLetters, InProcessBus
from runtime.metrics import Metrics, serve_metrics
from runtime.outbox import Relay
from runtime.rpc import build_server
from runtime.settings import Settings
from services.evaluation import bootstrap as evaluation
from services.inspection import bootstrap as inspection
from services.registration import bootstrap as registration
from services.reporting import bootstrap as reporting
from system import province

log = logging.getLogger(__name__)


@dataclass
class EmbeddedSystem:
    """All services, their relays on an in-process bus, and (once started) gRPC servers."""

    settings: Settings
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        s = self.settings
        self.registration = registration.build(s, Metrics(registration.NAME, self.registry))
        self.evaluation = evaluation.build(s, Metrics(evaluation.NAME, self.registry))
        self.reporting = reporting.build(s, Metrics(reporting.NAME, self.registry))
        self.inspection = inspection.build(s, Metrics(inspection.NAME, self.registry))
        # The province stand-in closes the forwarding loop in one process (system/province.py).
        self.province = province.build(s, Metrics(province.NAME, self.registry))
        self.bus = InProcessBus()
        dead = s.data_dir / "dead-letters"
        for service, name in (
            (self.evaluation, evaluation.NAME),
            (self.reporting, reporting.NAME),
            (self.inspection, inspection.NAME),
            (self.province, province.NAME),
        ):
            consumer = service.consumer(s)
            for topic in subscriptions(name):
                self.bus.subscribe(topic, consumer, FileDeadLetters(dead, name))
        self.relays: list[Relay] = [
            self.registration.relay(self.bus, s),
            self.evaluation.relay(self.bus, s),
            self.province.relay(self.bus, s),
            self.inspection.relay(self.bus, s),
        ]
        self.scheduler = self.evaluation.scheduler()
        self.remediations = self.inspection.scheduler()
        self.servers: list[grpc.Server] = []

    async def deliver(self) -> int:
        """Relay until nothing is pending (tests and one-shot tools use this)."""
        total = 0
        while True:
            moved = 0
            for relay in self.relays:
                moved += await relay.run_once()
            total += moved
            if not moved:
                return total

    def start_rpc(self) -> dict[str, int]:
        """Start one gRPC server per service; returns the bound ports."""
        ports: dict[str, int] = {}
        services: list[tuple[str, Any]] = [
            (registration.NAME, self.registration),
            (evaluation.NAME, self.evaluation),
            (reporting.NAME, self.reporting),
            (inspection.NAME, self.inspection),
        ]
        for name, service in services:
            server, port = build_server(
                self.settings.address_of(name), [service.rpc()], service.rpc_names
            )
            server.start()
            self.servers.append(server)
            ports[name] = port
        return ports

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until `stop` is set: gRPC servers, metrics, and the relays."""
        ports = self.start_rpc()
        serve_metrics(self.registry, self.settings.grpc_host, self.settings.metrics_port)
        log.info("embedded system serving: %s", ports)
        try:
            await asyncio.gather(
                *(r.run(stop, self.settings.relay_poll_seconds) for r in self.relays),
                self.scheduler.run(stop, self.evaluation.settings.scheduler_seconds),
                self.remediations.run(stop, self.inspection.settings.scheduler_seconds),
            )
        finally:
            self.close()

    def close(self) -> None:
        for server in self.servers:
            server.stop(grace=2).wait()
        self.servers.clear()
        self.reporting.app.close()


@contextmanager
def embedded(settings: Settings) -> Iterator[EmbeddedSystem]:
    system = EmbeddedSystem(settings)
    try:
        yield system
    finally:
        system.close()

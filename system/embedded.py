"""The embedded mode: every service in one process on SQLite files, events delivered
in-process by the same relays and tracking consumers the distributed mode uses. What
runs comes from `runtime.topology` (services and their kinds) and `contracts.topics`
(who consumes what)."""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

import grpc
from prometheus_client import CollectorRegistry

from contracts.topics import subscriptions
from runtime.clock import Clock, SystemClock
from runtime.consumer import TrackedConsumer
from runtime.files import make_private
from runtime.identity.embedded import issuer_server
from runtime.identity.issuer import IssuerServer
from runtime.inproc import FileDeadLetters, InProcessBus
from runtime.messages import InMessage, OutMessage
from runtime.metrics import Metrics, serve_metrics
from runtime.outbox import Relay
from runtime.rpc import authenticator, service_server
from runtime.sandbox import SandboxClock, SandboxRefused, sandbox_now, set_sandbox
from runtime.scheduling import tick_until_stopped
from runtime.settings import Settings
from runtime.topology import running
from system.builders import builder

if TYPE_CHECKING:
    from services.evaluation.bootstrap import EvaluationService
    from services.inspection.bootstrap import InspectionService
    from services.promotion.bootstrap import PromotionService
    from services.registration.bootstrap import Registration
    from services.reporting.bootstrap import ReportingService
    from system.province import ProvinceService

log = logging.getLogger(__name__)


@dataclass
class EmbeddedSystem:
    """Every service of `runtime.topology` that runs processes, built in one process: its
    consumers subscribed on an in-process bus to what the topic catalogue says it consumes,
    its relay publishing there, its scheduler, and (once started) its gRPC server."""

    settings: Settings
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        s = self.settings
        make_private(s.data_dir)  # SQLite files, documents, dead letters: 0600 / 0700
        # A consumer whose SQLite file is gone (deleted to rebuild it) starts empty: it is
        # replayed from the sources' own stores once everything is built (`replay_into`).
        missing = [
            entry.name
            for entry in running("stream")
            if s.store == "sqlite" and not (s.data_dir / f"{entry.name}.sqlite").exists()
        ]
        self.clock = self._clock()
        self.bus = InProcessBus()
        dead = s.data_dir / "dead-letters"
        # The province stand-in closes the forwarding loop in one process (system/province.py).
        self.services: dict[str, Any] = {
            entry.name: builder(entry.name)(s, Metrics(entry.name, self.registry), **clocked)
            for entry in running()
            for clocked in [self._clock_for(entry.name)]
        }
        self.consumers: dict[str, tuple[TrackedConsumer, FileDeadLetters]] = {}
        for entry in running("stream"):
            consumer = self.services[entry.name].consumer(s)
            self.consumers[entry.name] = (consumer, FileDeadLetters(dead, entry.name))
            for topic in subscriptions(entry.name):
                self.bus.subscribe(topic, *self.consumers[entry.name])
        self.relays: list[Relay] = [
            self.services[entry.name].relay(self.bus, s) for entry in running("relay")
        ]
        self.replayed = {name: self.replay_into(name) for name in missing}
        self.schedulers = [self.services[entry.name] for entry in running("scheduler")]
        self.servers: list[grpc.Server] = []
        # Built-in accounts' token issuer (Keycloak's shape, a local key), bound on start.
        self.issuer: IssuerServer | None = None

    def _clock(self) -> Clock:
        """The wall clock, or (not in production) the sandbox clock of the data folder,
        started at `OCOP_SANDBOX_CLOCK` when it is given and not running yet."""
        s = self.settings
        if s.production:
            if s.sandbox_clock is not None:
                raise SandboxRefused("OCOP_SANDBOX_CLOCK is refused in a production deployment")
            return SystemClock(s.time_zone)
        if s.sandbox_clock is not None and sandbox_now(s.data_dir) is None:
            set_sandbox(s.data_dir, s.sandbox_clock, production=False, zone=s.time_zone)
        return SandboxClock(s.data_dir, s.time_zone)

    def _clock_for(self, name: str) -> dict[str, Clock]:
        """`{"clock": …}` for a service whose build takes a clock, else nothing."""
        takes = "clock" in inspect.signature(builder(name)).parameters
        return {"clock": self.clock} if takes else {}

    @property
    def registration(self) -> Registration:
        return cast("Registration", self.services["registration"])

    @property
    def evaluation(self) -> EvaluationService:
        return cast("EvaluationService", self.services["evaluation"])

    @property
    def inspection(self) -> InspectionService:
        return cast("InspectionService", self.services["inspection"])

    @property
    def promotion(self) -> PromotionService:
        return cast("PromotionService", self.services["promotion"])

    @property
    def reporting(self) -> ReportingService:
        return cast("ReportingService", self.services["reporting"])

    @property
    def province(self) -> ProvinceService:
        return cast("ProvinceService", self.services["province"])

    def replay_into(self, name: str, batch: int = 500) -> int:
        """Delivers to the consumer `name` every message the relays have already published
        on the topics it consumes, read again from the sources' own stores, in the order
        the events happened: a read model deleted or lost is rebuilt (issue 13). What the
        consumer already has is skipped by its tracking (a counted duplicate). Returns the
        number of messages applied."""
        consumer, dead = self.consumers[name]
        ordered = self.stored_messages(name, batch)
        applied = 0
        for first in range(0, len(ordered), batch):
            result = consumer.handle_batch(ordered[first : first + batch])
            applied += result.applied
            for message, error in result.dead:
                dead.append(message, error)
        if ordered:
            log.info("%s replayed from the sources' stores: %d applied", name, applied)
        return applied

    def stored_messages(self, name: str, batch: int = 500) -> list[InMessage]:
        """Every message the relays have published on the topics consumer `name` consumes,
        read again from the sources' own stores (read only), in the order the events
        happened (the relays' positions bound what counts as published)."""
        topics = set(subscriptions(name))
        timed: list[tuple[datetime, int, OutMessage]] = []
        for relay in self.relays:
            position, start = relay.position(), 0
            while start < position:
                notes = relay.recorder.select_notifications(
                    start=start, limit=batch, stop=position, inclusive_of_start=False
                )
                if not notes:
                    break
                for note in notes:
                    messages, at = relay.messages_of(note)
                    when = at or datetime.min.replace(tzinfo=UTC)
                    timed += [(when, len(timed), m) for m in messages if m.topic in topics]
                start = notes[-1].id
        timed.sort(key=lambda item: (item[0], item[1]))
        return [
            InMessage(m.topic, 0, n, m.key, m.value, dict(m.headers))
            for n, (_, _, m) in enumerate(timed)
        ]

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
        """Start the token issuer and one gRPC server per service; returns the bound ports
        (`identity`: the issuer's)."""
        if self.issuer is None:
            self.issuer = issuer_server(self.settings).start()
        ports: dict[str, int] = {"identity": self.issuer.port}
        for entry in running("rpc"):
            service = self.services[entry.name]
            store = getattr(service.app, "recorder", None)  # idempotency keys live there
            server, port = service_server(
                self.settings,
                entry.name,
                [service.rpc()],
                service.rpc_names,
                store,
                auth=authenticator(self.issuer.url, entry.name),
                metrics=service.metrics,
            )
            server.start()
            self.servers.append(server)
            ports[entry.name] = port
        return ports

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until `stop` is set: gRPC servers, metrics, the relays and schedulers."""
        ports = self.start_rpc()
        serve_metrics(self.registry, self.settings.grpc_host, self.settings.metrics_port)
        log.info("embedded system serving: %s", ports)
        try:
            await asyncio.gather(
                *(r.run(stop, self.settings.relay_poll_seconds) for r in self.relays),
                *(
                    tick_until_stopped(
                        service.scheduler(),
                        stop,
                        service.settings.scheduler_seconds,
                        service.metrics,
                    )
                    for service in self.schedulers
                ),
            )
        finally:
            self.close()

    def close(self) -> None:
        for server in self.servers:
            server.stop(grace=2).wait()
        self.servers.clear()
        for relay in self.relays:
            relay.close()
        if self.issuer is not None:
            self.issuer.stop()
            self.issuer = None
        for service in self.services.values():
            service.app.close()


@contextmanager
def embedded(settings: Settings) -> Iterator[EmbeddedSystem]:
    system = EmbeddedSystem(settings)
    try:
        yield system
    finally:
        system.close()

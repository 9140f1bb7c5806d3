"""Health that tells the truth, on real processes (the distributed mode's own mains) over
the suite's own broker and PostgreSQL cluster: gRPC health NOT_SERVING while the store is
down and on shutdown; /healthz and /readyz of a relay, a stream and a scheduler, their
outages (broker stopped, database stopped) shown while they last, and gone after; a relay
whose database is restored under it refusing to publish until a new epoch is opened."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import shutil
import signal
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import psycopg
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from tests.conftest import DEAD_LETTER_TOPICS, EVENT_TOPICS, create_topics
from tests.e2e.harness import free_port
from tests.faults.harness import Driver, Fleet, wait_rpc
from tests.faults.servers import OwnKafka, OwnPostgres, run
from tests.identity import TestIssuer, running_issuer

pytestmark = pytest.mark.faults

PREFIX = "health."
MODULES = {
    "registration-rpc": "services.registration.entrypoints.rpc",
    "registration-relay": "services.registration.entrypoints.relay",
    "reporting-stream": "services.reporting.entrypoints.stream",
    "evaluation-scheduler": "services.evaluation.entrypoints.scheduler",
}
HTTP = ("registration-relay", "reporting-stream", "evaluation-scheduler")


def readyz(port: int, path: str = "/readyz") -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body) of `path`; (0, {}) when nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=3) as reply:
            return reply.status, json.loads(reply.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    except OSError:
        return 0, {}


def grpc_status(port: int) -> str:
    """SERVING, NOT_SERVING, or the gRPC error code's name when the call fails."""
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        try:
            reply = health_pb2_grpc.HealthStub(channel).Check(
                health_pb2.HealthCheckRequest(service=""), timeout=2
            )
        except grpc.RpcError as error:
            return str(error.code().name)
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))


def problem(port: int, check: str) -> dict[str, Any] | None:
    """The /readyz body when it answers 503 naming `check` among its problems."""
    status, body = readyz(port)
    return body if status == 503 and check in body.get("problems", {}) else None


def until(check: Callable[[], Any], timeout: float = 60.0, what: str = "") -> Any:
    """Poll `check` until truthy; its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.2)


class Servers:
    def __init__(self, tmp: Path) -> None:
        self.kafka = OwnKafka(tmp / "kafka-state")
        self.pg_dir = Path(tempfile.mkdtemp(prefix="ocop-health-pg-"))
        self.pg = OwnPostgres(self.pg_dir)
        self.grpc_port = free_port()
        self.health = {name: free_port() for name in HTTP}
        self.issuer: TestIssuer | None = None


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[Servers, Fleet]]:
    servers = Servers(tmp_path)
    logs = tmp_path / "logs"  # kept by pytest with the test's other files
    logs.mkdir()
    fleet: Fleet | None = None
    with running_issuer(tmp_path) as issuer:
        servers.issuer = issuer
        try:
            servers.kafka.start()
            servers.pg.init()
            asyncio.run(create_topics(servers.kafka.bootstrap, [PREFIX + t for t in EVENT_TOPICS]))
            asyncio.run(
                create_topics(
                    servers.kafka.bootstrap, [PREFIX + t for t in DEAD_LETTER_TOPICS], partitions=1
                )
            )
            env = {
                "OCOP_STORE": "postgres",
                "OCOP_DELIVERY": "kafka",
                "OCOP_KAFKA_BOOTSTRAP": servers.kafka.bootstrap,
                "OCOP_TOPIC_PREFIX": PREFIX,
                "OCOP_PG_HOST": "127.0.0.1",
                "OCOP_PG_PORT": str(servers.pg.port),
                "OCOP_PG_USER": servers.pg.user,
                "OCOP_PG_PASSWORD": "",
                "OCOP_DATA_DIR": str(tmp_path / "data"),
                "OCOP_OIDC_ISSUER": issuer.url,
                "OCOP_REGISTRATION_PORT": str(servers.grpc_port),
                "OCOP_HEALTH_INTERVAL_SECONDS": "0.5",
                "OCOP_SHUTDOWN_DRAIN_SECONDS": "3",
            }
            fleet = Fleet(logs, env, MODULES)
            for name in MODULES:
                port = servers.health.get(name)
                fleet.env["OCOP_HEALTH_PORT"] = str(port or 0)
                fleet.start(name)
            print(f"process logs: {logs}")
            yield servers, fleet
        finally:
            if fleet is not None:
                fleet.stop_all()
            for stop in (servers.kafka.stop, lambda: servers.pg.stop("immediate")):
                with contextlib.suppress(RuntimeError):
                    stop()
            shutil.rmtree(servers.pg_dir, ignore_errors=True)


def restore_under_the_relay(servers: Servers, fleet: Fleet, tmp_path: Path) -> None:
    """Registration's database restored from a dump while its relay runs: the relay
    notices that its store went back, stops publishing and says so in /readyz until the
    operator opens the new epoch (`python -m system.epoch`)."""
    assert servers.issuer is not None
    issuer = servers.issuer
    driver = Driver(
        f"127.0.0.1:{servers.grpc_port}",
        lambda: issuer.metadata("can-bo-xa", "commune_officer", "23500"),
    )
    relay = servers.health["registration-relay"]

    def in_reporting(count: int) -> bool:
        try:  # the read model's table comes with its first event
            rows = servers.pg.sql("ocop_reporting", "SELECT name FROM catalogue_products")
        except psycopg.errors.UndefinedTable:
            return False
        return len(rows) >= count

    try:
        driver.register_producer()
        for _ in range(2):
            assert driver.command().ok
        until(lambda: in_reporting(2), 60, "the first products published")
        dump = tmp_path / "registration.dump"
        servers.pg.dump("registration", dump)
        for _ in range(2):
            assert driver.command().ok
        until(lambda: in_reporting(4), 60, "the later products published")
    finally:
        driver.close()
    fleet.kill("registration-rpc")  # the clients held
    servers.pg.restore("registration", dump)
    body = until(
        lambda: (b := problem(relay, "relay")) and "system.epoch" in b["problems"]["relay"] and b,
        60,
        "the relay notices the restore",
    )
    print("/readyz after the restore:", body)
    assert "the store went back" in fleet.log_of("registration-relay")
    run(sys.executable, "-m", "system.epoch", "registration", env=fleet.env)
    until(lambda: readyz(relay)[0] == 200, 60, "the relay ready in the new epoch")
    fleet.start("registration-rpc")
    wait_rpc(f"127.0.0.1:{servers.grpc_port}")


@pytest.mark.timeout(600)
def test_health_tells_outages_and_shutdown(running: tuple[Servers, Fleet], tmp_path: Path) -> None:
    servers, fleet = running

    def all_ready() -> bool:
        return grpc_status(servers.grpc_port) == "SERVING" and all(
            readyz(port)[0] == 200 for port in servers.health.values()
        )

    until(all_ready, 120, "every process ready")
    for name, port in servers.health.items():
        status, body = readyz(port, "/healthz")
        assert (status, body["status"]) == (200, "alive"), name
        assert readyz(port)[1] == {"process": name, "status": "ready"}

    # The broker stops: the relay and the stream say so (the scheduler needs no broker).
    servers.kafka.stop()
    relay, stream, scheduler = (servers.health[n] for n in HTTP)
    for port in (relay, stream):
        body = until(functools.partial(problem, port, "broker"), 60, f"broker outage on {port}")
        assert "unreachable for" in body["problems"]["broker"], body
        print("/readyz while the broker is stopped:", body)
        assert readyz(port, "/healthz")[0] == 200  # alive all the same
    assert readyz(scheduler)[0] == 200
    servers.kafka.start()
    until(all_ready, 120, "ready again after the broker came back")

    # The database stops: gRPC health NOT_SERVING, every /readyz names the store.
    servers.pg.stop("fast")
    until(lambda: grpc_status(servers.grpc_port) == "NOT_SERVING", 60, "rpc NOT_SERVING")
    for port in (relay, stream, scheduler):
        body = until(functools.partial(problem, port, "store"), 60, f"store outage on {port}")
        assert "store:" in body["problems"]["store"], body
        print("/readyz while the database is stopped:", body)
    servers.pg.start()
    until(all_ready, 120, "ready again after the database came back")

    restore_under_the_relay(servers, fleet, tmp_path)

    # Shutdown: NOT_SERVING first (for OCOP_SHUTDOWN_DRAIN_SECONDS), then no server.
    fleet.children["registration-rpc"].send_signal(signal.SIGTERM)
    seen: list[str] = []

    def gone() -> bool:
        seen.append(grpc_status(servers.grpc_port))
        return seen[-1] == "UNAVAILABLE"

    until(gone, 30, "the rpc server gone")
    left = [s for s in seen if s != "SERVING"]
    assert left[0] == "NOT_SERVING" and left.count("NOT_SERVING") >= 2, seen
    assert fleet.children["registration-rpc"].wait(30) == 0

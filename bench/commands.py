"""Commands (T3): `register_product` from one client in process with nothing else running;
then over gRPC, the registration server in a process of its own (as deployed: a pool of
`rpc_max_workers` threads, real tokens checked, idempotency on), from 1 and from 8
concurrent clients (threads, a channel each), each for `--limit-seconds`; capacity and
latency percentiles per call; then 8 clients again on a server storing each command alone
(group commit off, `runtime.group_commit`), the figure before group commit. Beside them, at
the same concurrency, the limits the store sets: a raw durable single-row INSERT + COMMIT
per request from 8 connections (T3 divides by it), and eventsourcing's `insert_events` (one
event per call, its table lock held to the commit) from 8 threads: how far the table lock
serialises concurrent commands."""

from __future__ import annotations

import contextlib
import multiprocessing
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric import rsa
from psycopg import sql

from bench.infra import ACTOR, percentile, pg_connect, process_cpu, quiet_logging
from bench.limits import insert_single, recorder_inserts, scratch_recorder
from bench.report import Spec, Target
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.identity.accounts import Account, AccountStore
from runtime.identity.issuer import IssuerServer
from runtime.rpc import authenticator, build_server
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration

TITLE = "commands"
CLIENTS = 8
SPECS = (
    Spec("commands_alone", "commands alone, 1 client (register_product)", "ev/s", "es_single"),
    Spec("grpc_1", "commands over gRPC, 1 client", "ev/s", "pg_single"),
    Spec(
        "grpc_8",
        f"commands over gRPC, {CLIENTS} clients",
        "ev/s",
        "pg_single_8",
        Target("T3", 0.6, f"≥ 0.6 × raw durable single-row insert, {CLIENTS} connections"),
    ),
    Spec(
        "grpc_8_p99",
        f"latency p99, gRPC, {CLIENTS} clients",
        "ms",
        None,
        Target("T3", 50, "p99 ≤ 50 ms", at_most=True),
    ),
    Spec("grpc_8_p50", f"latency p50, gRPC, {CLIENTS} clients", "ms"),
    Spec("grpc_8_cpu", f"server CPU per command, gRPC, {CLIENTS} clients", "ms"),
    Spec(
        "grpc_alone",
        f"commands over gRPC, {CLIENTS} clients, group commit off",
        "ev/s",
        "pg_single_8",
    ),
    Spec("grpc_alone_p99", f"latency p99, gRPC, {CLIENTS} clients, group commit off", "ms"),
    Spec("grpc_alone_cpu", f"server CPU per command, {CLIENTS} clients, group commit off", "ms"),
    Spec("pg_single_8", f"raw single-row commits, {CLIENTS} connections", "ev/s", "pg_single"),
    Spec("es_single_8", f"insert_events 1 per call, {CLIENTS} threads", "ev/s", "pg_single_8"),
)


def commands_alone(settings: Settings, seconds: float) -> float:
    """register_product with nothing else of the system running (no relay, no stream)."""
    registration = build_registration(settings)
    try:
        app = registration.app
        producer = app.producers.register_producer(
            ACTOR,
            name="HTX Chè Tân Cương",
            kind="cooperative",
            commune_code="23500",
            legal_representative="Nguyễn Thị Lan",
        )
        count, started = 0, time.monotonic()
        while time.monotonic() - started < seconds:
            app.products.register_product(
                ACTOR, producer_id=producer, name=f"Chè {count}", product_set=13
            )
            count += 1
        return count / (time.monotonic() - started)
    finally:
        registration.app.close()


def in_parallel(clients: int, seconds: float, call: Callable[[int, int], None]) -> list[float]:
    """`call(client, n)` repeated by `clients` threads for `seconds`; each call's seconds."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    start = threading.Barrier(clients)

    def loop(client: int) -> None:
        start.wait()
        ends = time.monotonic() + seconds
        n = 0
        while (began := time.monotonic()) < ends:
            call(client, n)
            latencies[client].append(time.monotonic() - began)
            n += 1

    threads = [threading.Thread(target=loop, args=(c,)) for c in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [x for mine in latencies for x in mine]


def raw_inserts(settings: Settings, dbname: str, seconds: float) -> dict[str, float]:
    """Single-row durable commits and `insert_events` calls from `CLIENTS` at once."""
    table = "bench_concurrent"
    with pg_connect(settings, dbname, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(table + "_events")))
    factory, recorder = scratch_recorder(settings, dbname, table)
    factory.close()
    connections = [pg_connect(settings, dbname) for _ in range(CLIENTS)]
    rates = [0.0] * CLIENTS

    def raw(client: int) -> None:
        rates[client] = insert_single(connections[client], table + "_events", seconds)

    threads = [threading.Thread(target=raw, args=(c,)) for c in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for conn in connections:
        conn.close()
    env_settings = settings.model_copy(update={"pg_pool_size": CLIENTS})
    factory, recorder = scratch_recorder(env_settings, dbname, table)
    es = [0.0] * CLIENTS

    def through_es(client: int) -> None:
        es[client] = recorder_inserts(recorder, 1, seconds)

    threads = [threading.Thread(target=through_es, args=(c,)) for c in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    factory.close()
    return {"pg_single_8": sum(rates), "es_single_8": sum(es)}


def serve(settings: Settings, issuer_url: str, ports: Any, stop: Any) -> None:
    """The registration gRPC server as `runtime.serving.serve_rpc` builds it (port 0)."""
    quiet_logging()
    registration = build_registration(settings)
    server, port = build_server(
        "127.0.0.1:0",
        [registration.rpc()],
        registration.rpc_names,
        auth=authenticator(issuer_url, "registration"),
        max_workers=settings.rpc_max_workers,
        store=registration.app.recorder,
    )
    server.start()
    ports.put(port)
    stop.wait()
    server.stop(grace=1).wait()
    registration.app.close()


def over_grpc(settings: Settings, seconds: float) -> dict[str, float]:
    """Capacity and latency of `RegisterProduct` over gRPC from 1, then `CLIENTS`, clients;
    then `CLIENTS` clients again on a server whose store writes each command alone
    (`pg_group_commit` off, `runtime.group_commit`): what grouping the commits gains, in
    the same run."""
    registration = build_registration(settings)
    try:
        producer = str(
            registration.app.producers.register_producer(
                ACTOR,
                name="HTX Cà phê Đăk Hà",
                kind="cooperative",
                commune_code="23500",
                legal_representative="Y Blơi",
            )
        )
    finally:
        registration.app.close()
    with tempfile.TemporaryDirectory() as folder:
        accounts = AccountStore(Path(folder) / "accounts.sqlite3")
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        issuer = IssuerServer(accounts, key).start()
        account = Account("bench", ("commune_officer",), "23500", "bench", True)
        token = issuer.issuer.issue(account)
        try:
            with served(settings, issuer.url) as server:
                figures = calls(server, token, producer, 1, seconds, "grpc_1")
                figures |= calls(server, token, producer, CLIENTS, seconds, f"grpc_{CLIENTS}")
            alone = settings.model_copy(update={"pg_group_commit": False})
            with served(alone, issuer.url) as server:
                figures |= calls(server, token, producer, CLIENTS, seconds, "grpc_alone")
            return figures
        finally:
            issuer.stop()


@dataclass(frozen=True)
class Served:
    """A registration server running in a process of its own: its address and pid."""

    address: str
    pid: int


@contextlib.contextmanager
def served(settings: Settings, issuer_url: str) -> Iterator[Served]:
    """The registration server (`serve`) in a process of its own."""
    context = multiprocessing.get_context("spawn")
    ports, stop = context.Queue(), context.Event()
    child = context.Process(target=serve, args=(settings, issuer_url, ports, stop))
    child.start()
    try:
        port = ports.get(timeout=120)
        yield Served(f"127.0.0.1:{port}", child.pid or 0)
    finally:
        stop.set()
        child.join(30)


def calls(
    server: Served, token: str, producer: str, clients: int, seconds: float, key: str
) -> dict[str, float]:
    """`RegisterProduct` from `clients` for `seconds`: calls per second, latency p50/p99
    (ms) and the server process's CPU time (user + system) per call (ms)."""
    channels = [grpc.insecure_channel(server.address) for _ in range(clients)]
    stubs = [pb_grpc.RegistrationStub(ch) for ch in channels]  # type: ignore[no-untyped-call]
    metadata = (("authorization", f"Bearer {token}"),)
    run = uuid.uuid4().hex[:6]

    def call(client: int, n: int) -> None:
        request = pb.RegisterProductRequest(
            producer_id=producer, name=f"Cà phê {run} {client}-{n}", product_set=13
        )
        stubs[client].RegisterProduct(request, metadata=metadata, timeout=30)

    call(0, -1)  # warm: the server fetches the issuer's keys once
    cpu, started = process_cpu(server.pid), time.monotonic()
    latencies = in_parallel(clients, seconds, call)
    elapsed, cpu = time.monotonic() - started, process_cpu(server.pid) - cpu
    for ch in channels:
        ch.close()
    return {
        key: len(latencies) / elapsed,
        f"{key}_p50": 1000 * percentile(latencies, 50),
        f"{key}_p99": 1000 * percentile(latencies, 99),
        f"{key}_cpu": 1000 * cpu / len(latencies),
    }

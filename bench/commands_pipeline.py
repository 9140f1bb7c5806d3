"""End to end with concurrent clients (T7): 8 clients call `RegisterProduct` over gRPC (the
registration server in a process of its own, as `bench.commands` runs it) while the
registration relay and the reporting stream run in processes of their own (`bench.roles`),
on databases `<db-prefix>pipeline_{registration,reporting}` and topics of their own.

First `seconds` (60) at full speed: the end-to-end rate is the products whose catalogue row
was committed within that window over its length, beside T3's 8-client capacity; then
`paced` seconds (20) at half the full-speed command rate, spread evenly over the clients:
the latency from each command's return to its catalogue row's commit, nearest-rank p99."""

from __future__ import annotations

import asyncio
import multiprocessing
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric import rsa

from bench.commands import CLIENTS, serve
from bench.infra import (
    ACTOR,
    SERVICES,
    create_schemas,
    create_topics,
    delete_topics,
    ensure_databases,
    percentile,
    reset_database,
    say,
)
from bench.report import Spec, Target
from bench.roles import Inbox, StreamLog, relay_process, stream_process
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.identity.accounts import Account, AccountStore
from runtime.identity.issuer import IssuerServer
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration

TITLE = f"end to end, {CLIENTS} clients over gRPC"
EVERY = 50  # the stream reports every this many applied messages
SPECS = (
    Spec(
        "pipe_e2e",
        f"end-to-end rate, {CLIENTS} clients, sustained",
        "ev/s",
        "grpc_8",
        Target("T7", 0.8, "≥ 0.8 × T3's capacity (8 clients) sustained 60 s"),
    ),
    Spec("pipe_commands", f"commands, {CLIENTS} clients, in the pipeline", "ev/s", "grpc_8"),
    Spec("pipe_full_p99", "latency p99, full speed (queueing)", "ms"),
    Spec("pipe_paced_rate", "paced rate (half the command rate)", "ev/s", "pipe_commands"),
    Spec("pipe_paced_p50", "latency p50, paced", "ms"),
    Spec(
        "pipe_paced_p99",
        "latency p99, paced",
        "ms",
        None,
        Target("T7", 250, "p99 ≤ 250 ms at half the capacity", at_most=True),
    ),
)


def drive(address: str, token: str, producer: str, seconds: float, rate: float | None) -> Any:
    """`CLIENTS` threads calling for `seconds`, each as fast as it can or at `rate`/`CLIENTS`;
    {product id: when its command returned}."""
    returned: dict[str, float] = {}
    lock = threading.Lock()
    channels = [grpc.insecure_channel(address) for _ in range(CLIENTS)]
    metadata = (("authorization", f"Bearer {token}"),)
    run = uuid.uuid4().hex[:6]
    start = threading.Barrier(CLIENTS)

    def client(c: int) -> None:
        stub = pb_grpc.RegistrationStub(channels[c])  # type: ignore[no-untyped-call]
        start.wait()
        began = time.monotonic()
        n = 0
        while time.monotonic() - began < seconds:
            if rate:
                due = began + (n + c / CLIENTS) * CLIENTS / rate
                time.sleep(max(0.0, due - time.monotonic()))
            request = pb.RegisterProductRequest(
                producer_id=producer, name=f"Cà phê {run} {c}-{n}", product_set=13
            )
            reply = stub.RegisterProduct(request, metadata=metadata, timeout=30)
            with lock:
                returned[reply.product_id] = time.monotonic()
            n += 1

    threads = [threading.Thread(target=client, args=(c,)) for c in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for ch in channels:
        ch.close()
    return returned


def fresh(settings: Settings) -> Settings:
    """Settings for databases and topics of the pipeline's own, emptied and created."""
    own = settings.model_copy(
        update={
            "pg_db_prefix": f"{settings.pg_db_prefix}pipeline_",
            "topic_prefix": f"bench{uuid.uuid4().hex[:8]}p.",
        }
    )
    ensure_databases(own, f"{settings.pg_db_prefix}registration")
    for service in SERVICES:
        reset_database(own, service)
    create_schemas(own)
    asyncio.run(create_topics(own.kafka_bootstrap, own.topic_prefix))
    return own


def producer_of(settings: Settings) -> str:
    registration = build_registration(settings)
    try:
        return str(
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


def figures(
    applied: dict[str, float], full: dict[str, float], slow: dict[str, float], window: float
) -> dict[str, float]:
    missing = (set(full) | set(slow)) - set(applied)
    if missing:
        raise RuntimeError(f"{len(missing)} products never reached the catalogue")
    ended = max(full.values())
    full_lat = [applied[p] - t for p, t in full.items()]
    slow_lat = [applied[p] - t for p, t in slow.items()]
    return {
        "pipe_e2e": sum(1 for p in full if applied[p] <= ended) / window,
        "pipe_commands": len(full) / window,
        "pipe_full_p99": 1000 * percentile(full_lat, 99),
        "pipe_paced_p50": 1000 * percentile(slow_lat, 50),
        "pipe_paced_p99": 1000 * percentile(slow_lat, 99),
    }


def pipeline(settings: Settings, seconds: float = 60, paced: float = 20) -> dict[str, float]:
    """The figures of `SPECS` from one run (see the module's docstring)."""
    own = fresh(settings)
    context = multiprocessing.get_context("spawn")
    channel: Any = context.Queue()
    stop = context.Event()
    marks = tuple(range(EVERY, EVERY * 20_000, EVERY))
    roles = [
        context.Process(target=relay_process, args=(own, channel, stop)),
        context.Process(target=stream_process, args=(own, marks, channel, stop)),
    ]
    for role in roles:
        role.start()
    inbox = Inbox(channel)
    folder = tempfile.TemporaryDirectory()
    issuer = IssuerServer(
        AccountStore(Path(folder.name) / "accounts.sqlite3"),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
    ).start()
    ports: Any = context.Queue()
    server = context.Process(target=serve, args=(own, issuer.url, ports, stop))
    try:
        inbox.wait("ready", 120)
        inbox.wait("ready", 120)
        producer = producer_of(own)
        inbox.wait("warm", 120)
        server.start()
        address = f"127.0.0.1:{ports.get(timeout=120)}"
        token = issuer.issuer.issue(Account("bench", ("commune_officer",), "23500", "b", True))
        say(f"pipeline: {CLIENTS} clients at full speed for {seconds:g} s")
        began = time.monotonic()
        full = drive(address, token, producer, seconds, None)
        window = time.monotonic() - began
        rate = 0.5 * len(full) / window
        say(f"pipeline: {len(full) / window:.0f} commands/s; then paced at {rate:.0f}/s")
        slow = drive(address, token, producer, paced, rate)
        for _ in range((1 + len(full) + len(slow)) // EVERY):
            inbox.wait("done", 300)
        time.sleep(3)  # the last partial group
        stop.set()
        streamed: StreamLog = inbox.wait("stream", 60)
    finally:
        stop.set()
        for process in (*roles, server):
            if process.pid is not None:
                process.join(30)
        issuer.stop()
        folder.cleanup()
        asyncio.run(delete_topics(own.kafka_bootstrap, own.topic_prefix))
    return figures(streamed.applied_at, full, slow, window) | {"pipe_paced_rate": len(slow) / paced}

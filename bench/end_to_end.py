"""End to end, distributed (T7): commands (`app.products.register_product`, one client, one
stored event each) -> the registration relay -> Kafka -> the reporting stream (FastStream
batch subscriber + `TrackedConsumer`) -> the product catalogue.

By default the relay and the stream are separate OS processes, as deployed; `--inproc`
runs them as tasks of one asyncio program instead. N commands go as fast as one client
can, then M more paced at half the end-to-end rate just measured. Latency per product
runs from the command's return to the commit of its catalogue row (the consumer's effect
is wrapped to stamp the time; `time.monotonic` is one clock for every process on Linux).
CPU time is taken per process over the full-speed window."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import queue
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bench.infra import ACTOR, Servers, cpu_between, machine_cpu, percentile, server_cpu
from bench.report import Spec
from bench.roles import (
    Inbox,
    RelayLog,
    StreamLog,
    relay_process,
    relay_role,
    stream_process,
    stream_role,
)
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration

TITLE = "end to end, distributed"
SPECS = (
    Spec(
        "e2e",
        "end-to-end throughput, 1 client",
        "ev/s",
        "commands_alone",
    ),
    Spec("e2e_pg", "end-to-end throughput, vs single-row commits", "ev/s", "pg_single"),
    Spec("commands", "commands, in the run", "ev/s", "commands_alone"),
    Spec("full_p50", "latency p50, full speed", "ms", "pg_commit_ms"),
    Spec("full_p95", "latency p95, full speed", "ms", "pg_commit_ms"),
    Spec("full_p99", "latency p99, full speed", "ms", "pg_commit_ms"),
    Spec("full_max", "latency max, full speed", "ms", "pg_commit_ms"),
    Spec("paced_rate", "paced rate (half the end-to-end rate)", "ev/s", "e2e"),
    Spec("paced_p50", "latency p50, paced", "ms", "pg_commit_ms"),
    Spec("paced_p95", "latency p95, paced", "ms", "pg_commit_ms"),
    Spec(
        "paced_p99",
        "latency p99, paced",
        "ms",
    ),
    Spec("paced_max", "latency max, paced", "ms", "pg_commit_ms"),
    Spec("relay_busy", "relay publish rate, in the run", "ev/s", "log_read"),
    Spec("relay_batch", "relay batch, in the run (mean)", "ev"),
    Spec("stream_busy", "consumer apply rate, in the run", "ev/s", "pg_single"),
    Spec("stream_batch", "consumer batch, in the run (mean)", "ev"),
    Spec("machine_busy", "machine CPU busy, in the run", "%"),
    Spec("cpu_commands", "CPU per event: commands process", "ms/ev", "cpu_total"),
    Spec("cpu_relay", "CPU per event: relay process", "ms/ev", "cpu_total"),
    Spec("cpu_stream", "CPU per event: stream process", "ms/ev", "cpu_total"),
    Spec("cpu_bench", "CPU per event: benchmark process", "ms/ev", "cpu_total"),
    Spec("cpu_postgres", "CPU per event: PostgreSQL, whole cluster", "ms/ev", "cpu_total"),
    Spec("cpu_kafka", "CPU per event: Kafka broker", "ms/ev", "cpu_total"),
    Spec("cpu_total", "CPU per event: sum of the above", "ms/ev"),
    Spec("cpu_ceiling", "CPU ceiling: cores / CPU per event", "ev/s"),
)


@dataclass
class Drive:
    started: float
    commands_done: float
    done: float  # when the 'done' of the last row arrived
    returned_at: dict[str, float]  # product id -> when its command returned
    cpu_main: float  # CPU seconds of this process over [started, done]
    cpu_servers: dict[str, float]  # CPU seconds of Kafka and PostgreSQL, over [started, done]
    machine_busy: float  # fraction of all cores busy over [started, done]
    paced_rate: float
    paced_returned_at: dict[str, float]


def drive(settings: Settings, servers: Servers, inbox: Inbox, events: int, paced: int) -> Drive:
    """Wait for both roles, warm the pipeline with one producer, issue `events` commands as
    fast as one client can and wait until the catalogue has them all; then `paced` more at
    half the end-to-end rate just seen, and wait for those."""
    inbox.wait("ready", 120)
    inbox.wait("ready", 120)
    # Built after the relay's: concurrent CREATE OR REPLACE FUNCTION in eventsourcing's
    # create_table fails with "tuple concurrently updated".
    registration = build_registration(settings)
    try:
        app = registration.app
        producer = app.producers.register_producer(
            ACTOR,
            name="HTX Cà phê Đăk Hà",
            kind="cooperative",
            commune_code="23500",
            legal_representative="Y Blơi",
        )
        inbox.wait("warm", 120)  # relay published it, the stream was assigned and applied it

        def command(n: int) -> str:
            return str(
                app.products.register_product(
                    ACTOR, producer_id=producer, name=f"Cà phê rang xay số {n}", product_set=13
                )
            )

        returned_at: dict[str, float] = {}
        cpu_before, machine_before = server_cpu(servers), machine_cpu()
        process_before = time.process_time()
        started = time.monotonic()
        for n in range(events):
            returned_at[command(n)] = time.monotonic()
        commands_done = time.monotonic()
        inbox.wait("done", 120 + events / 20)
        done = time.monotonic()
        process = time.process_time() - process_before
        cpu_after, machine_after = server_cpu(servers), machine_cpu()
        by_server = {k: v - cpu_before[k] for k, v in cpu_after.items()}
        busy = (machine_after[0] - machine_before[0]) / (machine_after[1] - machine_before[1])

        rate = 0.5 * events / (done - started)
        paced_returned_at = paced_commands(command, range(events, events + paced), rate, inbox)
        return Drive(
            started,
            commands_done,
            done,
            returned_at,
            process,
            by_server,
            busy,
            rate,
            paced_returned_at,
        )
    finally:
        registration.app.close()


def paced_commands(
    command: Callable[[int], str], numbers: range, rate: float, inbox: Inbox
) -> dict[str, float]:
    """Commands `numbers` issued at `rate` per second; when each returned, by its id, once
    the catalogue has them all."""
    returned_at: dict[str, float] = {}
    due = time.monotonic()
    for n in numbers:
        time.sleep(max(0.0, due - time.monotonic()))
        returned_at[command(n)] = time.monotonic()
        due += 1 / rate
    if numbers:
        inbox.wait("done", 120 + len(numbers) / 20)
    return returned_at


def marks(events: int, paced: int) -> tuple[int, ...]:
    """Applied-message counts at which the stream says 'done': the producer and the products
    at full speed, then the paced ones."""
    return (events + 1, events + 1 + paced)


def run_processes(
    settings: Settings, servers: Servers, events: int, paced: int
) -> tuple[Drive, RelayLog, StreamLog]:
    context = multiprocessing.get_context("spawn")
    channel: Any = context.Queue()
    stop = context.Event()
    children = [
        context.Process(target=relay_process, args=(settings, channel, stop), name="bench-relay"),
        context.Process(
            target=stream_process,
            args=(settings, marks(events, paced), channel, stop),
            name="bench-stream",
        ),
    ]
    for child in children:
        child.start()

    def check() -> None:
        for child in children:
            if child.exitcode is not None and not stop.is_set():
                raise RuntimeError(f"{child.name} exited with code {child.exitcode}")

    inbox = Inbox(channel, check)
    try:
        driven = drive(settings, servers, inbox, events, paced)
        stop.set()
        relayed: RelayLog = inbox.wait("relay", 60)
        streamed: StreamLog = inbox.wait("stream", 60)
    finally:
        stop.set()
        for child in children:
            child.join(timeout=30)
            if child.is_alive():
                child.terminate()
                child.join()
    return driven, relayed, streamed


async def run_inproc(
    settings: Settings, servers: Servers, events: int, paced: int
) -> tuple[Drive, RelayLog, StreamLog]:
    channel: queue.Queue[Any] = queue.Queue()
    stop = threading.Event()
    roles = [
        asyncio.create_task(relay_role(settings, channel, stop)),
        asyncio.create_task(stream_role(settings, marks(events, paced), channel, stop)),
    ]
    inbox = Inbox(channel)
    try:
        driven = await asyncio.to_thread(drive, settings, servers, inbox, events, paced)
    finally:
        stop.set()
        await asyncio.gather(*roles, return_exceptions=True)
    relayed: RelayLog = inbox.wait("relay", 5)
    streamed: StreamLog = inbox.wait("stream", 5)
    return driven, relayed, streamed


def measure(
    settings: Settings, servers: Servers, events: int, paced: int, inproc: bool
) -> dict[str, float]:
    """The pipelined run (full speed, then paced) on fresh databases and topics, as figures."""
    if inproc:
        driven, relayed, streamed = asyncio.run(run_inproc(settings, servers, events, paced))
    else:
        driven, relayed, streamed = run_processes(settings, servers, events, paced)
    applied_at = streamed.applied_at
    issued = driven.returned_at | driven.paced_returned_at
    missing = set(issued) - set(applied_at)
    if missing or streamed.dead:
        raise RuntimeError(
            f"{len(missing)} products never reached the catalogue, {streamed.dead} dead letters"
        )
    full = [applied_at[p] - t for p, t in driven.returned_at.items()]
    slow = [applied_at[p] - t for p, t in driven.paced_returned_at.items()]
    last_row = max(applied_at[p] for p in driven.returned_at)
    window = (driven.started, driven.done)

    def during(batches: Sequence[tuple[float, ...]]) -> list[tuple[float, ...]]:
        return [b for b in batches if window[0] <= b[0] <= window[1]]

    relay_batches, stream_batches = during(relayed.batches), during(streamed.batches)
    relay_events = sum(b[2] for b in relay_batches)
    stream_applied = sum(b[3] for b in stream_batches)
    per_event = 1000 / events  # CPU seconds -> ms per event
    cpu = {
        "cpu_postgres": driven.cpu_servers["postgres"] * per_event,
        "cpu_kafka": driven.cpu_servers["kafka"] * per_event,
    }
    if inproc:
        cpu["cpu_bench"] = driven.cpu_main * per_event
    else:
        cpu["cpu_commands"] = driven.cpu_main * per_event
        cpu["cpu_relay"] = cpu_between(relayed.cpu, *window) * per_event
        cpu["cpu_stream"] = cpu_between(streamed.cpu, *window) * per_event
    cpu["cpu_total"] = sum(cpu.values())
    e2e = events / (last_row - driven.started)
    figures = {
        "e2e": e2e,
        "e2e_pg": e2e,
        "commands": events / (driven.commands_done - driven.started),
        "relay_busy": relay_events / sum(b[1] - b[0] for b in relay_batches),
        "relay_batch": relay_events / len(relay_batches),
        "stream_busy": stream_applied / sum(b[1] - b[0] for b in stream_batches),
        "stream_batch": statistics.fmean(b[2] for b in stream_batches),
        "machine_busy": 100 * driven.machine_busy,
        "cpu_ceiling": 1000 * (os.cpu_count() or 1) / cpu["cpu_total"],
        "paced_rate": driven.paced_rate,
    }
    for name, latencies in (("full", full), ("paced", slow)):
        if latencies:
            for p in (50, 95, 99):
                figures[f"{name}_p{p}"] = 1000 * percentile(latencies, p)
            figures[f"{name}_max"] = 1000 * max(latencies)
    return figures | cpu

"""The roles of the distributed system as the benchmark runs them: the registration relay
and the reporting stream, each timing what it does, in an OS process of its own (as
deployed) or as an asyncio task; and the inbox through which they report to the driver."""

from __future__ import annotations

import asyncio
import dataclasses
import queue
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from eventsourcing.persistence import Tracking

from bench.infra import kafka_broker, quiet_logging
from contracts import topics
from contracts.registration import ProductRegistered
from runtime.consumer import BatchResult, Effect, TrackedConsumer
from runtime.kafka import KafkaDeadLetters, KafkaPublisher, subscribe
from runtime.messages import InMessage
from runtime.settings import Settings
from runtime.tracking import EventTracking
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import NAME as REPORTING
from services.reporting.bootstrap import build as build_reporting


class Outbox(Protocol):
    def put(self, obj: Any, /) -> None: ...


class Inbound(Protocol):
    def get(self, block: bool = ..., timeout: float | None = ..., /) -> Any: ...


class StopFlag(Protocol):
    def is_set(self) -> bool: ...


class Inbox:
    """Messages `(kind, payload)` from the relay and the stream, whichever process they run in."""

    def __init__(self, source: Inbound, check: Callable[[], None] = lambda: None) -> None:
        self.source = source
        self.check = check  # raises when a role can no longer answer
        self.pending: dict[str, list[Any]] = {}

    def wait(self, kind: str, timeout: float) -> Any:
        deadline = time.monotonic() + timeout
        while not self.pending.get(kind):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no '{kind}' within {timeout:.0f} s")
            try:
                got, payload = self.source.get(True, min(left, 1.0))
            except queue.Empty:
                self.check()
                continue
            if got == "error":
                raise RuntimeError(f"a benchmark role failed:\n{payload}")
            self.pending.setdefault(got, []).append(payload)
        return self.pending[kind].pop(0)


@dataclass
class TimedConsumer(TrackedConsumer):
    """A `TrackedConsumer` that keeps when each batch ran, and whose effect stamps each apply."""

    batches: list[tuple[float, float, int, int]] = field(default_factory=list)
    dead: int = 0

    def handle_batch(self, messages: Sequence[InMessage]) -> BatchResult:
        started = time.monotonic()
        result = super().handle_batch(messages)
        self.batches.append((started, time.monotonic(), len(messages), result.applied))
        self.dead += len(result.dead)
        return result


@dataclass
class RelayLog:
    batches: list[tuple[float, float, int]]  # start, end, notifications covered
    cpu: list[tuple[float, float]]


@dataclass
class StreamLog:
    applied_at: dict[str, float]  # product id -> when its catalogue row was committed
    last_apply: float
    batches: list[tuple[float, float, int, int]]  # start, end, messages, applied
    dead: int
    cpu: list[tuple[float, float]]  # (monotonic, process CPU seconds) every 0.1 s


def instrument(
    base: TrackedConsumer, marks: Sequence[int], outbox: Outbox
) -> tuple[TimedConsumer, Any]:
    """`base` with its effects wrapped (one message, and a whole batch in one transaction):
    stamps each product's row when its transaction committed, says 'warm' after the first
    applied message and 'done' when the count of applied messages reaches or passes each
    of `marks`."""
    consumer = TimedConsumer(**{f.name: getattr(base, f.name) for f in dataclasses.fields(base)})
    effect: Effect = base.effect
    batch_effect = base.batch_effect
    state: dict[str, Any] = {"count": 0, "last": 0.0, "applied_at": {}, "marks": sorted(marks)}

    def stamp(events: Sequence[Any]) -> None:
        now = time.monotonic()
        for event in events:
            if isinstance(event, ProductRegistered):
                state["applied_at"][str(event.aggregate_id)] = now
        before = state["count"]
        state["count"] += len(events)
        state["last"] = now
        if before == 0 and events:
            outbox.put(("warm", now))
        while state["marks"] and state["count"] >= state["marks"][0]:
            state["marks"].pop(0)
            outbox.put(("done", now))

    def stamped(event: Any, tracking: Tracking) -> None:
        effect(event, tracking)
        stamp([event])

    def stamped_batch(batch: Sequence[tuple[Any, EventTracking]]) -> set[str]:
        assert batch_effect is not None
        new = batch_effect(batch)
        stamp([event for event, tracking in batch if tracking.event_key in new])
        return new

    consumer.effect = stamped
    if batch_effect is not None:
        consumer.batch_effect = stamped_batch
    return consumer, state


async def until(stop: StopFlag, cpu: list[tuple[float, float]]) -> None:
    """Wait for `stop`, sampling this process's CPU time every 0.1 s meanwhile."""
    while not stop.is_set():
        cpu.append((time.monotonic(), time.process_time()))
        await asyncio.sleep(0.1)
    cpu.append((time.monotonic(), time.process_time()))


async def relay_role(settings: Settings, outbox: Outbox, stop: StopFlag) -> None:
    """The registration relay, as `Relay.run` loops, timing each batch it publishes."""
    try:
        registration = build_registration(settings)
        broker = kafka_broker(settings, "bench-relay")
        await broker.connect()
        try:
            relay = registration.relay(KafkaPublisher(broker, settings.topic_prefix), settings)
            outbox.put(("ready", "relay"))
            batches: list[tuple[float, float, int]] = []
            cpu: list[tuple[float, float]] = []
            sampler = asyncio.create_task(until(stop, cpu))
            while not stop.is_set():
                started = time.monotonic()
                covered = await relay.run_once()
                if covered:
                    batches.append((started, time.monotonic(), covered))
                else:
                    await asyncio.sleep(settings.relay_poll_seconds)
            await sampler
            outbox.put(("relay", RelayLog(batches, cpu)))
        finally:
            await broker.stop()
            registration.app.close()
    except Exception:
        outbox.put(("error", "relay: " + traceback.format_exc()))
        raise


async def stream_role(
    settings: Settings, marks: Sequence[int], outbox: Outbox, stop: StopFlag
) -> None:
    """The reporting stream as `runtime.processes.run_stream` wires it, instrumented."""
    try:
        reporting = build_reporting(settings)
        consumer, state = instrument(reporting.consumer(settings), marks, outbox)
        prefix = settings.topic_prefix
        broker = kafka_broker(settings, "bench-stream")
        subscribe(
            broker,
            consumer,
            KafkaDeadLetters(broker, prefix + topics.dead_letter_topic(REPORTING)),
            list(topics.subscriptions(REPORTING)),
            f"{prefix}{REPORTING}",
            max_records=settings.consumer_batch_size,
            topic_prefix=prefix,
        )
        await broker.start()
        cpu: list[tuple[float, float]] = []
        try:
            outbox.put(("ready", "stream"))
            await until(stop, cpu)
        finally:
            await broker.stop()
            reporting.app.close()
        log = StreamLog(state["applied_at"], state["last"], consumer.batches, consumer.dead, cpu)
        outbox.put(("stream", log))
    except Exception:
        outbox.put(("error", "stream: " + traceback.format_exc()))
        raise


def relay_process(settings: Settings, outbox: Outbox, stop: StopFlag) -> None:
    quiet_logging()
    asyncio.run(relay_role(settings, outbox, stop))


def stream_process(
    settings: Settings, marks: Sequence[int], outbox: Outbox, stop: StopFlag
) -> None:
    quiet_logging()
    asyncio.run(stream_role(settings, marks, outbox, stop))

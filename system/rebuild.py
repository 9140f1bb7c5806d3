"""`ocop reporting rebuild`: a new version of every reporting read model, built beside the
live one while the system serves, then switched to (services/reporting/application/
rebuild.py says how the versions and the switch work).

Where the events come from: in the embedded mode (`OCOP_DELIVERY=inproc`) the sources'
own stores, read only, as a restart replays them (`EmbeddedSystem.stored_messages`); in
the distributed mode (`OCOP_DELIVERY=kafka`) every partition of every topic reporting
consumes, from offset 0 to the end offsets read at the start (event topics keep their
data forever). Events published meanwhile reach the new version through the live
consumers. A progress bar on stderr shows events/s and the time left."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from contracts import registry
from contracts.topics import subscriptions
from runtime.consumer import TrackedConsumer
from runtime.gc_pause import gc_paused
from runtime.messages import InMessage
from runtime.metrics import Metrics
from runtime.settings import Settings
from runtime.wiring import consumer_for
from services.reporting.application import ReportingApp
from services.reporting.application.rebuild import GRACE_SECONDS, Rebuild

NAME = "reporting"
Batches = tuple[int, Iterator[Sequence[InMessage]]]
"""(how many messages in all, the batches): what a source gives the rebuild."""


@dataclass
class Rebuilt:
    version: int
    replaced: int
    replayed: int
    applied: int
    duplicates: int
    dead: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.replayed / self.seconds if self.seconds else 0.0


def rebuild(
    app: ReportingApp,
    source: Callable[[], Batches],
    settings: Settings,
    *,
    progress: bool = True,
    restart: bool = False,
    grace_seconds: float = GRACE_SECONDS,
) -> Rebuilt:
    """Build a new version of `app`'s read models from `source`, switch to it, drop the old
    one. A failure leaves the live version as it was and forgets the new one."""
    from tqdm import tqdm

    work = Rebuild(app, grace_seconds)
    version = work.begin(restart=restart)
    consumer: TrackedConsumer = consumer_for(
        NAME, registry.parse, work.apply, work.seen, Metrics(f"{NAME}-rebuild"), settings
    )
    applied = duplicates = dead = replayed = 0
    started = time.monotonic()
    try:
        total, batches = source()
        with (
            tqdm(
                total=total, unit="ev", unit_scale=True, disable=not progress, mininterval=0.5
            ) as bar,
            _Prepared(batches) as prepared,
        ):
            bar.set_description(f"v{version}")
            for batch, events in prepared:
                with gc_paused():
                    new = None if events is None else _in_one_transaction(work, events)
                if new is None:  # a message that does not parse or apply: one at a time
                    result = consumer.handle_batch(batch)
                    new, dead = result.applied, dead + len(result.dead)
                    duplicates += result.duplicates
                else:
                    duplicates += len(batch) - new
                applied += new
                replayed += len(batch)
                bar.update(len(batch))
        seconds = time.monotonic() - started
        replaced = work.finish()
    except BaseException:
        work.abandon()
        raise
    return Rebuilt(version, replaced, replayed, applied, duplicates, dead, seconds)


Events = list[tuple[Any, str]]


def _parsed(batch: Sequence[InMessage]) -> Events | None:
    """The batch's events (each with its topic), or None when one does not parse."""
    try:
        with gc_paused():
            return [(registry.parse(m.topic, m.value), m.topic) for m in batch]
    except Exception:  # noqa: BLE001 - retried one by one, where each error is reported
        return None


def _in_one_transaction(work: Rebuild, events: Events) -> int | None:
    """The batch applied in one transaction (how many were new), or None when it fails:
    the caller then applies it message by message, so that only the bad one goes to the
    dead letters."""
    try:
        return work.apply_batch(events)
    except Exception:  # noqa: BLE001 - retried one by one, where each error is reported
        return None


_END = object()


class _Prepared:
    """The source's batches read and parsed one ahead, in a thread of its own, while the
    caller writes the previous one: reading the next page and parsing it (this process)
    overlap the previous batch's write and commit (the database's backend, another core).
    Yields (batch, its events or None); an error of the source is raised to the caller;
    leaving the `with` early stops the reader."""

    def __init__(self, batches: Iterator[Sequence[InMessage]], ahead: int = 2) -> None:
        self.batches = batches
        self.ready: queue.Queue[Any] = queue.Queue(maxsize=ahead)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._read, name="rebuild-reader", daemon=True)

    def __enter__(self) -> _Prepared:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        while self.thread.is_alive():  # unblock a reader waiting on a full queue
            with contextlib.suppress(queue.Empty):
                self.ready.get(timeout=0.05)
        self.thread.join()

    def __iter__(self) -> Iterator[tuple[Sequence[InMessage], Events | None]]:
        while (item := self.ready.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item

    def _read(self) -> None:
        try:
            for batch in self.batches:
                if not self._put((batch, _parsed(batch))):
                    return
            self._put(_END)
        except BaseException as error:  # noqa: BLE001 - handed to the caller
            self._put(error)
        finally:
            close = getattr(self.batches, "close", None)
            if close is not None:  # a generator's cleanup (its reader's), in this thread
                close()

    def _put(self, item: object) -> bool:
        while not self.stop.is_set():
            with contextlib.suppress(queue.Full):
                self.ready.put(item, timeout=0.1)
                return True
        return False


def stored(messages: Sequence[InMessage], batch: int = 500) -> Callable[[], Batches]:
    """A source of messages already read (the embedded mode's stores)."""

    def batches() -> Batches:
        return len(messages), (messages[i : i + batch] for i in range(0, len(messages), batch))

    return batches


def from_kafka(settings: Settings) -> Callable[[], Batches]:
    """Every message of reporting's topics from offset 0 to the end offsets read at the
    start, fetched batch by batch (the total is known before the first fetch)."""

    def batches() -> Batches:
        reader = _TopicReader(settings)
        total = reader.open()
        return total, reader.batches()

    return batches


class _TopicReader:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.loop = asyncio.new_event_loop()
        self.consumer: Any = None
        self.wanted: dict[Any, int] = {}

    def open(self) -> int:
        return self.loop.run_until_complete(self._open())

    async def _open(self) -> int:
        from aiokafka import AIOKafkaConsumer, TopicPartition
        from aiokafka.admin import AIOKafkaAdminClient

        from runtime.kafka_auth import client_security, credentials_of

        prefix = self.settings.topic_prefix
        # As reporting's own principal on a secured broker (it may read what it consumes).
        security = client_security(credentials_of(self.settings.kafka_credentials_dir, NAME))
        self.consumer = AIOKafkaConsumer(
            bootstrap_servers=self.settings.kafka_bootstrap,
            enable_auto_commit=False,
            group_id=None,
            client_id=f"{NAME}-rebuild",
            **security,
        )
        await self.consumer.start()
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.settings.kafka_bootstrap,
            client_id=f"{NAME}-rebuild",
            **security,
        )
        await admin.start()
        try:
            described = await admin.describe_topics([prefix + t for t in subscriptions(NAME)])
        finally:
            await admin.close()
        partitions = [
            TopicPartition(topic["topic"], part["partition"])
            for topic in described
            if topic.get("error_code") == 0
            for part in topic.get("partitions", ())
        ]
        if not partitions:
            return 0
        self.consumer.assign(partitions)
        starts = await self.consumer.beginning_offsets(partitions)
        ends = await self.consumer.end_offsets(partitions)
        await self.consumer.seek_to_beginning(*partitions)
        self.wanted = {p: end for p, end in ends.items() if end > starts[p]}
        return sum(end - starts[p] for p, end in self.wanted.items())

    def batches(self) -> Iterator[Sequence[InMessage]]:
        from runtime.kafka import to_in_message

        try:
            while self.wanted:
                fetched = self.loop.run_until_complete(
                    self.consumer.getmany(*self.wanted, timeout_ms=1000, max_records=500)
                )
                batch: list[InMessage] = []
                for partition, found in fetched.items():
                    end = self.wanted.get(partition)
                    if end is None:
                        continue
                    batch += [
                        to_in_message(r, self.settings.topic_prefix)
                        for r in found
                        if r.offset < end
                    ]
                    if found and found[-1].offset + 1 >= end:
                        self.wanted.pop(partition)
                if batch:
                    yield batch
        finally:
            if self.consumer is not None:
                self.loop.run_until_complete(self.consumer.stop())
            self.loop.close()

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
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from contracts import registry
from contracts.topics import subscriptions
from runtime.consumer import TrackedConsumer, gc_paused
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
        with tqdm(
            total=total, unit="ev", unit_scale=True, disable=not progress, mininterval=0.5
        ) as bar:
            bar.set_description(f"v{version}")
            for batch in batches:
                with gc_paused():
                    new = _in_one_transaction(work, batch)
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


def _in_one_transaction(work: Rebuild, batch: Sequence[InMessage]) -> int | None:
    """The batch applied in one transaction (how many were new), or None when a message
    fails to parse or apply: the caller then applies it message by message, so that only
    the bad one goes to the dead letters."""
    try:
        events = [(registry.parse(m.topic, m.value), m.topic) for m in batch]
        return work.apply_batch(events)
    except Exception:  # noqa: BLE001 - retried one by one, where each error is reported
        return None


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

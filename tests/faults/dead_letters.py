"""The fault suite's reading of its broker's dead-letter topics (`test_faults.py`): what
they hold, their offsets, a tail following them all along the run, and the consumer
groups."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from contracts import topics

PREFIX = "faults."
"""The suite's topic and consumer-group prefix."""

DEAD_LETTERING = ("reporting", "evaluation")  # the consumers of registration's events


def beginning_reader(bootstrap: str) -> AIOKafkaConsumer:
    """A reader without a group whose first position is the earliest offset."""
    return AIOKafkaConsumer(bootstrap_servers=bootstrap, auto_offset_reset="earliest")


async def from_the_beginning(reader: AIOKafkaConsumer, partitions: list[TopicPartition]) -> None:
    """Assign `partitions` and seek each to its first offset, explicitly.

    Not `seek_to_beginning`: with aiokafka 0.14, `assign` starts the reset of the default
    strategy (`latest` unless told otherwise) and a `seek_to_beginning` made while that
    request is in flight is overwritten by its answer, so the read starts at the end and
    finds nothing (6 of 40 tries on the shared broker; the three loaded full runs that
    read no dead letter back). An explicit `seek` is kept whatever answer comes later."""
    reader.assign(partitions)
    for partition, offset in (await reader.beginning_offsets(partitions)).items():
        reader.seek(partition, offset)


def dead_letter_partition(service: str) -> TopicPartition:
    return TopicPartition(PREFIX + topics.dead_letter_topic(service), 0)


async def dead_letters(bootstrap: str) -> dict[str, list[Any]]:
    """The records the dead-letter topics of `DEAD_LETTERING` hold now."""
    reader = beginning_reader(bootstrap)
    await reader.start()
    try:
        letters: dict[str, list[Any]] = {}
        for service in DEAD_LETTERING:
            letters[service] = []
            partition = dead_letter_partition(service)
            await from_the_beginning(reader, [partition])
            end = (await reader.end_offsets([partition]))[partition]
            while end and (await reader.position(partition)) < end:
                batch = await reader.getmany(partition, timeout_ms=2000)
                letters[service].extend(batch.get(partition, []))
        return letters
    finally:
        await reader.stop()


async def offsets(bootstrap: str) -> dict[str, tuple[int, int]]:
    """service -> (log start offset, end offset) of its dead-letter partition."""
    reader = AIOKafkaConsumer(bootstrap_servers=bootstrap)
    await reader.start()
    try:
        partitions = [dead_letter_partition(s) for s in DEAD_LETTERING]
        starts = await reader.beginning_offsets(partitions)
        ends = await reader.end_offsets(partitions)
        return {s: (starts[p], ends[p]) for s, p in zip(DEAD_LETTERING, partitions, strict=True)}
    finally:
        await reader.stop()


class DeadLetterTail:
    """Follows the dead-letter topics from their beginning all along the run, in a thread
    of its own (riding out the broker's outage like any client): each record the
    consumers' acknowledged dead-lettering put there, by service and offset, whatever the
    broker holds at the end."""

    def __init__(self, bootstrap: str) -> None:
        self.bootstrap = bootstrap
        self.seen: dict[str, dict[int, Any]] = {s: {} for s in DEAD_LETTERING}
        self.errors: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._follow()), daemon=True)

    async def _follow(self) -> None:
        reader = beginning_reader(self.bootstrap)
        await reader.start()
        try:
            partitions = {dead_letter_partition(s): s for s in DEAD_LETTERING}
            await from_the_beginning(reader, list(partitions))
            while not self.stop.is_set():
                try:
                    batches = await reader.getmany(timeout_ms=500)
                except Exception as error:  # noqa: BLE001 - the broker's outage: keep following
                    self.errors.append(f"{type(error).__name__}: {error}")
                    await asyncio.sleep(0.5)
                    continue
                for partition, records in batches.items():
                    for record in records:
                        self.seen[partitions[partition]][record.offset] = record
        finally:
            await reader.stop()

    def start(self) -> None:
        self.thread.start()

    def records(self) -> dict[str, list[Any]]:
        return {s: [r for _, r in sorted(seen.items())] for s, seen in self.seen.items()}

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=30)


async def consumer_groups(bootstrap: str) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return [group[0] for group in await admin.list_consumer_groups()]
    finally:
        await admin.close()


def kept_dead_letters(
    bootstrap: str, tail: DeadLetterTail, poison: int
) -> tuple[dict[str, list[Any]], dict[str, list[int]]]:
    """The dead letters the tail saw, by consumer (once each consumer set every poison
    aside, or after a minute), and those seen that the broker no longer holds."""
    for _ in range(30):  # a consumer killed mid-batch dead-letters on redelivery
        by_service = tail.records()
        if all(len({r.value for r in v}) >= poison for v in by_service.values()):
            break
        time.sleep(2)
    tail.close()
    # What the tail saw must still be there: a dead letter the broker acknowledged and
    # a reader saw is never lost afterwards.
    held = asyncio.run(dead_letters(bootstrap))
    vanished = {s: sorted(set(tail.seen[s]) - {r.offset for r in held[s]}) for s in DEAD_LETTERING}
    return by_service, {s: v for s, v in vanished.items() if v}

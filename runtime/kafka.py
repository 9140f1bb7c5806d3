"""Kafka delivery through FastStream: an idempotent acks=all publisher for the relay, and
batch subscribers that run a `TrackedConsumer`, dead-letter poison messages, and commit
offsets only after the batch's effects are stored (a crash before the commit means a
redelivery, which the tracking turns into duplicates)."""

from __future__ import annotations

import asyncio
import functools
import logging
from typing import Any

from aiokafka import AIOKafkaProducer, ConsumerRecord
from aiokafka.partitioner import murmur2
from faststream import AckPolicy, Context
from faststream.kafka import KafkaBroker
from faststream.kafka.message import KafkaMessage
from faststream.message import StreamMessage

from runtime.consumer import TrackedConsumer
from runtime.messages import (
    HEADER_ERROR,
    HEADER_ORIGINAL_OFFSET,
    HEADER_ORIGINAL_PARTITION,
    HEADER_ORIGINAL_TOPIC,
    InMessage,
    OutMessage,
)

log = logging.getLogger(__name__)


# Bytes a producer batch may hold per partition: a relay batch (500 events of about 1 KiB)
# fits in one produce request per partition. aiokafka keeps one request in flight per broker,
# so with its 16 KiB default a batch took a round trip per ~20 events (profiled in issue 18).
MAX_BATCH_BYTES = 512 * 1024


def build_broker(bootstrap: str, client_id: str, **options: Any) -> KafkaBroker:
    """A broker whose producer is idempotent with acks=all (nothing connects yet)."""
    return KafkaBroker(
        bootstrap,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        max_batch_size=MAX_BATCH_BYTES,
        **options,
    )


def aiokafka_producer(broker: KafkaBroker) -> AIOKafkaProducer:
    """The connected aiokafka producer under FastStream's `broker` (idempotent, acks=all, as
    `build_broker` made it); ConnectionError before `broker.connect()`."""
    fast = getattr(broker.config.producer, "_producer", None)
    producer = getattr(fast, "producer", None)
    if not isinstance(producer, AIOKafkaProducer):
        raise ConnectionError("the broker is not connected (no producer yet)")
    return producer


class KafkaPublisher:
    """Publishes a batch and waits for every acknowledgement.

    The messages go straight to aiokafka's producer as one record batch per partition (the
    partition chosen from the key as aiokafka's default partitioner does, so an aggregate's
    events keep their partition): no per-message FastStream publish, no future per message.
    With an idempotent producer the order of messages on one partition is the order they
    were appended in, even across retries; a failed batch fails `publish` (the relay then
    re-reads its recorded position and publishes again: at-least-once on the wire)."""

    def __init__(self, broker: KafkaBroker, topic_prefix: str = "") -> None:
        self.broker = broker
        self.topic_prefix = topic_prefix
        self._partitions: dict[str, list[int]] = {}

    async def partitions(self, producer: AIOKafkaProducer, topic: str) -> list[int]:
        if topic not in self._partitions:
            self._partitions[topic] = sorted(await producer.partitions_for(topic))
        return self._partitions[topic]

    async def publish(self, messages: list[OutMessage]) -> None:
        producer = aiokafka_producer(self.broker)
        batches: dict[tuple[str, int], Any] = {}  # the open batch of each partition
        sent: list[asyncio.Future[Any]] = []
        for m in messages:
            topic = self.topic_prefix + m.topic
            partitions = await self.partitions(producer, topic)
            partition = partitions[partition_of(m.key, len(partitions))]
            record = {
                "timestamp": None,
                "key": m.key,
                "value": m.value,
                "headers": [(k, v.encode()) for k, v in m.headers.items()],
            }
            batch = batches.get((topic, partition))
            if batch is not None and batch.append(**record) is not None:
                continue
            if batch is not None:  # full: send it, go on in a new one (the order is kept)
                sent.append(await producer.send_batch(batch, topic, partition=partition))
            batch = batches[(topic, partition)] = producer.create_batch()
            if batch.append(**record) is None:
                raise ValueError(f"a message of {len(m.value)} bytes is larger than a batch")
        for (topic, partition), batch in batches.items():
            sent.append(await producer.send_batch(batch, topic, partition=partition))
        await asyncio.gather(*sent)


@functools.lru_cache(maxsize=65536)
def partition_of(key: bytes, count: int) -> int:
    """The index of `key`'s partition among `count`: aiokafka's (and Java's) default
    partitioner, murmur2 of the key (cached: an aggregate's events share their key)."""
    index: int = (murmur2(key) & 0x7FFFFFFF) % count
    return index


class KafkaDeadLetters:
    """Dead letters to `topic`, with the original payload and key and the error."""

    def __init__(self, broker: KafkaBroker, topic: str) -> None:
        self.broker = broker
        self.topic = topic

    async def dead_letter(self, message: InMessage, error: str) -> None:
        headers = dict(message.headers)
        headers.update(
            {
                HEADER_ERROR: error[:2000],
                HEADER_ORIGINAL_TOPIC: message.topic,
                HEADER_ORIGINAL_PARTITION: str(message.partition),
                HEADER_ORIGINAL_OFFSET: str(message.offset),
            }
        )
        await self.broker.publish(message.value, self.topic, key=message.key, headers=headers)


def to_in_message(record: ConsumerRecord[Any, Any], topic_prefix: str = "") -> InMessage:
    return InMessage(
        topic=record.topic.removeprefix(topic_prefix),
        partition=record.partition,
        offset=record.offset,
        key=record.key,
        value=record.value or b"",
        headers={k: (v or b"").decode() for k, v in (record.headers or ())},
    )


async def raw_bodies(message: StreamMessage[Any]) -> Any:
    """Hand the batch's bytes over untouched: parsing (and refusing) is the consumer's job,
    so a malformed payload reaches the dead-letter topic instead of failing in FastStream."""
    return message.body


def consumer_group(topic_prefix: str, service: str) -> str:
    """A service's consumer group: `<OCOP_TOPIC_PREFIX><service>`, so deployments (or a
    test run and a demo) sharing a broker never join each other's groups."""
    return f"{topic_prefix}{service}"


def subscribe(
    broker: KafkaBroker,
    consumer: TrackedConsumer,
    dead_letters: KafkaDeadLetters,
    topics: list[str],
    group_id: str,
    max_records: int = 500,
    topic_prefix: str = "",
) -> Any:
    """Register a batch subscriber for `consumer` on `topics` in consumer group `group_id`;
    returns FastStream's subscriber (its `consumer`, once started, is the aiokafka one).

    NACK_ON_ERROR: an error escaping the batch (the database is down) seeks back and
    the batch is redelivered; effects already stored are then skipped as duplicates."""
    subscriber = broker.subscriber(
        *(topic_prefix + t for t in topics),
        group_id=group_id,
        batch=True,
        max_records=max_records,
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        decoder=raw_bodies,
        title=f"{group_id}:{'+'.join(topics)}",
    )

    @subscriber
    async def handle(bodies: list[bytes], message: KafkaMessage = Context("message")) -> None:
        raw = message.raw_message
        records = list(raw) if isinstance(raw, tuple | list) else [raw]
        batch = [to_in_message(r, topic_prefix) for r in records]
        result = await asyncio.to_thread(consumer.handle_batch, batch)
        for poisoned, error in result.dead:
            await dead_letters.dead_letter(poisoned, error)
            log.warning(
                "dead-lettered %s#%d@%d to %s: %s",
                poisoned.topic,
                poisoned.partition,
                poisoned.offset,
                dead_letters.topic,
                error[:200],
            )

    return subscriber


async def consumer_lag(subscriber: Any) -> int:
    """Messages of the partitions assigned to `subscriber`'s consumer not yet committed
    (the end offsets minus the group's committed offsets); ConnectionError while it has
    no consumer (not started, or restarting)."""
    consumer = getattr(subscriber, "consumer", None)
    if consumer is None:
        raise ConnectionError("the consumer is not running")
    assigned = list(consumer.assignment())
    if not assigned:
        return 0
    ends = await consumer.end_offsets(assigned)
    lag = 0
    for partition in assigned:
        committed = await consumer.committed(partition)
        lag += max(0, ends[partition] - (committed or 0))
    return lag

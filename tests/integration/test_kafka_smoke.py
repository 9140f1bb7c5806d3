"""Smoke test of the real Kafka broker that ``deploy/kafka/kafka.sh`` runs.

It checks what the in-memory test broker cannot: real offsets, consumer-group
commits and resuming from the committed position, and that keys and headers
survive the wire. The broker address comes from ``OCOP_KAFKA_BOOTSTRAP``; when
nothing answers there the test fails (start it with ``deploy/infra.sh up``).
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

pytestmark = [pytest.mark.kafka, pytest.mark.asyncio]

BOOTSTRAP = os.environ.get("OCOP_KAFKA_BOOTSTRAP", "127.0.0.1:19092")
PARTITIONS = 3
KEYS = [f"product-{i}" for i in range(6)]
PER_KEY = 5  # 30 messages in all


@pytest_asyncio.fixture
async def admin() -> AsyncIterator[AIOKafkaAdminClient]:
    client = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP, request_timeout_ms=15000)
    try:
        await asyncio.wait_for(client.start(), 20)
    except (KafkaError, OSError, TimeoutError) as exc:
        await client.close()
        pytest.fail(
            f"no Kafka broker answers on {BOOTSTRAP} ({type(exc).__name__}: {exc});"
            " start it with deploy/infra.sh up",
            pytrace=False,
        )
    try:
        yield client
    finally:
        await client.close()


@pytest_asyncio.fixture
async def topic(admin: AIOKafkaAdminClient) -> AsyncIterator[str]:
    """A fresh topic for this test only, deleted afterwards."""
    name = f"ocop.test.smoke-{uuid.uuid4().hex[:12]}.v1"
    response = await admin.create_topics([NewTopic(name, PARTITIONS, 1)])
    assert [(t[0], t[1]) for t in response.topic_errors] == [(name, 0)], response
    try:
        yield name
    finally:
        await admin.delete_topics([name])


async def _consume(
    consumer: AIOKafkaConsumer, count: int, timeout_s: float = 30
) -> list[ConsumerRecord]:
    """Exactly ``count`` records, or fail after ``timeout_s``; then check nothing more comes."""
    records: list[ConsumerRecord] = []
    deadline = time.monotonic() + timeout_s
    while len(records) < count:
        left = deadline - time.monotonic()
        assert left > 0, f"got {len(records)} of {count} records within {timeout_s}s"
        batches = await consumer.getmany(timeout_ms=int(min(left, 1.0) * 1000))
        for batch in batches.values():
            records.extend(batch)
    extra = await consumer.getmany(timeout_ms=500)
    assert not any(extra.values()), f"unexpected extra records: {extra}"
    assert len(records) == count
    return records


def _consumer(topic: str, group: str) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        topic,
        bootstrap_servers=BOOTSTRAP,
        group_id=group,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=10000,
        heartbeat_interval_ms=1000,
    )


async def test_produce_commit_and_resume_from_committed_offset(topic: str) -> None:
    sent = await produce_keyed(topic)
    total = len(sent)

    group = f"ocop-smoke-{uuid.uuid4().hex[:12]}"
    first = _consumer(topic, group)
    await first.start()
    try:
        records = await _consume(first, total)
        by_partition = arrived_as_sent(records, sent)

        # Same key -> same partition, in send order.
        for key in KEYS:
            keyed = [r for r in records if r.key == key.encode()]
            assert len({r.partition for r in keyed}) == 1
            assert [int(dict(r.headers)["notification-id"]) for r in keyed] == list(range(PER_KEY))

        # Commit only the first half of every partition, then leave the group.
        committed = await commit_first_half(first, topic, by_partition)
    finally:
        await first.stop()

    expected_rest = {
        (r.partition, r.offset, r.key, r.value)
        for r in records
        if r.offset >= committed[TopicPartition(topic, r.partition)]
    }
    assert 0 < len(expected_rest) < total
    second = _consumer(topic, group)
    await second.start()
    try:
        resumed = await _consume(second, len(expected_rest))
        first_offsets: dict[int, int] = {}
        for record in resumed:
            first_offsets.setdefault(record.partition, record.offset)
        assert first_offsets == {tp.partition: off for tp, off in committed.items()}
        assert {(r.partition, r.offset, r.key, r.value) for r in resumed} == expected_rest
    finally:
        await second.stop()


async def produce_keyed(topic: str) -> dict[tuple[str, int], bytes]:
    """`PER_KEY` messages for each of `KEYS`, sent in turn with their headers (one in
    Vietnamese); the value sent for each (key, sequence number)."""
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, enable_idempotence=True, acks="all")
    await producer.start()
    sent: dict[tuple[str, int], bytes] = {}
    try:
        for seq in range(PER_KEY):
            for key in KEYS:
                value = f"{key}:{seq}".encode()
                meta = await producer.send_and_wait(
                    topic,
                    value=value,
                    key=key.encode(),
                    headers=[
                        ("notification-id", str(seq).encode()),
                        ("source", b"ocop.smoke-test"),
                        ("note", "Mỗi xã một sản phẩm".encode()),
                    ],
                )
                assert meta.topic == topic
                sent[(key, seq)] = value
    finally:
        await producer.stop()
    return sent


def arrived_as_sent(
    records: list[ConsumerRecord], sent: dict[tuple[str, int], bytes]
) -> dict[int, list[ConsumerRecord]]:
    """Each record's headers and value as sent (`produce_keyed`); the records by partition."""
    by_partition: dict[int, list[ConsumerRecord]] = defaultdict(list)
    for record in records:
        by_partition[record.partition].append(record)
        headers = dict(record.headers)
        assert set(headers) == {"notification-id", "source", "note"}
        assert headers["source"] == b"ocop.smoke-test"
        assert headers["note"].decode() == "Mỗi xã một sản phẩm"
        key = record.key.decode()
        seq = int(headers["notification-id"])
        assert record.value == sent[(key, seq)]
    return by_partition


async def commit_first_half(
    consumer: AIOKafkaConsumer, topic: str, by_partition: dict[int, list[ConsumerRecord]]
) -> dict[TopicPartition, int]:
    """Commit, for every partition (its offsets contiguous), the offset of its middle
    record, and check the group holds it; the committed offsets."""
    committed: dict[TopicPartition, int] = {}
    for partition, recs in by_partition.items():
        offsets = [r.offset for r in recs]
        assert offsets == list(range(offsets[0], offsets[0] + len(offsets)))
        committed[TopicPartition(topic, partition)] = recs[len(recs) // 2].offset
    await consumer.commit(committed)
    for tp, offset in committed.items():
        assert await consumer.committed(tp) == offset
    return committed

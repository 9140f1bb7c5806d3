"""The relay's publisher on the real broker: a backlog goes out as record batches per
partition (several per partition when it exceeds one), every message lands on the partition
aiokafka's default partitioner gives its key (an aggregate's events stay together, as they
did when each message was sent alone), in the order it was given, with its headers."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from aiokafka import AIOKafkaConsumer
from aiokafka.partitioner import DefaultPartitioner

from contracts import topics
from runtime.kafka import MAX_BATCH_BYTES
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, OutMessage
from tests.conftest import kafka_bootstrap
from tests.integration.steps import kafka_publisher

pytestmark = [pytest.mark.kafka]

KEYS, EACH, PARTITIONS = 24, 50, 3


async def test_a_backlog_keeps_each_key_in_its_partition_and_in_order(topic_prefix: str) -> None:
    keys = [str(uuid.uuid4()).encode() for _ in range(KEYS)]
    padding = "x" * 3000
    messages = [
        OutMessage(
            topic=topics.REGISTRATION_EVENTS,
            key=key,
            value=f'{{"n": {n}, "pad": "{padding}"}}'.encode(),
            headers={HEADER_SOURCE: "registration", HEADER_NOTIFICATION_ID: str(n)},
        )
        for n in range(EACH)
        for key in keys
    ]
    assert sum(len(m.value) for m in messages) > 2 * PARTITIONS * MAX_BATCH_BYTES

    async with kafka_publisher(topic_prefix, "publisher-test") as publisher:
        await publisher.publish(messages[: len(messages) // 2])
        await publisher.publish(messages[len(messages) // 2 :])

    consumer = AIOKafkaConsumer(
        topic_prefix + topics.REGISTRATION_EVENTS,
        bootstrap_servers=kafka_bootstrap(),
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    received: list[tuple[int, bytes, int, dict[str, str]]] = []
    try:
        async with asyncio.timeout(60):
            while len(received) < len(messages):
                for records in (await consumer.getmany(timeout_ms=1000)).values():
                    received += [
                        (
                            r.partition,
                            r.key or b"",
                            int(r.value.split(b",")[0].split(b":")[1]) if r.value else -1,
                            {k: v.decode() for k, v in r.headers},
                        )
                        for r in records
                    ]
    finally:
        await consumer.stop()

    assert len(received) == len(messages)  # nothing lost, nothing twice
    partitioner = DefaultPartitioner()
    everyone = list(range(PARTITIONS))
    for key in keys:
        mine = [r for r in received if r[1] == key]
        assert {r[0] for r in mine} == {partitioner(key, everyone, everyone)}
        assert [r[2] for r in mine] == list(range(EACH))  # the order it was given in
        assert [r[3][HEADER_NOTIFICATION_ID] for r in mine] == [str(n) for n in range(EACH)]
        assert {r[3][HEADER_SOURCE] for r in mine} == {"registration"}

"""Replaying dead letters into the one consumer that failed them.

A dead letter goes back through the failing service's own `TrackedConsumer`, not
onto the original topic (every other consumer group there applied it already).
Duplicates are recognised by the event's identity (`runtime.tracking`): a letter
whose event was really applied is a counted duplicate; one that was not (it failed,
then the fault was fixed) is applied, however often it was replayed before. Its
position is kept under the source name `<source>+replay`, for lag only.

Kafka: the replay reads the dead-letter topic in its own consumer group and
commits after each batch, so a dead letter is replayed once unless it fails again
(then it is dead-lettered again, with the new error). Embedded: the file is
replayed under its lock; the letters that fail again replace it only once the
replayed ones are archived beside it, so a crash at any point loses no letter.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from runtime.consumer import TrackedConsumer
from runtime.inproc import FileDeadLetters, record_of, write_lines
from runtime.kafka import KafkaDeadLetters, build_broker, to_in_message
from runtime.kafka_auth import broker_security, client_security
from runtime.messages import (
    HEADER_ERROR,
    HEADER_ORIGINAL_OFFSET,
    HEADER_ORIGINAL_PARTITION,
    HEADER_ORIGINAL_TOPIC,
    HEADER_SOURCE,
    InMessage,
)

log = logging.getLogger(__name__)
REPLAY_SUFFIX = "+replay"


@dataclass
class ReplayResult:
    read: int = 0
    applied: int = 0
    duplicates: int = 0
    failed_again: int = 0


def as_original(dead: InMessage) -> InMessage:
    """The dead letter as its consumer first saw it, under the replay source name."""
    headers = {
        k: v
        for k, v in dead.headers.items()
        if k
        not in (
            HEADER_ERROR,
            HEADER_ORIGINAL_TOPIC,
            HEADER_ORIGINAL_PARTITION,
            HEADER_ORIGINAL_OFFSET,
        )
    }
    source = headers.get(HEADER_SOURCE, "unknown")
    if not source.endswith(REPLAY_SUFFIX):
        headers[HEADER_SOURCE] = source + REPLAY_SUFFIX
    return replace(
        dead,
        topic=dead.headers.get(HEADER_ORIGINAL_TOPIC, dead.topic),
        partition=int(dead.headers.get(HEADER_ORIGINAL_PARTITION, dead.partition)),
        headers=headers,
    )


async def replay_dead_letters(
    bootstrap: str,
    consumer: TrackedConsumer,
    dead_letter_topic: str,
    group_id: str,
    credentials: Path | None = None,
) -> ReplayResult:
    """Replay the dead letters present when the replay starts (and not yet replayed by
    `group_id`); one that fails again is dead-lettered again, for a later replay.
    `credentials`: the service principal's SASL/SCRAM file (runtime.kafka_auth) on a
    secured broker, None for plaintext."""
    result = ReplayResult()
    security = client_security(credentials)
    reader = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=group_id,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        **security,
    )
    broker = build_broker(bootstrap, f"{group_id}-redead", security=broker_security(credentials))
    await broker.connect()
    dead_again = KafkaDeadLetters(broker, dead_letter_topic)
    await reader.start()
    try:
        partitions = [
            TopicPartition(dead_letter_topic, p)
            for p in await _partitions(bootstrap, dead_letter_topic, security)
        ]
        reader.assign(partitions)
        end = await reader.end_offsets(partitions)
        while await _behind(reader, end):
            batches = await reader.getmany(*partitions, timeout_ms=1000)
            taken = {tp: [r for r in batch if r.offset < end[tp]] for tp, batch in batches.items()}
            records = [r for batch in taken.values() for r in batch]
            if not records:
                continue
            messages = [as_original(to_in_message(r)) for r in records]
            outcome = await asyncio.to_thread(consumer.handle_batch, messages)
            for message, error in outcome.dead:
                await dead_again.dead_letter(message, error)
            await reader.commit({tp: batch[-1].offset + 1 for tp, batch in taken.items() if batch})
            result.read += len(records)
            result.applied += outcome.applied
            result.duplicates += outcome.duplicates
            result.failed_again += len(outcome.dead)
            log.info("replayed %d dead letters: %s", len(records), result)
        return result
    finally:
        await reader.stop()
        await broker.stop()


async def _behind(reader: AIOKafkaConsumer, end: dict[TopicPartition, int]) -> bool:
    """Whether some partition has not been read up to where it ended at the start."""
    for tp, offset in end.items():
        if await reader.position(tp) < offset:
            return True
    return False


async def _partitions(bootstrap: str, topic: str, security: dict[str, Any]) -> list[int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, **security)
    await admin.start()
    try:
        (described,) = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if described["error_code"]:
        raise LookupError(f"topic {topic}: Kafka error {described['error_code']}")
    return sorted(p["partition"] for p in described["partitions"])


def replay_dead_letter_file(letters: FileDeadLetters, consumer: TrackedConsumer) -> ReplayResult:
    """Replay `<service>.jsonl`; archive it as `<service>.<UTC time>.replayed.jsonl`; keep
    the letters that failed again (with their new error) in a fresh `<service>.jsonl`."""
    result = ReplayResult()
    with letters.locked():
        taken = letters.read()
        if not taken:
            return result
        outcome = consumer.handle_batch([as_original(message) for message, _ in taken])
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        archive = letters.path.with_name(f"{letters.service}.{stamp}.replayed.jsonl")
        write_lines(archive, [record for _, record in taken])
        again = letters.path.with_name(f"{letters.service}.jsonl.new")
        write_lines(again, [record_of(message, error) for message, error in outcome.dead])
        os.replace(again, letters.path)
    result.read, result.applied = len(taken), outcome.applied
    result.duplicates, result.failed_again = outcome.duplicates, len(outcome.dead)
    return result

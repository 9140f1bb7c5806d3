"""In-process delivery for the embedded mode: the relay hands its batch straight to the
subscribed consumers, running the very same `TrackedConsumer.handle_batch` and tracking
as the Kafka path. Dead letters go to a JSON-lines file so nothing is lost."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import json
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from runtime.consumer import TrackedConsumer
from runtime.messages import InMessage, OutMessage


@dataclass
class FileDeadLetters:
    """Dead letters of one consuming service, appended to `<folder>/<service>.jsonl`.

    Appends and replays hold an exclusive lock on `<service>.jsonl.lock`, so a replay
    never loses a letter appended while it runs; each append is flushed to disk."""

    folder: Path
    service: str

    @property
    def path(self) -> Path:
        return self.folder / f"{self.service}.jsonl"

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / f"{self.service}.jsonl.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    async def dead_letter(self, message: InMessage, error: str) -> None:
        await asyncio.to_thread(self.append, message, error)

    def append(self, message: InMessage, error: str) -> None:
        """Writes one dead letter now (for callers outside an event loop)."""
        with self.locked():
            write_lines(self.path, [record_of(message, error)], mode="a")

    def read(self) -> list[tuple[InMessage, dict[str, Any]]]:
        """The letters in the file, each as its message and its record (call under `locked`)."""
        if not self.path.exists():
            return []
        letters = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            message = InMessage(
                topic=record["topic"],
                partition=record["partition"],
                offset=record["offset"],
                key=record["key"].encode(),
                value=record["value"].encode(),
                headers=record["headers"],
            )
            letters.append((message, record))
        return letters


def record_of(message: InMessage, error: str) -> dict[str, Any]:
    return {
        "at": datetime.now(UTC).isoformat(),
        "topic": message.topic,
        "partition": message.partition,
        "offset": message.offset,
        "key": (message.key or b"").decode(errors="replace"),
        "headers": message.headers,
        "value": message.value.decode(errors="replace"),
        "error": error,
    }


def write_lines(path: Path, records: list[dict[str, Any]], mode: str = "w") -> None:
    """Write JSON lines to `path` and flush them to disk before returning."""
    with path.open(mode, encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())


@dataclass
class InProcessBus:
    """Topic → consumers, in one process. Offsets count per topic, partition is 0."""

    subscriptions: dict[str, list[tuple[TrackedConsumer, FileDeadLetters]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    offsets: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def subscribe(self, topic: str, consumer: TrackedConsumer, dead: FileDeadLetters) -> None:
        self.subscriptions[topic].append((consumer, dead))

    async def publish(self, messages: list[OutMessage]) -> None:
        by_topic: dict[str, list[InMessage]] = defaultdict(list)
        for out in messages:
            offset = self.offsets[out.topic]
            self.offsets[out.topic] = offset + 1
            by_topic[out.topic].append(
                InMessage(out.topic, 0, offset, out.key, out.value, dict(out.headers))
            )
        for topic, batch in by_topic.items():
            for consumer, dead in self.subscriptions.get(topic, []):
                result = await asyncio.to_thread(consumer.handle_batch, batch)
                for message, error in result.dead:
                    await dead.dead_letter(message, error)

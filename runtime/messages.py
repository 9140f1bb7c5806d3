"""What crosses the wire, whatever the transport: bytes, a key and string headers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

HEADER_SOURCE = "ocop-source"
HEADER_NOTIFICATION_ID = "ocop-notification-id"
HEADER_EVENT_TYPE = "ocop-event-type"
HEADER_ERROR = "ocop-error"
HEADER_ORIGINAL_TOPIC = "ocop-original-topic"
HEADER_ORIGINAL_PARTITION = "ocop-original-partition"
HEADER_ORIGINAL_OFFSET = "ocop-original-offset"


@dataclass(frozen=True)
class OutMessage:
    topic: str
    key: bytes
    value: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class InMessage:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    headers: dict[str, str] = field(default_factory=dict)


class Publisher(Protocol):
    """Publishes a batch in order and returns only when every message is acknowledged."""

    async def publish(self, messages: list[OutMessage]) -> None: ...


class DeadLetterSink(Protocol):
    """Keeps a message that could not be applied, with the error, for inspection and replay."""

    async def dead_letter(self, message: InMessage, error: str) -> None: ...

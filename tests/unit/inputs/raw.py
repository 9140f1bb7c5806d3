"""What the stores and the bus really hold: the raw rows of every store (the bytes the
recorder keeps) and the messages the relays publish (the bytes a consumer reads)."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from typing import Any

from tests.unit.inputs.servers import Running


def json_strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def raw_text_problems(up: Running) -> tuple[list[str], int]:
    """(strings not in NFC, count of non-ASCII strings seen) in every stored row of every
    store and every message the relays publish."""
    problems: list[str] = []
    seen = 0

    def check(where: str, raw: bytes) -> None:
        nonlocal seen
        try:
            data = json.loads(raw)
        except ValueError:
            return  # not JSON (an encrypted or compressed payload): no text to read
        for text in json_strings(data):
            seen += not text.isascii()
            if not unicodedata.is_normalized("NFC", text):
                problems.append(f"{where}: {text[:40]!r}")

    for name, service in up.system.services.items():
        recorder = getattr(getattr(service, "app", None), "recorder", None)
        if recorder is None or not hasattr(recorder, "select_notifications"):
            continue
        for note in recorder.select_notifications(start=1, limit=1_000_000):
            check(f"{name} store {note.topic}", note.state)
    for relay in up.system.relays:
        for note in relay.recorder.select_notifications(start=1, limit=1_000_000):
            for message in relay.messages_of(note)[0]:
                check(f"bus {message.topic}", message.value)
    return problems, seen

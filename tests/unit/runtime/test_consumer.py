"""The tracking consumer: applied once, duplicates counted, poison kept aside."""

from __future__ import annotations

from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from runtime.consumer import TrackedConsumer, tracking_name
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.metrics import Metrics


class Store:
    """A stand-in effect with the same contract as the real ones: effect and tracking
    together, IntegrityError when the position is already tracked."""

    def __init__(self, failures: int = 0) -> None:
        self.tracked: dict[str, int] = {}
        self.effects: list[Any] = []
        self.failures = failures

    def effect(self, event: Any, tracking: Tracking) -> None:
        if self.failures:
            self.failures -= 1
            raise OSError("database restarting")
        if self.tracked.get(tracking.application_name, 0) >= tracking.notification_id:
            raise IntegrityError("tracked")
        self.tracked[tracking.application_name] = tracking.notification_id
        self.effects.append(event)

    def is_tracked(self, name: str, position: int) -> bool:
        return self.tracked.get(name, 0) >= position


def message(position: int, value: bytes = b'{"n": 1}', partition: int = 0) -> InMessage:
    return InMessage(
        "topic",
        partition,
        position,
        b"k",
        value,
        {HEADER_SOURCE: "registration", HEADER_NOTIFICATION_ID: str(position)},
    )


def parse(topic: str, value: bytes) -> Any:
    import json

    return json.loads(value)


def consumer(store: Store, max_attempts: int = 3) -> TrackedConsumer:
    return TrackedConsumer(
        service="test",
        parse=parse,
        effect=store.effect,
        is_tracked=store.is_tracked,
        metrics=Metrics("test"),
        max_attempts=max_attempts,
        retry_backoff_seconds=0,
    )


def test_each_message_is_applied_once() -> None:
    store = Store()
    c = consumer(store)
    first = c.handle_batch([message(1), message(2), message(3)])
    again = c.handle_batch([message(1), message(2), message(3), message(4)])
    assert (first.applied, first.duplicates) == (3, 0)
    assert (again.applied, again.duplicates) == (1, 3)
    assert len(store.effects) == 4
    assert c.metrics.duplicates.labels("topic")._value.get() == 3


def test_partitions_are_tracked_separately() -> None:
    assert tracking_name(message(1, partition=2)) == "registration@topic#2"
    store = Store()
    result = consumer(store).handle_batch([message(5, partition=0), message(3, partition=1)])
    assert result.applied == 2


def test_poison_goes_to_the_dead_letters_and_the_rest_flows() -> None:
    store = Store()
    result = consumer(store).handle_batch([message(1), message(2, b"not json"), message(3)])
    assert result.applied == 2
    assert [(m.offset, e.split(":")[0]) for m, e in result.dead] == [(2, "JSONDecodeError")]


def test_missing_headers_are_poison() -> None:
    bad = InMessage("topic", 0, 0, None, b"{}", {})
    result = consumer(Store()).handle_batch([bad])
    assert result.applied == 0
    assert "ocop-notification-id" in result.dead[0][1]


def test_transient_failures_are_retried_then_succeed() -> None:
    store = Store(failures=2)
    result = consumer(store, max_attempts=3).handle_batch([message(1)])
    assert result.applied == 1


@pytest.mark.parametrize("attempts", [1, 3])
def test_retries_are_bounded(attempts: int) -> None:
    store = Store(failures=10)
    result = consumer(store, max_attempts=attempts).handle_batch([message(1), message(2)])
    assert result.applied == 0
    assert len(result.dead) == 2
    assert store.failures == 10 - 2 * attempts
    assert "OSError: database restarting" in result.dead[0][1]

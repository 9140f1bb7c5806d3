"""The tracking consumer: applied once by event identity, whatever the order or the position
carried; poison kept aside; store outages waited out, not dead-lettered."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any
from uuid import UUID, uuid5

import pytest
from eventsourcing.persistence import OperationalError, Tracking

from runtime.consumer import StoreUnavailable, TrackedConsumer, tracking_name
from runtime.eventstore import SQLITE_FACTORY
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.metrics import Metrics
from runtime.tracking import SQLiteEventTrackingRecorder, processed_events
from tests.unit.runtime.stores import sqlite_tracking

AGGREGATE = UUID("6f1c1d8e-0000-4000-8000-000000000001")


class Effects:
    """A real effect: one row per applied event, written with its tracking in one SQLite
    transaction. `failures` makes the next attempts raise `error` first."""

    def __init__(self, recorder: SQLiteEventTrackingRecorder) -> None:
        self.recorder = recorder
        self.failures = 0
        self.error: Exception = RuntimeError("bug in the handler")
        with recorder.datastore.transaction(commit=True) as c:
            c.execute("CREATE TABLE IF NOT EXISTS effects (n INTEGER)")

    def effect(self, event: Any, tracking: Tracking) -> None:
        if self.failures:
            self.failures -= 1
            raise self.error
        with self.recorder.datastore.transaction(commit=True) as c:
            c.execute("INSERT INTO effects VALUES (?)", (event.n,))
            self.recorder._insert_tracking(c, tracking)

    def applied(self) -> list[int]:
        with self.recorder.datastore.transaction(commit=False) as c:
            c.execute("SELECT n FROM effects ORDER BY rowid")
            return [row[0] for row in c.fetchall()]


@pytest.fixture
def effects() -> Iterator[Effects]:
    recorder = sqlite_tracking(SQLITE_FACTORY)
    yield Effects(recorder)


def message(n: int, position: int | None = None, partition: int = 0) -> InMessage:
    """Event n of one aggregate (version n), at notification id `position` (default n)."""
    body = {"event_type": "Thing", "event_id": str(uuid5(AGGREGATE, str(n))), "n": n}
    return raw(json.dumps(body).encode(), n if position is None else position, partition)


def raw(value: bytes, position: int, partition: int = 0) -> InMessage:
    headers = {HEADER_SOURCE: "registration", HEADER_NOTIFICATION_ID: str(position)}
    return InMessage("topic", partition, position, b"k", value, headers)


def parse(topic: str, value: bytes) -> Any:
    return SimpleNamespace(**json.loads(value))


def consumer(effects: Effects, max_attempts: int = 3) -> TrackedConsumer:
    return TrackedConsumer(
        service="test",
        parse=parse,
        effect=effects.effect,
        seen=processed_events(effects.recorder),
        metrics=Metrics("test"),
        max_attempts=max_attempts,
        retry_backoff_seconds=0,
        max_outage_seconds=0.5,
    )


def test_each_event_is_applied_once(effects: Effects) -> None:
    c = consumer(effects)
    first = c.handle_batch([message(1), message(2), message(3)])
    again = c.handle_batch([message(1), message(2), message(3), message(4)])
    assert (first.applied, first.duplicates) == (3, 0)
    assert (again.applied, again.duplicates) == (1, 3)
    assert effects.applied() == [1, 2, 3, 4]
    assert c.metrics.duplicates.labels("topic")._value.get() == 3


def test_a_republished_event_at_a_new_position_is_a_duplicate(effects: Effects) -> None:
    c = consumer(effects)
    c.handle_batch([message(1)])
    result = c.handle_batch([message(1, position=57)])
    assert (result.applied, result.duplicates) == (0, 1)


def test_a_forged_position_hides_nothing(effects: Effects) -> None:
    """One message carrying notification id 999999999 used to hide every later event."""
    c = consumer(effects)
    forged = c.handle_batch([message(1, position=999_999_999)])
    real = c.handle_batch([message(n) for n in range(2, 11)])
    assert forged.applied == 1
    assert (real.applied, real.duplicates) == (9, 0)
    assert effects.applied() == list(range(1, 11))
    # The position is kept for lag only: the highest one seen.
    assert effects.recorder.max_tracking_id("registration@topic#0") == 999_999_999


def test_order_does_not_matter(effects: Effects) -> None:
    c = consumer(effects)
    assert c.handle_batch([message(5), message(3), message(4)]).applied == 3
    assert c.handle_batch([message(3)]).duplicates == 1


def test_partitions_name_their_positions(effects: Effects) -> None:
    assert tracking_name(message(1, partition=2)) == "registration@topic#2"
    result = consumer(effects).handle_batch([message(5, partition=0), message(3, partition=1)])
    assert result.applied == 2


def test_poison_goes_to_the_dead_letters_and_the_rest_flows(effects: Effects) -> None:
    result = consumer(effects).handle_batch([message(1), raw(b"not json", 2), message(3)])
    assert result.applied == 2
    assert [(m.offset, e.split(":")[0]) for m, e in result.dead] == [(2, "JSONDecodeError")]


def test_missing_headers_are_poison(effects: Effects) -> None:
    bad = InMessage("topic", 0, 0, None, message(1).value, {})
    result = consumer(effects).handle_batch([bad])
    assert result.applied == 0
    assert "ocop-notification-id" in result.dead[0][1]


def test_a_message_without_identity_is_poison(effects: Effects) -> None:
    result = consumer(effects).handle_batch([raw(b'{"n": 1}', 1)])
    assert "event_type or event_id" in result.dead[0][1]


def test_transient_failures_are_retried_then_succeed(effects: Effects) -> None:
    effects.failures = 2
    result = consumer(effects, max_attempts=3).handle_batch([message(1)])
    assert result.applied == 1


@pytest.mark.parametrize("attempts", [1, 3])
def test_retries_are_bounded(effects: Effects, attempts: int) -> None:
    effects.failures = 10
    result = consumer(effects, max_attempts=attempts).handle_batch([message(1), message(2)])
    assert result.applied == 0
    assert len(result.dead) == 2
    assert effects.failures == 10 - 2 * attempts
    assert "RuntimeError: bug in the handler" in result.dead[0][1]


def test_a_dead_letter_survives_a_crash_before_it_is_written(effects: Effects) -> None:
    """The batch's good events were applied, the failed one not; the process dies before
    the dead letter is written (nothing acknowledged). The redelivery applies nothing
    twice and fails the same message again, so its dead letter is written then."""
    c = consumer(effects, max_attempts=1)
    effects.failures = 1  # the first message of the batch fails
    batch = [message(1), message(2), message(3)]
    crashed = c.handle_batch(batch)
    assert [m.offset for m, _ in crashed.dead] == [1]
    effects.failures = 1
    redelivered = c.handle_batch(batch)
    assert (redelivered.applied, redelivered.duplicates) == (0, 2)
    assert [m.offset for m, _ in redelivered.dead] == [1]
    # Once fixed, the dead letter replays: it was never applied, so it is applied now.
    assert c.handle_batch([message(1)]).applied == 1
    assert sorted(effects.applied()) == [1, 2, 3]


def test_a_store_outage_is_waited_out_not_dead_lettered(
    effects: Effects, caplog: pytest.LogCaptureFixture
) -> None:
    effects.error = OperationalError("connection refused")
    effects.failures = 4
    c = consumer(effects, max_attempts=1)
    c.outage.base_seconds = 0.01
    c.max_outage_seconds = 60.0  # waited out however slowly a starved machine retries
    with caplog.at_level(logging.WARNING):
        result = c.handle_batch([message(1), message(2)])
    assert (result.applied, result.dead) == (2, [])
    outage_lines = [r.message for r in caplog.records if "outage" in r.message]
    assert len(outage_lines) == 2  # its start and its end, not one line per attempt
    assert "started" in outage_lines[0]
    assert "ended" in outage_lines[1]
    assert c.metrics.outage.labels("consumer:test")._value.get() == 0
    assert c.metrics.outages.labels("consumer:test")._value.get() == 1


def test_a_long_outage_hands_the_batch_back(effects: Effects) -> None:
    effects.error = OperationalError("connection refused")
    effects.failures = 10**6
    c = consumer(effects)
    c.outage.base_seconds = 0.05
    with pytest.raises(StoreUnavailable):
        c.handle_batch([message(1)])
    assert c.metrics.outage.labels("consumer:test")._value.get() == 1
    assert effects.applied() == []

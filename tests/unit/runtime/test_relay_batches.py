"""The relay publishing a backlog batch after batch (issue 18): the next batch is read while
the broker acknowledges the current one, yet the position is recorded only after every
acknowledgement, the order on the wire is the log's, and a failed batch is published again
from the recorded position, the batch read ahead of it dropped."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from runtime.commands import CommandContext
from runtime.messages import HEADER_NOTIFICATION_ID, OutMessage
from runtime.outbox import Relay
from runtime.settings import Settings
from services.registration.bootstrap import Registration
from services.registration.bootstrap import build as build_registration
from tests.unit.registration.helpers import product


class Broker:
    """A `Publisher` that holds each batch until `ack()` (or fails the `fail_at`-th one)."""

    def __init__(self, hold: bool = False, fail_at: int | None = None) -> None:
        self.sent: list[list[OutMessage]] = []
        self.acknowledged: list[OutMessage] = []
        self.hold = hold
        self.fail_at = fail_at
        self.release = asyncio.Event()

    async def publish(self, messages: list[OutMessage]) -> None:
        self.sent.append(messages)
        if len(self.sent) == self.fail_at:
            raise ConnectionError("the broker went away mid-batch")
        if self.hold:
            await self.release.wait()
            self.release.clear()
        self.acknowledged.extend(messages)

    def ids(self) -> list[int]:
        return [int(m.headers[HEADER_NOTIFICATION_ID]) for m in self.acknowledged]


@pytest.fixture
def registration(sqlite_settings: Settings) -> Iterator[Registration]:
    service = build_registration(sqlite_settings)
    yield service
    service.app.close()


def stored_relay(
    service: Registration, actor: CommandContext, broker: Broker, products: int
) -> tuple[Relay, int]:
    """A relay publishing batches of 4 from a log of `products` products."""
    for _ in range(products):
        product(service.app, actor)
    settings = Settings(store="sqlite", relay_batch_size=4)
    return service.relay(broker, settings), service.app.recorder.max_notification_id() or 0


def log_ids(r: Relay) -> list[int]:
    """The notification ids of every message the whole log publishes, in order."""
    log = r.recorder.select_notifications(start=0, limit=10_000, inclusive_of_start=False)
    return [int(m.headers[HEADER_NOTIFICATION_ID]) for n in log for m in r.messages_of(n)[0]]


def recorded(r: Relay) -> int:
    """The position as stored (not the relay's own copy)."""
    return r.positions.max_tracking_id(r.name) or 0


async def test_the_position_is_recorded_only_after_every_acknowledgement(
    registration: Registration, actor: CommandContext
) -> None:
    broker = Broker(hold=True)
    r, stored = stored_relay(registration, actor, broker, products=6)
    assert stored > 8

    first = asyncio.create_task(r.run_once())
    while not broker.sent:
        await asyncio.sleep(0.01)
    assert r._ahead is not None  # the batch after it is read meanwhile: waited for, not slept on
    await asyncio.wait_for(asyncio.shield(r._ahead[1]), timeout=60)
    assert recorded(r) == 0 and not first.done()  # sent, not acknowledged: nothing recorded
    broker.release.set()
    assert await first == 4
    assert recorded(r) == 4

    second = asyncio.create_task(r.run_once())  # publishes the batch read ahead
    while len(broker.sent) < 2:
        await asyncio.sleep(0.01)
    assert recorded(r) == 4
    broker.release.set()
    assert await second == 4
    assert recorded(r) == 8
    r.close()


async def test_a_backlog_goes_out_in_the_log_order_nothing_twice_nothing_skipped(
    registration: Registration, actor: CommandContext
) -> None:
    broker = Broker()
    r, stored = stored_relay(registration, actor, broker, products=6)
    covered = 0
    while moved := await r.run_once():
        covered += moved
    assert covered == stored == recorded(r)
    assert broker.ids() == log_ids(r)  # in the log's order, each once
    assert len(broker.sent) >= stored // 4
    r.close()


async def test_a_failed_batch_is_published_again_from_the_recorded_position(
    registration: Registration, actor: CommandContext
) -> None:
    broker = Broker(fail_at=2)
    r, stored = stored_relay(registration, actor, broker, products=6)
    assert await r.run_once() == 4
    with pytest.raises(ConnectionError):
        await r.run_once()  # the second batch fails; the third was being read ahead
    assert recorded(r) == 4
    r._position = None  # as `Relay.run` does after a failure
    while await r.run_once():
        pass
    assert recorded(r) == stored
    failed = [int(m.headers[HEADER_NOTIFICATION_ID]) for m in broker.sent[1]]
    again = [int(m.headers[HEADER_NOTIFICATION_ID]) for m in broker.sent[2]]
    assert again == failed  # the failed batch again, not the one read ahead of it
    assert broker.ids() == log_ids(r)  # every message acknowledged once, in order
    r.close()

"""A whole batch of published events applied to reporting's read models in one transaction
(`ReportingApp.process_batch` through `TrackedConsumer`), exactly once: a redelivered
batch, or one that half-overlaps a batch already applied, changes nothing it already
has; a poison message inside a batch goes to the dead letters and the rest is applied;
and the read models end exactly as one transaction per message leaves them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from contracts import registry
from runtime.consumer import TrackedConsumer
from runtime.messages import InMessage
from runtime.settings import Settings
from runtime.tracking import EventTracking, event_key
from services.reporting.bootstrap import ReportingService, build
from tests.unit.published_events import as_published, recognition_path


def published(products: int, name: str = "Cà phê Đăk Hà") -> list[InMessage]:
    """Per product: its registration, its dossier's submission, the score and the
    recognition, as the relays publish them (positions counted per source)."""
    return as_published(
        fact
        for n in range(products)
        for fact in recognition_path(uuid4(), uuid4(), f"{name} {n}", f"{n}/QĐ-UBND", "3 sao")
    )


@pytest.fixture
def service(app_settings: Settings) -> Iterator[ReportingService]:
    """Reporting on each store of the matrix (memory, SQLite; PostgreSQL under make test)."""
    service = build(app_settings)
    yield service
    service.app.close()


@pytest.fixture(params=["memory", "sqlite"])
def two(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Settings, Any, Any]]:
    """Two reporting services on stores of their own, to compare what they hold."""
    made = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        made.append(build(Settings(store=request.param, data_dir=tmp_path / name)))
    yield Settings(store=request.param, data_dir=tmp_path), made[0], made[1]
    for service in made:
        service.app.close()


def state(service: ReportingService) -> tuple[Any, ...]:
    """Everything a query can read: the catalogue, the KPI tables, the journal."""
    app = service.app
    with app.reading() as models:
        journal = models.journal.until("9999")
        return (
            app.list_products(),
            models.catalogue.kpi_snapshot(),
            [(e["event_key"], e["topic"], e["payload"]) for e in journal],
        )


def journal_size(service: ReportingService) -> int:
    with service.app.reading() as models:
        return models.journal.count()


def test_a_batch_leaves_the_read_models_as_one_message_at_a_time(
    two: tuple[Settings, ReportingService, ReportingService],
) -> None:
    settings, batched, single = two
    messages = published(30)
    consumer = batched.consumer(settings)
    assert consumer.batch_effect is not None
    result = consumer.handle_batch(messages)
    assert (result.applied, result.duplicates, result.dead) == (len(messages), 0, [])

    one_by_one = single.consumer(settings)
    one_by_one.batch_effect = None
    assert one_by_one.handle_batch(messages).applied == len(messages)
    assert state(batched) == state(single)
    assert len(state(batched)[0]) == 30


def test_a_redelivered_batch_changes_nothing(
    service: ReportingService, app_settings: Settings
) -> None:
    messages = published(10)
    consumer = service.consumer(app_settings)
    assert consumer.handle_batch(messages).applied == len(messages)
    before = state(service)
    again = consumer.handle_batch(messages)
    assert (again.applied, again.duplicates, again.dead) == (0, len(messages), [])
    assert state(service) == before


def test_a_batch_half_overlapping_one_applied_adds_only_the_rest(
    service: ReportingService, app_settings: Settings
) -> None:
    messages = published(10)
    first, second = messages[:24], messages[16:]  # 8 messages in both
    consumer = service.consumer(app_settings)
    assert consumer.handle_batch(first).applied == 24
    result = consumer.handle_batch(second)
    assert (result.applied, result.duplicates, result.dead) == (16, 8, [])
    assert len(service.app.list_products()) == 10
    assert journal_size(service) == len(messages)
    assert all(r["status"] == "recognised" for r in service.app.list_products())


def test_a_half_overlapping_batch_ends_as_the_whole_applied_once(
    two: tuple[Settings, ReportingService, ReportingService],
) -> None:
    settings, halves, whole = two
    messages = published(10)
    consumer = halves.consumer(settings)
    consumer.handle_batch(messages[:24])
    consumer.handle_batch(messages[16:])
    assert whole.consumer(settings).handle_batch(messages).applied == len(messages)
    assert state(halves) == state(whole)


def test_a_message_twice_in_one_batch_is_applied_once(
    service: ReportingService, app_settings: Settings
) -> None:
    messages = published(3)
    result = service.consumer(app_settings).handle_batch([*messages, messages[0], messages[5]])
    assert (result.applied, result.duplicates) == (len(messages), 2)
    assert journal_size(service) == len(messages)


class Poisoned:
    """The reporting effects, refusing one event (a fault of the handler on that event):
    counts how often each way of applying is tried."""

    def __init__(self, consumer: TrackedConsumer, poison: str) -> None:
        self.poison = poison
        self.batch, self.single = consumer.batch_effect, consumer.effect
        self.batches = self.singles = 0
        consumer.batch_effect, consumer.effect = self.apply_batch, self.apply

    def apply_batch(self, batch: Sequence[tuple[Any, EventTracking]]) -> set[str]:
        self.batches += 1
        if any(t.event_key == self.poison for _, t in batch):
            raise RuntimeError("the handler fails on this event")
        assert self.batch is not None
        return self.batch(batch)

    def apply(self, event: Any, tracking: Any) -> None:
        self.singles += 1
        if tracking.event_key == self.poison:
            raise RuntimeError("the handler fails on this event")
        self.single(event, tracking)


def test_a_poison_message_in_a_batch_is_dead_lettered_and_the_rest_applied(
    service: ReportingService, app_settings: Settings
) -> None:
    messages = published(16)  # 64 messages
    bad = messages[37]
    event = registry.parse(bad.topic, bad.value)
    consumer = service.consumer(app_settings)
    poisoned = Poisoned(consumer, event_key(event.event_type, event.event_id))

    result = consumer.handle_batch(messages)
    assert result.applied == len(messages) - 1
    assert [m for m, _ in result.dead] == [bad]
    assert "fails on this event" in result.dead[0][1]
    # Narrowed down by halves (64 -> 32 -> ... -> 1): a few transactions, not one per
    # message; the poison went the per-message way (its retries), and at most one lone
    # neighbour per halving.
    assert poisoned.batches <= 2 * 6 + 1
    assert consumer.max_attempts <= poisoned.singles <= consumer.max_attempts + 6
    assert not service.app.has_event(poisoned.poison)
    assert journal_size(service) == len(messages) - 1
    # Fixed and redelivered (a dead-letter replay): applied, the rest are duplicates.
    consumer.batch_effect, consumer.effect = poisoned.batch, poisoned.single
    again = consumer.handle_batch(messages)
    assert (again.applied, again.duplicates, again.dead) == (1, len(messages) - 1, [])

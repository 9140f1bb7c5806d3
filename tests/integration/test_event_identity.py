"""Duplicates by event identity and fenced relay positions, on memory, SQLite and the real
PostgreSQL: the evaluation application (an eventsourcing `EventSourcedProjection`, its
tracking in its process recorder) and the reporting catalogue (a tracking recorder)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from contracts.registration import ProductRegistered
from runtime.commands import CommandContext
from runtime.consumer import TrackedConsumer
from runtime.leader import PostgresAdvisoryLock
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage
from runtime.settings import Settings
from runtime.tracking import EventTracking, LostLeadership, event_key
from services.evaluation.bootstrap import build as build_evaluation
from services.reporting.bootstrap import build as build_reporting
from tests.conftest import pg_settings, reset_databases
from tests.unit.evaluation.helpers import assessed
from tests.unit.reporting.test_catalogue import envelope


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "postgres":
        settings = pg_settings(data_dir=tmp_path)
        reset_databases(settings)
        yield settings
    else:
        yield Settings(store=request.param, data_dir=tmp_path)


def as_message(event: Any, position: int, topic: str, source: str = "registration") -> InMessage:
    headers = {HEADER_SOURCE: source, HEADER_NOTIFICATION_ID: str(position)}
    return InMessage(topic, 0, position, b"k", event.model_dump_json().encode(), headers)


def test_evaluation_recognises_duplicates_by_identity(any_store: Settings) -> None:
    app = build_evaluation(any_store).app
    first, second = assessed(), assessed()
    name = "registration@ocop.registration.events.v1#2"
    key = event_key(first.event_type, first.event_id)
    app.process_event(first, EventTracking(name, 10, key))
    with pytest.raises(IntegrityError):  # the same event, republished at another position
        app.process_event(first, EventTracking(name, 11, key))
    # A later event at a lower position (a restored source, a replay) is applied.
    app.process_event(second, EventTracking(name, 3, event_key(second.event_type, second.event_id)))
    assert app.get_evaluation(second.aggregate_id).status == "open"
    assert app.recorder.has_event(key)  # type: ignore[attr-defined]
    assert app.recorder.max_tracking_id(name) == 10  # the position: the highest, for lag
    if any_store.store != "memory":
        again = build_evaluation(any_store).app
        assert again.recorder.has_event(key)  # type: ignore[attr-defined]
        assert again.get_evaluation(first.aggregate_id).status == "open"


def test_a_forged_position_hides_no_later_event(any_store: Settings) -> None:
    """`ocop-notification-id: 999999999` on one message; the next nine real events of its
    partition are all applied, in evaluation and in reporting."""
    service = build_evaluation(any_store)
    consumer: TrackedConsumer = service.consumer(any_store)
    topic = "ocop.registration.events.v1"
    forged = consumer.handle_batch([as_message(assessed(), 999_999_999, topic)])
    events = [assessed() for _ in range(9)]
    real = consumer.handle_batch([as_message(e, n + 1, topic) for n, e in enumerate(events)])
    assert forged.applied == 1
    assert (real.applied, real.duplicates, real.dead) == (9, 0, [])
    assert all(service.app.get_evaluation(e.aggregate_id).status == "open" for e in events)

    reporting = build_reporting(any_store)
    catalogue = reporting.consumer(any_store)
    products = [
        ProductRegistered(
            **envelope(uuid4()),
            producer_id=uuid4(),
            name=f"Sản phẩm {n}",
            product_set=4,
            commune_code="23476",
            province_code="51",
        )
        for n in range(10)
    ]
    catalogue.handle_batch([as_message(products[0], 999_999_999, topic)])
    result = catalogue.handle_batch([as_message(p, n, topic) for n, p in enumerate(products[1:])])
    assert result.applied == 9
    assert len(reporting.app.list_products()) == 10
    again = catalogue.handle_batch([as_message(p, 5, topic) for p in products])
    assert (again.applied, again.duplicates) == (0, 10)


def test_a_relay_position_is_fenced_by_its_term(any_store: Settings) -> None:
    app = build_evaluation(any_store).app
    recorder: Any = app.factory.tracking_recorder()
    term = recorder.take_term("relay:x/term")
    recorder.record_fenced(Tracking("relay:x", 5), Tracking("relay:x/term", term))
    newer = recorder.take_term("relay:x/term")
    assert newer == term + 1
    with pytest.raises(LostLeadership):
        recorder.record_fenced(Tracking("relay:x", 9), Tracking("relay:x/term", term))
    assert recorder.max_tracking_id("relay:x") == 5
    recorder.record_fenced(Tracking("relay:x", 9), Tracking("relay:x/term", newer))
    with pytest.raises(IntegrityError):  # a position conflict: not beyond the recorded one
        recorder.record_fenced(Tracking("relay:x", 7), Tracking("relay:x/term", newer))
    assert recorder.max_tracking_id("relay:x") == 9


@pytest.mark.postgres
async def test_one_relay_leads_on_postgres(
    postgres_settings: Settings, actor: CommandContext
) -> None:
    """The advisory lock elects one relay; when its connection dies, a standby leads."""
    from services.registration.bootstrap import build as build_registration
    from tests.unit.registration.helpers import product
    from tests.unit.runtime.test_relay import Wire

    first, second = build_registration(postgres_settings), build_registration(postgres_settings)
    product(first.app, actor)
    wire = Wire()
    active, standby = first.relay(wire, postgres_settings), second.relay(wire, postgres_settings)
    assert isinstance(active.lock, PostgresAdvisoryLock)
    stored = first.app.recorder.max_notification_id()
    assert await active.run_once() == stored
    assert await standby.run_once() == 0
    assert active.lock.connection is not None
    active.lock.connection.close()  # its session ends: PostgreSQL releases the lock
    product(first.app, actor)
    assert await standby.run_once() == (first.app.recorder.max_notification_id() or 0) - stored
    assert await active.run_once() == 0  # it lost the lock and stands by
    standby.close()

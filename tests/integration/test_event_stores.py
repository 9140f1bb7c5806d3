"""The services' stores on SQLite and on the real PostgreSQL: the same tests on both."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from runtime.commands import CommandContext
from runtime.settings import Settings
from runtime.tracking import EventTracking, event_key, processed_events
from services.evaluation.bootstrap import build as build_evaluation
from services.registration.bootstrap import build as build_registration
from services.reporting.bootstrap import build as build_reporting
from tests.integration.steps import assessed_and_forwarded
from tests.unit.evaluation.test_application import assessed
from tests.unit.reporting.test_catalogue import product_registered


def test_registration_survives_a_restart(store_settings: Settings, actor: CommandContext) -> None:
    app = build_registration(store_settings).app
    producer = app.producers.register_producer(
        actor,
        name="HTX Sáu Nhung",
        kind="cooperative",
        commune_code="23500",
        legal_representative="Nguyễn Thị Sáu",
        business_registration_no="6100000099",
    )
    product = app.products.register_product(
        actor, producer_id=producer, name="Cà phê", product_set=13
    )
    dossier = app.dossiers.submit_dossier(
        actor, product_id=product, kind="first", received_on=date(2026, 6, 1)
    )
    assessed_and_forwarded(app, actor, dossier, "1/BC", date(2026, 6, 2))
    count = app.recorder.max_notification_id()

    again = build_registration(store_settings).app
    assert again.get_dossier(dossier).status == "forwarded"
    assert again.recorder.max_notification_id() == count
    assert [n.id for n in again.recorder.select_notifications(start=0, limit=100)] == list(
        range(1, (count or 0) + 1)
    )


def test_evaluation_tracks_what_it_processed(store_settings: Settings) -> None:
    app = build_evaluation(store_settings).app
    event = assessed()
    name = "registration@ocop.registration.events.v1#2"
    key = event_key(event.event_type, event.event_id)
    app.process_event(event, EventTracking(name, 10, key))
    with pytest.raises(IntegrityError):
        app.process_event(event, EventTracking(name, 10, key))
    again = build_evaluation(store_settings).app
    assert processed_events(again.recorder)(key)
    assert again.get_evaluation(event.aggregate_id).status == "open"


def test_the_catalogue_applies_each_event_once(store_settings: Settings) -> None:
    app = build_reporting(store_settings).app
    product_id = uuid4()
    event = product_registered(product_id, "Mật ong Kon Plông", product_set=4, commune_code="23476")
    app.process_event(event, Tracking("registration@t#0", 3))
    with pytest.raises(IntegrityError):
        app.process_event(event, Tracking("registration@t#0", 3))
    app.close()
    again = build_reporting(store_settings).app
    assert again.get_product(str(product_id))["name"] == "Mật ong Kon Plông"
    assert len(again.list_products()) == 1
    again.close()


def test_the_relay_position_is_kept(store_settings: Settings, actor: CommandContext) -> None:
    service = build_registration(store_settings)
    relay = service.relay(publisher=None, settings=store_settings)  # type: ignore[arg-type]
    assert relay.position() == 0
    assert relay.lead()
    relay.record(42)
    relay.close()
    again = build_registration(store_settings)
    assert again.relay(None, store_settings).position() == 42  # type: ignore[arg-type]

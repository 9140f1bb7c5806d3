"""The catalogue read model: events in, one row per product, each event applied once."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from runtime.errors import CommandRejected
from runtime.settings import Settings
from runtime.tracking import EventTracking, event_key
from services.reporting.application import ReportingApp
from services.reporting.bootstrap import build
from tests.unit.published_events import (
    dossier_submitted,
    recognition_path,
    recognized,
)

# Re-exported where the integration tests import them from (built once, in published_events)
from tests.unit.published_events import envelope as envelope  # noqa: PLC0414
from tests.unit.published_events import product_registered as product_registered  # noqa: PLC0414


@pytest.fixture
def app(app_settings: Settings) -> Iterator[ReportingApp]:
    """The app on each store of the matrix (tests/conftest.py `app_settings`)."""
    app = build(app_settings).app
    yield app
    app.close()


def rows_in_every_order(
    settings: Settings, events: list[Any], product_id: UUID, view: Callable[[dict[str, Any]], Any]
) -> set[Any]:
    """`view` of the product's catalogue row after the events applied in each of their
    orders, each order on a fresh app (each event from a source of its own)."""
    views = set()
    for order in itertools.permutations(range(len(events))):
        app = build(settings).app
        for position, index in enumerate(order, start=1):
            app.process_event(events[index], Tracking(f"src@t#{index}", position))
        views.add(view(app.get_product(str(product_id))))
        app.close()
    return views


def test_a_product_moves_through_its_statuses(app: ReportingApp) -> None:
    product_id, dossier_id = uuid4(), uuid4()
    registered, submitted, score, recognition = (
        event for _, event in recognition_path(product_id, dossier_id)
    )
    name = "src@t#0"
    app.process_event(registered, Tracking(name, 1))
    assert app.get_product(str(product_id))["status"] == "registered"
    app.process_event(submitted, Tracking(name, 2))
    app.process_event(score, Tracking("eval@t#1", 1))
    app.process_event(recognition, Tracking("eval@t#1", 2))
    row = app.get_product(str(product_id))
    assert (row["status"], row["star"], row["score"], row["decision_no"]) == (
        "recognised",
        3,
        "65.50",
        "12/QĐ-UBND",
    )
    assert row["dossier_id"] == str(dossier_id)
    assert [r["product_id"] for r in app.list_products("recognised")] == [str(product_id)]
    assert app.list_products("forwarded") == []


def test_a_redelivered_event_changes_nothing(app: ReportingApp) -> None:
    product_id = uuid4()
    event = product_registered(product_id, "Mật ong", product_set=4)
    key = event_key(event.event_type, event.event_id)
    app.process_event(event, EventTracking("src@t#0", 5, key))
    with pytest.raises(IntegrityError):
        app.process_event(event, EventTracking("src@t#0", 5, key))
    with pytest.raises(IntegrityError):  # the same event at another position
        app.process_event(event, EventTracking("src@t#0", 9, key))
    assert app.has_event(key)
    assert len(app.list_products()) == 1
    # Another event below the highest position seen is applied: order does not matter.
    other = event.model_copy(update={"event_id": uuid4(), "aggregate_id": uuid4()})
    other_key = event_key(other.event_type, other.event_id)
    assert not app.has_event(other_key)
    app.process_event(other, EventTracking("src@t#0", 1, other_key))
    assert app.has_event(other_key)
    assert len(app.list_products()) == 2


def test_queries_refuse_bad_input(app: ReportingApp) -> None:
    with pytest.raises(CommandRejected) as refused:
        app.get_product(str(uuid4()))
    assert refused.value.kind == "not_found"
    with pytest.raises(CommandRejected) as refused:
        app.list_products("approved")
    assert refused.value.field == "status"


def test_events_in_any_order_give_the_same_catalogue(memory_settings: Settings) -> None:
    """Registration and dossier events travel on different partitions and topics."""
    product_id, dossier_id = uuid4(), uuid4()
    events = [event for _, event in recognition_path(product_id, dossier_id)]
    views = rows_in_every_order(
        memory_settings, events, product_id, lambda row: tuple(sorted(row.items()))
    )
    assert len(views) == 1
    (only,) = views
    assert dict(only)["status"] == "recognised"
    assert dict(only)["score"] == "65.50"


def test_the_latest_dossier_is_shown(app: ReportingApp) -> None:
    product_id, first, second = uuid4(), uuid4(), uuid4()
    app.process_event(
        product_registered(product_id, "Trà", product_set=12),
        Tracking("a#0", 1),
    )
    for n, (dossier, when) in enumerate(
        ((second, datetime(2029, 2, 1, tzinfo=UTC)), (first, datetime(2026, 2, 1, tzinfo=UTC)))
    ):
        app.process_event(
            dossier_submitted(dossier, product_id, when.date(), occurred_at=when),
            Tracking("b#0", n + 1),
        )
    app.process_event(recognized(first, product_id, "1/QĐ"), Tracking("c#0", 1))
    row = app.get_product(str(product_id))
    assert (row["dossier_id"], row["status"]) == (str(second), "dossier_submitted")


def test_expiry_and_revocation_in_any_order(memory_settings: Settings) -> None:
    """A revoked certificate's product shows `revoked`, whatever order the events came in."""
    from contracts.evaluation import CertificateExpired, ReturnedByProvince, Revoked

    product_id, dossier_id = uuid4(), uuid4()
    cert = {"dossier_id": dossier_id, "product_id": product_id, "certificate_no": "12/QĐ/01"}
    events = [
        product_registered(product_id, "Cà phê"),
        ReturnedByProvince(
            **envelope(),
            dossier_id=dossier_id,
            product_id=product_id,
            by_level="province",
            score=Decimal("66.00"),
            star_band=3,
            options=["recognise", "reevaluate"],
            returned_on=date(2025, 6, 10),
        ),
        recognized(
            dossier_id, product_id, "12/QĐ", date(2025, 6, 25), date(2028, 6, 25), "district"
        ),
        Revoked(
            **envelope(),
            **cert,
            decision_no="9/QĐ",
            decided_on=date(2027, 3, 5),
            authority="province",
            ground="b",
        ),
        CertificateExpired(
            **envelope(), **cert, star=3, valid_to=date(2028, 6, 25), expired_on=date(2028, 6, 26)
        ),
    ]
    views = rows_in_every_order(
        memory_settings,
        events,
        product_id,
        lambda row: (row["status"], row["star"], row["decision_no"]),
    )
    assert views == {("revoked", 3, "12/QĐ")}

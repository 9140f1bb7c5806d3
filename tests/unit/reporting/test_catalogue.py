"""The catalogue read model: events in, one row per product, each event applied once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from contracts.envelope import Actor
from contracts.evaluation import Recognized, Scored
from contracts.registration import DossierSubmitted, ProductRegistered
from runtime.errors import CommandRejected
from runtime.settings import Settings
from runtime.tracking import EventTracking, event_key
from services.reporting.application import ReportingApp
from services.reporting.bootstrap import build

WHO = Actor(id="x", role="system")
AT = datetime(2026, 6, 1, tzinfo=UTC)


def envelope(aggregate_id: object = None) -> dict[str, object]:
    return {
        "event_id": uuid4(),
        "aggregate_id": aggregate_id or uuid4(),
        "aggregate_version": 1,
        "occurred_at": AT,
        "actor": WHO,
        "correlation_id": uuid4(),
    }


def product_registered(
    product_id: UUID,
    name: str = "Cà phê Đăk Hà",
    product_set: int = 13,
    commune_code: str = "23500",
) -> ProductRegistered:
    """The registration of `product_id` in province 51, as the read models receive it."""
    return ProductRegistered(
        **envelope(product_id),
        producer_id=uuid4(),
        name=name,
        product_set=product_set,
        commune_code=commune_code,
        province_code="51",
    )


@pytest.fixture
def app(app_settings: Settings) -> Iterator[ReportingApp]:
    """The app on each store of the matrix (tests/conftest.py `app_settings`)."""
    app = build(app_settings).app
    yield app
    app.close()


def test_a_product_moves_through_its_statuses(app: ReportingApp) -> None:
    product_id, dossier_id = uuid4(), uuid4()
    name = "src@t#0"
    app.process_event(
        product_registered(product_id),
        Tracking(name, 1),
    )
    assert app.get_product(str(product_id))["status"] == "registered"
    app.process_event(
        DossierSubmitted(
            **envelope(dossier_id),
            product_id=product_id,
            producer_id=uuid4(),
            kind="first",
            received_on=date(2026, 6, 1),
            commune_code="23500",
        ),
        Tracking(name, 2),
    )
    app.process_event(
        Scored(
            **envelope(),
            dossier_id=dossier_id,
            product_id=product_id,
            product_set=13,
            score=Decimal("65.50"),
            star_band=3,
            outcome="recognised",
            explanation="…",
        ),
        Tracking("eval@t#1", 1),
    )
    app.process_event(
        Recognized(
            **envelope(),
            dossier_id=dossier_id,
            product_id=product_id,
            star=3,
            decision_no="12/QĐ-UBND",
            decided_on=date(2026, 6, 25),
            authority="province",
            valid_from=date(2026, 6, 25),
            valid_to=date(2029, 6, 25),
        ),
        Tracking("eval@t#1", 2),
    )
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
    import itertools

    product_id, dossier_id = uuid4(), uuid4()
    events = [
        product_registered(product_id),
        DossierSubmitted(
            **envelope(dossier_id),
            product_id=product_id,
            producer_id=uuid4(),
            kind="first",
            received_on=date(2026, 6, 1),
            commune_code="23500",
        ),
        Scored(
            **envelope(),
            dossier_id=dossier_id,
            product_id=product_id,
            product_set=13,
            score=Decimal("65.50"),
            star_band=3,
            outcome="recognised",
            explanation="…",
        ),
        Recognized(
            **envelope(),
            dossier_id=dossier_id,
            product_id=product_id,
            star=3,
            decision_no="12/QĐ-UBND",
            decided_on=date(2026, 6, 25),
            authority="province",
            valid_from=date(2026, 6, 25),
            valid_to=date(2029, 6, 25),
        ),
    ]
    views = set()
    for order in itertools.permutations(range(len(events))):
        app = build(memory_settings).app
        for position, index in enumerate(order, start=1):
            app.process_event(events[index], Tracking(f"src@t#{index}", position))
        row = app.get_product(str(product_id))
        views.add(tuple(sorted(row.items())))
        app.close()
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
            DossierSubmitted(
                **{**envelope(dossier), "occurred_at": when},
                product_id=product_id,
                producer_id=uuid4(),
                kind="first",
                received_on=when.date(),
                commune_code="23500",
            ),
            Tracking("b#0", n + 1),
        )
    app.process_event(
        Recognized(
            **envelope(),
            dossier_id=first,
            product_id=product_id,
            star=3,
            decision_no="1/QĐ",
            decided_on=date(2026, 6, 25),
            authority="province",
            valid_from=date(2026, 6, 25),
            valid_to=date(2029, 6, 25),
        ),
        Tracking("c#0", 1),
    )
    row = app.get_product(str(product_id))
    assert (row["dossier_id"], row["status"]) == (str(second), "dossier_submitted")


def test_expiry_and_revocation_in_any_order(memory_settings: Settings) -> None:
    """A revoked certificate's product shows `revoked`, whatever order the events came in."""
    import itertools

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
        Recognized(
            **envelope(),
            dossier_id=dossier_id,
            product_id=product_id,
            star=3,
            decision_no="12/QĐ",
            decided_on=date(2025, 6, 25),
            authority="district",
            valid_from=date(2025, 6, 25),
            valid_to=date(2028, 6, 25),
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
    views = set()
    for order in itertools.permutations(range(len(events))):
        app = build(memory_settings).app
        for position, index in enumerate(order, start=1):
            app.process_event(events[index], Tracking(f"src@t#{index}", position))
        row = app.get_product(str(product_id))
        views.add((row["status"], row["star"], row["decision_no"]))
        app.close()
    assert views == {("revoked", 3, "12/QĐ")}

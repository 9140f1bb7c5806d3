"""A certificate that expires or is revoked withdraws its product automatically from
every showroom, channel listing and future fair, each with an event saying why."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from contracts import promotion as c
from services.promotion.application import PromotionApp
from services.promotion.bootstrap import PromotionService
from tests.unit.promotion.helpers import (
    OFFICE,
    cert_no,
    deliver,
    expire,
    join,
    producer,
    product,
    revoke,
    showroom,
)
from tests.unit.promotion.test_commands import published


def _everywhere(app: PromotionApp) -> tuple[UUID, UUID, UUID, UUID]:
    who = producer(app)
    coffee = product(app, who)
    room = showroom(app)
    app.venues.display(OFFICE, showroom_id=room, product_id=coffee, since=date(2025, 3, 2))
    past_fair = app.venues.record_fair(
        OFFICE,
        name="Hội chợ xuân",
        place="inside",
        location="TP Kon Tum",
        starts_on=date(2025, 2, 1),
        ends_on=date(2025, 2, 3),
        organiser="Sở Công Thương",
    )
    next_fair = app.venues.record_fair(
        OFFICE,
        name="Hội chợ OCOP Quảng Ngãi 2026",
        place="inside",
        location="TP Quảng Ngãi",
        starts_on=date(2026, 1, 15),
        ends_on=date(2026, 1, 18),
        organiser="Sở Công Thương",
    )
    for fair in (past_fair, next_fair):
        app.venues.participate(OFFICE, fair_id=fair.id, product_id=coffee)
    join(app, OFFICE, who, "supermarket", "WinMart", date(2025, 4, 1), product_ids=[coffee])
    return coffee, room, past_fair.id, next_fair.id


@pytest.mark.parametrize("reason", ["revoked", "expired"])
def test_withdrawn_from_everything_with_the_reason(service: PromotionService, reason: str) -> None:
    app = service.app
    coffee, room, past_fair, next_fair = _everywhere(app)
    before = len(published(service))
    on = date(2025, 11, 10)
    (revoke if reason == "revoked" else expire)(app, coffee, on)
    assert app.showroom(room).displayed == {}
    assert app.showroom(room).past[-1]["reason"] == reason
    assert str(coffee) in app.fair(past_fair).participants
    assert app.fair(next_fair).withdrawn[str(coffee)]["reason"] == reason
    producer_ = app.producer(UUID(app.product(coffee).producer_id))
    assert all(not ch["products"] for ch in producer_.channels.values())
    withdrawn = [e for e in published(service)[before:] if isinstance(e, c.ProductWithdrawn)]
    assert sorted(e.withdrawn_from for e in withdrawn) == ["channel", "fair", "showroom"]
    assert {(e.reason, e.certificate_no, e.withdrawn_on) for e in withdrawn} == {
        (reason, cert_no(coffee), on)
    }


def test_the_same_revocation_twice_withdraws_once(service: PromotionService) -> None:
    app = service.app
    coffee, *_ = _everywhere(app)
    revoke(app, coffee, date(2025, 11, 10))
    count = len(published(service))
    revoke(app, coffee, date(2025, 11, 10))
    assert len(published(service)) == count


def test_a_superseded_certificate_withdraws_nothing(service: PromotionService) -> None:
    from uuid import uuid4

    from contracts.evaluation import CertificateSuperseded
    from tests.unit.promotion.helpers import _envelope

    app = service.app
    coffee, room, *_ = _everywhere(app)
    deliver(
        app,
        CertificateSuperseded(
            **_envelope(uuid4(), date(2025, 10, 1)),
            dossier_id=uuid4(),
            product_id=coffee,
            certificate_no=cert_no(coffee),
            by_certificate_no="GCN-moi",
            superseded_on=date(2025, 10, 1),
        ),
    )
    assert str(coffee) in app.showroom(room).displayed

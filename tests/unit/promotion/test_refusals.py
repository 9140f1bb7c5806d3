"""Every refusal names its field, changes nothing, and says why in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pytest

from runtime.errors import CommandRejected
from services.promotion.application import PromotionApp
from tests.unit.promotion.helpers import (
    OFFICE,
    OTHER_DISTRICT,
    PRODUCER_ACTOR,
    budget_line,
    join,
    producer,
    product,
    showroom,
)


def refused(app: PromotionApp, call: Callable[[], Any], kind: str, field: str) -> CommandRejected:
    before = app.recorder.max_notification_id() or 0
    with pytest.raises(CommandRejected) as caught:
        call()
    assert (caught.value.kind, caught.value.field) == (kind, field)
    assert caught.value.message("vi") and caught.value.message("en")
    assert (app.recorder.max_notification_id() or 0) == before
    return caught.value


FAIR: dict[str, Any] = {
    "name": "Hội chợ OCOP Kon Tum",
    "place": "inside",
    "location": "TP Kon Tum",
    "starts_on": date(2025, 8, 1),
    "ends_on": date(2025, 8, 5),
    "organiser": "Sở Công Thương",
}


def record_fair(app: PromotionApp, **details: Any) -> Any:
    """The district office records a fair: FAIR with `details` changed."""
    return app.venues.record_fair(OFFICE, **{**FAIR, **details})


def test_an_uncertified_product_is_not_displayed_nor_taken_to_a_fair(app: PromotionApp) -> None:
    who = producer(app)
    never = product(app, who, "Rượu vang sim", certified_on=None)
    room = showroom(app)
    refused(
        app,
        lambda: app.venues.display(
            OFFICE, showroom_id=room, product_id=never, since=date(2025, 4, 1)
        ),
        "failed_precondition",
        "product_id",
    )
    fair = record_fair(
        app,
        name="Hội chợ Măng Đen",
        place="inside",
        location="Kon Plông",
        starts_on=date(2025, 12, 20),
        ends_on=date(2025, 12, 22),
        organiser="UBND huyện",
    )
    refused(
        app,
        lambda: app.venues.participate(OFFICE, fair_id=fair.id, product_id=never),
        "failed_precondition",
        "product_id",
    )


def test_a_product_not_yet_certified_on_the_date_is_refused(app: PromotionApp) -> None:
    coffee = product(app, producer(app), certified_on=date(2025, 6, 14))
    room = showroom(app)
    error = refused(
        app,
        lambda: app.venues.display(
            OFFICE, showroom_id=room, product_id=coffee, since=date(2025, 5, 1)
        ),
        "failed_precondition",
        "product_id",
    )
    assert "01/05/2025" in error.message("vi")


def test_a_revoked_product_is_refused_afterwards(app: PromotionApp) -> None:
    from tests.unit.promotion.helpers import revoke

    coffee = product(app, producer(app))
    revoke(app, coffee, date(2025, 2, 1))
    room = showroom(app)
    refused(
        app,
        lambda: app.venues.display(
            OFFICE, showroom_id=room, product_id=coffee, since=date(2025, 3, 5)
        ),
        "failed_precondition",
        "product_id",
    )


def test_a_producer_from_another_jurisdiction(app: PromotionApp) -> None:
    who = producer(app)
    coffee = product(app, who)
    room = showroom(app)
    refused(
        app,
        lambda: join(app, OTHER_DISTRICT, who, "supermarket", "Co.opmart", date(2025, 3, 1)),
        "permission_denied",
        "actor.jurisdiction",
    )
    refused(
        app,
        lambda: app.venues.display(
            OTHER_DISTRICT, showroom_id=room, product_id=coffee, since=date(2025, 4, 1)
        ),
        "permission_denied",
        "actor.jurisdiction",
    )
    refused(
        app,
        lambda: app.outreach.grant(
            OTHER_DISTRICT,
            producer_id=who,
            kind="equipment",
            amount_vnd=5_000_000,
            funding_source="province_budget",
            granted_on=date(2025, 5, 1),
        ),
        "permission_denied",
        "actor.jurisdiction",
    )


def test_a_role_that_does_not_record_promotion(app: PromotionApp) -> None:
    who = producer(app)
    refused(
        app,
        lambda: join(app, PRODUCER_ACTOR, who, "ecommerce", "Shopee", date(2025, 3, 1)),
        "permission_denied",
        "actor.role",
    )


def test_a_channel_type_not_on_the_list(app: PromotionApp) -> None:
    who = producer(app)
    error = refused(
        app,
        lambda: join(app, OFFICE, who, "street_vendor", "Chợ Đăk Hà", date(2025, 3, 1)),
        "invalid_argument",
        "channel_type",
    )
    assert "supermarket" in error.message("en")


def test_overlapping_dates(app: PromotionApp) -> None:
    who = producer(app)
    join(
        app,
        OFFICE,
        who,
        "supermarket",
        "Co.opmart Kon Tum",
        date(2025, 1, 1),
        until=date(2025, 6, 30),
    )
    refused(
        app,
        lambda: join(app, OFFICE, who, "supermarket", "CO.OPMART KON TUM", date(2025, 6, 1)),
        "failed_precondition",
        "since",
    )
    # The same partner after the first contract ended is a new period, not an overlap.
    join(app, OFFICE, who, "supermarket", "Co.opmart Kon Tum", date(2025, 7, 1))
    link: dict[str, Any] = {
        "producer_id": who,
        "raw_material_area": "Vùng sâm dây Ngọc Linh",
        "area": "3",
        "area_unit": "ha",
        "partner_kind": "households",
        "partner": "Tổ hợp tác Tu Mơ Rông",
        "contract_no": "HĐ-01",
        "since": date(2024, 1, 1),
    }
    app.channels.link(OFFICE, **link)
    refused(
        app,
        lambda: app.channels.link(OFFICE, **{**link, "since": date(2025, 1, 1)}),
        "failed_precondition",
        "since",
    )
    record_fair(app)
    refused(
        app,
        lambda: record_fair(app, starts_on=date(2025, 8, 4), ends_on=date(2025, 8, 8)),
        "failed_precondition",
        "starts_on",
    )


def test_ends_before_it_starts_and_future_facts(app: PromotionApp) -> None:
    who = producer(app)
    refused(
        app,
        lambda: record_fair(app, starts_on=date(2025, 8, 5), ends_on=date(2025, 8, 1)),
        "invalid_argument",
        "ends_on",
    )
    refused(app, lambda: record_fair(app, place="abroad"), "invalid_argument", "place")
    refused(
        app,
        lambda: join(app, OFFICE, who, "ecommerce", "Shopee", date(2026, 1, 1)),
        "invalid_argument",
        "since",
    )


# (changed fields of a grant, further arguments, refusal kind, field it names)
GRANT_REFUSALS: list[tuple[dict[str, Any], dict[str, Any], str, str]] = [
    ({"funding_source": "lottery"}, {}, "invalid_argument", "funding_source"),
    ({"kind": "gift"}, {}, "invalid_argument", "kind"),
    ({"amount_vnd": 0}, {}, "invalid_argument", "amount_vnd"),
    ({}, {"budget_line": "XX"}, "not_found", "budget_line"),
    ({"amount_vnd": 10_000_001}, {"budget_line": "HT-1"}, "failed_precondition", "amount_vnd"),
]


def test_support_refusals(app: PromotionApp) -> None:
    who = producer(app)
    app.plans.adopt(
        OFFICE,
        year=2025,
        title="Kế hoạch 2025",
        budget_lines=[budget_line("HT-1", "Hỗ trợ", 10_000_000)],
    )
    base: dict[str, Any] = {
        "producer_id": who,
        "kind": "design",
        "amount_vnd": 5_000_000,
        "funding_source": "district_budget",
        "granted_on": date(2025, 6, 1),
    }
    for change, more, kind, field in GRANT_REFUSALS:
        grant = partial(app.outreach.grant, OFFICE, **{**base, **change}, **more)
        refused(app, grant, kind, field)
    refused(
        app,
        lambda: app.plans.adopt(OFFICE, year=2025, title="Lần hai"),
        "failed_precondition",
        "year",
    )
    refused(
        app,
        lambda: app.plans.adopt(
            OFFICE,
            year=2026,
            title="K",
            activities=[{"code": "A", "title": "x", "kind": "party"}],
        ),
        "invalid_argument",
        "activities.kind",
    )
    refused(
        app,
        lambda: app.outreach.training(
            OFFICE,
            topic="T",
            organiser="O",
            starts_on=date(2025, 4, 8),
            ends_on=date(2025, 4, 9),
            participants={"visitor": 3},
        ),
        "invalid_argument",
        "participants",
    )

"""Promotion's history for the replay test (`histories.py`): every stored event type of
promotion, through its commands and consumed events."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from runtime.clock import FixedClock
from runtime.settings import Settings
from services.promotion.application import PromotionApp
from services.promotion.bootstrap import build as build_promotion
from tests.unit.promotion import helpers as pro


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC)


def promotion_history(settings: Settings) -> None:
    clock = FixedClock(_at(date(2025, 11, 20)))
    service = build_promotion(settings, clock=clock)
    app = service.app
    office = pro.OFFICE
    try:
        who = pro.producer(app)
        coffee = pro.product(app, who)
        honey = pro.product(app, who, "Mật ong")
        _plan_and_outreach(app, who)
        _venues(app, coffee, honey)
        _channels(app, who, coffee, honey)
        coming = app.venues.record_fair(
            office,
            name="Hội chợ Xuân",
            place="inside",
            location="Quảng trường 16/3",
            starts_on=date(2026, 1, 20),
            ends_on=date(2026, 1, 25),
            organiser="Sở Công Thương",
        )
        app.venues.participate(office, fair_id=coming.id, product_id=honey)
        pro.revoke(app, honey, date(2025, 11, 1))
        pro.expire(app, pro.product(app, who, "Trà"), date(2025, 11, 2))
    finally:
        app.close()


def _plan_and_outreach(app: PromotionApp, who: UUID) -> None:
    """The year's plan and its activities; a campaign, a training and a support grant."""
    office = pro.OFFICE
    app.plans.adopt(
        office,
        year=2025,
        title="Kế hoạch xúc tiến thương mại sản phẩm OCOP năm 2025",
        budget_lines=[
            {
                "code": "NTM-1",
                "label": "Hỗ trợ hội chợ",
                "amount_vnd": 150_000_000,
                "funding_source": "ntp_new_rural",
            },
        ],
        activities=[{"code": "HC-1", "title": "Hội chợ", "kind": "fair", "budget_line": "NTM-1"}],
    )
    app.plans.add_activity(
        office,
        year=2025,
        entry={"code": "TT-1", "title": "Phóng sự", "kind": "campaign"},
    )
    app.outreach.campaign(
        office,
        title="Phóng sự OCOP Đăk Hà",
        channel="television",
        audience="Người dân trong tỉnh",
        held_on=date(2025, 5, 2),
        activity_code="TT-1",
    )
    app.plans.complete(office, year=2025, code="TT-1")
    app.outreach.training(
        office,
        topic="Bán hàng trên sàn thương mại điện tử",
        organiser="Sở Công Thương",
        starts_on=date(2025, 6, 10),
        ends_on=date(2025, 6, 11),
        participants={"official": 15, "producer": 40},
    )
    app.outreach.grant(
        office,
        producer_id=who,
        kind="design",
        amount_vnd=25_000_000,
        funding_source="ntp_new_rural",
        granted_on=date(2025, 4, 2),
        note="Thiết kế bao bì",
    )


def _venues(app: PromotionApp, coffee: UUID, honey: UUID) -> None:
    """Products displayed and taken down in a showroom, another closed; a fair and its results."""
    office = pro.OFFICE
    room = pro.showroom(app)
    app.venues.display(office, showroom_id=room, product_id=coffee, since=date(2025, 3, 2))
    app.venues.take_down(office, showroom_id=room, product_id=coffee, on=date(2025, 9, 1))
    app.venues.display(office, showroom_id=room, product_id=honey, since=date(2025, 9, 5))
    other = app.venues.open_showroom(
        office,
        name="Điểm bán sản phẩm OCOP xã Hà Mòn",
        address="Thôn 1, xã Hà Mòn",
        commune_code="23500",
        province_code=pro.PROVINCE,
        district_code=pro.DISTRICT,
        operator="HTX Hà Mòn",
        opened_on=date(2025, 3, 1),
    ).id
    app.venues.close_showroom(office, showroom_id=other, closed_on=date(2025, 10, 1))
    fair = app.venues.record_fair(
        office,
        name="Hội chợ OCOP khu vực miền Trung - Tây Nguyên",
        place="outside",
        location="TP Đà Nẵng",
        starts_on=date(2025, 7, 10),
        ends_on=date(2025, 7, 14),
        organiser="Sở Công Thương Đà Nẵng",
    )
    app.venues.participate(office, fair_id=fair.id, product_id=coffee)
    app.venues.participate(office, fair_id=fair.id, product_id=honey)
    app.venues.record_result(
        office, fair_id=fair.id, product_id=coffee, contracts=2, sales_vnd=48_500_000
    )


def _channels(app: PromotionApp, who: UUID, coffee: UUID, honey: UUID) -> None:
    """Sales channels joined and left; value-chain links, one ended."""
    office = pro.OFFICE
    joined = app.channels.join(
        office,
        producer_id=who,
        channel_type="postal_ecommerce",
        partner="postmart.vn",
        since=date(2025, 2, 1),
        product_ids=[coffee, honey],
    )
    app.channels.join(
        office,
        producer_id=who,
        channel_type="supermarket",
        partner="Co.opmart",
        since=date(2025, 2, 1),
        product_ids=[honey],
    )
    app.channels.leave(
        office, producer_id=who, channel_id=next(iter(joined.channels)), on=date(2025, 8, 31)
    )
    for until in (None, date(2025, 10, 1)):
        linked = app.channels.link(
            office,
            producer_id=who,
            raw_material_area="Vùng cà phê xã Hà Mòn",
            area="120.5",
            area_unit="ha",
            partner_kind="cooperative_members",
            partner=f"48 hộ thành viên {until or ''}",
            contract_no="HĐLK-05/2025",
            since=date(2025, 1, 15),
        )
        if until is not None:
            link = next(iter(linked.chains))
            app.channels.end_link(office, producer_id=who, link_id=link, on=until)

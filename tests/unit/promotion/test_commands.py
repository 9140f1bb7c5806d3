"""Each promotion command on the store matrix: what it records and publishes."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from contracts import promotion as c
from contracts.envelope import IntegrationEvent
from services.promotion.adapters.outbound import translator
from services.promotion.application import PromotionApp
from services.promotion.bootstrap import PromotionService
from tests.unit.promotion.helpers import (
    COMMUNE,
    DISTRICT,
    OFFICE,
    PROVINCE,
    budget_line,
    cert_no,
    join,
    producer,
    product,
    showroom,
)


def published(service: PromotionService) -> list[IntegrationEvent]:
    """Every contract event the relay would publish, in order."""
    app = service.app
    translate = translator(service.as_of)
    out = []
    for note in app.recorder.select_notifications(start=1, limit=10_000):
        event = app.mapper.to_domain_event(note)
        out += [e for _, e in translate(event)]
    return out


def test_the_years_plan_with_its_lead_units_and_budget_lines(app: PromotionApp) -> None:
    plan = app.plans.adopt(
        OFFICE,
        year=2025,
        title="Kế hoạch xúc tiến thương mại sản phẩm OCOP năm 2025",
        budget_lines=[budget_line("NTM-1", "Hỗ trợ hội chợ", 150_000_000, "ntp_new_rural")],
        activities=[
            {"code": "HC-1", "title": "Tham gia hội chợ", "kind": "fair", "budget_line": "NTM-1"}
        ],
    )
    activity = plan.activities["HC-1"]
    assert activity["lead_unit"] == "economy_infrastructure"
    assert activity["with_units"] == ["agriculture"]
    assert activity["status"] == "planned"
    app.plans.add_activity(
        OFFICE,
        year=2025,
        entry={
            "code": "TT-1",
            "title": "Phóng sự truyền hình",
            "kind": "campaign",
            "lead_unit": "culture_information",
        },
    )
    app.outreach.campaign(
        OFFICE,
        title="Phóng sự OCOP Đăk Hà",
        channel="television",
        audience="Người dân trong tỉnh",
        held_on=date(2025, 5, 2),
        activity_code="TT-1",
    )
    plan = app.queries.plan(DISTRICT, 2025)
    assert plan.activities["TT-1"]["status"] == "under_way"
    app.plans.complete(OFFICE, year=2025, code="TT-1")
    assert app.queries.plan(DISTRICT, 2025).activities["TT-1"]["status"] == "done"


def test_showroom_opened_product_displayed_taken_down_closed(service: PromotionService) -> None:
    app = service.app
    who = producer(app)
    coffee = product(app, who)
    room = showroom(app)
    app.venues.display(OFFICE, showroom_id=room, product_id=coffee, since=date(2025, 3, 2))
    assert str(coffee) in app.showroom(room).displayed
    assert [s.name for s in app.queries.showrooms(DISTRICT)] == [app.showroom(room).name]
    app.venues.take_down(OFFICE, showroom_id=room, product_id=coffee, on=date(2025, 9, 1))
    assert app.showroom(room).past[0]["reason"] == "by_operator"
    app.venues.display(OFFICE, showroom_id=room, product_id=coffee, since=date(2025, 9, 5))
    app.venues.close_showroom(OFFICE, showroom_id=room, closed_on=date(2025, 10, 1))
    assert app.queries.showrooms(DISTRICT) == []
    assert app.product(coffee).showroom_ids == []
    kinds = [type(e).__name__ for e in published(service)]
    assert kinds == [
        "ShowroomOpened",
        "ProductDisplayed",
        "ProductWithdrawn",
        "ProductDisplayed",
        "ProductWithdrawn",
        "ShowroomClosed",
    ]


def test_fair_participation_and_results(service: PromotionService) -> None:
    app = service.app
    coffee = product(app, producer(app))
    fair = app.venues.record_fair(
        OFFICE,
        name="Hội chợ OCOP khu vực miền Trung - Tây Nguyên",
        place="outside",
        location="TP Đà Nẵng",
        starts_on=date(2025, 7, 10),
        ends_on=date(2025, 7, 14),
        organiser="Sở Công Thương Đà Nẵng",
    )
    app.venues.participate(OFFICE, fair_id=fair.id, product_id=coffee)
    app.venues.record_result(
        OFFICE, fair_id=fair.id, product_id=coffee, contracts=2, sales_vnd=48_500_000
    )
    assert app.fair(fair.id).participants[str(coffee)]["sales_vnd"] == 48_500_000
    events = published(service)
    last = events[-1]
    assert isinstance(last, c.FairParticipationRecorded) and last.sales_vnd == 48_500_000
    assert isinstance(events[0], c.FairHeld) and events[0].place == "outside"


def test_channels_and_value_chains(service: PromotionService) -> None:
    app = service.app
    who = producer(app)
    coffee = product(app, who)
    since = date(2025, 2, 1)
    joined = join(app, OFFICE, who, "postal_ecommerce", "postmart.vn", since, product_ids=[coffee])
    channel_id = next(iter(joined.channels))
    app.channels.leave(OFFICE, producer_id=who, channel_id=channel_id, on=date(2025, 8, 31))
    linked = app.channels.link(
        OFFICE,
        producer_id=who,
        raw_material_area="Vùng cà phê xã Hà Mòn",
        area="120.5",
        area_unit="ha",
        partner_kind="cooperative_members",
        partner="48 hộ thành viên",
        contract_no="HĐLK-05/2025",
        since=date(2025, 1, 15),
    )
    link_id = next(iter(linked.chains))
    app.channels.end_link(OFFICE, producer_id=who, link_id=link_id, on=date(2025, 10, 1))
    events = published(service)
    assert [type(e).__name__ for e in events] == [
        "SalesChannelJoined",
        "SalesChannelLeft",
        "ValueChainLinked",
        "ValueChainEnded",
    ]
    first = events[0]
    assert isinstance(first, c.SalesChannelJoined)
    assert first.modern and first.product_ids == [coffee] and first.producer_id == who
    kinds = [r["kind"] for r in app.queries.history(who)]
    assert kinds == ["value_chain_linked", "channel_joined", "channel_left", "value_chain_ended"]


def test_outreach_and_support_against_a_budget_line(service: PromotionService) -> None:
    app = service.app
    who = producer(app)
    app.plans.adopt(
        OFFICE,
        year=2025,
        title="Kế hoạch 2025",
        budget_lines=[budget_line("HT-1", "Hỗ trợ bao bì", 30_000_000)],
        activities=[
            {
                "code": "HT",
                "title": "Hỗ trợ thiết kế bao bì",
                "kind": "support",
                "budget_line": "HT-1",
            }
        ],
    )
    app.outreach.training(
        OFFICE,
        topic="Kỹ năng bán hàng trên sàn thương mại điện tử",
        organiser="Phòng Kinh tế và Hạ tầng",
        starts_on=date(2025, 4, 8),
        ends_on=date(2025, 4, 9),
        participants={"official": 12, "producer": 35},
    )
    grant = app.outreach.grant(
        OFFICE,
        producer_id=who,
        kind="design",
        amount_vnd=20_000_000,
        funding_source="district_budget",
        granted_on=date(2025, 6, 1),
        budget_line="HT-1",
        activity_code="HT",
    )
    assert app.queries.plan(DISTRICT, 2025).granted == {"HT-1": 20_000_000}
    events = published(service)
    support = events[-1]
    assert isinstance(support, c.SupportGranted)
    assert support.amount_vnd == 20_000_000 and support.funding_source == "district_budget"
    assert support.plan_id is not None and grant.plan_id == str(support.plan_id)
    training = next(e for e in events if isinstance(e, c.TrainingHeld))
    assert training.participants == {"official": 12, "producer": 35}
    assert [r["kind"] for r in app.queries.history(who)] == ["support"]


def test_a_province_office_acts_on_its_districts_producers(app: PromotionApp) -> None:
    from tests.unit.promotion.helpers import PROVINCE_OFFICE

    coffee = product(app, producer(app))
    room = app.venues.open_showroom(
        PROVINCE_OFFICE,
        name="Trung tâm OCOP tỉnh",
        address="TP Kon Tum",
        commune_code=COMMUNE,
        province_code=PROVINCE,
        operator="Trung tâm Xúc tiến",
        opened_on=date(2025, 1, 2),
    )
    shown = app.venues.display(
        PROVINCE_OFFICE, showroom_id=room.id, product_id=coffee, since=date(2025, 1, 3)
    )
    assert shown.displayed[str(coffee)]["certificate_no"] == cert_no(coffee)
    assert isinstance(room.id, UUID)

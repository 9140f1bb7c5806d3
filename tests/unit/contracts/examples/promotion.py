"""Promotion's events for the Tân Cương green tea: the district's 2027 plan, a showroom in
the commune, a fair in Hà Nội, a supermarket channel and an e-commerce platform, a value
chain with the cooperative's members, outreach, support, and the product withdrawn when
its certificate was revoked."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from contracts.envelope import Actor
from contracts.promotion import (
    BudgetLine,
    CampaignHeld,
    FairHeld,
    FairParticipationRecorded,
    PlannedActivity,
    ProductDisplayed,
    ProductWithdrawn,
    PromotionActivityAdded,
    PromotionActivityCompleted,
    PromotionPlanAdopted,
    SalesChannelJoined,
    SalesChannelLeft,
    ShowroomClosed,
    ShowroomOpened,
    SupportGranted,
    TrainingHeld,
    ValueChainEnded,
    ValueChainLinked,
)
from tests.unit.contracts.examples.common import PRODUCER_ID, PRODUCT_ID, PROVINCE

OFFICE = Actor(id="phong.ktht.thainguyen", role="economy_office", jurisdiction=PROVINCE)
PLAN_ID = UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01")
SHOWROOM_ID = UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c02")
FAIR_ID = UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c03")
PRODUCER_AGG = UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c04")
CHANNEL_ID = UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c05")
LINK_ID = UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c06")
ACTIVITY = PlannedActivity(
    code="HC-01",
    title="Tham gia Hội chợ OCOP Hà Nội",
    kind="fair",
    lead_unit="economy_infrastructure",
    with_units=["agriculture"],
    budget_line="NTM-01",
    budget_vnd=80_000_000,
)


def _env(n: int, aggregate_id: UUID, version: int, day: date) -> dict[str, Any]:
    return {
        "event_id": UUID(f"20000000-0000-4000-8000-0000000000{n:02x}"),
        "aggregate_id": aggregate_id,
        "aggregate_version": version,
        "occurred_at": datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC),
        "actor": OFFICE,
        "correlation_id": UUID(f"8c2e5b1d-6a0f-4b4c-9d8e-1f2a3b4c5d{n:02x}"),
    }


PROMOTION_PLAN_ADOPTED = PromotionPlanAdopted(
    **_env(1, PLAN_ID, 1, date(2027, 1, 15)),
    jurisdiction=PROVINCE,
    year=2027,
    title="Kế hoạch xúc tiến thương mại sản phẩm OCOP năm 2027",
    budget_lines=[
        BudgetLine(
            code="NTM-01",
            label="Hỗ trợ tham gia hội chợ",
            amount_vnd=80_000_000,
            funding_source="ntp_new_rural",
        )
    ],
    activities=[ACTIVITY],
)
PROMOTION_ACTIVITY_ADDED = PromotionActivityAdded(
    **_env(2, PLAN_ID, 2, date(2027, 2, 1)),
    jurisdiction=PROVINCE,
    year=2027,
    activity=ACTIVITY.model_copy(update={"code": "TT-01", "kind": "campaign", "budget_vnd": 0}),
)
PROMOTION_ACTIVITY_COMPLETED = PromotionActivityCompleted(
    **_env(3, PLAN_ID, 3, date(2027, 12, 20)), jurisdiction=PROVINCE, year=2027, code="HC-01"
)
SHOWROOM_OPENED = ShowroomOpened(
    **_env(4, SHOWROOM_ID, 1, date(2027, 3, 1)),
    name="Điểm giới thiệu và bán sản phẩm OCOP Tân Cương",
    address="Xóm Hồng Thái 2, xã Tân Cương",
    commune_code="05854",
    province_code=PROVINCE,
    operator="HTX Chè Tân Cương",
    opened_on=date(2027, 3, 1),
)
PRODUCT_DISPLAYED = ProductDisplayed(
    **_env(5, SHOWROOM_ID, 2, date(2027, 3, 2)),
    product_id=PRODUCT_ID,
    producer_id=PRODUCER_ID,
    certificate_no="310/QĐ-UBND/03",
    since=date(2027, 3, 2),
)
PRODUCT_WITHDRAWN = ProductWithdrawn(
    **_env(6, SHOWROOM_ID, 3, date(2027, 4, 10)),
    product_id=PRODUCT_ID,
    withdrawn_from="showroom",
    place_id=SHOWROOM_ID,
    reason="revoked",
    certificate_no="310/QĐ-UBND/03",
    withdrawn_on=date(2027, 4, 10),
)
SHOWROOM_CLOSED = ShowroomClosed(
    **_env(7, SHOWROOM_ID, 4, date(2027, 12, 31)), closed_on=date(2027, 12, 31)
)
FAIR_HELD = FairHeld(
    **_env(8, FAIR_ID, 1, date(2027, 2, 10)),
    name="Hội chợ OCOP Hà Nội 2027",
    place="outside",
    location="Cung Văn hóa Hữu nghị, Hà Nội",
    starts_on=date(2027, 3, 18),
    ends_on=date(2027, 3, 22),
    organiser="Sở Công Thương Hà Nội",
    jurisdiction=PROVINCE,
    activity_code="HC-01",
)
FAIR_PARTICIPATION_RECORDED = FairParticipationRecorded(
    **_env(9, FAIR_ID, 2, date(2027, 3, 25)),
    fair_id=FAIR_ID,
    product_id=PRODUCT_ID,
    producer_id=PRODUCER_ID,
    certificate_no="310/QĐ-UBND/03",
    contracts=3,
    sales_vnd=126_000_000,
)
SALES_CHANNEL_JOINED = SalesChannelJoined(
    **_env(10, PRODUCER_AGG, 3, date(2027, 2, 1)),
    producer_id=PRODUCER_ID,
    channel_id=CHANNEL_ID,
    channel_type="supermarket",
    modern=True,
    partner="Co.opmart Thái Nguyên",
    since=date(2027, 2, 1),
    product_ids=[PRODUCT_ID],
)
SALES_CHANNEL_LEFT = SalesChannelLeft(
    **_env(11, PRODUCER_AGG, 4, date(2027, 9, 30)),
    producer_id=PRODUCER_ID,
    channel_id=CHANNEL_ID,
    channel_type="supermarket",
    left_on=date(2027, 9, 30),
)
VALUE_CHAIN_LINKED = ValueChainLinked(
    **_env(12, PRODUCER_AGG, 5, date(2027, 1, 20)),
    producer_id=PRODUCER_ID,
    link_id=LINK_ID,
    raw_material_area="Vùng chè xã Tân Cương",
    area="45.5",
    area_unit="ha",
    partner_kind="cooperative_members",
    partner="62 hộ thành viên HTX",
    contract_no="HĐLK-02/2027",
    since=date(2027, 1, 20),
)
VALUE_CHAIN_ENDED = ValueChainEnded(
    **_env(13, PRODUCER_AGG, 6, date(2027, 12, 31)),
    producer_id=PRODUCER_ID,
    link_id=LINK_ID,
    ended_on=date(2027, 12, 31),
)
CAMPAIGN_HELD = CampaignHeld(
    **_env(14, UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c07"), 1, date(2027, 5, 5)),
    title="Phóng sự: Chè Tân Cương - sản phẩm OCOP 4 sao",
    channel="television",
    audience="Người tiêu dùng trong và ngoài tỉnh",
    held_on=date(2027, 5, 5),
    jurisdiction=PROVINCE,
    activity_code="TT-01",
)
TRAINING_HELD = TrainingHeld(
    **_env(15, UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c08"), 1, date(2027, 4, 9)),
    topic="Bán hàng trên sàn thương mại điện tử",
    organiser="Phòng Kinh tế và Hạ tầng",
    starts_on=date(2027, 4, 8),
    ends_on=date(2027, 4, 9),
    participants={"official": 10, "producer": 42},
    jurisdiction=PROVINCE,
)
SUPPORT_GRANTED = SupportGranted(
    **_env(16, UUID("7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c09"), 1, date(2027, 3, 1)),
    producer_id=PRODUCER_ID,
    kind="trade_fair",
    amount_vnd=15_000_000,
    funding_source="ntp_new_rural",
    granted_on=date(2027, 3, 1),
    jurisdiction=PROVINCE,
    plan_id=PLAN_ID,
    budget_line="NTM-01",
    activity_code="HC-01",
)

PROMOTION_EXAMPLES = (
    PROMOTION_PLAN_ADOPTED,
    PROMOTION_ACTIVITY_ADDED,
    PROMOTION_ACTIVITY_COMPLETED,
    SALES_CHANNEL_JOINED,
    SALES_CHANNEL_LEFT,
    VALUE_CHAIN_LINKED,
    VALUE_CHAIN_ENDED,
    FAIR_HELD,
    FAIR_PARTICIPATION_RECORDED,
    SHOWROOM_OPENED,
    SHOWROOM_CLOSED,
    PRODUCT_DISPLAYED,
    PRODUCT_WITHDRAWN,
    CAMPAIGN_HELD,
    TRAINING_HELD,
    SUPPORT_GRANTED,
)

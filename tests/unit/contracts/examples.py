"""One realistic instance of every published event: a tea cooperative in Tân Cương commune,
Thái Nguyên province, takes its green tea through registration and evaluation."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from contracts.envelope import Actor, IntegrationEvent
from contracts.evaluation import (
    CertificateExpired,
    CertificateExpiryNoticeDue,
    CertificateSuperseded,
    ForwardedToProvince,
    Recognized,
    ReevaluationWindowOpened,
    ReturnedByProvince,
    RevocationOpened,
    Revoked,
    Scored,
)
from contracts.inspection import (
    InspectionFailed,
    InspectionPassed,
    InspectionPlanned,
    InspectionScheduled,
    PlannedProduct,
    RemediationCompleted,
    RemediationOverdue,
    RemediationRequired,
    TeamMember,
)
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from contracts.registration import (
    BusinessPlanApproved,
    BusinessPlanReturned,
    BusinessPlanSubmitted,
    CommuneAssessed,
    DossierResubmitted,
    DossierReturned,
    DossierSubmitted,
    IdeaAccepted,
    IdeaRegistered,
    IdeaResubmitted,
    IdeaReturned,
    ProducerRegistered,
    ProductCodeAssigned,
    ProductRegistered,
)

PROVINCE = "19"  # Thái Nguyên
COMMUNE = "05503"  # Xã Tân Cương
PRODUCER_ID = UUID("6f1c1b7e-3f5a-4c8e-9a41-2b0d5e7c9a01")
PRODUCT_ID = UUID("0b8e4d2a-91c7-4f3e-8d65-7a2c1e9f4b02")
DOSSIER_ID = UUID("c4a9e7f1-5d2b-4e8a-b3c6-9f1e2d7a5c03")
FLOW = UUID("9d3f6a2c-7b1e-4c5d-8e9f-0a1b2c3d4e05")

PRODUCER_NAME = "Hợp tác xã Chè Hoàng Bình Tân Cương"
PRODUCT_NAME = "Chè búp Tân Cương – Đặc sản Thái Nguyên"

COMMUNE_OFFICER = Actor(id="canbo.xa.tancuong", role="commune_officer", jurisdiction=COMMUNE)
COUNCIL_SECRETARY = Actor(id="thuky.hoidong.19", role="council_secretary", jurisdiction=PROVINCE)
AUTHORITY = Actor(id="ubnd.tinh.thainguyen", role="authority", jurisdiction=PROVINCE)


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 6, day, hour, 15, tzinfo=UTC)


PRODUCER_REGISTERED = ProducerRegistered(
    event_id=UUID("10000000-0000-4000-8000-000000000001"),
    aggregate_id=PRODUCER_ID,
    aggregate_version=1,
    occurred_at=at(1, 2),
    actor=COMMUNE_OFFICER,
    correlation_id=FLOW,
    name=PRODUCER_NAME,
    kind="cooperative",
    is_sme=True,
    business_registration_no="4600123456",
    commune_code=COMMUNE,
    province_code=PROVINCE,
)

PRODUCT_REGISTERED = ProductRegistered(
    event_id=UUID("10000000-0000-4000-8000-000000000002"),
    aggregate_id=PRODUCT_ID,
    aggregate_version=1,
    occurred_at=at(1, 3),
    actor=COMMUNE_OFFICER,
    correlation_id=FLOW,
    causation_id=PRODUCER_REGISTERED.event_id,
    producer_id=PRODUCER_ID,
    name=PRODUCT_NAME,
    product_set=11,  # Chè tươi, chè chế biến
    commune_code=COMMUNE,
    province_code=PROVINCE,
)

DOSSIER_SUBMITTED = DossierSubmitted(
    event_id=UUID("10000000-0000-4000-8000-000000000003"),
    aggregate_id=DOSSIER_ID,
    aggregate_version=1,
    occurred_at=at(2, 1),
    actor=COMMUNE_OFFICER,
    correlation_id=FLOW,
    causation_id=PRODUCT_REGISTERED.event_id,
    rule_set_id="R3",
    product_id=PRODUCT_ID,
    producer_id=PRODUCER_ID,
    kind="first",
    received_on=date(2026, 6, 2),
    commune_code=COMMUNE,
)

COMMUNE_ASSESSED = CommuneAssessed(
    event_id=UUID("10000000-0000-4000-8000-000000000004"),
    aggregate_id=DOSSIER_ID,
    aggregate_version=2,
    occurred_at=at(9, 8),
    actor=COMMUNE_OFFICER,
    correlation_id=FLOW,
    causation_id=DOSSIER_SUBMITTED.event_id,
    rule_set_id="R3",
    product_id=PRODUCT_ID,
    producer_id=PRODUCER_ID,
    product_name=PRODUCT_NAME,
    product_set=11,
    kind="first",
    received_on=date(2026, 6, 2),
    assessed_on=date(2026, 6, 9),
    report_no="03/BC-UBND-TânCương",
    local_raw_material=True,
    local_labour=True,
    idea_origin=True,
    local_identity=True,
    forwarded_to="province",
    commune_code=COMMUNE,
    province_code=PROVINCE,
)

SCORED = Scored(
    event_id=UUID("10000000-0000-4000-8000-000000000005"),
    aggregate_id=DOSSIER_ID,
    aggregate_version=3,
    occurred_at=at(24, 9),
    actor=COUNCIL_SECRETARY,
    correlation_id=FLOW,
    causation_id=COMMUNE_ASSESSED.event_id,
    rule_set_id="R3",
    dossier_id=DOSSIER_ID,
    product_id=PRODUCT_ID,
    product_set=11,
    score=Decimal("72.50"),
    star_band=4,
    outcome="recognised",
    explanation="Đạt 72,50 điểm: hạng 4 sao (từ 70 đến dưới 90 điểm), cấp tỉnh công nhận.",
)

RECOGNIZED = Recognized(
    event_id=UUID("10000000-0000-4000-8000-000000000006"),
    aggregate_id=DOSSIER_ID,
    aggregate_version=4,
    occurred_at=at(30, 3),
    actor=AUTHORITY,
    correlation_id=FLOW,
    causation_id=SCORED.event_id,
    rule_set_id="R3",
    dossier_id=DOSSIER_ID,
    product_id=PRODUCT_ID,
    star=4,
    decision_no="1234/QĐ-UBND",
    decided_on=date(2026, 6, 30),
    authority="Ủy ban nhân dân tỉnh Thái Nguyên",
    valid_from=date(2026, 6, 30),
    valid_to=date(2029, 6, 30),
)

# An earlier dossier of the same product, evaluated at district level under R2 (2025).
EARLIER_DOSSIER_ID = UUID("5e2d8c1a-4b7f-4a3e-9c6d-1f0e2a3b4c06")
FORWARDED_TO_PROVINCE = ForwardedToProvince(
    event_id=UUID("10000000-0000-4000-8000-000000000007"),
    aggregate_id=EARLIER_DOSSIER_ID,
    aggregate_version=3,
    occurred_at=datetime(2025, 5, 20, 7, 30, tzinfo=UTC),
    actor=Actor(id="thuky.hoidong.huyen", role="council_secretary", jurisdiction="164"),
    correlation_id=UUID("9d3f6a2c-7b1e-4c5d-8e9f-0a1b2c3d4e06"),
    rule_set_id="R2",
    dossier_id=EARLIER_DOSSIER_ID,
    product_id=PRODUCT_ID,
    product_name=PRODUCT_NAME,
    product_set=11,
    score=Decimal("71.25"),
    from_level="district",
    to_level="province",
    forwarded_on=date(2025, 5, 20),
)

# Steps 2-4 of the cycle for the same product, earlier in 2026 (aggregate: the idea).
IDEA_ID = UUID("a1d3e5f7-2b4c-4d6e-8f0a-1b2c3d4e5f08")


def _idea_event(n: int, model: type[IntegrationEvent], **fields: object) -> IntegrationEvent:
    return model(
        event_id=UUID(f"20000000-0000-4000-8000-00000000000{n}"),
        aggregate_id=IDEA_ID,
        aggregate_version=n,
        occurred_at=datetime(2026, 3, n, 3, 0, tzinfo=UTC),
        actor=COMMUNE_OFFICER,
        correlation_id=FLOW,
        **fields,
    )


IDEA_EXAMPLES: tuple[IntegrationEvent, ...] = (
    _idea_event(
        1,
        IdeaRegistered,
        producer_id=PRODUCER_ID,
        name=PRODUCT_NAME,
        product_set=11,
        submitted_on=date(2026, 3, 1),
    ),
    _idea_event(
        2, IdeaReturned, reason="Chưa nêu vùng nguyên liệu chè.", decided_on=date(2026, 3, 2)
    ),
    _idea_event(3, IdeaResubmitted, submitted_on=date(2026, 3, 3)),
    _idea_event(4, IdeaAccepted, decided_on=date(2026, 3, 4)),
    _idea_event(5, BusinessPlanSubmitted, submitted_on=date(2026, 3, 5)),
    _idea_event(
        6, BusinessPlanReturned, reason="Thiếu kế hoạch bao bì.", decided_on=date(2026, 3, 6)
    ),
    _idea_event(7, BusinessPlanApproved, decided_on=date(2026, 3, 7)),
)

PRODUCT_CODE_ASSIGNED = ProductCodeAssigned(
    event_id=UUID("10000000-0000-4000-8000-000000000008"),
    aggregate_id=PRODUCT_ID,
    aggregate_version=3,
    occurred_at=at(2, 1),
    actor=COMMUNE_OFFICER,
    correlation_id=FLOW,
    code=f"{PROVINCE}-{COMMUNE}-3-2026",
    code_format="current",
    assigned_on=date(2026, 6, 2),
)

DOSSIER_RETURNED = DossierReturned(
    event_id=UUID("10000000-0000-4000-8000-000000000009"),
    aggregate_id=DOSSIER_ID,
    aggregate_version=2,
    occurred_at=at(3, 2),
    actor=COMMUNE_OFFICER,
    correlation_id=FLOW,
    product_id=PRODUCT_ID,
    reason="Thiếu phiếu kết quả kiểm nghiệm.",
    returned_on=date(2026, 6, 3),
)

DOSSIER_RESUBMITTED = DossierResubmitted(
    event_id=UUID("10000000-0000-4000-8000-000000000010"),
    aggregate_id=DOSSIER_ID,
    aggregate_version=3,
    occurred_at=at(4, 2),
    actor=COMMUNE_OFFICER,
    correlation_id=FLOW,
    product_id=PRODUCT_ID,
    received_on=date(2026, 6, 4),
    check_deadline=date(2026, 6, 25),
)

# The earlier dossier came back from the province below 70 (R1's return path, here R2).
PROVINCE_AUTHORITY = Actor(id="ubnd.tinh.thainguyen", role="authority", jurisdiction=PROVINCE)
RETURNED_TO_LOWER_LEVEL = ReturnedToLowerLevel(
    event_id=UUID("10000000-0000-4000-8000-000000000008"),
    aggregate_id=UUID("7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a08"),
    aggregate_version=1,
    occurred_at=datetime(2025, 6, 10, 2, 0, tzinfo=UTC),
    actor=PROVINCE_AUTHORITY,
    correlation_id=FORWARDED_TO_PROVINCE.correlation_id,
    causation_id=FORWARDED_TO_PROVINCE.event_id,
    rule_set_id="R2",
    dossier_id=EARLIER_DOSSIER_ID,
    product_id=PRODUCT_ID,
    level="province",
    score=Decimal("67.25"),
    returned_on=date(2025, 6, 10),
    reason="Điểm 67,25 dưới ngưỡng 70",
)
RETURNED_BY_PROVINCE = ReturnedByProvince(
    event_id=UUID("10000000-0000-4000-8000-000000000009"),
    aggregate_id=EARLIER_DOSSIER_ID,
    aggregate_version=4,
    occurred_at=datetime(2025, 6, 10, 2, 5, tzinfo=UTC),
    actor=PROVINCE_AUTHORITY,
    correlation_id=FORWARDED_TO_PROVINCE.correlation_id,
    causation_id=RETURNED_TO_LOWER_LEVEL.event_id,
    rule_set_id="R2",
    dossier_id=EARLIER_DOSSIER_ID,
    product_id=PRODUCT_ID,
    by_level="province",
    score=Decimal("67.25"),
    star_band=3,
    options=["recognise", "reevaluate"],
    returned_on=date(2025, 6, 10),
    reason="Điểm 67,25 dưới ngưỡng 70",
)
HIGHER_LEVEL_RECOGNIZED = HigherLevelRecognized(
    event_id=UUID("10000000-0000-4000-8000-00000000000a"),
    aggregate_id=UUID("7a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a0a"),
    aggregate_version=1,
    occurred_at=datetime(2026, 9, 25, 3, 0, tzinfo=UTC),
    actor=Actor(id="bo.nnmt", role="ministry", jurisdiction="VN"),
    correlation_id=FLOW,
    rule_set_id="R3",
    dossier_id=DOSSIER_ID,
    product_id=PRODUCT_ID,
    level="ministry",
    score=Decimal("91.40"),
    star=5,
    decision_no="812/QĐ-BNNMT",
    decided_on=date(2026, 9, 25),
    signer="Bộ trưởng Bộ Nông nghiệp và Môi trường",
)
CERTIFICATE = "1234/QĐ-UBND/01"


def _certificate_envelope(n: int, day: date) -> dict[str, object]:
    return {
        "event_id": UUID(f"10000000-0000-4000-8000-0000000000{n:02x}"),
        "aggregate_id": UUID("3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7"),
        "aggregate_version": n,
        "occurred_at": datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC),
        "actor": Actor(id="evaluation", role="system"),
        "correlation_id": FLOW,
        "rule_set_id": "R3",
        "dossier_id": DOSSIER_ID,
        "product_id": PRODUCT_ID,
        "certificate_no": CERTIFICATE,
    }


REEVALUATION_WINDOW_OPENED = ReevaluationWindowOpened(
    **_certificate_envelope(0x11, date(2029, 1, 1)),
    opens_on=date(2029, 1, 1),
    closes_on=date(2029, 3, 2),
    valid_to=date(2029, 6, 30),
)
CERTIFICATE_EXPIRY_NOTICE_DUE = CertificateExpiryNoticeDue(
    **_certificate_envelope(0x12, date(2029, 5, 31)),
    valid_to=date(2029, 6, 30),
    notice_by=date(2029, 5, 31),
)
CERTIFICATE_EXPIRED = CertificateExpired(
    **_certificate_envelope(0x13, date(2029, 7, 1)),
    star=4,
    valid_to=date(2029, 6, 30),
    expired_on=date(2029, 7, 1),
)
CERTIFICATE_SUPERSEDED = CertificateSuperseded(
    **_certificate_envelope(0x14, date(2029, 4, 2)),
    by_certificate_no="310/QĐ-UBND/03",
    superseded_on=date(2029, 4, 2),
)
INSPECTION_FAILED = InspectionFailed(
    event_id=UUID("10000000-0000-4000-8000-000000000015"),
    aggregate_id=UUID("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d15"),
    aggregate_version=3,
    occurred_at=datetime(2027, 3, 1, 9, 0, tzinfo=UTC),
    actor=Actor(id="doankiemtra.so.nnmt", role="province_officer", jurisdiction=PROVINCE),
    correlation_id=UUID("9d3f6a2c-7b1e-4c5d-8e9f-0a1b2c3d4e15"),
    rule_set_id="R3",
    product_id=PRODUCT_ID,
    inspection_kind="periodic",
    concluded_on=date(2027, 3, 1),
    conclusion_no="KL-07/2027",
    findings="Không duy trì công bố chất lượng; bao bì không đúng hồ sơ",
    ground="b",
    certificate_no="310/QĐ-UBND/03",
    authority="UBND cấp tỉnh 19",
    visited_on=date(2027, 3, 1),
)
PLAN_ID = UUID("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d20")
INSPECTION_ID = UUID("5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d21")
INSPECTORS = Actor(id="doankiemtra.so.nnmt", role="province_officer", jurisdiction=PROVINCE)


def _inspection_envelope(n: int, aggregate_id: UUID, version: int, day: date) -> dict[str, Any]:
    return {
        "event_id": UUID(f"10000000-0000-4000-8000-0000000000{n:02x}"),
        "aggregate_id": aggregate_id,
        "aggregate_version": version,
        "occurred_at": datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC),
        "actor": INSPECTORS,
        "correlation_id": UUID(f"9d3f6a2c-7b1e-4c5d-8e9f-0a1b2c3d4e{n:02x}"),
        "rule_set_id": "R3",
    }


_VISIT = {
    "product_id": PRODUCT_ID,
    "certificate_no": "310/QĐ-UBND/03",
    "inspection_kind": "periodic",
    "plan_id": PLAN_ID,
    "visited_on": date(2027, 2, 10),
    "concluded_on": date(2027, 2, 10),
    "authority": "UBND cấp tỉnh 19",
}
INSPECTION_PLANNED = InspectionPlanned(
    **{**_inspection_envelope(0x20, PLAN_ID, 1, date(2026, 12, 20)), "rule_set_id": None},
    jurisdiction=PROVINCE,
    level="province",
    period="2027-Q1",
    starts_on=date(2027, 1, 1),
    ends_on=date(2027, 3, 31),
    cadence_months=3,
    cadence_source="thai-nguyen-2027 1.0.0",
    products=[PlannedProduct(product_id=PRODUCT_ID, certificate_no="310/QĐ-UBND/03", star=4)],
)
INSPECTION_SCHEDULED = InspectionScheduled(
    **_inspection_envelope(0x21, INSPECTION_ID, 1, date(2027, 1, 5)),
    product_id=PRODUCT_ID,
    certificate_no="310/QĐ-UBND/03",
    inspection_kind="periodic",
    plan_id=PLAN_ID,
    planned_on=date(2027, 2, 10),
    lead_agency="agriculture",
    team=[
        TeamMember(role="agriculture", name="Hoàng Văn Tùng"),
        TeamMember(role="health", name="Lê Thị Hoa"),
    ],
)
INSPECTION_PASSED = InspectionPassed(
    **_inspection_envelope(0x22, INSPECTION_ID, 3, date(2027, 2, 10)),
    **_VISIT,
    conclusion_no="BB-03/2027",
    findings="Đạt tất cả nội dung kiểm tra",
)
REMEDIATION_REQUIRED = RemediationRequired(
    **_inspection_envelope(0x23, INSPECTION_ID, 3, date(2027, 2, 10)),
    **_VISIT,
    conclusion_no="BB-04/2027",
    findings="Tem truy xuất nguồn gốc hết hiệu lực",
    deadline=date(2027, 3, 10),
    follow_up_on=date(2027, 3, 15),
)
REMEDIATION_COMPLETED = RemediationCompleted(
    **_inspection_envelope(0x24, INSPECTION_ID, 5, date(2027, 3, 15)),
    **{**_VISIT, "visited_on": date(2027, 3, 15), "concluded_on": date(2027, 3, 15)},
    conclusion_no="BB-05/2027",
    findings="Đã khắc phục: tem truy xuất mới",
)
REMEDIATION_OVERDUE = RemediationOverdue(
    **{
        **_inspection_envelope(0x25, INSPECTION_ID, 4, date(2027, 3, 11)),
        "actor": Actor(id="inspection", role="system"),
    },
    product_id=PRODUCT_ID,
    certificate_no="310/QĐ-UBND/03",
    inspection_kind="periodic",
    plan_id=PLAN_ID,
    conclusion_no="BB-04/2027",
    deadline=date(2027, 3, 10),
    overdue_on=date(2027, 3, 11),
    findings="Tem truy xuất nguồn gốc hết hiệu lực",
    authority="UBND cấp tỉnh 19",
)
REVOCATION_OPENED = RevocationOpened(
    **{**_certificate_envelope(0x16, date(2027, 3, 1)), "causation_id": INSPECTION_FAILED.event_id},
    ground="b",
    reference="KL-07/2027: Không duy trì công bố chất lượng",
    concluded_on=date(2027, 3, 1),
    decide_by=date(2027, 3, 16),
)
REVOKED = Revoked(
    **{**_certificate_envelope(0x17, date(2027, 3, 12)), "actor": AUTHORITY},
    decision_no="402/QĐ-UBND",
    decided_on=date(2027, 3, 12),
    authority="UBND cấp tỉnh 19",
    ground="b",
    legal_basis="26/2026/QĐ-TTg",
)

EXAMPLES: tuple[IntegrationEvent, ...] = (
    PRODUCER_REGISTERED,
    PRODUCT_REGISTERED,
    *IDEA_EXAMPLES,
    PRODUCT_CODE_ASSIGNED,
    DOSSIER_SUBMITTED,
    DOSSIER_RETURNED,
    DOSSIER_RESUBMITTED,
    COMMUNE_ASSESSED,
    SCORED,
    RECOGNIZED,
    FORWARDED_TO_PROVINCE,
    RETURNED_TO_LOWER_LEVEL,
    RETURNED_BY_PROVINCE,
    HIGHER_LEVEL_RECOGNIZED,
    REEVALUATION_WINDOW_OPENED,
    CERTIFICATE_EXPIRY_NOTICE_DUE,
    CERTIFICATE_EXPIRED,
    CERTIFICATE_SUPERSEDED,
    INSPECTION_PLANNED,
    INSPECTION_SCHEDULED,
    INSPECTION_PASSED,
    REMEDIATION_REQUIRED,
    REMEDIATION_COMPLETED,
    REMEDIATION_OVERDUE,
    INSPECTION_FAILED,
    REVOCATION_OPENED,
    REVOKED,
)


def example_of(model: type[IntegrationEvent]) -> IntegrationEvent | None:
    """The example of exactly `model`, if there is one."""
    return next((e for e in EXAMPLES if type(e) is model), None)

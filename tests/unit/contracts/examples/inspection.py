"""Inspection's events: the plan of a period, a visit scheduled, passed, remediation
required, completed or overdue, and a failed inspection (which opens a revocation)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from contracts.envelope import Actor
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
from tests.unit.contracts.examples.common import PRODUCT_ID, PROVINCE

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

"""Registration's events: the producer, its product, steps 2-4 (idea and business plan),
the dossier at the commune and its assessment (form 03)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from contracts.envelope import IntegrationEvent
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
from tests.unit.contracts.examples.common import (
    COMMUNE,
    COMMUNE_OFFICER,
    DOSSIER_ID,
    FLOW,
    PRODUCER_ID,
    PRODUCER_NAME,
    PRODUCT_ID,
    PRODUCT_NAME,
    PROVINCE,
    at,
)

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
    producer_name=PRODUCER_NAME,
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

"""Evaluation's events up to recognition, and the exchange with the next level: an
earlier dossier forwarded to the province and returned, a later one recognised by the
ministry."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

from contracts.envelope import Actor
from contracts.evaluation import (
    ForwardedToProvince,
    RecognitionRecorded,
    Recognized,
    ReturnedByProvince,
    Scored,
)
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from tests.unit.contracts.examples.common import (
    AUTHORITY,
    COUNCIL_SECRETARY,
    DOSSIER_ID,
    FLOW,
    PRODUCT_ID,
    PRODUCT_NAME,
    PROVINCE,
    at,
)
from tests.unit.contracts.examples.registration import COMMUNE_ASSESSED

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

# The same kind of fact from an office's register (ocop import portfolio): a 2020 decision,
# governed by R0 (Decision 1048/QĐ-TTg), recorded from line 12 of the imported file.
RECOGNITION_RECORDED = RecognitionRecorded(
    event_id=UUID("10000000-0000-4000-8000-000000000016"),
    aggregate_id=UUID("5e2d8c1a-4b7f-4a3e-9c6d-1f0e2a3b4c16"),
    aggregate_version=2,
    occurred_at=at(15, 2),
    actor=Actor(id="so-nnmt", role="province_officer", jurisdiction=PROVINCE),
    correlation_id=UUID("5e2d8c1a-4b7f-4a3e-9c6d-1f0e2a3b4c17"),
    rule_set_id="R0",
    dossier_id=UUID("5e2d8c1a-4b7f-4a3e-9c6d-1f0e2a3b4c18"),
    product_id=PRODUCT_ID,
    star=3,
    decision_no="1456/QĐ-UBND",
    decided_on=date(2020, 12, 24),
    authority="UBND tỉnh Thái Nguyên",
    valid_from=date(2020, 12, 24),
    valid_to=date(2023, 12, 24),
    certificate_no="1456/2020/QĐ-UBND",
    legal_basis="1048/QĐ-TTg, 781/QĐ-TTg",
    source_sha256="3f" * 32,
    source_line=12,
    score=Decimal("64.50"),
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

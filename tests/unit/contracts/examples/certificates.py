"""A certificate's life after recognition: the re-evaluation window, the expiry notice,
expiry, replacement, and revocation after a failed inspection (Điều 8.1)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from contracts.envelope import Actor
from contracts.evaluation import (
    CertificateExpired,
    CertificateExpiryNoticeDue,
    CertificateSuperseded,
    ReevaluationWindowOpened,
    RevocationOpened,
    Revoked,
)
from tests.unit.contracts.examples.common import AUTHORITY, DOSSIER_ID, FLOW, PRODUCT_ID
from tests.unit.contracts.examples.inspection import INSPECTION_FAILED

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

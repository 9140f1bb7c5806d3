"""One realistic instance of every published event: a tea cooperative in Tân Cương commune,
Thái Nguyên province, takes its green tea through registration and evaluation."""

from __future__ import annotations

from contracts.envelope import IntegrationEvent
from tests.unit.contracts.examples.certificates import (
    CERTIFICATE_EXPIRED,
    CERTIFICATE_EXPIRY_NOTICE_DUE,
    CERTIFICATE_SUPERSEDED,
    REEVALUATION_WINDOW_OPENED,
    REVOCATION_OPENED,
    REVOKED,
)
from tests.unit.contracts.examples.common import PRODUCER_NAME
from tests.unit.contracts.examples.evaluation import (
    FORWARDED_TO_PROVINCE,
    HIGHER_LEVEL_RECOGNIZED,
    RECOGNITION_RECORDED,
    RECOGNIZED,
    RETURNED_BY_PROVINCE,
    RETURNED_TO_LOWER_LEVEL,
    SCORED,
)
from tests.unit.contracts.examples.inspection import (
    INSPECTION_FAILED,
    INSPECTION_PASSED,
    INSPECTION_PLANNED,
    INSPECTION_SCHEDULED,
    REMEDIATION_COMPLETED,
    REMEDIATION_OVERDUE,
    REMEDIATION_REQUIRED,
)
from tests.unit.contracts.examples.promotion import PROMOTION_EXAMPLES
from tests.unit.contracts.examples.registration import (
    COMMUNE_ASSESSED,
    DOSSIER_RESUBMITTED,
    DOSSIER_RETURNED,
    DOSSIER_SUBMITTED,
    IDEA_EXAMPLES,
    PRODUCER_REGISTERED,
    PRODUCT_CODE_ASSIGNED,
    PRODUCT_REGISTERED,
)

__all__ = ["EXAMPLES", "PRODUCER_NAME", "PRODUCER_REGISTERED", "example_of"]

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
    RECOGNITION_RECORDED,
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
    *PROMOTION_EXAMPLES,
)


def example_of(model: type[IntegrationEvent]) -> IntegrationEvent | None:
    """The example of exactly `model`, if there is one."""
    return next((e for e in EXAMPLES if type(e) is model), None)

"""Events published by the registration service on `ocop.registration.events.v1`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, TypeAdapter

from contracts.envelope import IntegrationEvent

ProducerKind = Literal[
    "cooperative",
    "cooperative_group",
    "enterprise",
    "farm",
    "household_business",
    "association",
]
DossierKind = Literal["first", "upgrade", "re_evaluation"]
EvaluationLevel = Literal["district", "province"]
CodeFormat = Literal["current", "legacy"]


class LegacyUnitFields(IntegrationEvent):
    """The pre-July-2025 unit beside the current one (R1 deployments); None if not given."""

    legacy_commune_code: str | None = Field(
        default=None, description="Commune code before 1 July 2025"
    )
    legacy_district_code: str | None = Field(
        default=None, description="District code before 1 July 2025"
    )
    legacy_province_code: str | None = Field(
        default=None, description="Province code before 1 July 2025"
    )


class ProducerRegistered(LegacyUnitFields):
    """A producer. The legal representative's name, gender and ethnicity are personal data
    and stay in registration; only whether criterion 3.2 applies is published."""

    event_type: Literal["ProducerRegistered"] = "ProducerRegistered"
    name: str
    kind: ProducerKind
    is_sme: bool = False
    business_registration_no: str | None = None
    commune_code: str
    province_code: str
    legal_rep_qualifies_3_2: bool = Field(
        default=False,
        description="Criterion 3.2: the legal representative is a woman, an ethnic-minority "
        "person or a person with a disability",
    )


class ProductRegistered(LegacyUnitFields):
    event_type: Literal["ProductRegistered"] = "ProductRegistered"
    producer_id: UUID
    name: str
    product_set: int = Field(ge=1, le=26)
    commune_code: str
    province_code: str
    idea_id: UUID | None = Field(default=None, description="The idea the product came from")


def place_of(event: ProducerRegistered | ProductRegistered) -> dict[str, str]:
    """Where a registered producer or product is, as the services that follow registration
    keep it: `commune_code`, `province_code` and `district_code` (the pre-July-2025
    district, '' where none was given)."""
    return {
        "commune_code": event.commune_code,
        "province_code": event.province_code,
        "district_code": event.legacy_district_code or "",
    }


class ProductCodeAssigned(IntegrationEvent):
    """A product code (R3 `T-X-STT-YYYY` or legacy `T-H-X-STT-YYYY`); the product's id
    (aggregate_id) stays the same across codes."""

    event_type: Literal["ProductCodeAssigned"] = "ProductCodeAssigned"
    code: str
    code_format: CodeFormat
    assigned_on: date


class IdeaRegistered(IntegrationEvent):
    """Step 2: a producer's product idea is registered (aggregate: the idea)."""

    event_type: Literal["IdeaRegistered"] = "IdeaRegistered"
    producer_id: UUID
    name: str
    product_set: int = Field(ge=1, le=26)
    submitted_on: date


class IdeaAccepted(IntegrationEvent):
    event_type: Literal["IdeaAccepted"] = "IdeaAccepted"
    decided_on: date


class IdeaReturned(IntegrationEvent):
    event_type: Literal["IdeaReturned"] = "IdeaReturned"
    reason: str
    decided_on: date


class IdeaResubmitted(IntegrationEvent):
    event_type: Literal["IdeaResubmitted"] = "IdeaResubmitted"
    submitted_on: date


class BusinessPlanSubmitted(IntegrationEvent):
    """Step 3: the business plan of an accepted idea (aggregate: the idea)."""

    event_type: Literal["BusinessPlanSubmitted"] = "BusinessPlanSubmitted"
    submitted_on: date


class BusinessPlanApproved(IntegrationEvent):
    """The plan is approved: step 4 (implementation) starts."""

    event_type: Literal["BusinessPlanApproved"] = "BusinessPlanApproved"
    decided_on: date


class BusinessPlanReturned(IntegrationEvent):
    event_type: Literal["BusinessPlanReturned"] = "BusinessPlanReturned"
    reason: str
    decided_on: date


class DossierSubmitted(IntegrationEvent):
    event_type: Literal["DossierSubmitted"] = "DossierSubmitted"
    product_id: UUID
    producer_id: UUID
    kind: DossierKind
    received_on: date = Field(description="Commune receipt date: selects the rule set")
    commune_code: str
    check_deadline: date | None = Field(
        default=None,
        description="Last day for the commune's report, in working days under the rule set "
        "(None where the rule set sets none)",
    )
    product_code: str | None = None


class DossierReturned(IntegrationEvent):
    """Returned to the producer for completion; the dossier keeps its id and history."""

    event_type: Literal["DossierReturned"] = "DossierReturned"
    product_id: UUID
    reason: str
    returned_on: date


class DossierResubmitted(IntegrationEvent):
    event_type: Literal["DossierResubmitted"] = "DossierResubmitted"
    product_id: UUID
    received_on: date
    check_deadline: date | None = None


class CommuneAssessed(LegacyUnitFields):
    """The commune's report (form 03) is issued and the dossier goes to the evaluating level.
    The legacy unit fields give the dossier's pre-2025 district: under R1 its round,
    council and decision are the district's."""

    event_type: Literal["CommuneAssessed"] = "CommuneAssessed"
    product_id: UUID
    producer_id: UUID
    product_name: str
    product_set: int = Field(ge=1, le=26)
    kind: DossierKind
    received_on: date
    assessed_on: date
    report_no: str
    local_raw_material: bool
    local_labour: bool
    idea_origin: bool
    local_identity: bool
    forwarded_to: EvaluationLevel
    commune_code: str
    province_code: str
    forwarded_on: date | None = Field(default=None, description="When the commune forwarded it")
    officer: str | None = Field(default=None, description="The commune officer who assessed it")
    product_code: str | None = None
    producer_name: str | None = Field(
        default=None,
        description="The producer's business name (cooperative, enterprise, household business: "
        "ProducerRegistered.name), printed on the decision and certificate; never the legal "
        "representative's personal data. None in events published before it was carried",
    )


RegistrationEvent = Annotated[
    ProducerRegistered
    | ProductRegistered
    | ProductCodeAssigned
    | IdeaRegistered
    | IdeaAccepted
    | IdeaReturned
    | IdeaResubmitted
    | BusinessPlanSubmitted
    | BusinessPlanApproved
    | BusinessPlanReturned
    | DossierSubmitted
    | DossierReturned
    | DossierResubmitted
    | CommuneAssessed,
    Field(discriminator="event_type"),
]
REGISTRATION_EVENTS: TypeAdapter[RegistrationEvent] = TypeAdapter(RegistrationEvent)

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


class ProducerRegistered(IntegrationEvent):
    event_type: Literal["ProducerRegistered"] = "ProducerRegistered"
    name: str
    kind: ProducerKind
    is_sme: bool = False
    business_registration_no: str | None = None
    commune_code: str
    province_code: str


class ProductRegistered(IntegrationEvent):
    event_type: Literal["ProductRegistered"] = "ProductRegistered"
    producer_id: UUID
    name: str
    product_set: int = Field(ge=1, le=26)
    commune_code: str
    province_code: str


class DossierSubmitted(IntegrationEvent):
    event_type: Literal["DossierSubmitted"] = "DossierSubmitted"
    product_id: UUID
    producer_id: UUID
    kind: DossierKind
    received_on: date = Field(description="Commune receipt date: selects the rule set")
    commune_code: str


class CommuneAssessed(IntegrationEvent):
    """The commune's report (form 03) is issued and the dossier goes to the evaluating level."""

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


RegistrationEvent = Annotated[
    ProducerRegistered | ProductRegistered | DossierSubmitted | CommuneAssessed,
    Field(discriminator="event_type"),
]
REGISTRATION_EVENTS: TypeAdapter[RegistrationEvent] = TypeAdapter(RegistrationEvent)

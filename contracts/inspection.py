"""Events of the inspection service on `ocop.inspection.events.v1` (minimal for now:
what evaluation needs to open a revocation case)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, TypeAdapter

from contracts.envelope import IntegrationEvent


class InspectionFailed(IntegrationEvent):
    """An inspection concluded that a certified product is non-compliant (§14.27)."""

    event_type: Literal["InspectionFailed"] = "InspectionFailed"
    product_id: UUID
    inspection_kind: Literal["periodic", "ad_hoc"]
    concluded_on: date
    conclusion_no: str = Field(description="The inspection/conclusion record")
    findings: str
    ground: str = Field(default="b", description="Revocation ground proposed (R3 Art. 8.1 letter)")


InspectionEvent = Annotated[InspectionFailed, Field(discriminator="event_type")]
INSPECTION_EVENTS: TypeAdapter[InspectionEvent] = TypeAdapter(InspectionEvent)

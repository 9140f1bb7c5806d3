"""Events of the inspection service on `ocop.inspection.events.v1`.

Plans per period (InspectionPlanned), inspections scheduled from a plan or opened ad hoc
(InspectionScheduled), and each inspection's conclusion: InspectionPassed,
RemediationRequired then RemediationCompleted or RemediationOverdue, or InspectionFailed,
which opens a revocation case in evaluation (R3 Art. 8.1.b, 9; OCOP-RULES.md §14.26-27).
Reporting counts coverage (inspected / due per period) from InspectionPlanned and the
conclusions' `plan_id`. Fields added after the first version have defaults, so events
stored or published before them still read."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from contracts.envelope import IntegrationEvent

InspectionKind = Literal["periodic", "ad_hoc"]


class TeamMember(BaseModel):
    """One member of an inspection team: the agency they come from and their name."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str = Field(description="agriculture, health, market_surveillance, commune, ...")
    name: str


class PlannedProduct(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    product_id: UUID
    certificate_no: str
    star: int = Field(ge=1, le=5)


class InspectionPlanned(IntegrationEvent):
    """A periodic inspection plan: every certified product due in the period."""

    event_type: Literal["InspectionPlanned"] = "InspectionPlanned"
    jurisdiction: str = Field(description="Unit code of the planning office")
    level: str = Field(description="district, province or central")
    period: str = Field(description="Period key, e.g. 2025-Q3")
    starts_on: date
    ends_on: date
    cadence_months: int = Field(ge=1, le=12)
    cadence_source: str = Field(description="The local policy or rule set giving the cadence")
    products: list[PlannedProduct]


class InspectionScheduled(IntegrationEvent):
    """An inspection has a date, a lead agency and a team (periodic or ad hoc)."""

    event_type: Literal["InspectionScheduled"] = "InspectionScheduled"
    product_id: UUID
    certificate_no: str
    inspection_kind: InspectionKind
    trigger: str = Field(default="", description="What opened an ad hoc inspection")
    plan_id: UUID | None = None
    planned_on: date
    lead_agency: str
    team: list[TeamMember] = Field(default_factory=list)


class _Concluded(IntegrationEvent):
    product_id: UUID
    certificate_no: str = ""
    inspection_kind: InspectionKind
    plan_id: UUID | None = None
    visited_on: date | None = None
    concluded_on: date
    conclusion_no: str = Field(description="The inspection/conclusion record")
    findings: str = Field(description="Summary of the findings")
    authority: str = Field(default="", description="The inspecting authority")


class InspectionPassed(_Concluded):
    event_type: Literal["InspectionPassed"] = "InspectionPassed"


class RemediationRequired(_Concluded):
    """Non-compliance to fix by `deadline`; a follow-up visit checks it."""

    event_type: Literal["RemediationRequired"] = "RemediationRequired"
    deadline: date
    follow_up_on: date | None = None


class RemediationCompleted(_Concluded):
    """The follow-up visit found the remediation done."""

    event_type: Literal["RemediationCompleted"] = "RemediationCompleted"


class RemediationOverdue(IntegrationEvent):
    """The remediation deadline passed without a passing follow-up visit."""

    event_type: Literal["RemediationOverdue"] = "RemediationOverdue"
    product_id: UUID
    certificate_no: str = ""
    inspection_kind: InspectionKind
    plan_id: UUID | None = None
    conclusion_no: str
    deadline: date
    overdue_on: date
    findings: str = ""
    authority: str = ""


class InspectionFailed(IntegrationEvent):
    """An inspection concluded that a certified product is non-compliant (§14.27)."""

    event_type: Literal["InspectionFailed"] = "InspectionFailed"
    product_id: UUID
    inspection_kind: InspectionKind
    concluded_on: date
    conclusion_no: str = Field(description="The inspection/conclusion record")
    findings: str = Field(description="Summary of the findings")
    ground: str = Field(default="b", description="Revocation ground proposed (R3 Art. 8.1 letter)")
    certificate_no: str = Field(default="", description="The certificate inspected")
    authority: str = Field(default="", description="The inspecting authority")
    plan_id: UUID | None = None
    visited_on: date | None = None


InspectionEvent = Annotated[
    InspectionPlanned
    | InspectionScheduled
    | InspectionPassed
    | RemediationRequired
    | RemediationCompleted
    | RemediationOverdue
    | InspectionFailed,
    Field(discriminator="event_type"),
]
INSPECTION_EVENTS: TypeAdapter[InspectionEvent] = TypeAdapter(InspectionEvent)

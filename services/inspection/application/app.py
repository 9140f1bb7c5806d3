"""The inspection application: the event store, the events it consumes and its command
groups.

It is an `EventSourcedProjection`: registration's ProductRegistered and evaluation's
Recognized, CertificateExpired, CertificateSuperseded and Revoked arrive through
`process_event(event, tracking)`, are handled by the `intake` functions the class's
`consumes` table names, and what they change is stored with the tracking record
in one transaction (exactly-once effect). Commands live in their groups — `plans`
(plans per period), `visits` (inspections, visits, remediation) — and reads in
`queries`; each command takes the actor's `CommandContext` and raises
`CommandRejected` (nothing changed) when it refuses."""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from contracts.evaluation import CERTIFICATE_ENDINGS, Recognized
from contracts.registration import ProductRegistered
from runtime.projection import Consumes
from services.inspection.application import intake
from services.inspection.application.core import InspectionStore
from services.inspection.application.plan_commands import PlanCommands
from services.inspection.application.queries import Queries
from services.inspection.application.visit_commands import VisitCommands


class InspectionApp(InspectionStore):
    """Inspection plans, inspections and the products they cover."""

    consumes: ClassVar[Consumes] = {
        ProductRegistered: intake.registered,
        Recognized: intake.recognised,
        **dict.fromkeys(CERTIFICATE_ENDINGS, intake.ended),
    }

    @cached_property
    def plans(self) -> PlanCommands:
        return PlanCommands(self)

    @cached_property
    def visits(self) -> VisitCommands:
        return VisitCommands(self)

    @cached_property
    def queries(self) -> Queries:
        return Queries(self)

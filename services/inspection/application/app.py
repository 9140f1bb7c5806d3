"""The inspection application: the event store, the events it consumes and its command
groups.

It is an `EventSourcedProjection`: registration's ProductRegistered and evaluation's
Recognized, CertificateExpired, CertificateSuperseded and Revoked arrive through
`process_event(event, tracking)` and what they change is stored with the tracking record
in one transaction (exactly-once effect). Commands live in their groups — `plans`
(plans per period), `visits` (inspections, visits, remediation) — and reads in
`queries`; each command takes the actor's `CommandContext` and raises
`CommandRejected` (nothing changed) when it refuses."""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import Tracking

from contracts.evaluation import CertificateExpired, CertificateSuperseded, Recognized, Revoked
from contracts.registration import ProductRegistered
from rules import Deployment
from runtime.blobs import BlobStore
from runtime.clock import Clock
from services.inspection.application import intake
from services.inspection.application.core import InspectionStore
from services.inspection.application.plan_commands import PlanCommands
from services.inspection.application.queries import Queries
from services.inspection.application.visit_commands import VisitCommands


class InspectionApp(InspectionStore):
    """Inspection plans, inspections and the products they cover."""

    def __init__(
        self,
        env: dict[str, str] | None = None,
        *,
        clock: Clock,
        deployment: Deployment,
        blobs: BlobStore,
    ) -> None:
        super().__init__(env, clock=clock, deployment=deployment, blobs=blobs)
        self.plans = PlanCommands(self)
        self.visits = VisitCommands(self)
        self.queries = Queries(self)

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply a published event from another service with its tracking, atomically."""
        super().process_event(domain_event, tracking)

    @singledispatchmethod
    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Events inspection does not act on are tracked and otherwise ignored."""

    @policy.register
    def _(self, event: ProductRegistered, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.registered(self, event))

    @policy.register
    def _(self, event: Recognized, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.recognised(self, event))

    @policy.register
    def _(self, event: CertificateExpired, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.expired(self, event))

    @policy.register
    def _(self, event: CertificateSuperseded, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.superseded(self, event))

    @policy.register
    def _(self, event: Revoked, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.revoked(self, event))

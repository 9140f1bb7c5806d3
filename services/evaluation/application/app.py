"""The evaluation application: rounds, councils, results, decisions and certificates.

`EvaluationApp` is the core (`core.EvaluationCore`: clock, council rules, deployment,
rule look-ups, repository) with its command groups as attributes, each a plain object
given the core:

- `app.councils` (`council_commands`): rounds, councils, sheets, adoption;
- `app.forwarding` (`forwarding_commands`): approval, the next level's answers, re-evaluation;
- `app.decisions` (`decision_commands`): recognition decisions and their certificates;
- `app.certificates` (`certificate_commands`): certificates over time, revocation.

It is an `EventSourcedProjection`: dossiers forwarded by the commune, the next level's
answers and failed inspections arrive through `process_event(event, tracking)` and are
handled by `intake`; what they change is stored in the same transaction as the tracking
record (exactly-once effect). Commands take the actor's `CommandContext` and raise
`CommandRejected` (nothing changed) when they refuse.
"""

from __future__ import annotations

from functools import cached_property, singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.persistence import Tracking

from contracts.inspection import InspectionFailed, RemediationOverdue
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from contracts.registration import CommuneAssessed
from services.evaluation.application import intake
from services.evaluation.application.certificate_commands import CertificateCommands
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.council_commands import CouncilCommands
from services.evaluation.application.decision_commands import DecisionCommands
from services.evaluation.application.forwarding_commands import ForwardingCommands


class EvaluationApp(EvaluationCore):
    """The core with its command groups, and the events it takes in."""

    @cached_property
    def councils(self) -> CouncilCommands:
        return CouncilCommands(self)

    @cached_property
    def forwarding(self) -> ForwardingCommands:
        return ForwardingCommands(self)

    @cached_property
    def decisions(self) -> DecisionCommands:
        return DecisionCommands(self)

    @cached_property
    def certificates(self) -> CertificateCommands:
        return CertificateCommands(self)

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply a published event from another service with its tracking, atomically."""
        super().process_event(domain_event, tracking)

    @singledispatchmethod
    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Events this service does not act on are tracked and otherwise ignored."""

    @policy.register
    def _(self, assessed: CommuneAssessed, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.dossier_arrived(self, assessed))

    @policy.register
    def _(self, answer: HigherLevelRecognized, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.recognised_above(self, self.forwarding, answer))

    @policy.register
    def _(self, answer: ReturnedToLowerLevel, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.returned(self, self.forwarding, answer))

    @policy.register
    def _(self, failed: InspectionFailed, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.inspection_failed(self, failed))

    @policy.register
    def _(self, overdue: RemediationOverdue, processing_event: ProcessingEvent[UUID]) -> None:
        processing_event.collect_events(*intake.remediation_overdue(self, overdue))

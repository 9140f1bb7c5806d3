"""The evaluation application: rounds, councils, results, decisions and certificates.

`EvaluationApp` is the core (`core.EvaluationCore`: clock, council rules, deployment,
rule look-ups, repository) with its command groups as attributes, each a plain object
given the core:

- `app.councils` (`council_commands`): rounds, councils, sheets, adoption;
- `app.forwarding` (`forwarding_commands`): approval, the next level's answers, re-evaluation;
- `app.decisions` (`decision_commands`): recognition decisions and their certificates;
- `app.certificates` (`certificate_commands`): certificates over time, revocation;
- `app.earlier` (`earlier_commands`): recognitions of earlier decisions, imported;
- `app.documents` (`documents`): what a decision and a certificate print (a query).

It is an `EventSourcedProjection`: dossiers forwarded by the commune, the next level's
answers and failed inspections arrive through `process_event(event, tracking)` and are
handled by the `intake` functions the class's `consumes` table names; what they change
is stored in the same transaction as the tracking record (exactly-once effect). Commands
take the actor's `CommandContext` and raise `CommandRejected` (nothing changed) when they
refuse.
"""

from __future__ import annotations

from functools import cached_property
from typing import ClassVar

from contracts.inspection import InspectionFailed, RemediationOverdue
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from contracts.registration import CommuneAssessed
from runtime.projection import Consumes
from services.evaluation.application import intake
from services.evaluation.application.certificate_commands import CertificateCommands
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.council_commands import CouncilCommands
from services.evaluation.application.decision_commands import DecisionCommands
from services.evaluation.application.documents import DocumentQueries
from services.evaluation.application.earlier_commands import EarlierRecognitionCommands
from services.evaluation.application.forwarding_commands import ForwardingCommands


class EvaluationApp(EvaluationCore):
    """The core with its command groups, and the events it takes in."""

    consumes: ClassVar[Consumes] = {
        CommuneAssessed: intake.dossier_arrived,
        HigherLevelRecognized: lambda app, e: intake.recognised_above(app, app.forwarding, e),
        ReturnedToLowerLevel: lambda app, e: intake.returned(app, app.forwarding, e),
        InspectionFailed: intake.inspection_failed,
        RemediationOverdue: intake.remediation_overdue,
    }

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

    @cached_property
    def documents(self) -> DocumentQueries:
        return DocumentQueries(self)

    @cached_property
    def earlier(self) -> EarlierRecognitionCommands:
        return EarlierRecognitionCommands(self)

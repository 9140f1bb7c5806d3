"""The evaluation application: rounds, councils, results, decisions and certificates.

It is an `EventSourcedProjection`: dossiers forwarded by the commune, the next level's
answers and failed inspections arrive through `process_event(event, tracking)`, and
what they change is stored in the same transaction as the tracking record
(exactly-once effect). Commands are the public methods; each takes the actor's
`CommandContext` and raises `CommandRejected` (nothing changed) when it refuses.
Everything rule-dependent comes from `rules`; the clock is injected.
"""

from __future__ import annotations

from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Tracking

from contracts.inspection import InspectionFailed
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from contracts.registration import CommuneAssessed
from rules import (
    late_filer_valid_until,
    load_rule_set,
    reevaluation_decision_deadline,
    reevaluation_filing_timing,
    revocation_deadline,
    select_rule_set,
)
from services.evaluation.base import event_meta, system_meta
from services.evaluation.councils import CouncilCommands
from services.evaluation.decisions import DecisionCommands
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.model import Evaluation
from services.evaluation.domain.revocation import GROUNDS
from services.evaluation.revocations import CertificateCommands


class EvaluationApp(CouncilCommands, DecisionCommands, CertificateCommands):
    """The application: events in (below) and the commands of its parts."""

    # -- events in ----------------------------------------------------------------

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply a published event from another service with its tracking, atomically."""
        super().process_event(domain_event, tracking)

    @singledispatchmethod
    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Events this service does not act on are tracked and otherwise ignored."""

    @policy.register
    def _(self, assessed: CommuneAssessed, processing_event: ProcessingEvent[UUID]) -> None:
        if self._get(Evaluation.id_for(assessed.aggregate_id), Evaluation) is not None:
            return  # the same dossier forwarded again: it is already here
        meta = system_meta(assessed)
        rule_set_id = (
            assessed.rule_set_id
            or select_rule_set(assessed.received_on, self.deployment).rule_set.id
        )
        rule_set = load_rule_set(rule_set_id)
        level = assessed.forwarded_to
        arrived_on = assessed.forwarded_on or assessed.assessed_on
        key = self._round_key(level, assessed.province_code, arrived_on, rule_set)
        written = (
            assessed.kind == "re_evaluation"
            and rule_set.id in self.council.written_opinion_rule_sets
        )
        evaluation = Evaluation(
            dossier_id=assessed.aggregate_id,
            product_id=assessed.product_id,
            product_name=assessed.product_name,
            product_set=assessed.product_set,
            kind=assessed.kind,
            level=level,
            jurisdiction=assessed.province_code,
            commune_code=assessed.commune_code,
            rule_set_id=rule_set.id,
            received_on=assessed.received_on,
            arrived_on=arrived_on,
            round_id=self._round_id(key),
            mode="written" if written else "meeting",
            meta=meta,
        )
        collected: list[Aggregate] = [evaluation]
        if assessed.kind == "re_evaluation":
            certification = self._get(
                ProductCertification.id_for(assessed.product_id), ProductCertification
            )
            held = certification.holding() if certification else None
            if certification is not None and held is not None:
                renewal = select_rule_set(held["valid_to"], self.deployment).rule_set
                timing = reevaluation_filing_timing(assessed.received_on, held["valid_to"], renewal)
                grace = late_filer_valid_until(held["valid_to"], renewal)
                certification.file_reevaluation(
                    assessed.aggregate_id,
                    assessed.received_on,
                    timing,
                    grace,
                    meta,
                    decide_by=reevaluation_decision_deadline(arrived_on, renewal),
                )
                collected.append(certification)
        processing_event.collect_events(*collected)

    @policy.register
    def _(self, answer: HigherLevelRecognized, processing_event: ProcessingEvent[UUID]) -> None:
        evaluation = self._get(Evaluation.id_for(answer.dossier_id), Evaluation)
        if evaluation is None or evaluation.status != "forwarded":
            return  # not ours, or already answered (the answer is idempotent)
        collected = self._recognised_above(
            evaluation,
            answer.level,
            answer.score,
            answer.star,
            answer.decision_no,
            answer.decided_on,
            answer.signer,
            event_meta(answer),
        )
        processing_event.collect_events(*collected)

    @policy.register
    def _(self, answer: ReturnedToLowerLevel, processing_event: ProcessingEvent[UUID]) -> None:
        evaluation = self._get(Evaluation.id_for(answer.dossier_id), Evaluation)
        if evaluation is None or evaluation.status != "forwarded":
            return
        self._returned(
            evaluation,
            answer.level,
            answer.score,
            answer.returned_on,
            answer.reason,
            event_meta(answer),
        )
        processing_event.collect_events(evaluation)

    @policy.register
    def _(self, failed: InspectionFailed, processing_event: ProcessingEvent[UUID]) -> None:
        certification = self._get(
            ProductCertification.id_for(failed.product_id), ProductCertification
        )
        held = certification.holding() if certification else None
        if certification is None or held is None or held["revocation"] is not None:
            return  # nothing in force to revoke, or a case is already open
        rule_set = load_rule_set(held["rule_set_id"])
        ground = failed.ground if failed.ground in GROUNDS else "b"
        certification.open_revocation(
            ground,
            f"{failed.conclusion_no}: {failed.findings}",
            failed.concluded_on,
            revocation_deadline(failed.concluded_on, rule_set),
            "inspection",
            event_meta(failed),
        )
        processing_event.collect_events(certification)

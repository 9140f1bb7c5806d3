"""The evaluation application: council results and their consequences.

It is an `EventSourcedProjection`: dossiers forwarded by the commune arrive
through `process_event(event, tracking)`, and the aggregate it opens is stored
in the same transaction as the tracking record (exactly-once effect).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from functools import singledispatchmethod
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, ProcessingEvent
from eventsourcing.persistence import JSONTranscoder, Tracking
from eventsourcing.projection import EventSourcedProjection

from contracts.registration import CommuneAssessed
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.eventstore import register_common_transcodings
from services.evaluation.domain.model import Evaluation

SYSTEM_META = {"actor": {"id": "evaluation", "role": "system", "jurisdiction": ""}}


class EvaluationApp(EventSourcedProjection[UUID]):
    name = "evaluation"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_common_transcodings(transcoder)

    # Events in ------------------------------------------------------------------

    def process_event(self, domain_event: Any, tracking: Tracking) -> None:
        """Apply a published event from another service with its tracking, atomically."""
        super().process_event(domain_event, tracking)

    @singledispatchmethod
    def policy(self, domain_event: Any, processing_event: ProcessingEvent[UUID]) -> None:
        """Events this service does not act on are tracked and otherwise ignored."""

    @policy.register
    def _(self, assessed: CommuneAssessed, processing_event: ProcessingEvent[UUID]) -> None:
        evaluation = Evaluation(
            dossier_id=assessed.aggregate_id,
            product_id=assessed.product_id,
            product_name=assessed.product_name,
            product_set=assessed.product_set,
            level=assessed.forwarded_to,
            rule_set_id=assessed.rule_set_id or "",
            received_on=assessed.received_on,
            meta={
                **SYSTEM_META,
                "correlation_id": str(assessed.correlation_id),
                "causation_id": str(assessed.event_id),
            },
        )
        processing_event.collect_events(evaluation)

    # Commands -------------------------------------------------------------------

    def record_council_score(
        self, ctx: CommandContext, *, dossier_id: UUID, score: str, scored_on: date
    ) -> Evaluation:
        try:
            value = Decimal(score)
        except InvalidOperation as error:
            raise CommandRejected(
                "invalid_argument",
                "score",
                f"Điểm '{score}' không phải là số.",
                f"Score '{score}' is not a number.",
            ) from error
        evaluation = self.get_evaluation(dossier_id)
        evaluation.record_score(value, scored_on, ctx.meta())
        self.save(evaluation)
        return evaluation

    # Queries --------------------------------------------------------------------

    def get_evaluation(self, dossier_id: UUID) -> Evaluation:
        try:
            found: object = self.repository.get(Evaluation.id_for(dossier_id))
        except AggregateNotFoundError:
            found = None
        if not isinstance(found, Evaluation):
            raise CommandRejected(
                "not_found",
                "dossier_id",
                f"Hồ sơ {dossier_id} chưa được chuyển đến cấp đánh giá (hoặc chưa tới nơi).",
                f"Dossier {dossier_id} has not reached evaluation (yet).",
            )
        return found

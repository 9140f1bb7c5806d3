"""What an evaluation's history can contain: each event's fields and what it does to
the evaluation's state (`apply`), and how the first version's forms are read (`legacy`).

`EvaluationHistory` is the base of the `Evaluation` aggregate (`model.py`), which holds
the commands. eventsourcing redefines these event classes on `Evaluation`, so they are
stored as `services.evaluation.domain.model:Evaluation.<Name>`: those topics are in every
store and do not change. The state an evaluation starts from and the next level's answer
as it keeps it are in `evaluation_state`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from services.evaluation.domain import legacy
from services.evaluation.domain.evaluation_state import NOT_STATE, answer, blank_state

Meta = dict[str, Any]


class EvaluationHistory(Aggregate):
    """The evaluation's state and the events that change it."""

    class Opened(Aggregate.Created):
        dossier_id: UUID
        product_id: UUID
        product_name: str
        product_code: str
        producer_name: str
        product_set: int
        kind: str
        level: str
        jurisdiction: str
        commune_code: str
        rule_set_id: str
        received_on: date
        arrived_on: date
        round_id: UUID
        mode: str
        unit: dict[str, str]
        meta: Meta

        class_version = 5
        upcast_v1_v2 = staticmethod(legacy.opened_v1_v2)
        upcast_v2_v3 = staticmethod(legacy.opened_v2_v3)
        upcast_v3_v4 = staticmethod(legacy.opened_v3_v4)
        upcast_v4_v5 = staticmethod(legacy.opened_v4_v5)

        def apply(self, evaluation: EvaluationHistory) -> None:
            facts = {k: v for k, v in vars(self).items() if k not in NOT_STATE}
            vars(evaluation).update(facts, **blank_state())

    class ConflictDeclared(Aggregate.Event):
        member: str
        reason: str
        meta: Meta

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.conflicts[self.member] = self.reason

    class AdvisoryRecorded(Aggregate.Event):
        kind: str
        on: date
        summary: str
        meta: Meta

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.advisory.append({"kind": self.kind, "on": self.on, "summary": self.summary})

    class SheetSubmitted(Aggregate.Event):
        member: str
        choices: dict[str, str]
        knockouts: list[str]
        total: Decimal
        parts: dict[str, Decimal]
        meta: Meta
        scored_on: date | None = None  # the day the member scored, when given

        def apply(self, evaluation: EvaluationHistory) -> None:
            sheet = {"choices": self.choices, "knockouts": self.knockouts}
            evaluation.sheets[self.member] = {
                **sheet,
                "total": self.total,
                "parts": self.parts,
                "scored_on": self.scored_on,
            }

    class RescoreRequested(Aggregate.Event):
        members: list[str]
        reason: str
        meta: Meta

        def apply(self, evaluation: EvaluationHistory) -> None:
            for member in self.members:
                evaluation.sheets.pop(member, None)
            evaluation.rescores += 1

    class MeetingConvened(Aggregate.Event):
        meta: Meta

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.mode = "meeting"

    class ResultAdopted(Aggregate.Event):
        ref: Meta
        score: Decimal
        parts: dict[str, Decimal]
        band: int
        awarded_star: int | None
        outcome: str
        status: str
        routing: dict[str, Any]
        explanation: str
        members_scoring: int
        adopted_on: date
        meta: Meta
        explanation_en: str = ""

        class_version = 2
        upcast_v1_v2 = staticmethod(legacy.result_adopted_v1_v2)

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.score, evaluation.parts, evaluation.band = self.score, self.parts, self.band
            evaluation.star = self.awarded_star or 0
            evaluation.outcome, evaluation.status = self.outcome, self.status
            evaluation.routing, evaluation.explanation = self.routing, self.explanation
            evaluation.explanation_en = self.explanation_en
            evaluation.adopted_on = self.adopted_on

    class Scored(Aggregate.Event):
        """The provisional rule's result (first version): replayed, never recorded anew."""

        ref: Meta
        score: Decimal
        band: int
        outcome: str
        explanation: str
        scored_on: date
        meta: Meta

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.score, evaluation.band, evaluation.star = self.score, self.band, self.band
            evaluation.outcome, evaluation.explanation = self.outcome, self.explanation
            evaluation.adopted_on = self.scored_on
            evaluation.status = {
                "recognised": "awaiting_decision",
                "forwarded": "adopted_forward",
            }.get(self.outcome, "not_recognised")

    class Forwarded(Aggregate.Event):
        ref: Meta
        score: Decimal | None
        star: int
        parts: dict[str, Decimal]
        to_level: str
        forwarded_on: date
        approved_by: str
        explanation: str
        meta: Meta
        next_round: str = ""
        next_round_decided_by: date | None = None

        class_version = 2
        upcast_v1_v2 = staticmethod(legacy.forwarded_v1_v2)

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.status = "forwarded"
            evaluation.forwarded_to, evaluation.forwarded_on = self.to_level, self.forwarded_on

    class Returned(Aggregate.Event):
        ref: Meta
        by_level: str
        score: Decimal
        band: int
        star: int
        options: list[str]
        returned_on: date
        reason: str
        meta: Meta

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.status = "returned"
            evaluation.returned = {
                "by": self.by_level,
                "score": self.score,
                "band": self.band,
                "star": self.star,
                "options": self.options,
                "on": self.returned_on,
            }
            evaluation.higher = answer(
                self.by_level, "returned", self.score, 0, self.reason, self.meta, self.returned_on
            )

    class ReevaluationOrdered(Aggregate.Event):
        meta: Meta

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.status, evaluation.mode = "open", "meeting"
            evaluation.sheets, evaluation.score, evaluation.outcome = {}, None, ""

    class Recognised(Aggregate.Event):
        ref: Meta
        star: int
        decision_no: str
        decided_on: date
        authority: str
        signer: str
        certificate_no: str
        valid_to: date
        legal_basis: str
        higher_score: Decimal | None
        meta: Meta

        class_version = 2
        upcast_v1_v2 = staticmethod(legacy.recognised_v1_v2)

        def apply(self, evaluation: EvaluationHistory) -> None:
            evaluation.status, evaluation.star = "recognised", self.star
            evaluation.decision_no, evaluation.decided_on = self.decision_no, self.decided_on
            evaluation.authority, evaluation.certificate_no = self.authority, self.certificate_no
            if self.higher_score is not None:  # recognised by the next level, on its score
                evaluation.higher = answer(
                    self.authority,
                    "recognised",
                    self.higher_score,
                    self.star,
                    self.decision_no,
                    self.meta,
                    self.decided_on,
                )

    if TYPE_CHECKING:  # the state the events build (not fields: an annotation here would
        # make eventsourcing read it as a constructor argument)
        dossier_id: UUID
        product_id: UUID
        product_name: str
        product_code: str
        producer_name: str
        product_set: int
        kind: str
        level: str
        jurisdiction: str
        commune_code: str
        rule_set_id: str
        received_on: date
        arrived_on: date
        round_id: UUID
        mode: str
        unit: dict[str, str]
        status: str
        sheets: dict[str, dict[str, Any]]
        conflicts: dict[str, str]
        advisory: list[dict[str, Any]]
        rescores: int
        score: Decimal | None
        parts: dict[str, Decimal]
        band: int
        star: int
        outcome: str
        explanation: str
        explanation_en: str
        routing: dict[str, Any]
        adopted_on: date | None
        decision_no: str
        decided_on: date
        authority: str
        certificate_no: str
        forwarded_to: str
        forwarded_on: date
        returned: dict[str, Any]
        higher: dict[str, Any]

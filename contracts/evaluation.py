"""Events published by the evaluation service on `ocop.evaluation.events.v1`.

`ForwardedToProvince` is also published on `ocop.evaluation.province-forwarded.v1`,
the only topic the province's account may read. Member score sheets never leave
evaluation: `Scored` carries the adopted council result only.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, TypeAdapter

from contracts.envelope import IntegrationEvent

Outcome = Literal["not_recognised", "recognised", "forwarded"]
Score = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class Scored(IntegrationEvent):
    event_type: Literal["Scored"] = "Scored"
    dossier_id: UUID
    product_id: UUID
    product_set: int = Field(ge=1, le=26)
    score: Score
    star_band: int = Field(ge=1, le=5)
    outcome: Outcome
    explanation: str = Field(description="Why this outcome, in the rule set's terms")


class Recognized(IntegrationEvent):
    event_type: Literal["Recognized"] = "Recognized"
    dossier_id: UUID
    product_id: UUID
    star: int = Field(ge=3, le=5)
    decision_no: str
    decided_on: date
    authority: str
    valid_from: date
    valid_to: date


class ForwardedToProvince(IntegrationEvent):
    event_type: Literal["ForwardedToProvince"] = "ForwardedToProvince"
    dossier_id: UUID
    product_id: UUID
    product_name: str
    product_set: int = Field(ge=1, le=26)
    score: Score
    from_level: Literal["district", "province"]
    to_level: Literal["province", "ministry"]
    forwarded_on: date


EvaluationEvent = Annotated[
    Scored | Recognized | ForwardedToProvince,
    Field(discriminator="event_type"),
]
EVALUATION_EVENTS: TypeAdapter[EvaluationEvent] = TypeAdapter(EvaluationEvent)

# The province's topic carries only forwarded products: its account may read nothing else.
PROVINCE_FORWARDED_EVENTS: TypeAdapter[ForwardedToProvince] = TypeAdapter(ForwardedToProvince)

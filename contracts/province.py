"""The next level's answers to forwarded dossiers, on `ocop.province.results.v1`.

Published by the province's integration (or the ministry's, relayed by the province;
in tests and demos by `system.province`, the stand-in); consumed by evaluation.
The same answers can be given through evaluation's gRPC `RecordHigherLevelResult`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field, TypeAdapter

from contracts.envelope import IntegrationEvent
from contracts.evaluation import Score

HigherLevel = Literal["province", "ministry"]


class HigherLevelRecognized(IntegrationEvent):
    """The next level recognised the forwarded product (its own decision and certificate)."""

    event_type: Literal["HigherLevelRecognized"] = "HigherLevelRecognized"
    dossier_id: UUID
    product_id: UUID
    level: HigherLevel
    score: Score
    star: int = Field(ge=3, le=5)
    decision_no: str
    decided_on: date
    signer: str = ""


class ReturnedToLowerLevel(IntegrationEvent):
    """The next level scored below its threshold and sends the dossier back down."""

    event_type: Literal["ReturnedToLowerLevel"] = "ReturnedToLowerLevel"
    dossier_id: UUID
    product_id: UUID
    level: HigherLevel
    score: Score
    returned_on: date
    reason: str = ""


ProvinceResult = Annotated[
    HigherLevelRecognized | ReturnedToLowerLevel, Field(discriminator="event_type")
]
PROVINCE_RESULTS: TypeAdapter[ProvinceResult] = TypeAdapter(ProvinceResult)

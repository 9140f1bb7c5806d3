"""Evaluation aggregates: a dossier under evaluation, its council result and decision.

The outcome rule here is provisional (issue 2's slice): below 50 not recognised,
50 to under 70 recognised at 3 stars by this level, 70 and above forwarded to the
province. The versioned rule sets replace it (see `rules/`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import CommandRejected

NAMESPACE = UUID("b8f0e6a2-51f7-4c0e-8d0a-2f3c5e7a9b11")
Meta = dict[str, Any]


def star_band(score: Decimal) -> int:
    """Half-open bands: [90,100] 5, [70,90) 4, [50,70) 3, [30,50) 2, below 30 1."""
    for floor, star in ((Decimal(90), 5), (Decimal(70), 4), (Decimal(50), 3), (Decimal(30), 2)):
        if score >= floor:
            return star
    return 1


def provisional_outcome(score: Decimal) -> tuple[str, int]:
    band = star_band(score)
    if band < 3:
        return "not_recognised", band
    if band == 3:
        return "recognised", band
    return "forwarded", band


class Evaluation(Aggregate):
    """One dossier's evaluation at one level, opened when the commune forwards it."""

    @staticmethod
    def id_for(dossier_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"evaluation:{dossier_id}")

    @classmethod
    def create_id(cls, dossier_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(dossier_id)

    @event("Opened")
    def __init__(
        self,
        dossier_id: UUID,
        product_id: UUID,
        product_name: str,
        product_set: int,
        level: str,
        rule_set_id: str,
        received_on: date,
        meta: Meta,
    ) -> None:
        self.dossier_id = dossier_id
        self.product_id = product_id
        self.product_name = product_name
        self.product_set = product_set
        self.level = level
        self.rule_set_id = rule_set_id
        self.received_on = received_on
        self.status = "open"
        self.score: Decimal | None = None
        self.star = 0
        self.outcome = ""
        self.decision_no = ""

    def ref(self) -> Meta:
        """The facts every later event repeats, so each can be published on its own."""
        return {
            "dossier_id": str(self.dossier_id),
            "product_id": str(self.product_id),
            "product_name": self.product_name,
            "product_set": self.product_set,
            "level": self.level,
            "rule_set_id": self.rule_set_id,
        }

    def record_score(self, score: Decimal, scored_on: date, meta: Meta) -> None:
        if self.status != "open":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hội đồng đã có kết quả cho hồ sơ này.",
                "The council result for this dossier is already recorded.",
            )
        if not Decimal(0) <= score <= Decimal(100):
            raise CommandRejected(
                "invalid_argument", "score", "Điểm phải từ 0 đến 100.", "Score must be 0–100."
            )
        score = score.quantize(Decimal("0.01"))
        outcome, band = provisional_outcome(score)
        explanation = (
            f"{score} điểm, hạng {band} sao; quy tắc tạm thời: <50 không đạt, 50–<70 công nhận "
            f"3 sao, ≥70 chuyển tỉnh."
        )
        self._scored(
            ref=self.ref(),
            score=score,
            band=band,
            outcome=outcome,
            explanation=explanation,
            scored_on=scored_on,
            meta=meta,
        )
        if outcome == "recognised":
            self._recognised(
                ref=self.ref(),
                star=band,
                decision_no=f"TAM-{self.dossier_id.hex[:8].upper()}",
                decided_on=scored_on,
                authority=f"{self.level}",
                meta=meta,
            )
        elif outcome == "forwarded":
            self._forwarded(
                ref=self.ref(),
                score=score,
                to_level="province" if self.level == "district" else "ministry",
                forwarded_on=scored_on,
                meta=meta,
            )

    @event("Scored")
    def _scored(
        self,
        ref: Meta,
        score: Decimal,
        band: int,
        outcome: str,
        explanation: str,
        scored_on: date,
        meta: Meta,
    ) -> None:
        self.score = score
        self.star = band
        self.outcome = outcome
        self.explanation = explanation
        self.status = "scored"

    @event("Recognised")
    def _recognised(
        self, ref: Meta, star: int, decision_no: str, decided_on: date, authority: str, meta: Meta
    ) -> None:
        self.status = "recognised"
        self.star = star
        self.decision_no = decision_no
        self.decided_on = decided_on
        self.authority = authority

    @event("Forwarded")
    def _forwarded(
        self, ref: Meta, score: Decimal, to_level: str, forwarded_on: date, meta: Meta
    ) -> None:
        self.status = "forwarded"
        self.forwarded_to = to_level
        self.forwarded_on = forwarded_on

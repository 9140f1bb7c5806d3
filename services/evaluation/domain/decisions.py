"""A recognition decision: one number, date, signer and authority for one or more products."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.identifiers import decision_key

NAMESPACE = UUID("2d6b8e14-93a5-4c0f-b7e2-58a1c9d03f47")
Meta = dict[str, Any]


class RecognitionDecision(Aggregate):
    @staticmethod
    def id_for(authority: str, jurisdiction: str, decision_no: str, year: int) -> UUID:
        """One decision per number, issuer and calendar year: numbering restarts every
        1 January (Decree 30/2020/NĐ-CP, Art. 15); look-alike spellings share the key
        (`runtime.identifiers.decision_key`)."""
        key = decision_key(decision_no)
        return uuid5(NAMESPACE, f"decision:{authority}:{jurisdiction}:{year}:{key}")

    @classmethod
    def create_id(
        cls, authority: str, jurisdiction: str, decision_no: str, decided_on: date, **kwargs: Any
    ) -> UUID:
        return cls.id_for(authority, jurisdiction, decision_no, decided_on.year)

    @event("Issued")
    def __init__(
        self,
        authority: str,
        jurisdiction: str,
        decision_no: str,
        decided_on: date,
        signer: str,
        rule_set_ids: list[str],
        legal_basis: str,
        items: list[dict[str, Any]],
        meta: Meta,
    ) -> None:
        self.authority = authority
        self.jurisdiction = jurisdiction
        self.decision_no = decision_no
        self.decided_on = decided_on
        self.signer = signer
        self.rule_set_ids = rule_set_ids
        self.legal_basis = legal_basis
        self.items = items

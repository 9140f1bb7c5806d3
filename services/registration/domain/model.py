"""Registration aggregates: producers (chủ thể OCOP), products and their dossiers.

Each event records the actor and the correlation of the flow it belongs to, in
`meta`, so "who did what, when" is answerable from the event store alone.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import CommandRejected

PRODUCER_KINDS = (
    "cooperative",
    "cooperative_group",
    "enterprise",
    "farm",
    "household_business",
    "association",
)
KINDS_NEEDING_REGISTRATION_NO = ("cooperative_group", "farm", "household_business")
DOSSIER_KINDS = ("first", "upgrade", "re_evaluation")

Meta = dict[str, Any]


class Producer(Aggregate):
    @event("Registered")
    def __init__(
        self,
        name: str,
        kind: str,
        is_sme: bool,
        business_registration_no: str | None,
        legal_representative: str,
        commune_code: str,
        province_code: str,
        meta: Meta,
    ) -> None:
        self.name = name
        self.kind = kind
        self.is_sme = is_sme
        self.business_registration_no = business_registration_no
        self.legal_representative = legal_representative
        self.commune_code = commune_code
        self.province_code = province_code


class RegistrationNumberIndex(Aggregate):
    """Claims a business-registration number: a second claim clashes on the id."""

    @staticmethod
    def id_for(number: str) -> UUID:
        return uuid5(INDEX_NAMESPACE, f"brn:{number.casefold()}")

    @classmethod
    def create_id(cls, number: str, producer_id: UUID) -> UUID:
        return cls.id_for(number)

    @event("Claimed")
    def __init__(self, number: str, producer_id: UUID) -> None:
        self.number = number
        self.producer_id = producer_id


class Product(Aggregate):
    @event("Registered")
    def __init__(
        self,
        producer_id: UUID,
        name: str,
        product_set: int,
        commune_code: str,
        province_code: str,
        meta: Meta,
    ) -> None:
        self.producer_id = producer_id
        self.name = name
        self.product_set = product_set
        self.commune_code = commune_code
        self.province_code = province_code


class Dossier(Aggregate):
    """One submission of a product for evaluation, from commune receipt to forwarding."""

    @event("Submitted")
    def __init__(
        self,
        product_id: UUID,
        producer_id: UUID,
        product_name: str,
        product_set: int,
        kind: str,
        received_on: date,
        commune_code: str,
        province_code: str,
        meta: Meta,
    ) -> None:
        self.product_id = product_id
        self.producer_id = producer_id
        self.product_name = product_name
        self.product_set = product_set
        self.kind = kind
        self.received_on = received_on
        self.commune_code = commune_code
        self.province_code = province_code
        self.status = "submitted"
        self.assessed_on: date | None = None
        self.report_no: str | None = None
        self.forwarded_to: str | None = None

    def assess(
        self,
        report_no: str,
        assessed_on: date,
        criteria: dict[str, bool],
        forwarded_to: str,
        rule_set_id: str,
        meta: Meta,
    ) -> None:
        if self.status != "submitted":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hồ sơ đã được xã đánh giá; không thể đánh giá lần nữa.",
                "The dossier has already been assessed by the commune.",
            )
        if assessed_on < self.received_on:
            raise CommandRejected(
                "invalid_argument",
                "assessed_on",
                "Ngày đánh giá không thể trước ngày xã tiếp nhận hồ sơ.",
                "The assessment date cannot precede the commune's receipt date.",
            )
        self._assessed(
            snapshot={
                "product_id": str(self.product_id),
                "producer_id": str(self.producer_id),
                "product_name": self.product_name,
                "product_set": self.product_set,
                "kind": self.kind,
                "received_on": self.received_on.isoformat(),
                "commune_code": self.commune_code,
                "province_code": self.province_code,
            },
            report_no=report_no,
            assessed_on=assessed_on,
            criteria=criteria,
            forwarded_to=forwarded_to,
            rule_set_id=rule_set_id,
            meta=meta,
        )

    @event("Assessed")
    def _assessed(
        self,
        snapshot: dict[str, Any],
        report_no: str,
        assessed_on: date,
        criteria: dict[str, bool],
        forwarded_to: str,
        rule_set_id: str,
        meta: Meta,
    ) -> None:
        self.status = "forwarded"
        self.report_no = report_no
        self.assessed_on = assessed_on
        self.criteria = criteria
        self.forwarded_to = forwarded_to
        self.rule_set_id = rule_set_id


INDEX_NAMESPACE = UUID("6f1c2a8e-3b0d-4d5e-9a41-0c0c0c0c0c01")

"""Products, whose identity survives code changes, and the commune's running number (STT)
that product codes are built from."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.clock import Fact
from services.registration.domain import history
from services.registration.domain.common import INDEX_NAMESPACE, Created, Meta

PREVIOUS_DOSSIER = ("ngày tiếp nhận hồ sơ trước của sản phẩm", "the product's previous dossier")
RECOGNITION = ("ngày quyết định công nhận sản phẩm", "the product's recognition decision")


class Product(Aggregate):
    """A product with an identity that survives code changes: codes are added, never
    overwritten, each with its format (current R3 or legacy) and when it was given."""

    class Registered(Created):
        """Stored schema v2. Version 1 (issue 2) had no pre-reform unit and no idea;
        `upcast_v1_v2` reads it as v2 with neither."""

        class_version = 2
        producer_id: UUID
        name: str
        product_set: int
        commune_code: str
        province_code: str
        legacy_unit: dict[str, Any] | None
        idea_id: UUID | None

        upcast_v1_v2 = staticmethod(history.product_registered_v1_v2)

    def __init__(
        self,
        producer_id: UUID,
        name: str,
        product_set: int,
        commune_code: str,
        province_code: str,
        legacy_unit: dict[str, Any] | None,
        idea_id: UUID | None,
        meta: Meta,
    ) -> None:
        self.producer_id = producer_id
        self.name = name
        self.product_set = product_set
        self.commune_code = commune_code
        self.province_code = province_code
        self.legacy_unit = legacy_unit
        self.idea_id = idea_id
        self.codes: list[dict[str, Any]] = []
        self.dossier_ids: list[UUID] = []
        # What evaluation recognised (Recognized, RecognitionRecorded) and how it ended
        # (CertificateExpired, Revoked): the current star and certificate, None if none.
        self.standing: dict[str, Any] | None = None

    def dated_facts(self, previous_receipt: date | None) -> list[Fact]:
        """What a new dossier of the product cannot be received before: the receipt of its
        previous dossier (`previous_receipt`, None if none) and the decision that
        recognised it."""
        decided = self.standing.get("decided_on") if self.standing else None
        return [(previous_receipt, PREVIOUS_DOSSIER), (decided, RECOGNITION)]

    @event("CodeAssigned")
    def assign_code(self, code: str, code_format: str, assigned_on: date, meta: Meta) -> None:
        self.codes.append({"code": code, "format": code_format, "assigned_on": assigned_on})

    @event("DossierOpened")
    def open_dossier(self, dossier_id: UUID, meta: Meta) -> None:
        self.dossier_ids.append(dossier_id)

    class Recognised(Aggregate.Event):
        """Evaluation recognised the product (published `Recognized`, or
        `RecognitionRecorded` from an earlier decision): `certificate` holds number, star,
        decision_no, decided_on, valid_to, rule_set_id, dossier_id and `recorded` (from
        an earlier decision)."""

        certificate: dict[str, Any]
        meta: dict[str, Any]

        def apply(self, product: Product) -> None:
            product.standing = {**self.certificate, "status": "valid"}

    class CertificateEnded(Aggregate.Event):
        """The certificate `number` ended: `reason` expired or revoked, on `on`."""

        number: str
        reason: str
        on: date
        meta: dict[str, Any]

        def apply(self, product: Product) -> None:
            if product.standing and product.standing["number"] == self.number:
                product.standing = {**product.standing, "status": self.reason, "ended_on": self.on}

    def recognised(self, certificate: dict[str, Any], meta: dict[str, Any]) -> bool:
        """Record a recognition; False when it is the one already held (a redelivery)."""
        if self.standing and self.standing["number"] == certificate["number"]:
            return False
        self.trigger_event(self.Recognised, certificate=certificate, meta=meta)
        return True

    def certificate_ended(self, number: str, reason: str, on: date, meta: dict[str, Any]) -> bool:
        """Record the end of the current certificate; False if it is not the current one
        or has ended already."""
        if not self.standing or self.standing["number"] != number:
            return False
        if self.standing["status"] != "valid":
            return False
        self.trigger_event(self.CertificateEnded, number=number, reason=reason, on=on, meta=meta)
        return True

    @property
    def certificate_in_force(self) -> dict[str, Any] | None:
        """The certificate the product holds, unless it expired or was revoked."""
        return self.standing if self.standing and self.standing["status"] == "valid" else None

    def has_code(self, code: str) -> bool:
        return any(c["code"] == code for c in self.codes)


class CommuneSequence(Aggregate):
    """The commune's running product number (STT) for one year, for product codes."""

    @staticmethod
    def id_for(commune_code: str, year: int) -> UUID:
        return uuid5(INDEX_NAMESPACE, f"stt:{commune_code}:{year}")

    @classmethod
    def create_id(cls, commune_code: str, year: int) -> UUID:
        return cls.id_for(commune_code, year)

    @event("Started")
    def __init__(self, commune_code: str, year: int) -> None:
        self.commune_code = commune_code
        self.year = year
        self.value = 0

    @event("Taken")
    def take(self) -> None:
        self.value += 1

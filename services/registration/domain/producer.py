"""Producers (chủ thể OCOP) and the claim on a business-registration number."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import CommandRejected
from runtime.identifiers import business_registration_no, ethnic_group
from services.registration.domain import history
from services.registration.domain.common import INDEX_NAMESPACE, Created, Meta

PRODUCER_KINDS = (
    "cooperative",
    "cooperative_group",
    "enterprise",
    "farm",
    "household_business",
    "association",
)
KINDS_NEEDING_REGISTRATION_NO = ("cooperative_group", "farm", "household_business")
TOURISM_ONLY_KINDS = ("association",)
TOURISM_SET = 26
GENDERS = ("female", "male", "other")


class Producer(Aggregate):
    """A chủ thể OCOP. The legal representative's gender and ethnicity are personal data:
    they stay in this store; only whether criterion 3.2 applies is published."""

    class Registered(Created):
        """Stored schema v2. Version 1 (issue 2) had the representative's name as a string
        and no address or pre-reform unit; `upcast_v1_v2` reads it as v2."""

        class_version = 2
        name: str
        kind: str
        is_sme: bool
        business_registration_no: str | None
        legal_representative: dict[str, Any]
        address: str
        commune_code: str
        province_code: str
        legacy_unit: dict[str, Any] | None

        upcast_v1_v2 = staticmethod(history.producer_registered_v1_v2)

    def __init__(
        self,
        name: str,
        kind: str,
        is_sme: bool,
        business_registration_no: str | None,
        legal_representative: dict[str, Any],
        address: str,
        commune_code: str,
        province_code: str,
        legacy_unit: dict[str, Any] | None,
        meta: Meta,
    ) -> None:
        self.name = name
        self.kind = kind
        self.is_sme = is_sme
        self.business_registration_no = business_registration_no
        self.legal_representative = legal_representative
        self.address = address
        self.commune_code = commune_code
        self.province_code = province_code
        self.legacy_unit = legacy_unit

    @property
    def qualifies_for_3_2(self) -> bool:
        """Criterion 3.2: a woman, an ethnic-minority person or a person with a disability."""
        return qualifies_for_3_2(self.legal_representative)


def qualifies_for_3_2(rep: dict[str, Any]) -> bool:
    """Ethnicity is read through the official list of 54 groups (`runtime.identifiers`):
    only a listed group other than the Kinh counts; text stored before the list was
    enforced that names no group does not."""
    try:
        minority = ethnic_group("ethnicity", str(rep.get("ethnicity") or "")).minority
    except CommandRejected:
        minority = False
    return rep.get("gender") == "female" or minority or bool(rep.get("disability"))


class RegistrationNumberIndex(Aggregate):
    """Claims a business-registration number: a second claim clashes on the id."""

    @staticmethod
    def id_for(number: str) -> UUID:
        """Keyed by the number's canonical form (`runtime.identifiers`), so spellings of one
        number clash; a number stored before the form was enforced keys as folded text."""
        try:
            key = business_registration_no("business_registration_no", number)
        except CommandRejected:
            key = number.casefold()
        return uuid5(INDEX_NAMESPACE, f"brn:{key}")

    @classmethod
    def create_id(cls, number: str, producer_id: UUID) -> UUID:
        return cls.id_for(number)

    @event("Claimed")
    def __init__(self, number: str, producer_id: UUID) -> None:
        self.number = number
        self.producer_id = producer_id

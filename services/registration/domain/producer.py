"""Producers (chủ thể OCOP) and the claim on a business-registration number."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import CommandRejected
from runtime.identifiers import business_registration_no
from runtime.jurisdiction import UnitPath
from services.registration.domain import history
from services.registration.domain.common import (
    INDEX_NAMESPACE,
    Created,
    Event,
    Meta,
    refuse_state,
    unit_path,
)

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


def check_tourism_only(kind: str, product_set: int) -> None:
    """Refuses (`product_set`) a product of an association outside set 26 (tourism)."""
    if kind in TOURISM_ONLY_KINDS and product_set != TOURISM_SET:
        raise CommandRejected(
            "invalid_argument",
            "product_set",
            "Hội, hiệp hội chỉ được đăng ký sản phẩm bộ 26 (du lịch).",
            "Associations may only register tourism products (set 26).",
        )


GENDERS = ("female", "male", "other")


class Producer(Aggregate):
    """A chủ thể OCOP. Its personal data (`domain.personal`) is stored sealed under the
    producer's own key (`personal`), with the one fact criterion 3.2 needs in clear;
    erasing destroys the key, and `PersonalDataErased` records who did it, without data."""

    class Registered(Created):
        """Stored schema v3: `personal` sealed, `qualifies_3_2` derived once. Version 1
        (issue 2) had the representative's name as a string and no address or pre-reform
        unit; version 2 the representative and address in clear (`history`)."""

        class_version = 3
        name: str
        kind: str
        is_sme: bool
        business_registration_no: str | None
        personal: dict[str, Any]
        qualifies_3_2: bool
        commune_code: str
        province_code: str
        legacy_unit: dict[str, Any] | None
        account: str = ""  # added within v3; older v3 events read as no account

        upcast_v1_v2 = staticmethod(history.producer_registered_v1_v2)
        upcast_v2_v3 = staticmethod(history.producer_registered_v2_v3)

    class PersonalDataErased(Event):
        """The producer's data key was destroyed (crypto-shredding) at the request named by
        `reference` (a document number, never personal data); the actor is in `meta`."""

        reference: str

        def apply(self, producer: Producer) -> None:
            producer.personal_data_erased = True

    def __init__(
        self,
        id: UUID,
        name: str,
        kind: str,
        is_sme: bool,
        business_registration_no: str | None,
        personal: dict[str, Any],
        qualifies_3_2: bool,
        commune_code: str,
        province_code: str,
        legacy_unit: dict[str, Any] | None,
        meta: Meta,
        account: str = "",
    ) -> None:
        """`account`: the producer's own sign-in (username), which may then act on the
        producer's records (scope `own`); "" when it has none."""
        self.account = account
        self.name = name
        self.kind = kind
        self.is_sme = is_sme
        self.business_registration_no = business_registration_no
        self.personal = personal
        self.qualifies_for_3_2 = qualifies_3_2
        self.commune_code = commune_code
        self.province_code = province_code
        self.legacy_unit = legacy_unit
        self.personal_data_erased = False

    @property
    def path(self) -> UnitPath:
        """The producer's administrative units (current and pre-2025)."""
        return unit_path(self.commune_code, self.province_code, self.legacy_unit)

    def erase_personal_data(self, reference: str, meta: Meta) -> None:
        """Records the erasure; refuses a second one (FAILED_PRECONDITION, `producer_id`)."""
        if self.personal_data_erased:
            raise refuse_state(
                "producer_id",
                "Dữ liệu cá nhân của chủ thể này đã được xoá.",
                "This producer's personal data was already erased.",
            )
        self.trigger_event(self.PersonalDataErased, reference=reference, meta=meta)


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

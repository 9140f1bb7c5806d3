"""Products, whose identity survives code changes, and the commune's running number (STT)
that product codes are built from."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from services.registration.domain import history
from services.registration.domain.common import INDEX_NAMESPACE, Created, Meta


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

    @event("CodeAssigned")
    def assign_code(self, code: str, code_format: str, assigned_on: date, meta: Meta) -> None:
        self.codes.append({"code": code, "format": code_format, "assigned_on": assigned_on})

    @event("DossierOpened")
    def open_dossier(self, dossier_id: UUID, meta: Meta) -> None:
        self.dossier_ids.append(dossier_id)

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

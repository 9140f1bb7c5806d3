"""The listings' rows (`DossierRow`, `IdeaRow`: what a listing shows), their order, the
`Rows` protocol a store of them keeps, and the memory store's rows (`MemoryRows`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from services.registration.domain import Dossier, ProductIdea


def text_of(value: Any) -> Any:
    """A row's value as stored: None as '', a UUID or a date as text, else itself."""
    if value is None:
        return ""
    if isinstance(value, UUID | date):
        return str(value) if isinstance(value, UUID) else value.isoformat()
    return value


@dataclass(frozen=True)
class DossierRow:
    """A dossier as listed (no documents, self-assessment answers or personal data)."""

    id: UUID
    product_id: UUID
    producer_id: UUID
    commune_code: str
    product_set: int
    kind: str
    status: str
    rule_set_id: str
    product_code: str
    report_no: str
    forwarded_to: str
    self_assessed: int
    samples: int
    received_on: date | None
    assessed_on: date | None
    forwarded_on: date | None
    check_deadline: date | None
    paper_copy_received_on: date | None

    @classmethod
    def of(cls, d: Dossier) -> DossierRow:
        return cls(
            id=d.id,
            product_id=d.product_id,
            producer_id=d.producer_id,
            commune_code=d.commune_code or "",
            product_set=d.product_set,
            kind=d.kind,
            status=d.status,
            rule_set_id=d.rule_set_id,
            product_code=d.product_code or "",
            report_no=d.report_no or "",
            forwarded_to=d.forwarded_to or "",
            self_assessed=len(d.self_assessment),
            samples=d.samples,
            received_on=d.received_on,
            assessed_on=d.assessed_on,
            forwarded_on=d.forwarded_on,
            check_deadline=d.check_deadline,
            paper_copy_received_on=d.paper_copy_received_on,
        )

    def is_overdue(self, today: date) -> bool:
        """Still awaiting the commune's report after the working-day deadline (as
        `Dossier.is_overdue`)."""
        return (
            self.status == "submitted"
            and self.check_deadline is not None
            and today > self.check_deadline
        )


@dataclass(frozen=True)
class IdeaRow:
    """A product idea as listed."""

    id: UUID
    producer_id: UUID
    name: str
    product_set: int
    status: str
    reason: str
    product_id: UUID | None

    @classmethod
    def of(cls, i: ProductIdea) -> IdeaRow:
        return cls(
            id=i.id,
            producer_id=i.producer_id,
            name=i.name,
            product_set=i.product_set,
            status=i.status,
            reason=i.reason or "",
            product_id=i.product_id,
        )


class Rows(Protocol):
    """Where the rows and their position are kept."""

    def position(self) -> int: ...

    def apply(self, position: int, dossiers: list[DossierRow], ideas: list[IdeaRow]) -> bool: ...

    def dossiers(self, commune_code: str = "") -> list[DossierRow]: ...

    def ideas(self, producer_id: UUID | None = None) -> list[IdeaRow]: ...

    def clear(self) -> None: ...


# The rows' order in both kinds of store: dossiers by receipt date, then id; ideas by id.
ORDER: dict[type[Any], Callable[[Any], tuple[str, ...]]] = {
    DossierRow: lambda d: (text_of(d.received_on), str(d.id)),
    IdeaRow: lambda i: (str(i.id),),
}
SQL_ORDER = {DossierRow: "received_on, id", IdeaRow: "id"}


class MemoryRows:
    """The rows of the memory store (gone with the process, like its events)."""

    def __init__(self) -> None:
        self._position = 0
        self._dossiers: dict[UUID, DossierRow] = {}
        self._ideas: dict[UUID, IdeaRow] = {}

    def position(self) -> int:
        return self._position

    def apply(self, position: int, dossiers: list[DossierRow], ideas: list[IdeaRow]) -> bool:
        if position <= self._position:
            return False
        self._dossiers.update((d.id, d) for d in dossiers)
        self._ideas.update((i.id, i) for i in ideas)
        self._position = position
        return True

    def dossiers(self, commune_code: str = "") -> list[DossierRow]:
        rows = sorted(self._dossiers.values(), key=ORDER[DossierRow])
        return [d for d in rows if not commune_code or d.commune_code == commune_code]

    def ideas(self, producer_id: UUID | None = None) -> list[IdeaRow]:
        rows = sorted(self._ideas.values(), key=ORDER[IdeaRow])
        return [i for i in rows if producer_id is None or i.producer_id == producer_id]

    def clear(self) -> None:
        self._position = 0
        self._dossiers.clear()
        self._ideas.clear()

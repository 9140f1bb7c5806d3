"""The events of a dossier: the fields each stores and how it changes the `Dossier`.

The aggregate (`dossier.py`) names them as its own (`Dossier.Submitted`, …: their stored
topic) and triggers them after its checks; applying an event checks nothing, so replay
never refuses history."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from services.registration.domain import history
from services.registration.domain.common import Created, Event

if TYPE_CHECKING:
    from services.registration.domain.dossier import Dossier


class Submitted(Created):
    """Form 01 received by the commune. Stored schema v2 (`history`)."""

    class_version = 2
    product_id: UUID
    producer_id: UUID
    product_name: str
    product_set: int
    kind: str
    received_on: date
    commune_code: str
    province_code: str
    rule_set_id: str
    check_deadline: date | None
    form_01: dict[str, Any]
    product_code: str | None

    upcast_v1_v2 = staticmethod(history.dossier_submitted_v1_v2)


class SelfAssessed(Event):
    entries: dict[str, dict[str, Any]]

    def apply(self, dossier: Dossier) -> None:
        dossier.self_assessment.update(self.entries)


class DocumentAttached(Event):
    sha256: str
    size: int
    media_type: str
    name: str
    category: str

    def apply(self, dossier: Dossier) -> None:
        dossier.documents[self.sha256] = {
            "sha256": self.sha256,
            "size": self.size,
            "media_type": self.media_type,
            "name": self.name,
            "category": self.category,
        }


class PaperCopyReceived(Event):
    received_on: date

    def apply(self, dossier: Dossier) -> None:
        dossier.paper_copy_received_on = self.received_on


class SamplesReceived(Event):
    count: int
    received_on: date

    def apply(self, dossier: Dossier) -> None:
        dossier.samples += self.count
        latest = getattr(dossier, "samples_received_on", None)
        dossier.samples_received_on = max(latest or self.received_on, self.received_on)


class Returned(Event):
    reason: str
    returned_on: date

    def apply(self, dossier: Dossier) -> None:
        dossier.status = "returned"
        dossier.returns.append({"reason": self.reason, "returned_on": self.returned_on})


class Resubmitted(Event):
    received_on: date
    check_deadline: date | None

    def apply(self, dossier: Dossier) -> None:
        dossier.status = "submitted"
        dossier.received_on = self.received_on
        dossier.check_deadline = self.check_deadline


class Assessed(Event):
    """Form 03. Stored schema v2: `forwarded_to` is set only on v1 events, stored when
    assessing also forwarded (`history`)."""

    class_version = 2
    report_no: str
    assessed_on: date
    officer: str
    criteria: dict[str, bool]
    forwarded_to: str | None = None

    upcast_v1_v2 = staticmethod(history.dossier_assessed_v1_v2)

    def apply(self, dossier: Dossier) -> None:
        dossier.status = "forwarded" if self.forwarded_to else "assessed"
        dossier.report_no = self.report_no
        dossier.assessed_on = self.assessed_on
        dossier.officer = self.officer
        dossier.criteria = self.criteria
        dossier.forwarded_to = self.forwarded_to
        dossier.forwarded_on = self.assessed_on if self.forwarded_to else None


class Forwarded(Event):
    """Published as CommuneAssessed: `snapshot` carries the dossier and form 03."""

    snapshot: dict[str, Any]
    forwarded_on: date
    forwarded_to: str
    rule_set_id: str

    def apply(self, dossier: Dossier) -> None:
        dossier.status = "forwarded"
        dossier.forwarded_on = self.forwarded_on
        dossier.forwarded_to = self.forwarded_to


class CouncilResultRecorded(Event):
    """The council that scored the dossier adopted its result (evaluation's `Scored`):
    kept so the next level's bundle carries the lower council's result and why."""

    result: dict[str, Any]

    def apply(self, dossier: Dossier) -> None:
        dossier.council_result = self.result

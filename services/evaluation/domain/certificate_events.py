"""What a product's certificate history can contain: each event's fields and what it
does to the state (`apply`).

`CertificationHistory` is the base of the `ProductCertification` aggregate
(`certificates.py`), which holds the commands. eventsourcing redefines these event
classes on `ProductCertification`, so they are stored as
`services.evaluation.domain.certificates:ProductCertification.<Name>`: those topics are
in every store and do not change.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

Meta = dict[str, Any]


class CertificationHistory(Aggregate):
    """Every certificate one product has held, and the events that change them."""

    if TYPE_CHECKING:  # the state the events build (not fields: eventsourcing would read
        # an annotation here as a constructor argument)
        product_id: UUID
        product_name: str
        certificates: dict[str, dict[str, Any]]
        current: str | None

    def entry(self, ref: Meta) -> dict[str, Any]:
        """The certificate an event's `ref` names."""
        return self.certificates[ref["certificate_no"]]

    class Started(Aggregate.Created):
        product_id: UUID
        product_name: str
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.product_id, history.product_name = self.product_id, self.product_name
            history.certificates, history.current = {}, None

    class CertificateIssued(Aggregate.Event):
        certificate: dict[str, Any]
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            fresh: dict[str, Any] = {
                "status": "valid",
                "done": [],
                "reevaluation": None,
                "revocation": None,
            }
            history.certificates[self.certificate["number"]] = {**self.certificate, **fresh}
            history.current = self.certificate["number"]

    class RecordedFromEarlierDecision(Aggregate.Event):
        """A certificate issued before this system, recorded from the office's register:
        `certificate` as `CertificateIssued`'s (its `unit` is the product's unit path),
        `source` the file's SHA-256, line and name, and the earlier council's score."""

        certificate: dict[str, Any]
        source: dict[str, Any]
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            fresh: dict[str, Any] = {
                "status": "valid",
                "done": [],
                "reevaluation": None,
                "revocation": None,
                "recorded_from": self.source,
            }
            history.certificates[self.certificate["number"]] = {**self.certificate, **fresh}
            history.current = self.certificate["number"]

    class CertificateSuperseded(Aggregate.Event):
        ref: Meta
        by: str
        on: date
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["status"] = "superseded"

    class ReevaluationFiled(Aggregate.Event):
        ref: Meta
        dossier_id: str
        filed_on: date
        timing: str | None
        valid_until: date | None
        meta: Meta
        decide_by: date | None = None

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["reevaluation"] = {
                "dossier_id": self.dossier_id,
                "filed_on": self.filed_on,
                "timing": self.timing,
                "valid_until": self.valid_until,
                "decide_by": self.decide_by,
            }

    class ReevaluationConcluded(Aggregate.Event):
        ref: Meta
        dossier_id: str
        decided_on: date
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            entry = history.entry(self.ref)
            concluded = {"valid_until": None, "concluded_on": self.decided_on}
            entry["reevaluation"] = {**entry["reevaluation"], **concluded}

    class ExpiryNoticeDue(Aggregate.Event):
        ref: Meta
        notice_by: date
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["done"].append("notice")

    class ReevaluationWindowOpened(Aggregate.Event):
        ref: Meta
        opens_on: date
        closes_on: date
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["done"].append("window")

    class ReevaluationOverdue(Aggregate.Event):
        """The re-evaluation was not decided within the rule set's limit (R3: 45 days)."""

        ref: Meta
        decide_by: date
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["done"].append("reevaluation_overdue")

    class RevocationOverdue(Aggregate.Event):
        ref: Meta
        decide_by: date
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["done"].append("revocation_overdue")

    class CertificateExpired(Aggregate.Event):
        ref: Meta
        expired_on: date
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["status"] = "expired"

    class RevocationOpened(Aggregate.Event):
        ref: Meta
        ground: str
        reference: str
        concluded_on: date
        decide_by: date | None
        source: str
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            history.entry(self.ref)["revocation"] = {
                "ground": self.ground,
                "reference": self.reference,
                "concluded_on": self.concluded_on,
                "decide_by": self.decide_by,
                "source": self.source,
            }

    class Revoked(Aggregate.Event):
        ref: Meta
        decision_no: str
        decided_on: date
        authority: str
        signer: str
        ground: str
        legal_basis: str
        overdue: bool
        meta: Meta

        def apply(self, history: CertificationHistory) -> None:
            entry = history.entry(self.ref)
            entry["status"] = "revoked"
            entry["revoked"] = {
                "decision_no": self.decision_no,
                "decided_on": self.decided_on,
                "authority": self.authority,
            }

"""How published events change the catalogue: pure functions, order-independent.

Events reach reporting from several topics and partitions (the key is the
aggregate id, so a product's registration and its dossier's events may sit on
different partitions), so they can arrive in any order. Each change is therefore
a merge that gives the same result in every order: a product row holds the
product's identity; a dossier row holds its evaluation's progress, and its
status only ever moves forward. The catalogue shows each product with its
latest dossier.
"""

from __future__ import annotations

from typing import Any

from contracts.evaluation import (
    CertificateExpired,
    CertificateSuperseded,
    ForwardedToProvince,
    Recognized,
    ReturnedByProvince,
    Revoked,
    Scored,
)
from contracts.registration import CommuneAssessed, DossierSubmitted, ProductRegistered

Row = dict[str, Any]

PRODUCT_COLUMNS = (
    "product_id",
    "producer_id",
    "name",
    "product_set",
    "commune_code",
    "registered_at",
)
DOSSIER_COLUMNS = (
    "dossier_id",
    "product_id",
    "submitted_at",
    "stage",
    "status",
    "star",
    "score",
    "decision_no",
    "updated_at",
    "certificate_no",
    "valid_until",
    "certificate_status",
)
# What a query returns for a product (its identity joined with its latest dossier).
COLUMNS = (
    "product_id",
    "producer_id",
    "name",
    "product_set",
    "commune_code",
    "status",
    "star",
    "score",
    "decision_no",
    "dossier_id",
    "updated_at",
    "certificate_no",
    "valid_until",
    "certificate_status",
)
CERTIFICATE_COLUMNS = ("certificate_no", "valid_until", "certificate_status")
"""The product's latest certificate (the one valid longest), whatever dossier is open:
its number, last valid day (ISO date) and standing from the events: valid, expired,
superseded or revoked ("" when the product never held one)."""

# A dossier's statuses in the order they are reached; a status never moves back.
# Expiry and revocation end a recognised certificate; a revoked one never comes back.
STAGES = {
    "dossier_submitted": 1,
    "commune_assessed": 2,
    "scored": 3,
    "not_recognised": 4,
    "rejected": 4,
    "forwarded": 4,
    "returned": 5,
    "recognised": 6,
    "expired": 7,
    "revoked": 8,
}
DOSSIER_EVENTS = (
    Scored,
    Recognized,
    ForwardedToProvince,
    ReturnedByProvince,
    CertificateExpired,
    CertificateSuperseded,
    Revoked,
)
# A certificate's standing only moves forward too: recognised (valid), then replaced by
# a newer one, expired on its last day, or revoked; a revoked one never comes back.
STANDINGS = {"valid": 1, "superseded": 2, "expired": 3, "revoked": 4}
STATUSES = ("registered", *STAGES)


def product_change(event: Any) -> Row | None:
    """The product's identity row, from its registration (None for other events)."""
    if not isinstance(event, ProductRegistered):
        return None
    return {
        "product_id": str(event.aggregate_id),
        "producer_id": str(event.producer_id),
        "name": event.name,
        "product_set": event.product_set,
        "commune_code": event.commune_code,
        "registered_at": event.occurred_at.isoformat(),
    }


def dossier_of(event: Any) -> tuple[str, str] | None:
    """(dossier id, product id) of an event about a dossier, else None."""
    if isinstance(event, DossierSubmitted | CommuneAssessed):
        return str(event.aggregate_id), str(event.product_id)
    if isinstance(event, DOSSIER_EVENTS):
        return str(event.dossier_id), str(event.product_id)
    return None


def dossier_change(event: Any, current: Row | None) -> Row | None:
    """The dossier row after `event`, merged into `current` (None: nothing to change)."""
    ids = dossier_of(event)
    if ids is None:
        return None
    row: Row = (
        dict(current)
        if current
        else {
            "dossier_id": ids[0],
            "product_id": ids[1],
            "submitted_at": "",
            "stage": 0,
            "status": "",
            "star": 0,
            "score": "",
            "decision_no": "",
            "updated_at": "",
            "certificate_no": "",
            "valid_until": "",
            "certificate_status": "",
        }
    )
    _certificate(event, row)
    if isinstance(event, CertificateSuperseded):  # the dossier's own status stays
        row["updated_at"] = max(row["updated_at"], event.occurred_at.isoformat())
        return row
    stamp = event.occurred_at.isoformat()
    row["updated_at"] = max(row["updated_at"], stamp)
    status: str
    if isinstance(event, DossierSubmitted):
        row["submitted_at"] = stamp
        status = "dossier_submitted"
    elif isinstance(event, CommuneAssessed):
        status = "commune_assessed"
    elif isinstance(event, Scored):
        row["score"] = str(event.score)
        status = event.outcome if event.outcome in ("not_recognised", "rejected") else "scored"
    elif isinstance(event, ForwardedToProvince):
        status = "forwarded"
    elif isinstance(event, ReturnedByProvince):
        status = "returned"
    elif isinstance(event, CertificateExpired):
        status = "expired"
    elif isinstance(event, Revoked):
        status = "revoked"
    else:
        row["star"] = event.star
        row["decision_no"] = event.decision_no
        status = "recognised"
    if STAGES[status] > row["stage"]:
        row["stage"] = STAGES[status]
        row["status"] = status
    return row


def _certificate(event: Any, row: Row) -> None:
    """The certificate columns after `event` (order-independent: the number and last
    valid day come from whichever event names them; the standing only moves forward)."""
    standing = ""
    if isinstance(event, Recognized):
        standing = "valid"
        row["valid_until"] = event.valid_to.isoformat()
    elif isinstance(event, CertificateExpired):
        standing = "expired"
        row["valid_until"] = event.valid_to.isoformat()
    elif isinstance(event, CertificateSuperseded):
        standing = "superseded"
    elif isinstance(event, Revoked):
        standing = "revoked"
    if not standing:
        return
    if event.certificate_no and not row["certificate_no"]:
        row["certificate_no"] = event.certificate_no
    if STANDINGS[standing] > STANDINGS.get(row["certificate_status"], 0):
        row["certificate_status"] = standing

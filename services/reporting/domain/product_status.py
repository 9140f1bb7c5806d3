"""How each published event changes a product's row in the catalogue read model. Pure."""

from __future__ import annotations

from typing import Any

from contracts.evaluation import ForwardedToProvince, Recognized, Scored
from contracts.registration import (
    CommuneAssessed,
    DossierSubmitted,
    ProducerRegistered,
    ProductRegistered,
)

Row = dict[str, Any]
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
)

# Status names, in the order a product normally passes them.
STATUSES = (
    "registered",
    "dossier_submitted",
    "commune_assessed",
    "scored",
    "not_recognised",
    "forwarded",
    "recognised",
)


def product_of(event: Any) -> str | None:
    """The product a published event concerns (None: not a catalogue event)."""
    if isinstance(event, ProductRegistered):
        return str(event.aggregate_id)
    if isinstance(event, DossierSubmitted | CommuneAssessed | Scored | Recognized):
        return str(event.product_id)
    if isinstance(event, ForwardedToProvince):
        return str(event.product_id)
    return None


def apply(event: Any, row: Row | None) -> Row | None:
    """The product's new row, or None when the event does not change the catalogue."""
    if isinstance(event, ProducerRegistered):
        return None
    stamp = event.occurred_at.isoformat()
    if isinstance(event, ProductRegistered):
        return {
            "product_id": str(event.aggregate_id),
            "producer_id": str(event.producer_id),
            "name": event.name,
            "product_set": event.product_set,
            "commune_code": event.commune_code,
            "status": "registered",
            "star": 0,
            "score": "",
            "decision_no": "",
            "dossier_id": "",
            "updated_at": stamp,
        }
    if row is None:
        return None
    changed = dict(row, updated_at=stamp)
    if isinstance(event, DossierSubmitted):
        changed.update(status="dossier_submitted", dossier_id=str(event.aggregate_id))
    elif isinstance(event, CommuneAssessed):
        changed.update(status="commune_assessed")
    elif isinstance(event, Scored):
        changed.update(
            status="scored" if event.outcome != "not_recognised" else "not_recognised",
            score=str(event.score),
        )
    elif isinstance(event, ForwardedToProvince):
        changed.update(status="forwarded")
    elif isinstance(event, Recognized):
        changed.update(status="recognised", star=event.star, decision_no=event.decision_no)
    else:
        return None
    return changed

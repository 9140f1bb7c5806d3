"""What registration takes from evaluation (`ocop.evaluation.events.v1`): the council's
adopted result of a dossier (`Scored`: the next level's bundle carries it), and the
product's recognition and its end (`Recognized`, `RecognitionRecorded` from an earlier
decision, `CertificateExpired`, `Revoked`), so a product knows its current star and
certificate. Each handler returns what it changed; it is stored with the tracking record
in one transaction (exactly-once effect). An event about a product or dossier this store
does not hold changes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventsourcing.domain import Aggregate

from contracts.evaluation import (
    CertificateEnding,
    RecognitionRecorded,
    Recognized,
    Scored,
    certificate_end,
)
from runtime.commands import caused_by
from services.registration.domain.dossier import Dossier
from services.registration.domain.product import Product

if TYPE_CHECKING:
    from services.registration.application.app import RegistrationApp


def scored(app: RegistrationApp, event: Scored) -> list[Aggregate]:
    dossier = app.get_as(event.dossier_id, Dossier)
    if dossier is None:
        return []
    result = {
        "score": str(event.score),
        "star_band": event.star_band,
        "awarded_star": event.awarded_star,
        "outcome": event.outcome,
        "explanation": event.explanation,
        "parts": {k: str(v) for k, v in event.parts.items()},
        "level": event.level or "",
        "members_scoring": event.members_scoring,
        "rule_set_id": event.rule_set_id or "",
        "adopted_at": event.occurred_at.isoformat(),
    }
    return [dossier] if dossier.record_council_result(result, caused_by(event)) else []


def recognised(app: RegistrationApp, event: Recognized) -> list[Aggregate]:
    product = app.get_as(event.product_id, Product)
    if product is None:
        return []
    certificate = {
        "number": event.certificate_no or event.decision_no,
        "star": event.star,
        "decision_no": event.decision_no,
        "decided_on": event.decided_on,
        "valid_to": event.valid_to,
        "rule_set_id": event.rule_set_id or "",
        "dossier_id": str(event.dossier_id),
        "recorded": isinstance(event, RecognitionRecorded),
    }
    return [product] if product.recognised(certificate, caused_by(event)) else []


def certificate_ended(app: RegistrationApp, event: CertificateEnding) -> list[Aggregate]:
    """A certificate expired or was revoked (`certificate_end`: number, reason, date)."""
    product = app.get_as(event.product_id, Product)
    if product is None:
        return []
    ended = product.certificate_ended(*certificate_end(event), caused_by(event))
    return [product] if ended else []

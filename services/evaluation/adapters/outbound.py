"""The one place where evaluation's domain events become published contract events.

Member score sheets (`Evaluation.SheetSubmitted`), conflicts, advisory records, rounds
and decisions stay private: only what is mapped in `PUBLISHED` leaves the service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from contracts import evaluation as c
from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.commands import envelope_fields

LEVEL = {"district": "district", "province": "province", "ministry": "ministry"}


def _common(event: Any) -> dict[str, Any]:
    ref = event.ref
    return {
        **envelope_fields(event),
        "rule_set_id": ref["rule_set_id"] or None,
        "dossier_id": UUID(ref["dossier_id"]),
        "product_id": UUID(ref["product_id"]),
    }


def _out(event: IntegrationEvent) -> Sequence[tuple[str, IntegrationEvent]]:
    return ((topics.EVALUATION_EVENTS, event),)


def _scored(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.Scored(
            **_common(event),
            product_set=event.ref["product_set"],
            score=event.score,
            star_band=event.band,
            outcome=event.outcome,
            explanation=event.explanation,
            awarded_star=event.awarded_star,
            parts=event.parts,
            level=event.ref["level"],
            members_scoring=event.members_scoring,
        )
    )


def _recognised(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.Recognized(
            **_common(event),
            star=event.star,
            decision_no=event.decision_no,
            decided_on=event.decided_on,
            authority=event.authority,
            valid_from=event.decided_on,
            valid_to=event.valid_to,
            signer=event.signer,
            certificate_no=event.certificate_no,
            legal_basis=event.legal_basis,
        )
    )


def _recorded(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    """A recognition of an earlier decision (`ocop import portfolio`): its own kind."""
    cert, source = event.certificate, event.source
    return _out(
        c.RecognitionRecorded(
            **envelope_fields(event),
            rule_set_id=cert["rule_set_id"],
            dossier_id=UUID(cert["dossier_id"]),
            product_id=UUID(cert["product_id"]),
            star=cert["star"],
            decision_no=cert["decision_no"],
            decided_on=cert["issued_on"],
            authority=cert["issuer"],
            valid_from=cert["issued_on"],
            valid_to=cert["valid_to"],
            certificate_no=cert["number"],
            legal_basis=cert.get("legal_basis", ""),
            source_sha256=source["sha256"],
            source_line=max(1, int(source["line"])),
            score=source["score"] or None,
        )
    )


def _forwarded(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    ref = event.ref
    forwarded = c.ForwardedToProvince(
        **_common(event),
        product_name=ref["product_name"],
        product_set=ref["product_set"],
        score=event.score,
        from_level=ref["level"],
        to_level=event.to_level,
        forwarded_on=event.forwarded_on,
        awarded_star=event.star or None,
        parts=event.parts,
        kind=ref["kind"],
        commune_code=ref["commune_code"],
        province_code=ref["province_code"],
        approved_by=event.approved_by,
        explanation=event.explanation,
        next_round=getattr(event, "next_round", ""),
        next_round_decided_by=getattr(event, "next_round_decided_by", None),
    )
    return ((topics.EVALUATION_EVENTS, forwarded), (topics.PROVINCE_FORWARDED, forwarded))


def _returned(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.ReturnedByProvince(
            **_common(event),
            by_level=event.by_level,
            score=event.score,
            star_band=event.band,
            options=event.options,
            returned_on=event.returned_on,
            reason=event.reason,
        )
    )


def _cert_common(event: Any) -> dict[str, Any]:
    ref = event.ref
    return {
        **envelope_fields(event),
        "rule_set_id": ref["rule_set_id"] or None,
        "dossier_id": UUID(ref["dossier_id"]),
        "product_id": UUID(ref["product_id"]),
        "certificate_no": ref["certificate_no"],
    }


def _notice(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.CertificateExpiryNoticeDue(
            **_cert_common(event), valid_to=event.ref["valid_to"], notice_by=event.notice_by
        )
    )


def _window(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.ReevaluationWindowOpened(
            **_cert_common(event),
            opens_on=event.opens_on,
            closes_on=event.closes_on,
            valid_to=event.ref["valid_to"],
        )
    )


def _expired(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.CertificateExpired(
            **_cert_common(event),
            star=event.ref["star"],
            valid_to=event.ref["valid_to"],
            expired_on=event.expired_on,
        )
    )


def _superseded(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.CertificateSuperseded(
            **_cert_common(event), by_certificate_no=event.by, superseded_on=event.on
        )
    )


def _revocation_opened(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.RevocationOpened(
            **_cert_common(event),
            ground=event.ground,
            reference=event.reference,
            concluded_on=event.concluded_on,
            decide_by=event.decide_by,
        )
    )


def _revoked(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    return _out(
        c.Revoked(
            **_cert_common(event),
            decision_no=event.decision_no,
            decided_on=event.decided_on,
            authority=event.authority,
            ground=event.ground,
            legal_basis=event.legal_basis,
            overdue=event.overdue,
        )
    )


# Domain event class (qualified name) -> its public form(s). Anything not listed here
# (member sheets, conflicts, advisory records, rounds, decisions) stays private.
PUBLISHED: dict[str, Callable[[Any], Sequence[tuple[str, IntegrationEvent]]]] = {
    "Evaluation.ResultAdopted": _scored,
    "Evaluation.Recognised": _recognised,
    "Evaluation.Forwarded": _forwarded,
    "Evaluation.Returned": _returned,
    "ProductCertification.RecordedFromEarlierDecision": _recorded,
    "ProductCertification.ExpiryNoticeDue": _notice,
    "ProductCertification.ReevaluationWindowOpened": _window,
    "ProductCertification.CertificateExpired": _expired,
    "ProductCertification.CertificateSuperseded": _superseded,
    "ProductCertification.RevocationOpened": _revocation_opened,
    "ProductCertification.Revoked": _revoked,
}


def translate(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    make = PUBLISHED.get(type(event).__qualname__)
    return make(event) if make else ()

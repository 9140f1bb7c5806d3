"""The rows each published event sets in the KPI read models, one function per
publishing service (`writes` chooses by the contract module the event comes from): the
dossier's path to a certificate here (registration, evaluation, province), inspection and
promotion in `fact_writes_after`. Pure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from contracts import evaluation as ev
from contracts import province as pv
from contracts import registration as rg
from services.reporting.domain.fact_writes_after import inspection, promotion
from services.reporting.domain.facts import Write, code_key, day, iso, row, source_of, unit_path

__all__ = ["writes"]


def _dossier(event: Any, **values: str) -> list[Write]:
    return row("kpi_dossiers", {"dossier_id": event.dossier_id}, **values)


def _registered(event: Any, **values: str) -> list[Write]:
    """The row of a dossier by registration's own id for it (the event's aggregate)."""
    return row("kpi_dossiers", {"dossier_id": event.aggregate_id}, **values)


def _certificate(event: Any, **values: str) -> list[Write]:
    key = {"dossier_id": event.dossier_id}
    return row("kpi_certificates", key, product_id=str(event.product_id), **values)


def _answer(event: Any, level: str, outcome: str, on: date, reason: str) -> Write:
    """The next level's answer (the province's own event or evaluation's record of it:
    both carry the same level, score, date and reason)."""
    values = {
        "level": level,
        "outcome": outcome,
        "score": str(event.score),
        "reason": reason,
        "answered_on": iso(on),
        "answered_by": event.actor.id,
    }
    return row("kpi_answers", {"dossier_id": event.dossier_id}, **values)[0]


def registration(event: Any, on: str) -> list[Write]:
    """What an event of registration writes (`on`: the day it occurred, Vietnam time): a
    producer and a product here, a dossier's events below."""
    match event:
        case rg.ProducerRegistered():
            return row(
                "kpi_producers",
                {"producer_id": event.aggregate_id},
                name=event.name,
                kind=event.kind,
                is_sme="1" if event.is_sme else "0",
                units=unit_path(event),
                registered_on=on,
            )
        case rg.ProductRegistered():
            return row(
                "kpi_products",
                {"product_id": event.aggregate_id},
                producer_id=str(event.producer_id),
                name=event.name,
                product_set=str(event.product_set),
                units=unit_path(event),
                registered_on=on,
            )
        case rg.ProductCodeAssigned():
            return [
                *row("kpi_products", {"product_id": event.aggregate_id}, code=event.code),
                *row(
                    "kpi_product_codes",
                    {"code": code_key(event.code)},
                    product_id=str(event.aggregate_id),
                    assigned_on=iso(event.assigned_on),
                ),
            ]
    return _dossier_writes(event)


def _dossier_writes(event: Any) -> list[Write]:
    """What registration's events about a dossier write: its submission, return,
    resubmission and the commune's assessment."""
    match event:
        case rg.DossierSubmitted():
            return _registered(
                event,
                product_id=str(event.product_id),
                producer_id=str(event.producer_id),
                kind=event.kind,
                received_on=iso(event.received_on),
                check_deadline=iso(event.check_deadline),
            )
        case rg.DossierReturned():
            return _registered(event, returned_to_producer_on=iso(event.returned_on))
        case rg.DossierResubmitted():
            return _registered(
                event,
                resubmitted_on=iso(event.received_on),
                check_deadline=iso(event.check_deadline),
            )
        case rg.CommuneAssessed():
            return _registered(
                event,
                product_id=str(event.product_id),
                producer_id=str(event.producer_id),
                product_name=event.product_name,
                kind=event.kind,
                units=unit_path(event),
                assessed_on=iso(event.assessed_on),
                report_no=event.report_no,
                forwarded_to=event.forwarded_to,
            )
    return []


def evaluation(event: Any, on: str) -> list[Write]:
    """What an event of evaluation writes (`on`: the day it occurred, Vietnam time): the
    dossier's score, forwarding and answer here, a certificate's events below."""
    match event:
        case ev.Scored():
            return _dossier(
                event,
                product_id=str(event.product_id),
                scored_on=on,
                level=event.level or "",
                score=str(event.score),
                star_band=str(event.star_band),
                outcome=event.outcome,
                awarded_star=str(event.awarded_star or ""),
            )
        case ev.ForwardedToProvince():
            return _dossier(
                event,
                product_id=str(event.product_id),
                product_name=event.product_name,
                kind=event.kind,
                score=str(event.score),
                awarded_star=str(event.awarded_star or ""),
                forwarded_on=iso(event.forwarded_on),
                to_level=event.to_level,
                next_round_decided_by=iso(event.next_round_decided_by),
            )
        case ev.ReturnedByProvince():
            return [
                *_dossier(
                    event,
                    answered_on=iso(event.returned_on),
                    answered_by_level=event.by_level,
                    answered_score=str(event.score),
                    answered_reason=event.reason,
                    answered_by=event.actor.id,
                ),
                _answer(event, event.by_level, "returned", event.returned_on, event.reason),
            ]
    return _certificate_writes(event)


def _certificate_writes(event: Any) -> list[Write]:
    """What evaluation's events about a certificate write: its decision, expiry,
    replacement or revocation."""
    match event:
        case ev.Recognized():
            return _certificate(
                event,
                star=str(event.star),
                decision_no=event.decision_no,
                certificate_no=event.certificate_no,
                decided_on=iso(event.decided_on),
                authority=event.authority,
                signer=event.signer,
                valid_from=iso(event.valid_from),
                valid_to=iso(event.valid_to),
                legal_basis=event.legal_basis,
            )
        case ev.CertificateExpired():
            return _certificate(event, expired_on=iso(event.expired_on))
        case ev.CertificateSuperseded():
            return _certificate(
                event,
                superseded_on=iso(event.superseded_on),
                superseded_by=event.by_certificate_no,
            )
        case ev.Revoked():
            return _certificate(
                event,
                revoked_on=iso(event.decided_on),
                revocation_no=event.decision_no,
                revocation_ground=event.ground,
            )
    return []


def province(event: Any, on: str) -> list[Write]:
    """What an event of province writes (`on`: the day it occurred, Vietnam time)."""
    match event:
        case pv.ReturnedToLowerLevel():
            return [_answer(event, event.level, "returned", event.returned_on, event.reason)]
        case pv.HigherLevelRecognized():
            answer = _answer(event, event.level, "recognised", event.decided_on, "")
            answer.values["star"] = str(event.star)
            return [
                *_dossier(
                    event,
                    product_id=str(event.product_id),
                    answered_on=iso(event.decided_on),
                    answered_by_level=event.level,
                ),
                answer,
            ]
    return []


def writes(event: Any) -> list[Write]:
    """The rows `event` sets (empty for an event no KPI reads)."""
    by_source = _BY_SOURCE.get(source_of(event) or "")
    return by_source(event, day(event.occurred_at)) if by_source is not None else []


_BY_SOURCE: dict[str, Callable[[Any, str], list[Write]]] = {
    "registration": registration,
    "evaluation": evaluation,
    "province": province,
    "inspection": inspection,
    "promotion": promotion,
}

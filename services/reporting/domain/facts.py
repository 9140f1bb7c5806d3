"""The KPI read models: what each published event of every service writes (pure).

Reporting keeps one small table per thing a KPI counts; each event sets only its own
columns of one row (an upsert keyed by the thing's id), so events applied in any order,
and any number of times, give the same rows. `TABLES` gives each table's key and
columns; `writes(event)` the rows an event sets. Every value is text (dates ISO
yyyy-mm-dd, in Vietnam time where they come from an instant); "" means "not (yet) known".

Tables (one row per ...; from):

* `kpi_producers`: producer; ProducerRegistered.
* `kpi_products`: product; ProductRegistered, ProductCodeAssigned.
* `kpi_dossiers`: dossier; DossierSubmitted/Returned/Resubmitted, CommuneAssessed, Scored,
  ForwardedToProvince, ReturnedByProvince.
* `kpi_certificates`: recognition decision (keyed by its dossier); Recognized,
  CertificateExpired, CertificateSuperseded, Revoked.
* `kpi_inspection_plans`: (plan, product) due; InspectionPlanned.
* `kpi_inspections`: inspection conclusion; InspectionPassed, RemediationRequired,
  RemediationCompleted, RemediationOverdue, InspectionFailed.
* `kpi_channels`: (channel, producer); SalesChannelJoined/Left.
* `kpi_value_chains`: value-chain link; ValueChainLinked/Ended.
* `kpi_showrooms`: showroom; ShowroomOpened/Closed.
* `kpi_answers`: the next level's answer to a forwarded dossier (issue 13 item 6);
  ReturnedByProvince, HigherLevelRecognized, ReturnedToLowerLevel.
* `kpi_sources`: publishing service; every event (how many were seen).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from contracts import evaluation as ev
from contracts import inspection as ins
from contracts import promotion as pr
from contracts import province as pv
from contracts import registration as rg

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "kpi_producers": (("producer_id",), ("name", "kind", "is_sme", "units", "registered_on")),
    "kpi_products": (
        ("product_id",),
        ("producer_id", "name", "product_set", "units", "registered_on", "code"),
    ),
    "kpi_dossiers": (
        ("dossier_id",),
        (
            "product_id",
            "producer_id",
            "product_name",
            "kind",
            "units",
            "received_on",
            "check_deadline",
            "returned_to_producer_on",
            "resubmitted_on",
            "assessed_on",
            "report_no",
            "forwarded_to",
            "scored_on",
            "level",
            "score",
            "star_band",
            "outcome",
            "awarded_star",
            "forwarded_on",
            "to_level",
            "next_round_decided_by",
            "answered_on",
            "answered_by_level",
            "answered_score",
            "answered_reason",
            "answered_by",
        ),
    ),
    "kpi_certificates": (
        ("dossier_id",),
        (
            "product_id",
            "star",
            "decision_no",
            "certificate_no",
            "decided_on",
            "authority",
            "signer",
            "valid_from",
            "valid_to",
            "legal_basis",
            "expired_on",
            "superseded_on",
            "superseded_by",
            "revoked_on",
            "revocation_no",
            "revocation_ground",
        ),
    ),
    "kpi_inspection_plans": (
        ("plan_id", "product_id"),
        ("jurisdiction", "period", "starts_on", "ends_on", "certificate_no"),
    ),
    "kpi_inspections": (
        ("event_id",),
        ("product_id", "plan_id", "outcome", "inspection_kind", "concluded_on", "conclusion_no"),
    ),
    "kpi_channels": (
        ("channel_id", "producer_id"),
        ("channel_type", "modern", "since", "until", "left_on"),
    ),
    "kpi_value_chains": (("link_id",), ("producer_id", "since", "until", "ended_on")),
    "kpi_showrooms": (("showroom_id",), ("name", "units", "opened_on", "closed_on")),
    "kpi_answers": (
        ("dossier_id",),
        ("level", "outcome", "score", "star", "reason", "answered_on", "answered_by"),
    ),
}

SOURCES = ("registration", "evaluation", "inspection", "promotion")
"""The services whose events reporting counts; a KPI whose service has published nothing
yet shows "không có dữ liệu" (no data), never zero."""


@dataclass(frozen=True)
class Write:
    """Set `values` on the row of `table` keyed by `key` (creating it if missing)."""

    table: str
    key: dict[str, str]
    values: dict[str, str]


def _day(at: datetime) -> str:
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(VIETNAM).date().isoformat()


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def _units(event: Any) -> str:
    """The event's unit path as JSON (current and pre-2025 codes; see runtime.jurisdiction)."""
    return json.dumps(
        {
            "commune": getattr(event, "commune_code", "") or "",
            "province": getattr(event, "province_code", "") or "",
            "district": getattr(event, "legacy_district_code", None)
            or getattr(event, "district_code", "")
            or "",
            "legacy_commune": getattr(event, "legacy_commune_code", None) or "",
            "legacy_province": getattr(event, "legacy_province_code", None) or "",
        },
        sort_keys=True,
    )


def source_of(event: Any) -> str | None:
    """The service that published `event` (None for an event reporting does not count)."""
    module = type(event).__module__
    for name, contract in (("registration", rg), ("evaluation", ev), ("inspection", ins)):
        if module == contract.__name__:
            return name
    if module == pv.__name__:
        return "province"
    return "promotion" if module == pr.__name__ else None


def writes(event: Any) -> list[Write]:
    """The rows `event` sets (empty for an event no KPI reads)."""
    found = _writes(event)
    return found if found is not None else []


def _dossier(event: Any, **values: str) -> list[Write]:
    return [Write("kpi_dossiers", {"dossier_id": str(event.dossier_id)}, values)]


def _certificate(event: Any, **values: str) -> list[Write]:
    values = {"product_id": str(event.product_id), **values}
    return [Write("kpi_certificates", {"dossier_id": str(event.dossier_id)}, values)]


def _answer(event: Any, level: str, outcome: str, on: date, reason: str) -> Write:
    """The next level's answer (the province's own event or evaluation's record of it:
    both carry the same level, score, date and reason)."""
    values = {
        "level": level,
        "outcome": outcome,
        "score": str(event.score),
        "reason": reason,
        "answered_on": _iso(on),
        "answered_by": event.actor.id,
    }
    return Write("kpi_answers", {"dossier_id": str(event.dossier_id)}, values)


def _writes(event: Any) -> list[Write] | None:  # noqa: PLR0911, PLR0912 (one branch per event)
    on = _day(event.occurred_at)
    match event:
        case rg.ProducerRegistered():
            key = {"producer_id": str(event.aggregate_id)}
            values = {
                "name": event.name,
                "kind": event.kind,
                "is_sme": "1" if event.is_sme else "0",
                "units": _units(event),
                "registered_on": on,
            }
            return [Write("kpi_producers", key, values)]
        case rg.ProductRegistered():
            key = {"product_id": str(event.aggregate_id)}
            values = {
                "producer_id": str(event.producer_id),
                "name": event.name,
                "product_set": str(event.product_set),
                "units": _units(event),
                "registered_on": on,
            }
            return [Write("kpi_products", key, values)]
        case rg.ProductCodeAssigned():
            return [
                Write("kpi_products", {"product_id": str(event.aggregate_id)}, {"code": event.code})
            ]
        case rg.DossierSubmitted():
            values = {
                "product_id": str(event.product_id),
                "producer_id": str(event.producer_id),
                "kind": event.kind,
                "received_on": _iso(event.received_on),
                "check_deadline": _iso(event.check_deadline),
            }
            return [Write("kpi_dossiers", {"dossier_id": str(event.aggregate_id)}, values)]
        case rg.DossierReturned():
            values = {"returned_to_producer_on": _iso(event.returned_on)}
            return [Write("kpi_dossiers", {"dossier_id": str(event.aggregate_id)}, values)]
        case rg.DossierResubmitted():
            values = {
                "resubmitted_on": _iso(event.received_on),
                "check_deadline": _iso(event.check_deadline),
            }
            return [Write("kpi_dossiers", {"dossier_id": str(event.aggregate_id)}, values)]
        case rg.CommuneAssessed():
            values = {
                "product_id": str(event.product_id),
                "producer_id": str(event.producer_id),
                "product_name": event.product_name,
                "kind": event.kind,
                "units": _units(event),
                "assessed_on": _iso(event.assessed_on),
                "report_no": event.report_no,
                "forwarded_to": event.forwarded_to,
            }
            return [Write("kpi_dossiers", {"dossier_id": str(event.aggregate_id)}, values)]
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
                forwarded_on=_iso(event.forwarded_on),
                to_level=event.to_level,
                next_round_decided_by=_iso(event.next_round_decided_by),
            )
        case ev.ReturnedByProvince():
            return [
                *_dossier(
                    event,
                    answered_on=_iso(event.returned_on),
                    answered_by_level=event.by_level,
                    answered_score=str(event.score),
                    answered_reason=event.reason,
                    answered_by=event.actor.id,
                ),
                _answer(event, event.by_level, "returned", event.returned_on, event.reason),
            ]
        case pv.ReturnedToLowerLevel():
            return [_answer(event, event.level, "returned", event.returned_on, event.reason)]
        case pv.HigherLevelRecognized():
            answer = _answer(event, event.level, "recognised", event.decided_on, "")
            answer.values["star"] = str(event.star)
            return [
                *_dossier(
                    event,
                    product_id=str(event.product_id),
                    answered_on=_iso(event.decided_on),
                    answered_by_level=event.level,
                ),
                answer,
            ]
        case ev.Recognized():
            return _certificate(
                event,
                star=str(event.star),
                decision_no=event.decision_no,
                certificate_no=event.certificate_no,
                decided_on=_iso(event.decided_on),
                authority=event.authority,
                signer=event.signer,
                valid_from=_iso(event.valid_from),
                valid_to=_iso(event.valid_to),
                legal_basis=event.legal_basis,
            )
        case ev.CertificateExpired():
            return _certificate(event, expired_on=_iso(event.expired_on))
        case ev.CertificateSuperseded():
            return _certificate(
                event,
                superseded_on=_iso(event.superseded_on),
                superseded_by=event.by_certificate_no,
            )
        case ev.Revoked():
            return _certificate(
                event,
                revoked_on=_iso(event.decided_on),
                revocation_no=event.decision_no,
                revocation_ground=event.ground,
            )
        case ins.InspectionPlanned():
            return [
                Write(
                    "kpi_inspection_plans",
                    {"plan_id": str(event.aggregate_id), "product_id": str(item.product_id)},
                    {
                        "jurisdiction": event.jurisdiction,
                        "period": event.period,
                        "starts_on": _iso(event.starts_on),
                        "ends_on": _iso(event.ends_on),
                        "certificate_no": item.certificate_no,
                    },
                )
                for item in event.products
            ]
        case (
            ins.InspectionPassed()
            | ins.RemediationRequired()
            | ins.RemediationCompleted()
            | ins.RemediationOverdue()
            | ins.InspectionFailed()
        ):
            concluded = getattr(event, "concluded_on", None) or getattr(event, "overdue_on", None)
            values = {
                "product_id": str(event.product_id),
                "plan_id": str(event.plan_id or ""),
                "outcome": INSPECTION_OUTCOMES[event.event_type],
                "inspection_kind": event.inspection_kind,
                "concluded_on": _iso(concluded),
                "conclusion_no": event.conclusion_no,
            }
            return [Write("kpi_inspections", {"event_id": str(event.event_id)}, values)]
        case pr.SalesChannelJoined():
            key = {"channel_id": str(event.channel_id), "producer_id": str(event.producer_id)}
            values = {
                "channel_type": event.channel_type,
                "modern": "1" if event.modern else "0",
                "since": _iso(event.since),
                "until": _iso(event.until),
            }
            return [Write("kpi_channels", key, values)]
        case pr.SalesChannelLeft():
            key = {"channel_id": str(event.channel_id), "producer_id": str(event.producer_id)}
            return [Write("kpi_channels", key, {"left_on": _iso(event.left_on)})]
        case pr.ValueChainLinked():
            values = {
                "producer_id": str(event.producer_id),
                "since": _iso(event.since),
                "until": _iso(event.until),
            }
            return [Write("kpi_value_chains", {"link_id": str(event.link_id)}, values)]
        case pr.ValueChainEnded():
            values = {"producer_id": str(event.producer_id), "ended_on": _iso(event.ended_on)}
            return [Write("kpi_value_chains", {"link_id": str(event.link_id)}, values)]
        case pr.ShowroomOpened():
            values = {
                "name": event.name,
                "units": _units(event),
                "opened_on": _iso(event.opened_on),
            }
            return [Write("kpi_showrooms", {"showroom_id": str(event.aggregate_id)}, values)]
        case pr.ShowroomClosed():
            values = {"closed_on": _iso(event.closed_on)}
            return [Write("kpi_showrooms", {"showroom_id": str(event.aggregate_id)}, values)]
    return None


INSPECTION_OUTCOMES = {
    "InspectionPassed": "passed",
    "RemediationRequired": "remediation_required",
    "RemediationCompleted": "remediation_completed",
    "RemediationOverdue": "remediation_overdue",
    "InspectionFailed": "failed",
}

"""The KPI read models: what each published event of every service writes (pure).

Reporting keeps one small table per thing a KPI counts; each event sets only its own
columns of one row (an upsert keyed by the thing's id), so events applied in any order,
and any number of times, give the same rows. `TABLES` gives each table's key and
columns; `fact_writes.writes(event)` the rows an event sets. Every value is text (dates ISO
yyyy-mm-dd, in Vietnam time where they come from an instant); "" means "not (yet) known".

Tables (one row per ...; from):

* `kpi_producers`: producer; ProducerRegistered.
* `kpi_products`: product; ProductRegistered, ProductCodeAssigned (its latest code).
* `kpi_product_codes`: every code a product has had (legacy, re-coded), upper case;
  ProductCodeAssigned. The public page finds a product by any of them.
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

__all__ = [
    "INSPECTION_OUTCOMES",
    "SOURCES",
    "TABLES",
    "Write",
    "code_key",
    "day",
    "iso",
    "source_of",
    "unit_path",
]

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "kpi_producers": (("producer_id",), ("name", "kind", "is_sme", "units", "registered_on")),
    "kpi_products": (
        ("product_id",),
        ("producer_id", "name", "product_set", "units", "registered_on", "code"),
    ),
    "kpi_product_codes": (("code",), ("product_id", "assigned_on")),
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

INSPECTION_OUTCOMES = {
    "InspectionPassed": "passed",
    "RemediationRequired": "remediation_required",
    "RemediationCompleted": "remediation_completed",
    "RemediationOverdue": "remediation_overdue",
    "InspectionFailed": "failed",
}
"""The `outcome` column of `kpi_inspections`, by the inspection event's type."""

SOURCES = ("registration", "evaluation", "inspection", "promotion")
"""The services whose events reporting counts; a KPI whose service has published nothing
yet shows "không có dữ liệu" (no data), never zero."""


def source_of(event: Any) -> str | None:
    """The service that published `event` (None for an event reporting does not count)."""
    module = type(event).__module__
    for name, contract in (("registration", rg), ("evaluation", ev), ("inspection", ins)):
        if module == contract.__name__:
            return name
    if module == pv.__name__:
        return "province"
    return "promotion" if module == pr.__name__ else None


@dataclass(frozen=True)
class Write:
    """Set `values` on the row of `table` keyed by `key` (creating it if missing)."""

    table: str
    key: dict[str, str]
    values: dict[str, str]


def row(table: str, key: dict[str, Any], **values: str) -> list[Write]:
    """One row of `table` keyed by `key` (its values as text) taking `values`."""
    return [Write(table, {k: str(v) for k, v in key.items()}, values)]


def day(at: datetime) -> str:
    aware = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
    return aware.astimezone(VIETNAM).date().isoformat()


def code_key(code: str) -> str:
    """A product code as `kpi_product_codes` keys it: spaces trimmed, upper case."""
    return code.strip().upper()


def iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def unit_path(event: Any) -> str:
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

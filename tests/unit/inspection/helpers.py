"""Shared steps for the inspection tests: products registered and certified elsewhere,
delivered as the published events inspection consumes."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.persistence import Tracking

from contracts.envelope import Actor, IntegrationEvent
from contracts.evaluation import CertificateExpired, Revoked
from runtime.commands import CommandContext
from services.inspection.application import InspectionApp
from services.inspection.domain.inspection import Inspection
from tests.unit.published_events import certificate, envelope_on, registered_in

PROVINCE = "51"
DISTRICT = "610"
OFFICER = CommandContext(actor=Actor(id="so-nn", role="province_officer", jurisdiction=PROVINCE))
OTHER_PROVINCE = CommandContext(
    actor=Actor(id="so-nn-khac", role="province_officer", jurisdiction="52")
)
DISTRICT_OFFICER = CommandContext(
    actor=Actor(id="phong-nn", role="district_officer", jurisdiction=DISTRICT)
)
COMMUNE_OFFICER = CommandContext(
    actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")
)
TEAM = [("agriculture", "Nguyễn Văn An"), ("health", "Trần Thị Bình"), ("commune", "A Lưu")]
ALL_GOOD = dict.fromkeys(
    (
        "quality",
        "production_conditions",
        "food_safety",
        "traceability",
        "mark_use",
        "still_operating",
    ),
    (True, ""),
)
_positions = iter(range(1, 10**6))
AUTHORITY = Actor(id="ct-ubnd", role="authority", jurisdiction=PROVINCE)


def _envelope(aggregate_id: UUID, day: date, **extra: Any) -> dict[str, Any]:
    """An event the province's people's committee published on `day`."""
    return envelope_on(aggregate_id, day, AUTHORITY, **extra)


def deliver(app: InspectionApp, event: IntegrationEvent, source: str = "evaluation") -> None:
    app.process_event(event, Tracking(f"{source}@t#0", next(_positions)))


def certified(
    app: InspectionApp,
    name: str,
    *,
    on: date,
    star: int = 3,
    rule_set: str = "R2",
    valid_to: date | None = None,
    district: str = DISTRICT,
    province: str = PROVINCE,
) -> UUID:
    """A product registered in `province`/`district` and recognised on `on`."""
    product_id = uuid4()
    units = {"commune_code": "23500", "province_code": province, "legacy_district_code": district}
    registered = registered_in(product_id, uuid4(), name, on, AUTHORITY, **units)
    deliver(app, registered, "registration")
    recognised = certificate(
        product_id,
        on,
        AUTHORITY,
        star=star,
        decision_no=f"{name[:3]}/QĐ-UBND",
        authority="UBND tỉnh",
        valid_to=valid_to or date(on.year + 3, on.month, on.day),
        rule_set_id=rule_set,
    )
    deliver(app, recognised)
    return product_id


def certificate_no(app: InspectionApp, product_id: UUID) -> str:
    cert = app.product(product_id).certificate
    assert cert is not None
    return str(cert["number"])


def revoked(app: InspectionApp, product_id: UUID, on: date) -> Revoked:
    """Evaluation's Revoked for the product's current certificate."""
    return Revoked(
        **_envelope(uuid4(), on, rule_set_id="R2"),
        dossier_id=uuid4(),
        product_id=product_id,
        certificate_no=certificate_no(app, product_id),
        decision_no="99/QĐ-UBND",
        decided_on=on,
        authority="UBND tỉnh",
        ground="b",
    )


def revoke(app: InspectionApp, product_id: UUID, on: date) -> None:
    deliver(app, revoked(app, product_id, on))


def expire(app: InspectionApp, product_id: UUID, on: date) -> None:
    deliver(
        app,
        CertificateExpired(
            **_envelope(uuid4(), on, rule_set_id="R2"),
            dossier_id=uuid4(),
            product_id=product_id,
            certificate_no=certificate_no(app, product_id),
            star=3,
            valid_to=on,
            expired_on=on,
        ),
    )


def planned(app: InspectionApp, plan_id: UUID) -> set[UUID]:
    """Products still due in the plan (not withdrawn)."""
    plan = app.plan(plan_id)
    return {UUID(p) for p, e in plan.entries.items() if e["status"] != "withdrawn"}


def log_size(app: InspectionApp) -> int:
    return app.recorder.max_notification_id() or 0


def visit(
    app: InspectionApp,
    inspection: Inspection,
    outcome: str,
    conclusion_no: str,
    *,
    findings: dict[str, tuple[bool, str]] = ALL_GOOD,
    visited_on: date = date(2025, 11, 5),
    **more: Any,
) -> Inspection:
    """The officer records a visit of `inspection` by the team (TEAM)."""
    return app.visits.record_visit(
        OFFICER,
        inspection_id=inspection.id,
        visited_on=visited_on,
        team=TEAM,
        findings=findings,
        outcome=outcome,
        conclusion_no=conclusion_no,
        **more,
    )

"""Ways through the registration cycle, shared by the unit, integration and e2e tiers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.adapters import outbound
from services.registration.application import RegistrationApp
from services.registration.application.rulebook import requirements
from tests.documents import pdf

DAK_HA = "23500"  # Xã Đăk Hà, Quảng Ngãi (Decision 19/2025)
PDF = pdf()
RECEIVED = date(2026, 6, 1)
"""The day the tests' first dossier is received (R3 governs it)."""


def producer(app: RegistrationApp, ctx: CommandContext, **overrides: Any) -> UUID:
    fields: dict[str, Any] = {
        "name": "HTX Nông nghiệp Đăk Hà",
        "kind": "cooperative",
        "commune_code": DAK_HA,
        "legal_representative": "Y Blơi",
    }
    fields.update(overrides)
    return app.producers.register_producer(ctx, **fields)


def product(app: RegistrationApp, ctx: CommandContext, product_set: int = 13) -> UUID:
    return app.products.register_product(
        ctx, producer_id=producer(app, ctx), name="Cà phê rang xay", product_set=product_set
    )


def events_count(app: RegistrationApp) -> int:
    return app.recorder.max_notification_id() or 0


def complete(app: RegistrationApp, ctx: CommandContext, dossier_id: UUID, top: bool = True) -> None:
    """Everything an R3 dossier needs before the commune's report."""
    dossier = app.get_dossier(dossier_id)
    sheet = requirements(dossier.rule_set_id, dossier.kind, dossier.product_set).sheet
    pick = -1 if top else 0
    app.dossiers.record_self_assessment(
        ctx, dossier_id=dossier_id, choices={c: o[pick] for c, o in sheet.items()}
    )
    app.dossiers.attach_document(
        ctx, dossier_id=dossier_id, name="mau-02.pdf", category="form_02", content=PDF + bytes(top)
    )
    attach_required_papers(app, ctx, dossier_id)
    app.dossiers.receive_paper_copy(ctx, dossier_id=dossier_id, received_on=dossier.received_on)
    app.dossiers.receive_samples(
        ctx, dossier_id=dossier_id, count=5, received_on=dossier.received_on
    )


def attach_required_papers(app: RegistrationApp, ctx: CommandContext, dossier_id: UUID) -> None:
    """The papers the dossier's product set must carry (the food-safety certificate of a
    coffee product), one PDF each."""
    for category, _, _ in app.requirements(app.get_dossier(dossier_id)).documents:
        app.dossiers.attach_document(
            ctx,
            dossier_id=dossier_id,
            name=f"{category}.pdf",
            category=category,
            content=PDF + category.encode(),
        )


def assess(app: RegistrationApp, ctx: CommandContext, dossier_id: UUID, on: date) -> list[str]:
    return app.assessment.assess_dossier(
        ctx,
        dossier_id=dossier_id,
        report_no="15/BC-UBND",
        assessed_on=on,
        local_raw_material=True,
        local_labour=True,
        idea_origin=False,
        local_identity=True,
    )


def published(app: RegistrationApp) -> list[object]:
    """Every contract event the relay publishes, replayed from the notification log."""
    notes = app.recorder.select_notifications(start=1, limit=1000)
    return [e for n in notes for _, e in outbound.translate(app.mapper.to_domain_event(n))]


def assess_and_forward(
    app: RegistrationApp, ctx: CommandContext, dossier_id: UUID, on: date
) -> None:
    """The commune assesses the (complete) dossier and forwards it, both on ``on``."""
    assess(app, ctx, dossier_id, on)
    app.assessment.forward_dossier(ctx, dossier_id=dossier_id, forwarded_on=on)


def refused(call: Callable[[], object], app: RegistrationApp) -> CommandRejected:
    """The refusal ``call`` raises, checking that it stored nothing."""
    before = events_count(app)
    with pytest.raises(CommandRejected) as caught:
        call()
    assert events_count(app) == before  # nothing changed
    return caught.value

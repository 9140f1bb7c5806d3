"""Registration commands: given a store, when a command, then events or a precise refusal
that changes nothing."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts import topics
from contracts.registration import CommuneAssessed
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.settings import Settings
from services.registration.adapters import outbound
from services.registration.application import RegistrationApp
from tests.unit.registration.helpers import (
    assess,
    assess_and_forward,
    complete,
    events_count,
    producer,
    product,
    published,
)


def test_the_journey_from_idea_to_the_province(app: RegistrationApp, actor: CommandContext) -> None:
    producer_id = producer(app, actor)
    idea = app.ideas.register_idea(
        actor, producer_id=producer_id, name="Cà phê", product_set=13, submitted_on=date(2026, 3, 2)
    )
    assert (
        app.ideas.return_idea(
            actor, idea_id=idea, reason="Thiếu vùng nguyên liệu", decided_on=date(2026, 3, 5)
        )
        == "idea_returned"
    )
    assert (
        app.ideas.resubmit_idea(actor, idea_id=idea, submitted_on=date(2026, 3, 9))
        == "idea_submitted"
    )
    assert (
        app.ideas.accept_idea(actor, idea_id=idea, decided_on=date(2026, 3, 16)) == "idea_accepted"
    )
    app.ideas.submit_business_plan(actor, idea_id=idea, summary="PA", submitted_on=date(2026, 4, 1))
    app.ideas.return_business_plan(
        actor, idea_id=idea, reason="Thiếu bao bì", decided_on=date(2026, 4, 3)
    )
    app.ideas.submit_business_plan(
        actor, idea_id=idea, summary="PA 2", submitted_on=date(2026, 4, 6)
    )
    assert (
        app.ideas.approve_business_plan(actor, idea_id=idea, decided_on=date(2026, 4, 15))
        == "plan_approved"
    )
    product_id = app.products.register_product(actor, idea_id=idea)
    assert app.get_idea(idea).status == "product_registered"
    dossier_id = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=date(2026, 6, 1)
    )
    complete(app, actor, dossier_id)
    assert assess(app, actor, dossier_id, date(2026, 6, 12)) == ["idea_origin"]
    assert (
        app.assessment.forward_dossier(actor, dossier_id=dossier_id, forwarded_on=date(2026, 6, 12))
        == "province"
    )
    dossier = app.get_dossier(dossier_id)
    assert (dossier.status, dossier.product_code) == ("forwarded", "51-23500-1-2026")
    assert app.get_product(product_id).codes[0]["code"] == "51-23500-1-2026"

    events = published(app)
    types = [type(e).__name__ for e in events]
    assert types[:1] == ["ProducerRegistered"]
    assert "IdeaReturned" in types and "BusinessPlanApproved" in types
    last = events[-1]
    assert isinstance(last, CommuneAssessed)
    assert (last.rule_set_id, last.forwarded_to, last.idea_origin) == ("R3", "province", False)
    assert last.forwarded_on == date(2026, 6, 12)
    assert last.aggregate_id == dossier_id and last.actor.id == "can-bo-xa"
    # the business name goes out for the decision and certificate; the representative does not
    assert last.producer_name == "HTX Nông nghiệp Đăk Hà"
    assert "Y Blơi" not in last.model_dump_json()
    note = app.recorder.select_notifications(start=events_count(app), limit=1)[0]
    assert outbound.translate(app.mapper.to_domain_event(note))[0][0] == topics.REGISTRATION_EVENTS


def test_a_dossier_forwarded_before_the_producer_name_was_carried_publishes_none(
    app: RegistrationApp, actor: CommandContext
) -> None:
    """A stored `Forwarded` whose snapshot has no producer name (forwarded by an earlier
    version) is still published, with `producer_name` None."""
    dossier_id = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor), kind="first", received_on=date(2026, 6, 1)
    )
    complete(app, actor, dossier_id)
    assess_and_forward(app, actor, dossier_id, date(2026, 6, 12))
    note = app.recorder.select_notifications(start=events_count(app), limit=1)[0]
    forwarded = app.mapper.to_domain_event(note)
    del forwarded.snapshot["producer_name"]  # type: ignore[attr-defined]
    ((_, event),) = outbound.translate(forwarded)
    assert isinstance(event, CommuneAssessed)
    assert (event.producer_name, event.product_code) == (None, "51-23500-1-2026")


def test_an_r1_dossier_goes_to_the_district(app: RegistrationApp, actor: CommandContext) -> None:
    dossier_id = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor, 4), kind="first", received_on=date(2024, 4, 2)
    )
    # R1 sets no commune deadline, and the Kon Tum plan that sets one starts in 2025
    assert app.get_dossier(dossier_id).check_deadline is None
    complete(app, actor, dossier_id)
    assess(app, actor, dossier_id, date(2024, 4, 10))
    assert (
        app.assessment.forward_dossier(actor, dossier_id=dossier_id, forwarded_on=date(2024, 4, 10))
        == "district"
    )


def test_an_r1_dossier_forwarded_after_the_districts_goes_to_the_province(
    app: RegistrationApp, actor: CommandContext
) -> None:
    dossier_id = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor, 20), kind="first", received_on=date(2025, 6, 20)
    )
    complete(app, actor, dossier_id)
    assess(app, actor, dossier_id, date(2025, 7, 2))
    assert (
        app.assessment.forward_dossier(actor, dossier_id=dossier_id, forwarded_on=date(2025, 7, 2))
        == "province"
    )
    assert app.get_dossier(dossier_id).rule_set_id == "R1"


def test_the_idea_cycle_refuses_steps_out_of_order(
    app: RegistrationApp, actor: CommandContext
) -> None:
    producer_id = producer(app, actor)
    idea = app.ideas.register_idea(
        actor, producer_id=producer_id, name="Trà", product_set=12, submitted_on=date(2026, 3, 1)
    )
    before = events_count(app)
    for step in (
        lambda: app.ideas.submit_business_plan(
            actor, idea_id=idea, summary="PA", submitted_on=date(2026, 3, 2)
        ),
        lambda: app.ideas.approve_business_plan(actor, idea_id=idea, decided_on=date(2026, 3, 2)),
        lambda: app.ideas.resubmit_idea(actor, idea_id=idea, submitted_on=date(2026, 3, 2)),
        lambda: app.products.register_product(actor, idea_id=idea),
    ):
        with pytest.raises(CommandRejected) as refused:
            step()
        assert (refused.value.kind, refused.value.field) == ("failed_precondition", "idea_id")
    app.ideas.accept_idea(actor, idea_id=idea, decided_on=date(2026, 3, 3))
    with pytest.raises(CommandRejected):
        app.ideas.accept_idea(actor, idea_id=idea, decided_on=date(2026, 3, 4))
    with pytest.raises(CommandRejected) as refused:
        app.ideas.return_idea(actor, idea_id=idea, reason="", decided_on=date(2026, 3, 4))
    assert refused.value.field == "reason"
    assert events_count(app) == before + 1


def test_unknown_references_are_not_found(app: RegistrationApp, actor: CommandContext) -> None:
    with pytest.raises(CommandRejected) as refused:
        app.products.register_product(actor, producer_id=uuid4(), name="X", product_set=1)
    assert (refused.value.kind, refused.value.field) == ("not_found", "producer_id")
    with pytest.raises(CommandRejected) as refused:
        app.dossiers.submit_dossier(
            actor, product_id=uuid4(), kind="first", received_on=date(2026, 6, 1)
        )
    assert (refused.value.kind, refused.value.field) == ("not_found", "product_id")
    with pytest.raises(CommandRejected) as refused:
        app.ideas.accept_idea(actor, idea_id=uuid4(), decided_on=date(2026, 6, 1))
    assert (refused.value.kind, refused.value.field) == ("not_found", "idea_id")


def test_a_dossier_no_rule_set_governs_is_refused(
    app: RegistrationApp, actor: CommandContext
) -> None:
    with pytest.raises(CommandRejected) as refused:
        app.dossiers.submit_dossier(
            actor, product_id=product(app, actor), kind="first", received_on=date(2022, 1, 1)
        )
    assert refused.value.field == "received_on"
    assert "01/01/2022" in refused.value.message("vi")


def test_every_published_mapping_names_a_real_event() -> None:
    from services.registration import domain as model

    for qualname in outbound.PUBLISHED:
        owner, event = qualname.split(".")
        assert isinstance(getattr(getattr(model, owner), event), type)


def test_private_index_events_are_not_published(
    app: RegistrationApp, actor: CommandContext
) -> None:
    producer(app, actor, business_registration_no="6100000001")
    notifications = app.recorder.select_notifications(start=1, limit=10)
    counts = [len(outbound.translate(app.mapper.to_domain_event(n))) for n in notifications]
    assert counts == [1, 0]


def test_settings_default_to_sqlite() -> None:
    assert Settings().store == "sqlite"

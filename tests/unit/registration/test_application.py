"""Registration commands: given a store, when a command, then events or a precise refusal
that changes nothing."""

from __future__ import annotations

import unicodedata
from datetime import date
from uuid import uuid4

import pytest

from contracts import topics
from contracts.registration import CommuneAssessed, ProducerRegistered
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.settings import Settings
from services.registration.adapters import outbound
from services.registration.application import RegistrationApp
from tests.unit.registration.helpers import (
    DAK_HA,
    assess,
    complete,
    events_count,
    producer,
    product,
)


def published(app: RegistrationApp) -> list[object]:
    notes = app.recorder.select_notifications(start=1, limit=1000)
    return [e for n in notes for _, e in outbound.translate(app.mapper.to_domain_event(n))]


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
    assess(app, actor, dossier_id, date(2026, 6, 12))
    app.assessment.forward_dossier(actor, dossier_id=dossier_id, forwarded_on=date(2026, 6, 12))
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


def test_vietnamese_input_is_stored_in_nfc(app: RegistrationApp, actor: CommandContext) -> None:
    producer_id = producer(app, actor, name=unicodedata.normalize("NFD", "HTX Đăk Hà"))
    assert app.get_producer(producer_id).name == unicodedata.normalize("NFC", "HTX Đăk Hà")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"commune_code": "99999"}, "commune_code"),
        ({"commune_code": "abc"}, "commune_code"),
        ({"commune_code": ""}, "commune_code"),
        ({"kind": "bank"}, "kind"),
        ({"kind": "household_business"}, "business_registration_no"),
        ({"name": "   "}, "name"),
        ({"legal_representative": ""}, "legal_representative"),
        ({"legal_rep_gender": "x"}, "legal_rep_gender"),
        ({"legacy_commune_code": "99999"}, "legacy_commune_code"),
        ({"legacy_commune_code": "23500", "commune_code": "23401"}, "commune_code"),
    ],
)
def test_bad_producers_are_refused(
    app: RegistrationApp, actor: CommandContext, overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(CommandRejected) as refused:
        producer(app, actor, **overrides)
    assert refused.value.field == field
    assert refused.value.kind == "invalid_argument"
    assert events_count(app) == 0


def test_a_registration_number_is_registered_once(
    app: RegistrationApp, actor: CommandContext
) -> None:
    producer(app, actor, business_registration_no="6101234567")
    before = events_count(app)
    with pytest.raises(CommandRejected) as refused:
        producer(app, actor, name="Another", business_registration_no="6101234567")
    assert (refused.value.kind, refused.value.field) == (
        "already_exists",
        "business_registration_no",
    )
    assert "6101234567" in refused.value.message("vi")
    assert events_count(app) == before


def test_personal_data_stays_private(app: RegistrationApp, actor: CommandContext) -> None:
    producer(app, actor, legal_rep_gender="female", legal_rep_ethnicity="Xơ Đăng")
    event = published(app)[0]
    assert isinstance(event, ProducerRegistered)
    assert event.legal_rep_qualifies_3_2 is True
    text = event.model_dump_json()
    assert "Xơ Đăng" not in text and "female" not in text and "Y Blơi" not in text


def test_the_legacy_unit_is_kept_beside_the_current_one(
    app: RegistrationApp, actor: CommandContext
) -> None:
    producer_id = producer(app, actor, commune_code="", legacy_commune_code="23500")
    found = app.get_producer(producer_id)
    assert (found.commune_code, found.province_code) == (DAK_HA, "51")
    assert found.legacy_unit is not None
    assert (found.legacy_unit["old_district_code"], found.legacy_unit["valid_to"]) == (
        "615",
        "2025-06-30",
    )
    product_id = app.products.register_product(
        actor, producer_id=producer_id, name="Mật ong", product_set=4
    )
    dossier_id = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=date(2024, 4, 2)
    )
    assert app.get_dossier(dossier_id).product_code == "62-615-23500-1-2024"  # legacy format
    event = published(app)[0]
    assert isinstance(event, ProducerRegistered)
    assert (event.legacy_district_code, event.legacy_province_code) == ("615", "62")
    # The forwarded dossier carries its whole unit path: the district's round is its own
    complete(app, actor, dossier_id)
    assess(app, actor, dossier_id, date(2024, 4, 10))
    app.assessment.forward_dossier(actor, dossier_id=dossier_id, forwarded_on=date(2024, 4, 10))
    forwarded = published(app)[-1]
    assert isinstance(forwarded, CommuneAssessed)
    assert (forwarded.commune_code, forwarded.province_code) == (DAK_HA, "51")
    assert (
        forwarded.legacy_commune_code,
        forwarded.legacy_district_code,
        forwarded.legacy_province_code,
    ) == ("23500", "615", "62")


@pytest.mark.parametrize("product_set", [0, 27, -1])
def test_a_product_set_must_exist(
    app: RegistrationApp, actor: CommandContext, product_set: int
) -> None:
    producer_id = producer(app, actor)
    before = events_count(app)
    with pytest.raises(CommandRejected) as refused:
        app.products.register_product(
            actor, producer_id=producer_id, name="X", product_set=product_set
        )
    assert refused.value.field == "product_set"
    with pytest.raises(CommandRejected) as refused:
        app.ideas.register_idea(
            actor,
            producer_id=producer_id,
            name="X",
            product_set=product_set,
            submitted_on=date(2026, 6, 1),
        )
    assert refused.value.field == "product_set"
    assert events_count(app) == before


def test_an_association_registers_tourism_only(app: RegistrationApp, actor: CommandContext) -> None:
    producer_id = producer(app, actor, kind="association")
    with pytest.raises(CommandRejected) as refused:
        app.products.register_product(actor, producer_id=producer_id, name="Cà phê", product_set=13)
    assert refused.value.field == "product_set"
    app.products.register_product(
        actor, producer_id=producer_id, name="Làng du lịch", product_set=26
    )


def test_product_codes(app: RegistrationApp, actor: CommandContext) -> None:
    producer_id = producer(app, actor)
    product_id = app.products.register_product(
        actor,
        producer_id=producer_id,
        name="Sâm",
        product_set=20,
        legacy_code="62-617-23425-3-2022",
    )
    assert app.get_product(product_id).codes[0]["format"] == "legacy"
    with pytest.raises(CommandRejected) as refused:
        app.products.register_product(
            actor, producer_id=producer_id, name="Sâm", product_set=20, legacy_code="KT-1"
        )
    assert refused.value.field == "legacy_code"


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

"""Registration commands: given a store, when a command, then events or a precise refusal
that changes nothing."""

from __future__ import annotations

import unicodedata
from datetime import date
from uuid import UUID, uuid4

import pytest

from contracts import topics
from contracts.registration import CommuneAssessed
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.settings import Settings
from services.registration.adapters import outbound
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build

DAK_HA = "23500"  # Xã Đăk Hà, Quảng Ngãi (Decision 19/2025)


@pytest.fixture
def app(memory_settings: Settings) -> RegistrationApp:
    return build(memory_settings).app


def producer(app: RegistrationApp, ctx: CommandContext, **overrides: object) -> UUID:
    fields: dict[str, object] = {
        "name": "HTX Nông nghiệp Đăk Hà",
        "kind": "cooperative",
        "commune_code": DAK_HA,
        "legal_representative": "Y Blơi",
    }
    fields.update(overrides)
    return app.register_producer(ctx, **fields)  # type: ignore[arg-type]


def events_count(app: RegistrationApp) -> int:
    return app.recorder.max_notification_id() or 0


def test_the_journey_to_the_province(app: RegistrationApp, actor: CommandContext) -> None:
    producer_id = producer(app, actor)
    product_id = app.register_product(
        actor, producer_id=producer_id, name="Cà phê rang xay Đăk Hà", product_set=13
    )
    dossier_id = app.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=date(2026, 6, 1)
    )
    level = app.assess_dossier(
        actor,
        dossier_id=dossier_id,
        report_no="15/BC-UBND",
        assessed_on=date(2026, 6, 12),
        local_raw_material=True,
        local_labour=True,
        idea_origin=False,
        local_identity=True,
    )
    assert level == "province"
    dossier = app.get_dossier(dossier_id)
    assert dossier.status == "forwarded"
    assert dossier.province_code == "51"

    last = app.recorder.select_notifications(start=events_count(app), limit=1)[0]
    published = outbound.translate(app.mapper.to_domain_event(last))
    assert len(published) == 1
    topic, event = published[0]
    assert topic == topics.REGISTRATION_EVENTS
    assert isinstance(event, CommuneAssessed)
    assert event.product_id == product_id
    assert event.rule_set_id == "R3"
    assert event.idea_origin is False
    assert event.actor.id == "can-bo-xa"
    assert event.aggregate_id == dossier_id


def test_a_district_dossier_under_the_2023_rules(
    app: RegistrationApp, actor: CommandContext
) -> None:
    product_id = app.register_product(
        actor, producer_id=producer(app, actor), name="Mật ong", product_set=4
    )
    dossier_id = app.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=date(2024, 4, 2)
    )
    level = app.assess_dossier(
        actor,
        dossier_id=dossier_id,
        report_no="3/BC",
        assessed_on=date(2024, 4, 10),
        local_raw_material=True,
        local_labour=True,
        idea_origin=True,
        local_identity=True,
    )
    assert level == "district"


def test_vietnamese_input_is_stored_in_nfc(app: RegistrationApp, actor: CommandContext) -> None:
    producer_id = producer(app, actor, name=unicodedata.normalize("NFD", "HTX Đăk Hà"))
    product_id = app.register_product(
        actor, producer_id=producer_id, name=unicodedata.normalize("NFD", "Cà phê"), product_set=13
    )
    assert app.repository.get(producer_id).name == unicodedata.normalize("NFC", "HTX Đăk Hà")
    assert app.repository.get(product_id).name == unicodedata.normalize("NFC", "Cà phê")


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"commune_code": "99999"}, "commune_code"),
        ({"commune_code": "abc"}, "commune_code"),
        ({"kind": "bank"}, "kind"),
        ({"kind": "household_business"}, "business_registration_no"),
        ({"name": "   "}, "name"),
        ({"legal_representative": ""}, "legal_representative"),
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
    assert refused.value.kind == "already_exists"
    assert refused.value.field == "business_registration_no"
    assert "6101234567" in refused.value.message("vi")
    assert events_count(app) == before


@pytest.mark.parametrize("product_set", [0, 27, -1])
def test_a_product_set_must_exist(
    app: RegistrationApp, actor: CommandContext, product_set: int
) -> None:
    producer_id = producer(app, actor)
    before = events_count(app)
    with pytest.raises(CommandRejected) as refused:
        app.register_product(actor, producer_id=producer_id, name="X", product_set=product_set)
    assert refused.value.field == "product_set"
    assert events_count(app) == before


def test_unknown_references_are_not_found(app: RegistrationApp, actor: CommandContext) -> None:
    with pytest.raises(CommandRejected) as refused:
        app.register_product(actor, producer_id=uuid4(), name="X", product_set=1)
    assert (refused.value.kind, refused.value.field) == ("not_found", "producer_id")
    with pytest.raises(CommandRejected) as refused:
        app.submit_dossier(actor, product_id=uuid4(), kind="first", received_on=date(2026, 6, 1))
    assert (refused.value.kind, refused.value.field) == ("not_found", "product_id")


def test_commands_out_of_order_are_refused(app: RegistrationApp, actor: CommandContext) -> None:
    product_id = app.register_product(
        actor, producer_id=producer(app, actor), name="Trà", product_set=12
    )
    with pytest.raises(CommandRejected) as refused:
        app.submit_dossier(
            actor, product_id=product_id, kind="renewal", received_on=date(2026, 6, 1)
        )
    assert refused.value.field == "kind"
    dossier_id = app.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=date(2026, 6, 1)
    )
    assess = {
        "dossier_id": dossier_id,
        "report_no": "1/BC",
        "local_raw_material": True,
        "local_labour": True,
        "idea_origin": True,
        "local_identity": True,
    }
    with pytest.raises(CommandRejected) as refused:
        app.assess_dossier(actor, assessed_on=date(2026, 5, 31), **assess)  # type: ignore[arg-type]
    assert refused.value.field == "assessed_on"
    app.assess_dossier(actor, assessed_on=date(2026, 6, 2), **assess)  # type: ignore[arg-type]
    before = events_count(app)
    with pytest.raises(CommandRejected) as refused:
        app.assess_dossier(actor, assessed_on=date(2026, 6, 3), **assess)  # type: ignore[arg-type]
    assert refused.value.kind == "failed_precondition"
    assert events_count(app) == before


def test_private_index_events_are_not_published(
    app: RegistrationApp, actor: CommandContext
) -> None:
    producer(app, actor, business_registration_no="6100000001")
    notifications = app.recorder.select_notifications(start=0, limit=10)
    published = [outbound.translate(app.mapper.to_domain_event(n)) for n in notifications]
    assert [len(p) for p in published] == [1, 0]


def test_every_published_mapping_names_a_real_event() -> None:
    from services.registration.domain import model

    for qualname in outbound.PUBLISHED:
        owner, event = qualname.split(".")
        assert isinstance(getattr(getattr(model, owner), event), type)


def test_settings_default_to_sqlite() -> None:
    assert Settings().store == "sqlite"


def test_an_r1_dossier_forwarded_after_the_districts_goes_to_the_province(
    app: RegistrationApp, actor: CommandContext
) -> None:
    product_id = app.register_product(
        actor, producer_id=producer(app, actor), name="Sâm", product_set=20
    )
    dossier_id = app.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=date(2025, 6, 20)
    )
    level = app.assess_dossier(
        actor,
        dossier_id=dossier_id,
        report_no="9/BC",
        assessed_on=date(2025, 7, 2),
        local_raw_material=True,
        local_labour=True,
        idea_origin=True,
        local_identity=True,
    )
    assert level == "province"
    assert app.get_dossier(dossier_id).rule_set_id == "R1"


def test_a_dossier_no_rule_set_governs_is_refused(
    app: RegistrationApp, actor: CommandContext
) -> None:
    product_id = app.register_product(
        actor, producer_id=producer(app, actor), name="Sâm", product_set=20
    )
    with pytest.raises(CommandRejected) as refused:
        app.submit_dossier(actor, product_id=product_id, kind="first", received_on=date(2022, 1, 1))
    assert refused.value.field == "received_on"
    assert "01/01/2022" in refused.value.message("vi")

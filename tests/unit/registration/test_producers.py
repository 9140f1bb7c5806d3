"""Registering producers and products: given a store, when a registration, then its
events (personal data kept private, the legacy unit beside the current one) or a precise
refusal that changes nothing."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from contracts.registration import CommuneAssessed, ProducerRegistered
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.application import RegistrationApp
from tests.unit.registration.helpers import (
    DAK_HA,
    assess_and_forward,
    complete,
    events_count,
    producer,
    published,
)


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
    assess_and_forward(app, actor, dossier_id, date(2024, 4, 10))
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

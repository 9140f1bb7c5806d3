"""OCOP-RULES.md §14 rules that registration encodes, one test named after each (issue 12):
producer types (§14.28), product codes (§14.30) and a returned dossier keeping its
identity (§14.20). Each fails when its rule is broken."""

from __future__ import annotations

from datetime import date

import pytest

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.application import RegistrationApp
from services.registration.domain import codes
from tests.unit.registration.helpers import complete, producer, product

KINDS = ("cooperative", "cooperative_group", "enterprise", "farm", "household_business")


@pytest.mark.parametrize("kind", KINDS)
def test_rule_28_the_producer_types(app: RegistrationApp, actor: CommandContext, kind: str) -> None:
    needs_number = kind in ("cooperative_group", "farm", "household_business")
    if needs_number:
        with pytest.raises(CommandRejected) as refused:
            producer(app, actor, name=f"Chủ thể {kind}", kind=kind)
        assert refused.value.field == "business_registration_no"
    made = producer(
        app,
        actor,
        name=f"Chủ thể {kind}",
        kind=kind,
        business_registration_no=f"{6100000000 + len(kind)}",
    )
    assert app.get_producer(made).kind == kind


def test_rule_28_other_kinds_refused_and_associations_only_for_tourism(
    app: RegistrationApp, actor: CommandContext
) -> None:
    with pytest.raises(CommandRejected) as refused:
        producer(app, actor, kind="individual")
    assert refused.value.field == "kind"
    association = producer(app, actor, name="Hiệp hội du lịch Kon Tum", kind="association")
    with pytest.raises(CommandRejected):
        app.products.register_product(actor, producer_id=association, name="Cà phê", product_set=13)
    tour = app.products.register_product(
        actor, producer_id=association, name="Du lịch cộng đồng Kon Klor", product_set=26
    )
    assert app.get_product(tour).product_set == 26


@pytest.mark.parametrize(
    ("code", "form"),
    [("51-23500-7-2026", "current"), ("62-610-23500-12-2024", "legacy")],
)
def test_rule_30_product_code_formats(code: str, form: str) -> None:
    assert codes.code_format(code) == form
    assert codes.current_code("51", "23500", 7, 2026) == "51-23500-7-2026"
    assert codes.legacy_code("62", "610", "23500", 12, 2024) == "62-610-23500-12-2024"
    for bad in ("51-23500-2026", "X-23500-7-2026", "51-23500-7-26"):
        with pytest.raises(CommandRejected):
            codes.code_format(bad)


def test_rule_30_a_product_keeps_its_id_across_code_changes(
    app: RegistrationApp, actor: CommandContext
) -> None:
    legacy = "62-610-23500-12-2024"
    made = app.products.register_product(
        actor, producer_id=producer(app, actor), name="Cà phê", product_set=13, legacy_code=legacy
    )
    dossier = (
        app.dossiers.submit_dossier(
            actor, product_id=made, kind="reevaluation", received_on=date(2026, 6, 1)
        )
        if False
        else app.dossiers.submit_dossier(
            actor, product_id=made, kind="first", received_on=date(2026, 6, 1)
        )
    )
    found = app.get_product(made)
    assert found.id == made and found.codes[0]["code"] == legacy
    assert [c["format"] for c in found.codes] == ["legacy", "current"]
    assert app.get_dossier(dossier).product_id == made


def test_rule_20_a_returned_dossier_keeps_its_identity(
    app: RegistrationApp, actor: CommandContext
) -> None:
    dossier = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor), kind="first", received_on=date(2026, 6, 1)
    )
    app.dossiers.return_dossier(
        actor, dossier_id=dossier, reason="Thiếu kiểm nghiệm", returned_on=date(2026, 6, 2)
    )
    complete(app, actor, dossier)
    app.dossiers.resubmit_dossier(actor, dossier_id=dossier, received_on=date(2026, 6, 8))
    found = app.get_dossier(dossier)
    assert found.id == dossier and len(found.returns) == 1
    assert found.first_received_on == date(2026, 6, 1) and found.rule_set_id == "R3"

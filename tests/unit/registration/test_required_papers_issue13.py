"""Issue 13 item 7: the commune's step under R1 and the papers a product set's dossier must
carry. R1 (148) sets no commune time limit: the Kon Tum 2025 plan does (15 working days),
so an R1 dossier can be overdue; a food product's dossier without its food-safety
certificate is incomplete under every rule set whose sheets knock it out for that (R1-R3),
and the commune's report on it is refused, naming the missing paper."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import pytest

from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.registration.application import RegistrationApp
from services.registration.application.rulebook import check_deadline
from tests.unit.registration.helpers import (
    PDF,
    assess,
    attach_required_papers,
    events_count,
    product,
)

FOOD_SAFETY = "giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (food_safety_certificate)"


def filed(app: RegistrationApp, actor: CommandContext, received: date, product_set: int) -> UUID:
    """A first dossier with its self-assessment and form 02, but no other paper."""
    dossier_id = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor, product_set), kind="first", received_on=received
    )
    sheet = app.requirements(app.get_dossier(dossier_id)).sheet
    app.dossiers.record_self_assessment(
        actor, dossier_id=dossier_id, choices={c: o[-1] for c, o in sheet.items()}
    )
    app.dossiers.attach_document(
        actor, dossier_id=dossier_id, name="mau-02.pdf", category="form_02", content=PDF
    )
    app.dossiers.receive_paper_copy(actor, dossier_id=dossier_id, received_on=received)
    app.dossiers.receive_samples(actor, dossier_id=dossier_id, count=5, received_on=received)
    return dossier_id


@pytest.mark.parametrize("received", [date(2025, 3, 3), date(2025, 9, 2), date(2026, 6, 1)])
def test_a_food_dossier_without_its_food_safety_certificate_is_not_assessed(
    app: RegistrationApp, actor: CommandContext, received: date
) -> None:
    """R1, R2 and R3 alike: set 13 (coffee) needs the certificate; the refusal names it."""
    dossier_id = filed(app, actor, received, 13)
    gaps = app.missing(app.get_dossier(dossier_id))
    assert (f"thiếu {FOOD_SAFETY}", "missing the food-safety eligible-establishment "
            "certificate (food_safety_certificate)") in gaps  # fmt: skip
    before = events_count(app)
    with pytest.raises(CommandRejected) as refused:
        assess(app, actor, dossier_id, received)
    assert (refused.value.kind, refused.value.field) == ("failed_precondition", "dossier_id")
    assert FOOD_SAFETY in refused.value.vi
    assert "food_safety_certificate" in refused.value.en
    assert events_count(app) == before
    attach_required_papers(app, actor, dossier_id)
    assert app.missing(app.get_dossier(dossier_id)) == []
    assess(app, actor, dossier_id, received)


def test_papers_follow_the_product_set(app: RegistrationApp, actor: CommandContext) -> None:
    """A handicraft (set 21) needs no food-safety certificate; a liquor (set 15) also needs
    its production licence; a herbal medicine (set 18) its GMP papers and declaration."""
    day = date(2026, 6, 1)
    assert app.missing(app.get_dossier(filed(app, actor, day, 21))) == []
    needed = {
        n: [c for c, _, _ in app.requirements(app.get_dossier(filed(app, actor, day, n))).documents]
        for n in (15, 18)
    }
    assert needed == {
        15: ["food_safety_certificate", "production_licence"],
        18: ["production_conditions", "quality_declaration"],
    }


def test_an_r1_dossier_has_the_local_plans_commune_deadline(
    app: RegistrationApp, actor: CommandContext
) -> None:
    """Received Monday 03/03/2025 under R1: 15 working days -> Monday 24/03/2025; by the
    clock (01/07/2026), still with the commune, it is overdue."""
    dossier_id = filed(app, actor, date(2025, 3, 3), 13)
    dossier = app.get_dossier(dossier_id)
    assert (dossier.rule_set_id, dossier.check_deadline) == ("R1", date(2025, 3, 24))
    assert [d.id for d in app.list_dossiers(overdue_only=True)] == [dossier_id]
    # R1 itself sets none: without the local policy there is no deadline
    assert check_deadline("R1", date(2025, 3, 3)) is None
    assert check_deadline("R1", date(2025, 3, 3), local_policies=("kontum-district-2025",)) == (
        date(2025, 3, 24)
    )
    # and the plan covers 2025 only
    assert check_deadline("R1", date(2024, 4, 2), local_policies=("kontum-district-2025",)) is None

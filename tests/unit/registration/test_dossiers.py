"""Dossiers through the commune: completeness, return for completion, the commune's
deadline in working days, assessment and forwarding, and no dated fact out of its range."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID

import pytest

from runtime.clock import FixedClock
from runtime.commands import CommandContext
from services.registration.application import RegistrationApp
from services.registration.application.rulebook import check_deadline
from tests.unit.registration.helpers import (
    RECEIVED,
    assess,
    assess_and_forward,
    complete,
    product,
    refused,
)


def test_an_incomplete_dossier_cannot_be_assessed(
    app: RegistrationApp, actor: CommandContext, dossier: UUID
) -> None:
    e = refused(lambda: assess(app, actor, dossier, date(2026, 6, 5)), app)
    assert e.kind == "failed_precondition"
    assert "Mẫu 02" in e.message("vi") and "form 02" in e.message("en")
    assert "0 of 5 samples" in e.message("en") and "paper copy" in e.message("en")


def test_assessment_and_forwarding_happen_once_and_in_order(
    app: RegistrationApp, actor: CommandContext, dossier: UUID
) -> None:
    forward = app.assessment.forward_dossier
    complete(app, actor, dossier)
    e = refused(lambda: forward(actor, dossier_id=dossier, forwarded_on=date(2026, 6, 5)), app)
    assert (e.kind, e.field) == ("failed_precondition", "dossier_id")
    e = refused(lambda: assess(app, actor, dossier, date(2026, 5, 31)), app)
    assert e.field == "assessed_on"
    assess(app, actor, dossier, date(2026, 6, 5))
    e = refused(lambda: assess(app, actor, dossier, date(2026, 6, 6)), app)
    assert e.kind == "failed_precondition"
    e = refused(
        lambda: app.dossiers.receive_samples(
            actor, dossier_id=dossier, count=1, received_on=RECEIVED
        ),
        app,
    )
    assert e.kind == "failed_precondition"
    forward(actor, dossier_id=dossier, forwarded_on=date(2026, 6, 5))
    e = refused(lambda: forward(actor, dossier_id=dossier, forwarded_on=date(2026, 6, 6)), app)
    assert e.kind == "failed_precondition"


def test_a_returned_dossier_keeps_its_identity_and_history(
    app: RegistrationApp, actor: CommandContext, dossier: UUID
) -> None:
    app.dossiers.return_dossier(
        actor, dossier_id=dossier, reason="Thiếu kiểm nghiệm", returned_on=RECEIVED
    )
    e = refused(
        lambda: app.dossiers.return_dossier(
            actor, dossier_id=dossier, reason="x", returned_on=RECEIVED
        ),
        app,
    )
    assert e.kind == "failed_precondition"
    complete(app, actor, dossier)
    e = refused(lambda: assess(app, actor, dossier, date(2026, 6, 5)), app)
    assert e.kind == "failed_precondition"  # returned, not awaiting assessment
    app.dossiers.resubmit_dossier(actor, dossier_id=dossier, received_on=date(2026, 6, 8))
    found = app.get_dossier(dossier)
    assert (found.status, found.id, len(found.returns)) == ("submitted", dossier, 1)
    assert found.check_deadline == check_deadline("R3", date(2026, 6, 8))
    assert found.rule_set_id == "R3" and found.first_received_on == RECEIVED
    assess(app, actor, dossier, date(2026, 6, 9))


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 6, 1), date(2026, 6, 22)),  # 15 working days, no holiday
        (date(2027, 1, 29), date(2027, 2, 26)),  # across Tết Đinh Mùi (6/2/2027)
        (date(2026, 8, 24), date(2026, 9, 17)),  # across Quốc khánh (1-2/9/2026)
    ],
)
def test_the_commune_deadline_counts_working_days(received: date, deadline: date) -> None:
    assert check_deadline("R3", received) == deadline


def test_tet_2027_is_not_counted(app: RegistrationApp, actor: CommandContext) -> None:
    plain = date(2027, 1, 29) + timedelta(days=21)  # 15 weekdays, ignoring holidays
    deadline = check_deadline("R3", date(2027, 1, 29))
    assert deadline is not None and deadline > plain


def test_overdue_dossiers_are_visible_and_counted(
    app: RegistrationApp, actor: CommandContext, clock: FixedClock
) -> None:
    late = app.dossiers.submit_dossier(
        actor, product_id=product(app, actor), kind="first", received_on=date(2026, 6, 1)
    )
    app.dossiers.submit_dossier(
        actor, product_id=product(app, actor, 12), kind="first", received_on=date(2026, 6, 20)
    )
    # the clock says 01/07/2026: the first one's deadline was 22/06, the second's is later
    assert [d.id for d in app.list_dossiers(overdue_only=True)] == [late]
    assert len(app.list_dossiers()) == 2
    complete(app, actor, late)
    assess(app, actor, late, date(2026, 6, 23))
    assert app.list_dossiers(overdue_only=True) == []


def test_an_upgrade_shows_what_changed(
    app: RegistrationApp, actor: CommandContext, clock: FixedClock
) -> None:
    clock.advance(timedelta(days=92))  # 01/10/2026: the upgrade below is received on 01/09
    product_id = product(app, actor)
    e = refused(
        lambda: app.dossiers.submit_dossier(
            actor, product_id=product_id, kind="upgrade", received_on=RECEIVED, changes_summary="x"
        ),
        app,
    )
    assert (e.kind, e.field) == ("failed_precondition", "kind")
    first = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=RECEIVED
    )
    complete(app, actor, first, top=False)
    assess_and_forward(app, actor, first, date(2026, 6, 5))
    e = refused(
        lambda: app.dossiers.submit_dossier(
            actor, product_id=product_id, kind="upgrade", received_on=date(2026, 9, 1)
        ),
        app,
    )
    assert e.field == "changes_summary"
    upgrade = app.dossiers.submit_dossier(
        actor,
        product_id=product_id,
        kind="upgrade",
        received_on=date(2026, 9, 1),
        changes_summary="Tem truy xuất nguồn gốc điện tử",
    )
    app.dossiers.record_self_assessment(actor, dossier_id=upgrade, choices={"2.3": "3", "1.1": "1"})
    changes = app.changes_since_last_dossier(app.get_dossier(upgrade))
    assert changes["previous_dossier_id"] == str(first)
    assert changes["criteria"] == {"2.3": {"before": "1", "after": "3"}}
    assert app.get_product(product_id).codes[-1]["code"] == "51-23500-2-2026"


def test_the_remaining_refusals(app: RegistrationApp, actor: CommandContext, dossier: UUID) -> None:
    e = refused(
        lambda: app.dossiers.receive_samples(
            actor, dossier_id=dossier, count=0, received_on=RECEIVED
        ),
        app,
    )
    assert e.field == "count"
    e = refused(
        lambda: app.dossiers.resubmit_dossier(actor, dossier_id=dossier, received_on=RECEIVED), app
    )
    assert (e.kind, e.field) == ("failed_precondition", "dossier_id")
    app.dossiers.return_dossier(actor, dossier_id=dossier, reason="Thiếu mẫu", returned_on=RECEIVED)
    e = refused(
        lambda: app.dossiers.resubmit_dossier(
            actor, dossier_id=dossier, received_on=date(2026, 5, 1)
        ),
        app,
    )
    assert e.field == "received_on"
    app.dossiers.resubmit_dossier(actor, dossier_id=dossier, received_on=date(2026, 6, 3))
    complete(app, actor, dossier)
    assess(app, actor, dossier, date(2026, 6, 10))
    e = refused(
        lambda: app.assessment.forward_dossier(
            actor, dossier_id=dossier, forwarded_on=date(2026, 6, 9)
        ),
        app,
    )
    assert e.field == "forwarded_on"
    e = refused(
        lambda: app.dossiers.record_self_assessment(
            actor, dossier_id=dossier, choices={"1.1": "1"}
        ),
        app,
    )
    assert e.kind == "failed_precondition"
    e = refused(
        lambda: app.dossiers.record_self_assessment(actor, dossier_id=dossier, choices={}), app
    )
    assert e.field == "choices"


@pytest.mark.parametrize("day", [date(2027, 1, 29), date(2018, 5, 6)])
def test_no_dated_fact_is_in_the_future_or_before_the_programme(
    app: RegistrationApp, actor: CommandContext, day: date
) -> None:
    """Issue 13 item 4: a dossier received on 29/01/2027 (the clock says 01/07/2026), or
    before Decision 490/QĐ-TTg, is refused with the field named; so is every later date."""
    product_id = product(app, actor)
    e = refused(
        lambda: app.dossiers.submit_dossier(
            actor, product_id=product_id, kind="first", received_on=day
        ),
        app,
    )
    assert (e.kind, e.field) == ("invalid_argument", "received_on")
    dossier = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=RECEIVED
    )
    complete(app, actor, dossier)
    calls: dict[str, Callable[[], object]] = {
        "returned_on": lambda: app.dossiers.return_dossier(
            actor, dossier_id=dossier, reason="x", returned_on=day
        ),
        "assessed_on": lambda: assess(app, actor, dossier, day),
    }
    for field, call in calls.items():
        assert refused(call, app).field == field
    assess(app, actor, dossier, date(2026, 6, 5))
    forward = lambda: app.assessment.forward_dossier(  # noqa: E731
        actor, dossier_id=dossier, forwarded_on=day
    )
    assert refused(forward, app).field == "forwarded_on"

"""Registration's dossier and idea listings come from a persisted read model (issue 20): a
query reads only what was recorded since the position the rows reflect, never the whole log
again; the rows and their position are kept beside the events (SQLite, PostgreSQL), so a
restarted process resumes from there, and a rebuild from the log gives the same rows."""

from __future__ import annotations

from datetime import date

from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.settings import Settings
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build
from tests.unit.registration.helpers import DAK_HA, producer, product


def test_listings_follow_the_log_without_replaying_it(
    app: RegistrationApp, actor: CommandContext
) -> None:
    dossiers = [
        app.dossiers.submit_dossier(
            actor, product_id=product(app, actor), kind="first", received_on=date(2026, 6, 1)
        )
        for _ in range(3)
    ]
    assert {d.id for d in app.list_dossiers(commune_code=DAK_HA)} == set(dossiers)
    assert app.listings.position == app.recorder.max_notification_id()
    assert app.listings.catch_up() == 0  # nothing new: nothing read again
    app.dossiers.return_dossier(
        actor, dossier_id=dossiers[0], reason="Thiếu giấy tờ", returned_on=date(2026, 6, 2)
    )
    assert app.listings.catch_up() == 1  # only the dossier that changed
    listed = {d.id: d for d in app.list_dossiers()}
    assert listed[dossiers[0]].status == "returned"
    assert app.list_dossiers(commune_code="26734") == []
    assert app.list_ideas() == []


def test_a_restart_resumes_and_a_rebuild_gives_the_same_rows(
    store_settings: Settings, clock: FixedClock, actor: CommandContext
) -> None:
    """On SQLite and PostgreSQL: the rows outlive the process; a new process reads only
    what was recorded after the stored position; a rebuild from the log gives the same."""
    app = build(store_settings, clock=clock).app
    try:
        first = app.dossiers.submit_dossier(
            actor, product_id=product(app, actor), kind="first", received_on=date(2026, 6, 1)
        )
        owner = producer(app, actor, business_registration_no="6101234599")
        idea = app.ideas.register_idea(
            actor,
            producer_id=owner,
            name="Mật ong rừng",
            product_set=4,
            submitted_on=date(2026, 3, 2),
        )
        before = (app.list_dossiers(), app.list_ideas())
        stored = app.listings.position
        assert stored == app.recorder.max_notification_id()
    finally:
        app.close()

    app = build(store_settings, clock=clock).app
    try:
        assert app.listings.position == stored  # resumed, not read again
        assert app.listings.catch_up() == 0
        assert (app.list_dossiers(), app.list_ideas()) == before
        app.dossiers.return_dossier(
            actor, dossier_id=first, reason="Thiếu giấy tờ", returned_on=date(2026, 6, 2)
        )
        app.ideas.accept_idea(actor, idea_id=idea, decided_on=date(2026, 3, 16))
        assert app.listings.catch_up() == 2  # only what changed after the stored position
        after = (app.list_dossiers(), app.list_ideas())
        assert [d.status for d in after[0]] == ["returned"]
        assert [(i.id, i.status) for i in after[1]] == [(idea, "idea_accepted")]
        assert app.listings.rebuild() == 2
        assert app.listings.position == app.recorder.max_notification_id()
        assert (app.list_dossiers(), app.list_ideas()) == after
        assert app.list_ideas(producer_id=owner) == after[1]
        assert app.list_dossiers(commune_code=DAK_HA) == after[0]
    finally:
        app.close()

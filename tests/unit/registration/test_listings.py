"""Registration's dossier and idea listings come from a projection (issue 20): a query
reads only what was recorded since the previous one, never the whole log again."""

from __future__ import annotations

from datetime import date

from runtime.commands import CommandContext
from services.registration.application import RegistrationApp
from tests.unit.registration.helpers import DAK_HA, product


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

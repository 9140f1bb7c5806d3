"""Inspection's store on SQLite and on the real PostgreSQL: a quarter's plan, a visit with
evidence and a remediation survive a restart; an event processed twice changes nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from runtime.clock import FixedClock
from runtime.settings import Settings
from services.inspection.application.visit_commands import Document
from services.inspection.bootstrap import build
from tests.unit.inspection.helpers import (
    ALL_GOOD,
    OFFICER,
    TEAM,
    certified,
    revoke,
    revoked,
)


def test_inspection_survives_a_restart(store_settings: Settings) -> None:
    clock = FixedClock(datetime(2025, 11, 20, 8, tzinfo=UTC))
    app = build(store_settings, clock=clock).app
    kept = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    gone = certified(app, "Rượu chuối hột", on=date(2025, 5, 2))
    plan = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    inspection = app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=kept, planned_on=date(2025, 11, 5), team=TEAM
    )
    photo = Document("xuong.jpg", "image/jpeg", b"\xff\xd8 xuong san xuat")
    app.visits.record_visit(
        OFFICER,
        inspection_id=inspection.id,
        visited_on=date(2025, 11, 5),
        team=TEAM,
        findings={**ALL_GOOD, "traceability": (False, "Tem truy xuất hết hạn")},
        outcome="remediation",
        conclusion_no="BB-02/2025",
        deadline=date(2025, 11, 30),
        follow_up_on=date(2025, 12, 2),
        evidence=[photo],
    )
    revoke(app, gone, date(2025, 11, 10))
    count = app.recorder.max_notification_id()

    again = build(store_settings, clock=clock).app
    assert again.recorder.max_notification_id() == count
    restored = again.inspection(inspection.id)
    assert restored.status == "remediation"
    assert restored.remediation is not None
    assert restored.remediation["deadline"] == date(2025, 11, 30)
    digest = restored.visits[0]["evidence"][0]["sha256"]
    assert again.blobs.get(digest) == photo.data
    assert again.plan(plan.id).coverage() == (1, 1)
    assert again.plan(plan.id).entries[str(gone)]["status"] == "withdrawn"
    assert [i.id for i in again.queries.open_remediations()] == [inspection.id]
    assert again.product(gone).status() == "revoked"


def test_an_event_processed_twice_changes_nothing(store_settings: Settings) -> None:
    app = build(store_settings, clock=FixedClock(datetime(2025, 11, 20, tzinfo=UTC))).app
    product = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    before = app.recorder.max_notification_id()
    tracking = Tracking("evaluation@t#0", 10**6)
    revoke_event = revoked(app, product, date(2025, 11, 10))
    app.process_event(revoke_event, tracking)
    after = app.recorder.max_notification_id()
    with pytest.raises(IntegrityError):
        app.process_event(revoke_event, tracking)
    assert app.recorder.max_notification_id() == after != before
    assert app.recorder.has_tracking_id("evaluation@t#0", 10**6)

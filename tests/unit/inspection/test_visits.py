"""Visits and their outcomes: passed, remediation completed at the follow-up or overdue
on the injected clock, failed with a ground of the rule set (R3 Art. 8.1, 9)."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import UUID

import pytest

from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from services.inspection.application import InspectionApp
from services.inspection.application.visit_commands import Document
from services.inspection.bootstrap import InspectionService
from services.inspection.domain.inspection import Inspection
from tests.unit.inspection.helpers import ALL_GOOD, OFFICER, TEAM, certified, visit

BAD_LABEL = {**ALL_GOOD, "mark_use": (False, "Dán nhãn 4 sao cho sản phẩm 3 sao")}


def scheduled(app: InspectionApp, on: date = date(2025, 11, 5)) -> tuple[UUID, Inspection]:
    product = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    plan = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    return plan.id, app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=product, planned_on=on, team=TEAM
    )


def test_a_passed_visit_counts_in_the_coverage(app: InspectionApp) -> None:
    plan_id, inspection = scheduled(app)
    photo = Document("xuong-san-xuat.jpg", "image/jpeg", b"\xff\xd8 photo bytes")
    done = visit(app, inspection, "passed", "BB-01/2025", evidence=[photo])
    assert done.status == "passed"
    evidence = done.visits[0]["evidence"][0]
    assert app.blobs.get(evidence["sha256"]) == photo.data
    assert done.conclusion is not None
    assert done.conclusion["authority"] == "UBND cấp tỉnh 51"
    assert app.plan(plan_id).coverage() == (1, 1)
    assert [i.id for i in app.queries.history(done.product_id)] == [inspection.id]


def test_remediation_completed_at_the_follow_up(app: InspectionApp) -> None:
    _, inspection = scheduled(app)
    visit(
        app,
        inspection,
        "remediation",
        "BB-02/2025",
        findings=BAD_LABEL,
        deadline=date(2025, 11, 15),
        follow_up_on=date(2025, 11, 18),
    )
    assert [i.id for i in app.queries.open_remediations()] == [inspection.id]
    done = visit(app, inspection, "passed", "BB-03/2025", visited_on=date(2025, 11, 18))
    assert done.status == "passed"
    assert done.remediation is not None
    assert done.remediation["completed_on"] == date(2025, 11, 18)
    assert app.queries.open_remediations() == []
    assert [type(e).__name__ for e in app.repository.event_store.get(done.id)][-2:] == [
        "VisitRecorded",
        "RemediationCompleted",
    ]


def test_remediation_overdue_on_the_clock_once(
    service: InspectionService, clock: FixedClock
) -> None:
    app = service.app
    _, inspection = scheduled(app)
    visit(
        app,
        inspection,
        "remediation",
        "BB-02/2025",
        findings=BAD_LABEL,
        deadline=date(2025, 11, 25),
    )
    scheduler = service.scheduler()
    assert scheduler.tick() == 0  # 20/11: not yet
    clock.advance(timedelta(days=5))  # 25/11: the deadline day itself is still in time
    assert scheduler.tick() == 0
    clock.advance(timedelta(days=1))
    assert scheduler.tick() == 1
    assert scheduler.tick() == 0
    again = service.scheduler()  # a restarted scheduler re-reads the log
    assert again.tick() == 0
    overdue = app.inspection(inspection.id)
    assert overdue.status == "overdue"
    assert overdue.remediation is not None
    assert overdue.remediation["overdue_on"] == date(2025, 11, 26)
    assert [i.id for i in app.queries.open_remediations()] == [inspection.id]
    # The follow-up visit may still conclude it.
    failed = visit(
        app,
        inspection,
        "failed",
        "KL-05/2025",
        findings=BAD_LABEL,
        visited_on=date(2025, 11, 26),
        ground="d",
    )
    assert failed.status == "failed"


def test_a_failed_visit_names_its_ground_and_findings(app: InspectionApp) -> None:
    _, inspection = scheduled(app)
    failed = visit(
        app,
        inspection,
        "failed",
        "KL-01/2025",
        findings={**ALL_GOOD, "still_operating": (False, "Xưởng đóng cửa từ tháng 9")},
        ground="dd",
    )
    assert failed.conclusion is not None
    assert failed.conclusion["ground"] == "dd"
    assert failed.conclusion["summary"] == (
        "Chủ thể còn sản xuất sản phẩm: Xưởng đóng cửa từ tháng 9"
    )


def test_an_ad_hoc_inspection_carries_its_trigger(app: InspectionApp) -> None:
    product = certified(app, "Mật ong rừng", on=date(2025, 5, 2))
    opened = app.visits.open_ad_hoc(
        OFFICER,
        product_id=product,
        trigger="food_safety_alert",
        note="Cảnh báo của Sở Y tế",
        planned_on=date(2025, 11, 21),
        team=TEAM,
    )
    assert (opened.kind, opened.trigger, opened.plan_id) == ("ad_hoc", "food_safety_alert", None)
    with pytest.raises(CommandRejected) as refused:
        app.visits.open_ad_hoc(
            OFFICER, product_id=product, trigger="rumour", note="", planned_on=date(2025, 11, 21)
        )
    assert refused.value.field == "trigger"

"""Histories that record every stored event type of every service, through the services'
own commands and consumed events (the same steps the services' unit tests take), each
service on its SQLite file in one data folder, as the embedded mode keeps them.

Evaluation's and promotion's are in `histories_evaluation.py` and `histories_promotion.py`.
`record_histories(folder)` leaves `<service>.sqlite` files in `folder` for the replay
test (test_replay_extremes.py) to rewrite with extreme values and start the system on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

from contracts.envelope import Actor
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.settings import Settings
from services.inspection.application import InspectionApp
from services.inspection.application.visit_commands import Document
from services.inspection.bootstrap import InspectionService
from services.inspection.bootstrap import build as build_inspection
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build as build_registration
from tests.unit.inputs.histories_evaluation import evaluation_history
from tests.unit.inputs.histories_promotion import promotion_history
from tests.unit.inspection import helpers as ins
from tests.unit.registration import helpers as reg
from tests.unit.registration import test_follows_recognition as follows

PROVINCE = CommandContext(actor=Actor(id="so-nn", role="province_officer", jurisdiction="51"))
COMMUNE = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"))


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC)


def registration_history(settings: Settings) -> None:
    clock = FixedClock(_at(date(2026, 7, 1)))
    app = build_registration(settings, clock=clock).app
    try:
        ctx = COMMUNE
        product = reg.product(app, ctx)
        dossier = _dossier_forwarded(app, ctx, product)
        _idea_to_product(app, ctx)
        # a producer's personal data erased on request (crypto-shredding)
        gone = reg.producer(app, ctx, name="Hộ kinh doanh Y Blơi")
        committee = Actor(id="ct-ubnd-xa", role="commune_committee", jurisdiction="23500")
        app.producers.erase_personal_data(
            CommandContext(actor=committee), producer_id=gone, reference="12/ĐN"
        )
        # evaluation's result and recognition, and its end (registration follows them)
        follows.deliver(app, follows.scored(product, dossier))
        follows.deliver(app, follows.recognized(product, dossier, date(2029, 6, 28)))
        follows.deliver(app, follows.revoked(product, "125/2023/QĐ-UBND/01"))
        # an office's existing portfolio, imported (ocop import portfolio)
        app.portfolio.import_rows(PROVINCE, [follows.portfolio_row(2)], source_sha256="ab" * 32)
    finally:
        app.close()


def _dossier_forwarded(app: RegistrationApp, ctx: CommandContext, product: UUID) -> UUID:
    """A dossier submitted, returned, resubmitted, completed, assessed and forwarded."""
    dossier = app.dossiers.submit_dossier(
        ctx,
        product_id=product,
        kind="first",
        received_on=date(2026, 6, 1),
        contact_phone="0912345678",
        contact_email="htx@example.vn",
        declared_samples=5,
    )
    app.dossiers.return_dossier(
        ctx, dossier_id=dossier, reason="Thiếu phiếu kiểm nghiệm", returned_on=date(2026, 6, 3)
    )
    app.dossiers.resubmit_dossier(ctx, dossier_id=dossier, received_on=date(2026, 6, 5))
    reg.complete(app, ctx, dossier)
    reg.assess_and_forward(app, ctx, dossier, date(2026, 6, 12))
    return dossier


def _idea_to_product(app: RegistrationApp, ctx: CommandContext) -> None:
    """An idea through every step (returned, resubmitted, its plan returned) to a product."""
    producer = reg.producer(
        app, ctx, name="Tổ hợp tác Mật ong Đăk Hà", business_registration_no="6101234567"
    )
    idea = app.ideas.register_idea(
        ctx,
        producer_id=producer,
        name="Mật ong rừng",
        product_set=8,
        submitted_on=date(2026, 5, 2),
        description="Mật ong khai thác tự nhiên",
    )
    app.ideas.return_idea(ctx, idea_id=idea, reason="Chưa rõ vùng", decided_on=date(2026, 5, 4))
    app.ideas.resubmit_idea(ctx, idea_id=idea, submitted_on=date(2026, 5, 6), description="Rõ")
    app.ideas.accept_idea(ctx, idea_id=idea, decided_on=date(2026, 5, 8))
    app.ideas.submit_business_plan(
        ctx, idea_id=idea, summary="Phương án", submitted_on=date(2026, 5, 10)
    )
    app.ideas.return_business_plan(
        ctx, idea_id=idea, reason="Thiếu vốn", decided_on=date(2026, 5, 12)
    )
    app.ideas.submit_business_plan(
        ctx, idea_id=idea, summary="Phương án sửa", submitted_on=date(2026, 5, 14)
    )
    app.ideas.approve_business_plan(ctx, idea_id=idea, decided_on=date(2026, 5, 16))
    app.products.register_product(ctx, idea_id=idea)


def inspection_history(settings: Settings) -> None:
    clock = FixedClock(_at(date(2025, 11, 20)))
    service = build_inspection(settings, clock=clock)
    app = service.app
    try:
        product = ins.certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
        late = ins.certified(app, "Mật ong rừng", on=date(2025, 10, 20))
        plan = app.plans.generate(ins.OFFICER, on=date(2025, 10, 1))
        app.plans.add(ins.OFFICER, plan_id=plan.id, product_id=late)
        visit = app.plans.schedule(
            ins.OFFICER,
            plan_id=plan.id,
            product_id=product,
            planned_on=date(2025, 11, 5),
            team=ins.TEAM,
        )
        app.plans.schedule(
            ins.OFFICER, plan_id=plan.id, product_id=product, planned_on=date(2025, 11, 6)
        )
        _remediated(service, clock, visit)
        _failed_ad_hoc(app)
        checked = app.plans.schedule(
            ins.OFFICER, plan_id=plan.id, product_id=late, planned_on=date(2025, 11, 19)
        )
        ins.visit(app, checked, "passed", "BB-04/2025", visited_on=date(2025, 11, 19))
        ins.revoke(app, late, date(2025, 11, 21))
        dropped = ins.certified(app, "Sâm dây", on=date(2025, 10, 21))
        app.plans.add(ins.OFFICER, plan_id=plan.id, product_id=dropped)
        ins.revoke(app, dropped, date(2025, 11, 21))
    finally:
        app.close()


def _remediated(service: InspectionService, clock: FixedClock, visit: Any) -> None:
    """A visit that finds a fault and sets a deadline, overdue a day later, then passed."""
    app = service.app
    bad = {**ins.ALL_GOOD, "mark_use": (False, "Dán nhãn 4 sao cho sản phẩm 3 sao")}
    ins.visit(
        app,
        visit,
        "remediation",
        "BB-02/2025",
        findings=bad,
        visited_on=date(2025, 11, 6),
        deadline=date(2025, 11, 15),
        evidence=[Document("xuong.jpg", "image/jpeg", b"\xff\xd8 photo")],
    )
    clock.advance(timedelta(days=1))
    service.scheduler().tick()
    ins.visit(app, visit, "passed", "BB-03/2025", visited_on=date(2025, 11, 21))


def _failed_ad_hoc(app: InspectionApp) -> None:
    """An ad-hoc inspection on a complaint that fails the product (R3, ground d)."""
    r3 = ins.certified(app, "Trà", on=date(2025, 5, 2), rule_set="R3")
    ad_hoc = app.visits.open_ad_hoc(
        ins.OFFICER,
        product_id=r3,
        trigger="complaint",
        note="Phản ánh của người tiêu dùng",
        planned_on=date(2025, 11, 21),
    )
    closed = {**ins.ALL_GOOD, "still_operating": (False, "Xưởng đóng cửa")}
    ins.visit(
        app,
        ad_hoc,
        "failed",
        "KL-05/2025",
        findings=closed,
        visited_on=date(2025, 11, 21),
        ground="d",
    )


HISTORIES: dict[str, Callable[[Settings], None]] = {
    "registration": registration_history,
    "evaluation": evaluation_history,
    "inspection": inspection_history,
    "promotion": promotion_history,
}


def record_histories(settings: Settings) -> None:
    """Every service's history in `settings.data_dir` (SQLite files)."""
    for history in HISTORIES.values():
        history(settings)

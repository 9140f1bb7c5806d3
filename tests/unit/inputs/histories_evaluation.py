"""Evaluation's history for the replay test (`histories.py`): every stored event type of
evaluation, through its commands, consumed events and scheduler, one story per function,
in the order they run."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

from contracts.envelope import Actor
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.settings import Settings
from services.evaluation.application import EvaluationApp
from services.evaluation.application.scheduler import CertificateScheduler
from services.evaluation.bootstrap import EvaluationService
from services.evaluation.bootstrap import build as build_evaluation
from tests.unit.evaluation import helpers as ev
from tests.unit.evaluation.certification import inspection_failed, recognised, refiled
from tests.unit.evaluation.helpers import PROVINCE_AUTHORITY
from tests.unit.evaluation.test_earlier_recognitions import SHA
from tests.unit.evaluation.test_earlier_recognitions import row as earlier_row
from tests.unit.evaluation.test_forwarding import forwarded_r1
from tests.unit.evaluation.test_upcasting import opened_v1, store_v1
from tests.unit.registration import test_follows_recognition as follows

PROVINCE = CommandContext(actor=Actor(id="so-nn", role="province_officer", jurisdiction="51"))
COUNCIL = ("chu-tich", "tv1", "tv2")
COUNCIL_OF_FOUR = (*COUNCIL, "tv3")


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 8, tzinfo=UTC)


def evaluation_history(settings: Settings) -> None:
    clock = FixedClock(_at(date(2026, 7, 1)))
    service = build_evaluation(settings, clock=clock)
    app = service.app
    try:
        _council_rounds(app)
        _forwarded_up(app)
        _revoked_after_inspection(app, clock)
        scheduler = _r1_district(app, clock, service)
        _renewals(app, clock, scheduler)
        _failed_reevaluation(app, clock)
        _first_version(app)
        _earlier_decisions(app, clock, scheduler)
    finally:
        app.close()


def _council_rounds(app: EvaluationApp) -> None:
    """A council's full round: conflict, advisory, rescore, meeting, adoption, decision."""
    event = ev.arrive(app)
    dossier = event.aggregate_id
    ev.council(app, dossier)
    app.councils.declare_conflict(
        ev.member("tv3"), dossier_id=dossier, member_id="tv3", reason="Con của chủ thể"
    )
    app.councils.record_advisory(
        ev.secretary(),
        dossier_id=dossier,
        kind="field_survey",
        on=date(2026, 6, 15),
        summary="Khảo sát vùng nguyên liệu",
    )
    ev.score_all(app, dossier, {"chu-tich": 60, "tv1": 72, "tv2": 61})
    app.councils.request_rescore(
        ev.secretary(), dossier_id=dossier, members=["tv1"], reason="Chênh lệch 12 điểm"
    )
    ev.score_all(app, dossier, {"tv1": 62})
    app.councils.adopt_result(ev.secretary(), dossier_id=dossier, adopted_on=date(2026, 6, 20))
    ev.decide(app, dossier, "12/QĐ-UBND", date(2026, 6, 28), signer="Chủ tịch UBND tỉnh")
    # a re-evaluation decided by written opinions, then a meeting
    again = ev.arrive(app, kind="re_evaluation")
    ev.council(app, again.aggregate_id)
    ev.score_all(app, again.aggregate_id, {"chu-tich": 63, "tv1": 63, "tv2": 63, "tv3": 75})
    app.councils.convene_meeting(ev.secretary(), dossier_id=again.aggregate_id)


def _forwarded_up(app: EvaluationApp) -> None:
    """Forwarded to the ministry, its result recorded; one returned from above."""
    up = ev.arrive(app)
    ev.adopt(app, up.aggregate_id, date(2026, 6, 25), dict.fromkeys(COUNCIL, 93), 5)
    app.forwarding.approve_and_forward(
        ev.AUTHORITY, dossier_id=up.aggregate_id, on=date(2026, 6, 26)
    )
    app.forwarding.record_higher_result(
        CommandContext(actor=Actor(id="bo-nnmt", role="ministry", jurisdiction="VN")),
        dossier_id=up.aggregate_id,
        result="returned",
        score="88.50",
        star=4,
        decision_no="",
        decided_on=date(2026, 6, 30),
        reason="Chưa đủ điều kiện 5 sao",
    )


def _revoked_after_inspection(app: EvaluationApp, clock: FixedClock) -> None:
    """Certificates: a revocation from an inspection failure; one left to expire."""
    product = recognised(app, number="13/QĐ-UBND")
    clock._at = _at(date(2027, 3, 5))
    ev.deliver(app, inspection_failed(product), "inspection")
    app.certificates.decide_revocation(
        ev.AUTHORITY,
        product_id=product,
        decision_no="9/QĐ-UBND",
        decided_on=date(2027, 3, 5),
        signer="Chủ tịch UBND tỉnh",
    )


def _r1_district(
    app: EvaluationApp, clock: FixedClock, service: EvaluationService
) -> CertificateScheduler:
    """R1: scored by the district, forwarded, returned by the province, re-evaluated."""
    clock._at = _at(date(2025, 6, 20))
    r1, _ = forwarded_r1(app)
    ev.returned_from_above(app, r1, PROVINCE_AUTHORITY, "64.5", date(2025, 6, 10))
    app.forwarding.reevaluate(ev.DISTRICT_OFFICER, dossier_id=r1)
    # an R1 certificate's expiry notice
    notice = ev.arrive(
        app,
        level="district",
        rule_set="R1",
        received=date(2025, 3, 2),
        assessed_on=date(2025, 3, 21),
    )
    ev.adopt(app, notice.aggregate_id, date(2025, 5, 20), dict.fromkeys(COUNCIL, 60), 3, "R1")
    ev.decide(
        app,
        notice.aggregate_id,
        "5/QĐ-UBND",
        date(2025, 5, 25),
        by=ev.DISTRICT_AUTHORITY,
        signer="Chủ tịch UBND huyện",
    )
    scheduler = service.scheduler()
    for day in (date(2028, 4, 24), date(2028, 4, 25)):
        clock._at = _at(day)
        scheduler.tick()
    return scheduler


def _renewals(app: EvaluationApp, clock: FixedClock, scheduler: CertificateScheduler) -> None:
    """Re-evaluated in time: the certificate superseded."""
    clock._at = _at(date(2026, 7, 1))
    renewed = recognised(app, number="14/QĐ-UBND")
    late = recognised(app, number="15/QĐ-UBND")
    overdue = recognised(app, number="16/QĐ-UBND")
    clock._at = _at(date(2027, 3, 1))
    app.certificates.open_revocation(
        ev.OFFICER,
        product_id=overdue,
        ground="d",
        reference="BB-3/2027",
        concluded_on=date(2027, 3, 1),
    )
    clock._at = _at(date(2027, 3, 17))
    scheduler.tick()
    clock._at = _at(date(2029, 1, 10))
    scheduler.tick()
    again = refiled(app, renewed, date(2029, 1, 5), date(2029, 1, 8))
    ev.adopt(app, again.aggregate_id, date(2029, 1, 9), dict.fromkeys(COUNCIL_OF_FOUR, 75), 4)
    ev.decide(app, again.aggregate_id, "40/QĐ-UBND", date(2029, 1, 10))
    # filed late: the decision overdue within the grace
    clock._at = _at(date(2029, 4, 1))
    refiled(app, late, date(2029, 3, 20), date(2029, 3, 28))


def _failed_reevaluation(app: EvaluationApp, clock: FixedClock) -> None:
    """A failed re-evaluation concludes, the old certificate kept."""
    clock._at = _at(date(2026, 7, 1))
    kept = recognised(app, number="17/QĐ-UBND")
    clock._at = _at(date(2029, 1, 20))
    failed = refiled(app, kept, date(2029, 1, 5), date(2029, 1, 8))
    ev.adopt(app, failed.aggregate_id, date(2029, 1, 19), dict.fromkeys(COUNCIL_OF_FOUR, 45))


def _first_version(app: EvaluationApp) -> None:
    """A first version's evaluation (its provisional `Scored`), as old stores hold it."""
    first = opened_v1(app, uuid4())
    ref = {"dossier_id": "", "product_id": "", "product_name": "", "product_set": 4}
    store_v1(
        app,
        first,
        2,
        "Scored",
        ref={**ref, "level": "province", "rule_set_id": "R3"},
        score=Decimal("65.50"),
        band=3,
        outcome="recognised",
        explanation="tạm thời",
        scored_on=date(2026, 6, 25),
    )


def _earlier_decisions(
    app: EvaluationApp, clock: FixedClock, scheduler: CertificateScheduler
) -> None:
    """A certificate of an earlier decision, imported from a province's register."""
    clock._at = _at(date(2026, 7, 1))
    app.earlier.record(
        ev.OFFICER,
        [earlier_row(2, score="72.5", star=4)],
        source_sha256=SHA,
        source_name="kontum.csv",
    )
    for day in (date(2029, 4, 1), date(2029, 7, 15), date(2030, 1, 1)):
        clock._at = _at(day)
        scheduler.tick()
    # a recognition of an earlier decision (ocop import portfolio), R0
    app.earlier.record(PROVINCE, [follows.earlier_row(2)], source_sha256="ab" * 32)

"""Histories that record every stored event type of every service, through the services'
own commands and consumed events (the same steps the services' unit tests take), each
service on its SQLite file in one data folder, as the embedded mode keeps them.

`record_histories(folder)` leaves `<service>.sqlite` files in `folder` for the replay
test (test_replay_extremes.py) to rewrite with extreme values and start the system on."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

from contracts.envelope import Actor
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.settings import Settings
from services.evaluation.bootstrap import build as build_evaluation
from services.inspection.application.visit_commands import Document
from services.inspection.bootstrap import build as build_inspection
from services.promotion.bootstrap import build as build_promotion
from services.registration.bootstrap import build as build_registration
from tests.unit.evaluation import helpers as ev
from tests.unit.evaluation.test_certificates import inspection_failed, recognised
from tests.unit.evaluation.test_earlier_recognitions import SHA
from tests.unit.evaluation.test_earlier_recognitions import row as earlier_row
from tests.unit.evaluation.test_forwarding import PROVINCE_AUTHORITY, forwarded_r1
from tests.unit.evaluation.test_upcasting import opened_v1, store_v1
from tests.unit.inspection import helpers as ins
from tests.unit.promotion import helpers as pro
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
        reg.assess(app, ctx, dossier, date(2026, 6, 12))
        app.assessment.forward_dossier(ctx, dossier_id=dossier, forwarded_on=date(2026, 6, 12))
        # an idea through every step to a product
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


def evaluation_history(settings: Settings) -> None:
    clock = FixedClock(_at(date(2026, 7, 1)))
    service = build_evaluation(settings, clock=clock)
    app = service.app
    try:
        # a council's full round: conflict, advisory, rescore, meeting, adoption, decision
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
        app.decisions.issue_decision(
            ev.AUTHORITY,
            decision_no="12/QĐ-UBND",
            decided_on=date(2026, 6, 28),
            signer="Chủ tịch UBND tỉnh",
            dossier_ids=[dossier],
        )
        # a re-evaluation decided by written opinions, then a meeting
        again = ev.arrive(app, kind="re_evaluation")
        ev.council(app, again.aggregate_id)
        ev.score_all(app, again.aggregate_id, {"chu-tich": 63, "tv1": 63, "tv2": 63, "tv3": 75})
        app.councils.convene_meeting(ev.secretary(), dossier_id=again.aggregate_id)
        # forwarded to the ministry, its result recorded; one returned from above
        up = ev.arrive(app)
        ev.council(app, up.aggregate_id)
        ev.score_all(app, up.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2"), 93), 5)
        app.councils.adopt_result(
            ev.secretary(), dossier_id=up.aggregate_id, adopted_on=date(2026, 6, 25)
        )
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
        # certificates: a revocation from an inspection failure; one left to expire
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
        # R1: scored by the district, forwarded, returned by the province, re-evaluated
        clock._at = _at(date(2025, 6, 20))
        r1, _ = forwarded_r1(app)
        app.forwarding.record_higher_result(
            CommandContext(actor=PROVINCE_AUTHORITY),
            dossier_id=r1,
            result="returned",
            score="64.5",
            star=0,
            decision_no="",
            decided_on=date(2025, 6, 10),
        )
        app.forwarding.reevaluate(ev.DISTRICT_OFFICER, dossier_id=r1)
        # an R1 certificate's expiry notice
        notice = ev.arrive(
            app,
            level="district",
            rule_set="R1",
            received=date(2025, 3, 2),
            assessed_on=date(2025, 3, 21),
        )
        ev.council(app, notice.aggregate_id)
        ev.score_all(
            app, notice.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2"), 60), 3, "R1"
        )
        app.councils.adopt_result(
            ev.secretary(), dossier_id=notice.aggregate_id, adopted_on=date(2025, 5, 20)
        )
        app.decisions.issue_decision(
            ev.DISTRICT_AUTHORITY,
            decision_no="5/QĐ-UBND",
            decided_on=date(2025, 5, 25),
            signer="Chủ tịch UBND huyện",
            dossier_ids=[notice.aggregate_id],
        )
        scheduler = service.scheduler()
        for day in (date(2028, 4, 24), date(2028, 4, 25)):
            clock._at = _at(day)
            scheduler.tick()
        # re-evaluated in time: the certificate superseded
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
        again = ev.arrive(
            app,
            kind="re_evaluation",
            product_id=renewed,
            received=date(2029, 1, 5),
            assessed_on=date(2029, 1, 8),
        )
        ev.council(app, again.aggregate_id)
        ev.score_all(
            app, again.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2", "tv3"), 75), 4
        )
        app.councils.adopt_result(
            ev.secretary(), dossier_id=again.aggregate_id, adopted_on=date(2029, 1, 9)
        )
        app.decisions.issue_decision(
            ev.AUTHORITY,
            decision_no="40/QĐ-UBND",
            decided_on=date(2029, 1, 10),
            signer="Chủ tịch",
            dossier_ids=[again.aggregate_id],
        )
        # filed late: the decision overdue within the grace
        clock._at = _at(date(2029, 4, 1))
        ev.arrive(
            app,
            kind="re_evaluation",
            product_id=late,
            received=date(2029, 3, 20),
            assessed_on=date(2029, 3, 28),
        )
        # a failed re-evaluation concludes, the old certificate kept
        clock._at = _at(date(2026, 7, 1))
        kept = recognised(app, number="17/QĐ-UBND")
        clock._at = _at(date(2029, 1, 20))
        failed = ev.arrive(
            app,
            kind="re_evaluation",
            product_id=kept,
            received=date(2029, 1, 5),
            assessed_on=date(2029, 1, 8),
        )
        ev.council(app, failed.aggregate_id)
        ev.score_all(app, failed.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2", "tv3"), 45))
        app.councils.adopt_result(
            ev.secretary(), dossier_id=failed.aggregate_id, adopted_on=date(2029, 1, 19)
        )
        # a first version's evaluation (its provisional `Scored`), as old stores hold it
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
        # a certificate of an earlier decision, imported from a province's register
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
    finally:
        app.close()


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
        bad = {**ins.ALL_GOOD, "mark_use": (False, "Dán nhãn 4 sao cho sản phẩm 3 sao")}
        app.visits.record_visit(
            ins.OFFICER,
            inspection_id=visit.id,
            visited_on=date(2025, 11, 6),
            team=ins.TEAM,
            findings=bad,
            outcome="remediation",
            conclusion_no="BB-02/2025",
            deadline=date(2025, 11, 15),
            evidence=[Document("xuong.jpg", "image/jpeg", b"\xff\xd8 photo")],
        )
        clock.advance(timedelta(days=1))
        service.scheduler().tick()
        app.visits.record_visit(
            ins.OFFICER,
            inspection_id=visit.id,
            visited_on=date(2025, 11, 21),
            team=ins.TEAM,
            findings=ins.ALL_GOOD,
            outcome="passed",
            conclusion_no="BB-03/2025",
        )
        r3 = ins.certified(app, "Trà", on=date(2025, 5, 2), rule_set="R3")
        ad_hoc = app.visits.open_ad_hoc(
            ins.OFFICER,
            product_id=r3,
            trigger="complaint",
            note="Phản ánh của người tiêu dùng",
            planned_on=date(2025, 11, 21),
        )
        app.visits.record_visit(
            ins.OFFICER,
            inspection_id=ad_hoc.id,
            visited_on=date(2025, 11, 21),
            team=ins.TEAM,
            findings={**ins.ALL_GOOD, "still_operating": (False, "Xưởng đóng cửa")},
            outcome="failed",
            ground="d",
            conclusion_no="KL-05/2025",
        )
        checked = app.plans.schedule(
            ins.OFFICER, plan_id=plan.id, product_id=late, planned_on=date(2025, 11, 19)
        )
        app.visits.record_visit(
            ins.OFFICER,
            inspection_id=checked.id,
            visited_on=date(2025, 11, 19),
            team=ins.TEAM,
            findings=ins.ALL_GOOD,
            outcome="passed",
            conclusion_no="BB-04/2025",
        )
        ins.revoke(app, late, date(2025, 11, 21))
        dropped = ins.certified(app, "Sâm dây", on=date(2025, 10, 21))
        app.plans.add(ins.OFFICER, plan_id=plan.id, product_id=dropped)
        ins.revoke(app, dropped, date(2025, 11, 21))
    finally:
        app.close()


def promotion_history(settings: Settings) -> None:
    clock = FixedClock(_at(date(2025, 11, 20)))
    service = build_promotion(settings, clock=clock)
    app = service.app
    office = pro.OFFICE
    try:
        who = pro.producer(app)
        coffee = pro.product(app, who)
        honey = pro.product(app, who, "Mật ong")
        app.plans.adopt(
            office,
            year=2025,
            title="Kế hoạch xúc tiến thương mại sản phẩm OCOP năm 2025",
            budget_lines=[
                {
                    "code": "NTM-1",
                    "label": "Hỗ trợ hội chợ",
                    "amount_vnd": 150_000_000,
                    "funding_source": "ntp_new_rural",
                },
            ],
            activities=[
                {"code": "HC-1", "title": "Hội chợ", "kind": "fair", "budget_line": "NTM-1"}
            ],
        )
        app.plans.add_activity(
            office,
            year=2025,
            entry={"code": "TT-1", "title": "Phóng sự", "kind": "campaign"},
        )
        app.outreach.campaign(
            office,
            title="Phóng sự OCOP Đăk Hà",
            channel="television",
            audience="Người dân trong tỉnh",
            held_on=date(2025, 5, 2),
            activity_code="TT-1",
        )
        app.plans.complete(office, year=2025, code="TT-1")
        app.outreach.training(
            office,
            topic="Bán hàng trên sàn thương mại điện tử",
            organiser="Sở Công Thương",
            starts_on=date(2025, 6, 10),
            ends_on=date(2025, 6, 11),
            participants={"official": 15, "producer": 40},
        )
        app.outreach.grant(
            office,
            producer_id=who,
            kind="design",
            amount_vnd=25_000_000,
            funding_source="ntp_new_rural",
            granted_on=date(2025, 4, 2),
            note="Thiết kế bao bì",
        )
        room = pro.showroom(app)
        app.venues.display(office, showroom_id=room, product_id=coffee, since=date(2025, 3, 2))
        app.venues.take_down(office, showroom_id=room, product_id=coffee, on=date(2025, 9, 1))
        app.venues.display(office, showroom_id=room, product_id=honey, since=date(2025, 9, 5))
        other = app.venues.open_showroom(
            office,
            name="Điểm bán sản phẩm OCOP xã Hà Mòn",
            address="Thôn 1, xã Hà Mòn",
            commune_code="23500",
            province_code=pro.PROVINCE,
            district_code=pro.DISTRICT,
            operator="HTX Hà Mòn",
            opened_on=date(2025, 3, 1),
        ).id
        app.venues.close_showroom(office, showroom_id=other, closed_on=date(2025, 10, 1))
        fair = app.venues.record_fair(
            office,
            name="Hội chợ OCOP khu vực miền Trung - Tây Nguyên",
            place="outside",
            location="TP Đà Nẵng",
            starts_on=date(2025, 7, 10),
            ends_on=date(2025, 7, 14),
            organiser="Sở Công Thương Đà Nẵng",
        )
        app.venues.participate(office, fair_id=fair.id, product_id=coffee)
        app.venues.participate(office, fair_id=fair.id, product_id=honey)
        app.venues.record_result(
            office, fair_id=fair.id, product_id=coffee, contracts=2, sales_vnd=48_500_000
        )
        joined = app.channels.join(
            office,
            producer_id=who,
            channel_type="postal_ecommerce",
            partner="postmart.vn",
            since=date(2025, 2, 1),
            product_ids=[coffee, honey],
        )
        app.channels.join(
            office,
            producer_id=who,
            channel_type="supermarket",
            partner="Co.opmart",
            since=date(2025, 2, 1),
            product_ids=[honey],
        )
        app.channels.leave(
            office, producer_id=who, channel_id=next(iter(joined.channels)), on=date(2025, 8, 31)
        )
        for until in (None, date(2025, 10, 1)):
            linked = app.channels.link(
                office,
                producer_id=who,
                raw_material_area="Vùng cà phê xã Hà Mòn",
                area="120.5",
                area_unit="ha",
                partner_kind="cooperative_members",
                partner=f"48 hộ thành viên {until or ''}",
                contract_no="HĐLK-05/2025",
                since=date(2025, 1, 15),
            )
            if until is not None:
                link = next(iter(linked.chains))
                app.channels.end_link(office, producer_id=who, link_id=link, on=until)
        coming = app.venues.record_fair(
            office,
            name="Hội chợ Xuân",
            place="inside",
            location="Quảng trường 16/3",
            starts_on=date(2026, 1, 20),
            ends_on=date(2026, 1, 25),
            organiser="Sở Công Thương",
        )
        app.venues.participate(office, fair_id=coming.id, product_id=honey)
        pro.revoke(app, honey, date(2025, 11, 1))
        pro.expire(app, pro.product(app, who, "Trà"), date(2025, 11, 2))
    finally:
        app.close()


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

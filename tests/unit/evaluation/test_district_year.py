"""A Kon Tum district's year under R1 (issue 13): the district opens its own round and finds
its dossiers there; another district may not act on them; the round is named by its period,
not picked by the day it is opened; dates that cannot be are refused with the field named."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

import pytest

from contracts.envelope import Actor
from runtime.commands import CommandContext
from services.evaluation.adapters import grpc_views as views
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.rounds import Round
from tests.unit.evaluation.helpers import (
    MEMBERS,
    OFFICER,
    SECRETARY,
    arrive,
    decide,
    mark,
    refused,
    score_all,
    secretary,
)

DAK_HA = "615"
NGOC_HOI = "612"


def officer(district: str) -> CommandContext:
    return CommandContext(
        Actor(id=f"phong-nn-{district}", role="district_officer", jurisdiction=district)
    )


def chairman(district: str) -> CommandContext:
    return CommandContext(Actor(id=f"ct-{district}", role="authority", jurisdiction=district))


def r1_dossier(app: EvaluationApp, forwarded: date = date(2025, 4, 20)) -> UUID:
    """A Đăk Hà (615) dossier under R1 forwarded to the district council on `forwarded`."""
    event = arrive(
        app,
        level="district",
        rule_set="R1",
        received=date(2025, 3, 1),
        assessed_on=forwarded,
        district=DAK_HA,
    )
    return event.aggregate_id


def appoint_council(app: EvaluationApp, round_id: UUID) -> None:
    """Đăk Hà's officer appoints a chair, three members and a secretary."""
    for name in MEMBERS:
        role = "chair" if name == "chu-tich" else "member"
        app.councils.appoint_member(
            officer(DAK_HA), round_id=round_id, member_id=name, name=name, role=role
        )
    app.councils.appoint_member(
        officer(DAK_HA), round_id=round_id, member_id=SECRETARY, name="Thư ký", role="secretary"
    )


def adopted_3_star(app: EvaluationApp, adopted_on: date) -> UUID:
    """An R1 Đăk Hà dossier scored 60 by the district's May council, adopted `adopted_on`."""
    dossier = r1_dossier(app)
    round_ = app.councils.open_round(
        officer(DAK_HA), level="district", jurisdiction=DAK_HA, on=date(2025, 4, 25)
    )
    appoint_council(app, round_.id)
    score_all(app, dossier, dict.fromkeys(("chu-tich", "tv1", "tv2"), 60), 3, "R1")
    app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=adopted_on)
    return dossier


def district_decision(app: EvaluationApp, dossier: UUID) -> Any:
    """Đăk Hà's chairman recognises the dossier by decision 45/QĐ-UBND of 25/05/2025."""
    return decide(
        app,
        dossier,
        "45/QĐ-UBND",
        date(2025, 5, 25),
        by=chairman(DAK_HA),
        signer="Chủ tịch UBND huyện Đăk Hà",
    )


def test_a_district_opens_its_own_round_and_its_dossiers_are_in_it(app: EvaluationApp) -> None:
    dossier = r1_dossier(app)
    evaluation = app.get_evaluation(dossier)
    assert (evaluation.path.district, evaluation.path.province) == (DAK_HA, "51")

    round_ = app.councils.open_round(
        officer(DAK_HA), level="district", jurisdiction=DAK_HA, on=date(2025, 4, 25)
    )
    assert round_.id == evaluation.round_id
    assert (round_.jurisdiction, round_.name_vi) == (DAK_HA, "Đợt tháng 5")
    assert app.dossiers_in(round_.id) == [dossier]
    # The province's code is not the district's round: the district officer may not open it
    error = refused(
        app.councils.open_round,
        ctx=officer(DAK_HA),
        level="district",
        jurisdiction="51",
        on=date(2025, 4, 25),
    )
    assert (error.kind, error.field) == ("permission_denied", "actor.jurisdiction")


def test_the_round_is_named_by_its_period_not_by_the_opening_day(app: EvaluationApp) -> None:
    dossier = r1_dossier(app)
    # opened after the May cut-off (30/04): still the May round, which holds the dossier
    may = app.councils.open_round(
        officer(DAK_HA), level="district", jurisdiction=DAK_HA, on=date(2025, 5, 5)
    )
    assert (may.name_vi, may.forwarded_by, may.decided_by) == (
        "Đợt tháng 5",
        date(2025, 4, 30),
        date(2025, 5, 31),
    )
    assert may.id == app.get_evaluation(dossier).round_id
    again = refused(
        app.councils.open_round,
        ctx=officer(DAK_HA),
        level="district",
        jurisdiction=DAK_HA,
        on=date(2025, 5, 6),
        period="05/2025",
    )
    assert (again.kind, again.field) == ("already_exists", "period")


def test_r3_province_rounds_are_chosen_by_period(app: EvaluationApp) -> None:
    second = app.councils.open_round(
        OFFICER, level="province", jurisdiction="51", on=date(2026, 6, 12), period="12/2026"
    )
    assert (second.name_vi, second.decided_by) == ("Đợt 2", date(2026, 12, 30))
    first = app.councils.open_round(
        OFFICER, level="province", jurisdiction="51", on=date(2026, 6, 12), period="2026-06"
    )
    assert (first.name_vi, first.forwarded_by) == ("Đợt 1", date(2026, 4, 30))
    for period, field in (("13/2026", "period"), ("03/2026", "period")):
        error = refused(
            app.councils.open_round,
            ctx=OFFICER,
            level="province",
            jurisdiction="51",
            on=date(2026, 6, 12),
            period=period,
        )
        assert (error.kind, error.field) == ("invalid_argument", field)


def test_another_district_neither_appoints_nor_decides(app: EvaluationApp) -> None:
    dossier = r1_dossier(app)
    round_ = app.councils.open_round(
        officer(DAK_HA), level="district", jurisdiction=DAK_HA, on=date(2025, 4, 25)
    )
    error = refused(
        app.councils.appoint_member,
        ctx=officer(NGOC_HOI),
        round_id=round_.id,
        member_id="x",
        name="X",
        role="chair",
    )
    assert (error.kind, error.field) == ("permission_denied", "actor.jurisdiction")
    appoint_council(app, round_.id)
    assert len(app.get_round(round_.id).members) == 5
    score_all(app, dossier, dict.fromkeys(("chu-tich", "tv1", "tv2"), 60), 3, "R1")
    app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=date(2025, 5, 20))

    before = mark(app)
    error = refused(
        app.decisions.issue_decision,
        ctx=chairman(NGOC_HOI),
        decision_no="7/QĐ-UBND",
        decided_on=date(2025, 5, 25),
        signer="Chủ tịch UBND huyện Ngọc Hồi",
        dossier_ids=[dossier],
    )
    assert (error.kind, error.field) == ("permission_denied", "actor.jurisdiction")
    assert mark(app) == before
    decision = district_decision(app, dossier)
    assert (decision.authority, decision.jurisdiction) == ("district", DAK_HA)
    certificate = app.get_certification(app.get_evaluation(dossier).product_id).cert()
    assert certificate is not None and certificate["issuer"].endswith(DAK_HA)


def test_the_opening_date_cannot_be_in_the_future(app: EvaluationApp) -> None:
    error = refused(
        app.councils.open_round,
        ctx=OFFICER,
        level="province",
        jurisdiction="51",
        on=date(2027, 1, 29),
    )
    assert (error.kind, error.field) == ("invalid_argument", "on")
    assert app.find(Round.id_for("province", "51", None, None), Round) is None


def test_an_expired_certificate_is_never_current(app: EvaluationApp) -> None:
    """Issue 13 item 5 (evaluation side): past its last day a certificate is not called
    current, whether or not the scheduler has recorded the expiry yet."""
    dossier = adopted_3_star(app, date(2025, 5, 20))
    district_decision(app, dossier)
    certification = app.get_certification(app.get_evaluation(dossier).product_id)
    held = certification.holding()
    assert held is not None and held["status"] not in ("expired",)
    last = held["valid_to"]
    assert views.certificates_view(certification, last).current == held["number"]
    assert views.certificates_view(certification, last + timedelta(days=1)).current == ""
    assert certification.in_force_on(last + timedelta(days=1)) is None


@pytest.mark.parametrize(
    ("on", "period", "field"),
    [
        (date(2025, 7, 1), "", "level"),  # the first day without districts (R1 filings still)
        (date(2025, 11, 5), "", "level"),  # the Kon Tum plan's November round, under R2
        (date(2025, 11, 5), "11/2025", "level"),
        (date(2025, 5, 5), "11/2025", "period"),  # opened in May, for a round decided later
        (date(2026, 6, 1), "", "level"),  # R3: no district at all
    ],
)
def test_no_district_round_after_30_06_2025(
    app: EvaluationApp, on: date, period: str, field: str
) -> None:
    """Issue 12 (abolished tiers): a district round opened or named after the two-level
    reform is refused with the field and the legal reason in both languages, never
    scheduled as an unscheduled or a local-plan round."""
    before = mark(app)
    error = refused(
        app.councils.open_round,
        ctx=officer(DAK_HA),
        level="district",
        jurisdiction=DAK_HA,
        on=on,
        period=period,
    )
    assert (error.kind, error.field) == ("failed_precondition", field)
    assert "cấp huyện chấm dứt từ sau ngày 30/06/2025" in error.vi
    assert "Nghị quyết 202/2025/QH15" in error.vi and "1489/QĐ-TTg" in error.vi
    assert "the district tier ended on 30/06/2025" in error.en
    assert "its roles belong to the province" in error.en
    assert mark(app) == before


def test_the_last_district_day_still_opens_a_round_decided_by_then(app: EvaluationApp) -> None:
    """On 30/06/2025 a district may still open a round (no plan round is left): it is
    decided by the district's last day, not by 31/12."""
    round_ = app.councils.open_round(
        officer(DAK_HA), level="district", jurisdiction=DAK_HA, on=date(2025, 6, 30)
    )
    assert (round_.forwarded_by, round_.decided_by) == (None, date(2025, 6, 30))


def test_a_district_chairman_after_the_reform_is_told_why(app: EvaluationApp) -> None:
    """A district result adopted on 30/06/2025 and signed by the district on 01/07/2025:
    refused, naming the reform and the province that now decides."""
    dossier = adopted_3_star(app, date(2025, 6, 30))
    error = refused(
        app.decisions.issue_decision,
        ctx=chairman(DAK_HA),
        decision_no="50/QĐ-UBND",
        decided_on=date(2025, 7, 1),
        signer="Chủ tịch UBND huyện Đăk Hà",
        dossier_ids=[dossier],
    )
    assert (error.kind, error.field) == ("permission_denied", "actor")
    assert "cấp huyện chấm dứt từ sau ngày 30/06/2025" in error.vi
    assert "nhiệm vụ thuộc cấp tỉnh" in error.vi
    assert "the district tier ended on 30/06/2025" in error.en


def test_the_authority_and_issuer_read_in_english(app: EvaluationApp) -> None:
    """Issue 13 item 11: with --lang en the decision's authority and the certificate's
    issuer are rendered from their codes (the issuer as stored names its tier in
    Vietnamese), never left in Vietnamese; Vietnamese stays as recorded."""
    dossier = adopted_3_star(app, date(2025, 5, 20))
    decision = district_decision(app, dossier)
    assert views.decision_view(decision, "en").authority == "the district People's Committee 615"
    assert views.decision_view(decision, "vi").authority == "UBND cấp huyện 615"
    certification = app.get_certification(app.get_evaluation(dossier).product_id)
    (english,) = views.certificates_view(certification, lang="en").certificates
    (vietnamese,) = views.certificates_view(certification).certificates
    assert english.issuer == "the district People's Committee 615"
    assert vietnamese.issuer == "UBND cấp huyện 615"

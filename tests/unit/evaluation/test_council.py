"""Councils that cannot be gamed: quorum, conflicts of interest, independent scoring,
divergence forcing a re-score, written opinions for re-evaluations."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from contracts.envelope import Actor
from runtime.commands import CommandContext
from services.evaluation.application import EvaluationApp
from tests.unit.evaluation.helpers import (
    OFFICER,
    arrive,
    council,
    mark,
    member,
    refused,
    score_all,
    secretary,
)
from tests.unit.evaluation.sheets import choices_for

ADOPT_ON = date(2026, 6, 25)


def ready(app: EvaluationApp) -> UUID:
    event = arrive(app)
    council(app, event.aggregate_id)
    return event.aggregate_id


def test_quorum_not_met_blocks_adoption(app: EvaluationApp) -> None:
    dossier = ready(app)
    score_all(app, dossier, {"chu-tich": 60, "tv1": 61})  # 2 of 4: below 75 %
    before = mark(app)
    error = refused(app.councils.adopt_result, secretary(), dossier_id=dossier, adopted_on=ADOPT_ON)
    assert (error.kind, error.field) == ("failed_precondition", "sheets")
    assert "2 of 4" in error.en and "75%" in error.en
    assert mark(app) == before
    score_all(app, dossier, {"tv2": 62})
    assert app.councils.adopt_result(
        secretary(), dossier_id=dossier, adopted_on=ADOPT_ON
    ).status == ("awaiting_decision")


def test_no_result_without_the_chair(app: EvaluationApp) -> None:
    dossier = ready(app)
    score_all(app, dossier, {"tv1": 60, "tv2": 61, "tv3": 62})
    error = refused(app.councils.adopt_result, secretary(), dossier_id=dossier, adopted_on=ADOPT_ON)
    assert "chair" in error.en


def test_only_the_chair_or_secretary_adopts(app: EvaluationApp) -> None:
    dossier = ready(app)
    score_all(app, dossier, {"chu-tich": 60, "tv1": 61, "tv2": 62})
    error = refused(
        app.councils.adopt_result, member("tv1"), dossier_id=dossier, adopted_on=ADOPT_ON
    )
    assert error.kind == "permission_denied"
    assert app.councils.adopt_result(
        member("chu-tich"), dossier_id=dossier, adopted_on=ADOPT_ON
    ).score


def test_a_conflicted_member_is_refused(app: EvaluationApp) -> None:
    dossier = ready(app)
    app.councils.declare_conflict(
        member("tv3"), dossier_id=dossier, member_id="tv3", reason="Con của chủ thể"
    )
    before = mark(app)
    error = refused(
        app.councils.submit_sheet, member("tv3"), dossier_id=dossier, choices=choices_for(60)
    )
    assert (error.kind, error.field) == ("permission_denied", "member_id")
    assert mark(app) == before
    # the quorum counts the members who may score: 3 of 3 eligible
    score_all(app, dossier, {"chu-tich": 60, "tv1": 61, "tv2": 62})
    assert (
        app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=ADOPT_ON).score
        is not None
    )


def test_a_conflict_is_declared_before_scoring_and_by_the_right_people(app: EvaluationApp) -> None:
    dossier = ready(app)
    score_all(app, dossier, {"tv1": 60})
    assert (
        refused(
            app.councils.declare_conflict,
            member("tv1"),
            dossier_id=dossier,
            member_id="tv1",
            reason="x",
        ).kind
        == "failed_precondition"
    )
    assert (
        refused(
            app.councils.declare_conflict,
            member("tv1"),
            dossier_id=dossier,
            member_id="tv2",
            reason="x",
        ).kind
        == "permission_denied"
    )
    assert (
        refused(
            app.councils.declare_conflict,
            secretary(),
            dossier_id=dossier,
            member_id="nobody",
            reason="x",
        ).field
        == "member_id"
    )


def test_a_member_cannot_read_others_before_submitting(app: EvaluationApp) -> None:
    dossier = ready(app)
    score_all(app, dossier, {"chu-tich": 60, "tv1": 64})
    error = refused(app.councils.sheets_for, member("tv2"), dossier_id=dossier)
    assert error.kind == "permission_denied" and "own" in error.en
    # the secretary sees who has scored, not the scores
    seen = app.councils.sheets_for(secretary(), dossier_id=dossier)
    assert (
        seen["submitted"] == ["chu-tich", "tv1"] and seen["sheets"] == {} and seen["mean"] is None
    )
    # outsiders see nothing before adoption
    assert refused(app.councils.sheets_for, OFFICER, dossier_id=dossier).kind == "permission_denied"
    score_all(app, dossier, {"tv2": 62})
    seen = app.councils.sheets_for(member("tv2"), dossier_id=dossier)
    assert set(seen["sheets"]) == {"chu-tich", "tv1", "tv2"} and seen["mean"] == "62.00"
    app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=ADOPT_ON)
    assert app.councils.sheets_for(OFFICER, dossier_id=dossier)["mean"] == "62.00"
    outsider = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer"))
    assert (
        refused(app.councils.sheets_for, outsider, dossier_id=dossier).kind == "permission_denied"
    )


def test_only_council_members_score_and_only_once(app: EvaluationApp) -> None:
    dossier = ready(app)
    assert (
        refused(
            app.councils.submit_sheet,
            member("outsider"),
            dossier_id=dossier,
            choices=choices_for(60),
        ).kind
        == "permission_denied"
    )
    assert (
        refused(
            app.councils.submit_sheet, secretary(), dossier_id=dossier, choices=choices_for(60)
        ).kind
        == "permission_denied"
    )
    score_all(app, dossier, {"tv1": 60})
    assert (
        refused(
            app.councils.submit_sheet, member("tv1"), dossier_id=dossier, choices=choices_for(70)
        ).kind
        == "failed_precondition"
    )


def test_divergence_forces_a_rescore(app: EvaluationApp) -> None:
    dossier = ready(app)
    score_all(app, dossier, {"chu-tich": 60, "tv1": 72, "tv2": 65})  # 12 points apart
    before = mark(app)
    error = refused(app.councils.adopt_result, secretary(), dossier_id=dossier, adopted_on=ADOPT_ON)
    assert error.kind == "failed_precondition" and "12 points apart" in error.en
    assert mark(app) == before
    app.councils.request_rescore(
        secretary(), dossier_id=dossier, members=["tv1"], reason="Chênh lệch 12 điểm"
    )
    assert app.get_evaluation(dossier).sheets.keys() == {"chu-tich", "tv2"}
    score_all(app, dossier, {"tv1": 66})
    evaluation = app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=ADOPT_ON)
    assert (str(evaluation.score), evaluation.star) == ("63.67", 3)


def test_re_evaluations_are_decided_by_written_opinions_under_r3(app: EvaluationApp) -> None:
    event = arrive(app, kind="re_evaluation")
    dossier = event.aggregate_id
    council(app, dossier)
    assert app.get_evaluation(dossier).mode == "written"
    score_all(app, dossier, {"chu-tich": 60, "tv1": 61, "tv2": 62})
    error = refused(app.councils.adopt_result, secretary(), dossier_id=dossier, adopted_on=ADOPT_ON)
    assert "tv3" in error.en  # every member gives a written opinion
    score_all(app, dossier, {"tv3": 75})
    error = refused(app.councils.adopt_result, secretary(), dossier_id=dossier, adopted_on=ADOPT_ON)
    assert "must meet" in error.en  # opinions diverge: a meeting
    app.councils.convene_meeting(secretary(), dossier_id=dossier)
    app.councils.request_rescore(secretary(), dossier_id=dossier, members=["tv3"])
    score_all(app, dossier, {"tv3": 63})
    assert app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=ADOPT_ON).star == 3


def test_first_evaluations_meet_and_r1_reevaluations_too(app: EvaluationApp) -> None:
    event = arrive(
        app,
        kind="re_evaluation",
        level="district",
        rule_set="R1",
        received=date(2025, 3, 1),
        assessed_on=date(2025, 3, 20),
    )
    assert app.get_evaluation(event.aggregate_id).mode == "meeting"
    assert refused(
        app.councils.convene_meeting, secretary(), dossier_id=event.aggregate_id
    ).kind in ("failed_precondition",)


def test_advisory_team_records(app: EvaluationApp) -> None:
    dossier = ready(app)
    app.councils.record_advisory(
        secretary(),
        dossier_id=dossier,
        kind="field_survey",
        on=date(2026, 6, 15),
        summary="Khảo sát vùng nguyên liệu, đạt",
    )
    app.councils.record_advisory(
        OFFICER,
        dossier_id=dossier,
        kind="extra_test",
        on=date(2026, 6, 18),
        summary="Kiểm nghiệm bổ sung hàm lượng cafein",
    )
    assert [a["kind"] for a in app.get_evaluation(dossier).advisory] == [
        "field_survey",
        "extra_test",
    ]
    assert (
        refused(
            app.councils.record_advisory,
            member("tv1"),
            dossier_id=dossier,
            kind="field_survey",
            on=date(2026, 6, 15),
            summary="x",
        ).kind
        == "permission_denied"
    )
    assert (
        refused(
            app.councils.record_advisory,
            secretary(),
            dossier_id=dossier,
            kind="visit",
            on=date(2026, 6, 15),
            summary="x",
        ).field
        == "kind"
    )

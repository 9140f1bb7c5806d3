"""Dossiers arrive with tracking, join their round, and boundary scores go through the
whole decision path (council result, decision, certificate) under the rule sets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from contracts import topics
from contracts.evaluation import ForwardedToProvince, Recognized, Scored
from services.evaluation.adapters import outbound
from services.evaluation.application import EvaluationApp
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    R1_DISTRICT,
    SCORERS,
    adopt,
    arrive,
    assessed,
    council,
    decide,
    kinds,
    mark,
    published,
    score_all,
    secretary,
)

__all__ = ["assessed"]  # the integration tier reuses it


def test_a_forwarded_dossier_opens_an_evaluation_in_its_round(app: EvaluationApp) -> None:
    event = arrive(app, received=date(2027, 3, 1), assessed_on=date(2027, 4, 20))
    evaluation = app.get_evaluation(event.aggregate_id)
    assert (evaluation.status, evaluation.level, evaluation.rule_set_id, evaluation.mode) == (
        "open",
        "province",
        "R3",
        "meeting",
    )
    assert published(app) == []  # opening is internal
    council(app, event.aggregate_id)
    round_ = app.get_round(evaluation.round_id)
    # R3 Art. 5.1: forwarded by 30/04 -> the round decided by 30/06
    assert (round_.forwarded_by, round_.decided_by, round_.source) == (
        date(2027, 4, 30),
        date(2027, 6, 30),
        "R3",
    )
    later = arrive(app, received=date(2027, 3, 1), assessed_on=date(2027, 6, 12))
    assert app.get_evaluation(later.aggregate_id).round_id != evaluation.round_id
    assert app.dossiers_in(evaluation.round_id) == [event.aggregate_id]


def test_the_district_plan_rounds_apply_to_r1_district_dossiers(app: EvaluationApp) -> None:
    event = arrive(app, **R1_DISTRICT)
    council(app, event.aggregate_id)
    round_ = app.get_round(app.get_evaluation(event.aggregate_id).round_id)
    assert (round_.name_en, round_.decided_by, round_.source) == (
        "May round",
        date(2025, 5, 31),
        "kontum-district-2025",
    )


def test_the_same_event_twice_changes_nothing(app: EvaluationApp) -> None:
    event = assessed()
    app.process_event(event, Tracking("registration@x#0", 7))
    before = app.recorder.max_notification_id()
    with pytest.raises(IntegrityError):
        app.process_event(event, Tracking("registration@x#0", 7))
    assert app.recorder.max_notification_id() == before


@pytest.mark.parametrize(
    ("totals", "keep", "mean", "outcome", "status", "star"),
    [
        ((30, 30, 30, 29), 3, "29.75", "not_recognised", "not_recognised", 1),
        ((30, 30, 30, 30), 3, "30.00", "not_recognised", "not_recognised", 2),
        ((50, 50, 50, 49), 3, "49.75", "not_recognised", "not_recognised", 2),
        ((50, 50, 50, 50), 3, "50.00", "recognised", "awaiting_decision", 3),
        ((70, 70, 70, 69), 4, "69.75", "recognised", "awaiting_decision", 3),
        ((70, 70, 70, 70), 4, "70.00", "recognised", "awaiting_decision", 4),
        ((70, 70, 70, 70), 3, "70.00", "recognised", "awaiting_decision", 3),  # capped
        ((90, 90, 90, 89), 5, "89.75", "recognised", "awaiting_decision", 4),
        ((90, 90, 90, 90), 5, "90.00", "forwarded", "awaiting_approval", 5),
    ],
)
def test_boundary_scores_through_the_whole_decision_path(
    app: EvaluationApp,
    totals: tuple[int, ...],
    keep: int,
    mean: str,
    outcome: str,
    status: str,
    star: int,
) -> None:
    event = arrive(app)
    council(app, event.aggregate_id)
    score_all(
        app,
        event.aggregate_id,
        dict(zip(("chu-tich", "tv1", "tv2", "tv3"), totals, strict=True)),
        keep,
    )
    start = mark(app)
    evaluation = app.councils.adopt_result(
        secretary(), dossier_id=event.aggregate_id, adopted_on=date(2026, 6, 25)
    )
    assert (str(evaluation.score), evaluation.outcome, evaluation.status, evaluation.star) == (
        mean,
        outcome,
        status,
        star,
    )
    out = published(app, start)
    scored = out[0][1]
    assert isinstance(scored, Scored)
    assert scored.score == Decimal(mean) and scored.members_scoring == 4
    assert "R3" in scored.explanation and "chu-tich" not in scored.explanation
    assert kinds(out) == ["Scored"]
    if status != "awaiting_decision":
        with pytest.raises(Exception) as refused:
            decide(app, event.aggregate_id, "1/QĐ", date(2026, 6, 28), signer="A")
        assert getattr(refused.value, "kind", "") == "failed_precondition"
        return
    start = mark(app)
    decide(app, event.aggregate_id, "12/QĐ-UBND", date(2026, 6, 28), signer="Nguyễn Văn A")
    out = published(app, start)
    assert kinds(out) == ["Recognized"]
    recognized = out[0][1]
    assert isinstance(recognized, Recognized)
    assert (recognized.star, recognized.decision_no, recognized.valid_to) == (
        star,
        "12/QĐ-UBND",
        date(2029, 6, 28),
    )
    assert recognized.legal_basis == "26/2026/QĐ-TTg" and recognized.rule_set_id == "R3"
    assert recognized.actor.role == "authority"
    certificate = app.get_certification(event.product_id).holding()
    assert certificate is not None and certificate["star"] == star


def test_one_decision_covers_several_products(app: EvaluationApp) -> None:
    dossiers = [arrive(app) for _ in range(3)]
    for event, total in zip(dossiers, (55, 65, 75), strict=True):
        adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, total), 4)
    decision = decide(app, [e.aggregate_id for e in dossiers], "99/QĐ-UBND", date(2026, 6, 29))
    assert [i["star"] for i in decision.items] == [3, 3, 4]
    assert len({i["certificate_no"] for i in decision.items}) == 3


def test_ninety_is_approved_and_forwarded_to_the_ministry(app: EvaluationApp) -> None:
    event = arrive(app)
    adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, 92), 5)
    start = mark(app)
    app.forwarding.approve_and_forward(
        AUTHORITY, dossier_id=event.aggregate_id, on=date(2026, 6, 26)
    )
    out = published(app, start)
    assert [t for t, _ in out] == [topics.EVALUATION_EVENTS, topics.PROVINCE_FORWARDED]
    forwarded = out[0][1]
    assert isinstance(forwarded, ForwardedToProvince)
    assert (forwarded.from_level, forwarded.to_level, forwarded.approved_by) == (
        "province",
        "ministry",
        "ct-ubnd",
    )
    assert forwarded.parts and forwarded.awarded_star == 5
    # R3 Art. 5.2: forwarded by 30/07 -> the central round decided by 30/09
    assert (forwarded.next_round, forwarded.next_round_decided_by) == (
        "Đợt 1 (trung ương)",
        date(2026, 9, 30),
    )


def test_member_sheets_are_never_published(app: EvaluationApp) -> None:
    event = arrive(app)
    adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, 60))
    stored = [
        type(app.mapper.to_domain_event(n)).__qualname__
        for n in app.recorder.select_notifications(start=1, limit=100)
    ]
    assert stored.count("Evaluation.SheetSubmitted") == 3
    assert "Evaluation.SheetSubmitted" not in outbound.PUBLISHED
    assert kinds(published(app)) == ["Scored"]


def test_every_published_mapping_names_a_real_event() -> None:
    from services.evaluation.domain import certificates, model

    for qualname in outbound.PUBLISHED:
        owner, name = qualname.split(".")
        module = model if owner == "Evaluation" else certificates
        assert isinstance(getattr(getattr(module, owner), name), type)

"""Forwarding to the next level and both kinds of answer, under R1 and R3, through the
results topic's events and through the command the gRPC API calls."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from uuid import UUID

import pytest

from contracts.evaluation import Recognized, ReturnedByProvince
from contracts.province import HigherLevelRecognized, ReturnedToLowerLevel
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.evaluation.application import EvaluationApp
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    DISTRICT_OFFICER,
    MINISTRY,
    PROVINCE_AUTHORITY,
    R1_DISTRICT,
    SCORERS,
    adopt,
    arrive,
    council,
    decide,
    deliver,
    envelope,
    kinds,
    mark,
    published,
    returned_from_above,
    score_all,
    secretary,
)


def forwarded_r1(app: EvaluationApp, total: int = 80) -> tuple[UUID, UUID]:
    event = arrive(app, **R1_DISTRICT)
    council(app, event.aggregate_id)
    score_all(app, event.aggregate_id, dict.fromkeys(("chu-tich", "tv1", "tv2"), total), 4, "R1")
    start = mark(app)
    evaluation = app.councils.adopt_result(
        secretary(), dossier_id=event.aggregate_id, adopted_on=date(2025, 5, 20)
    )
    assert (evaluation.status, evaluation.forwarded_to) == ("forwarded", "province")
    assert kinds(published(app, start)) == ["Scored", "ForwardedToProvince", "ForwardedToProvince"]
    return event.aggregate_id, event.product_id


def forwarded_r3(app: EvaluationApp) -> tuple[UUID, UUID]:
    event = arrive(app)
    adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, 93), 5)
    assert app.get_evaluation(event.aggregate_id).status == "awaiting_approval"
    app.forwarding.approve_and_forward(
        AUTHORITY, dossier_id=event.aggregate_id, on=date(2026, 6, 26)
    )
    assert app.get_evaluation(event.aggregate_id).forwarded_to == "ministry"
    return event.aggregate_id, event.product_id


def test_r1_province_recognises_a_higher_star(app: EvaluationApp) -> None:
    dossier, product = forwarded_r1(app)
    start = mark(app)
    deliver(
        app,
        HigherLevelRecognized(
            **envelope(PROVINCE_AUTHORITY),
            rule_set_id="R1",
            dossier_id=dossier,
            product_id=product,
            level="province",
            score=Decimal("78.50"),
            star=4,
            decision_no="55/QĐ-UBND",
            decided_on=date(2025, 6, 20),
            signer="Chủ tịch UBND tỉnh",
        ),
        "province",
    )
    out = published(app, start)
    assert kinds(out) == ["Recognized"]
    recognized = out[0][1]
    assert isinstance(recognized, Recognized)
    assert (recognized.star, recognized.decision_no, recognized.authority) == (
        4,
        "55/QĐ-UBND",
        "province",
    )
    assert app.get_certification(product).holding()["star"] == 4  # type: ignore[index]


def test_r1_province_below_70_returns_to_the_district(app: EvaluationApp) -> None:
    dossier, product = forwarded_r1(app)
    start = mark(app)
    deliver(
        app,
        ReturnedToLowerLevel(
            **envelope(PROVINCE_AUTHORITY),
            rule_set_id="R1",
            dossier_id=dossier,
            product_id=product,
            level="province",
            score=Decimal("66.00"),
            returned_on=date(2025, 6, 10),
        ),
        "province",
    )
    returned = published(app, start)[0][1]
    assert isinstance(returned, ReturnedByProvince)
    assert (returned.options, returned.star_band) == (["recognise", "reevaluate"], 3)
    # the district recognises 3 stars on the province's score
    decide(
        app,
        dossier,
        "7/QĐ-UBND",
        date(2025, 6, 15),
        by=DISTRICT_AUTHORITY,
        signer="Chủ tịch UBND huyện",
    )
    evaluation = app.get_evaluation(dossier)
    assert (evaluation.status, evaluation.star) == ("recognised", 3)


def test_r1_returned_dossier_may_be_re_evaluated(app: EvaluationApp) -> None:
    dossier, _ = forwarded_r1(app)
    returned_from_above(app, dossier, PROVINCE_AUTHORITY, "64.5", date(2025, 6, 10))
    app.forwarding.reevaluate(DISTRICT_OFFICER, dossier_id=dossier)
    evaluation = app.get_evaluation(dossier)
    assert (evaluation.status, evaluation.sheets) == ("open", {})
    score_all(app, dossier, dict.fromkeys(("chu-tich", "tv1", "tv2"), 68), 3, "R1")
    assert app.councils.adopt_result(
        secretary(), dossier_id=dossier, adopted_on=date(2025, 6, 20)
    ).status == ("awaiting_decision")


def test_r3_ministry_recognises_five_stars(app: EvaluationApp, clock: FixedClock) -> None:
    dossier, product = forwarded_r3(app)
    clock.advance(timedelta(days=100))  # the ministry's decision of 25/09 is past
    app.forwarding.record_higher_result(
        CommandContext(actor=MINISTRY),
        dossier_id=dossier,
        result="recognised",
        score="91.20",
        star=5,
        decision_no="300/QĐ-BNNMT",
        decided_on=date(2026, 9, 25),
    )
    assert app.get_evaluation(dossier).star == 5
    assert app.get_certification(product).holding()["issuer"] == "ministry"  # type: ignore[index]


def test_r3_central_below_90_lets_the_province_recognise_or_re_evaluate(
    app: EvaluationApp, clock: FixedClock
) -> None:
    dossier, _ = forwarded_r3(app)
    clock.advance(timedelta(days=100))
    deliver(
        app,
        ReturnedToLowerLevel(
            **envelope(MINISTRY),
            rule_set_id="R3",
            dossier_id=dossier,
            product_id=app.get_evaluation(dossier).product_id,
            level="ministry",
            score=Decimal("86.40"),
            returned_on=date(2026, 9, 25),
        ),
        "province",
    )
    evaluation = app.get_evaluation(dossier)
    assert evaluation.returned["options"] == ["recognise", "reevaluate"]
    assert evaluation.decidable_star() == 4
    decide(app, dossier, "88/QĐ-UBND", date(2026, 9, 28), signer="Chủ tịch UBND tỉnh")
    assert app.get_evaluation(dossier).star == 4


def test_only_the_next_level_answers(app: EvaluationApp) -> None:
    dossier, _ = forwarded_r3(app)
    with pytest.raises(CommandRejected) as refused:
        app.forwarding.record_higher_result(
            AUTHORITY,
            dossier_id=dossier,
            result="recognised",
            score="95",
            star=5,
            decision_no="1",
            decided_on=date(2026, 9, 25),
        )
    assert refused.value.kind == "permission_denied"
    with pytest.raises(CommandRejected) as refused:
        app.forwarding.record_higher_result(
            CommandContext(actor=MINISTRY),
            dossier_id=dossier,
            result="maybe",
            score="95",
            star=5,
            decision_no="1",
            decided_on=date(2026, 9, 25),
        )
    assert refused.value.field == "result"


def test_an_answer_for_a_dossier_not_forwarded_changes_nothing(app: EvaluationApp) -> None:
    event = arrive(app)
    before = mark(app)
    deliver(
        app,
        ReturnedToLowerLevel(
            **envelope(MINISTRY),
            rule_set_id="R3",
            dossier_id=event.aggregate_id,
            product_id=event.product_id,
            level="ministry",
            score=Decimal("50"),
            returned_on=date(2026, 9, 25),
        ),
        "province",
    )
    assert mark(app) == before
    assert app.get_evaluation(event.aggregate_id).status == "open"

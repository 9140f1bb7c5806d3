"""Issue 12's routes through the evaluation application: forwarding by score, a higher
level's shortfall going back down with no certificate until the lower level acts,
"không đạt" without a star, and councils the rule set no longer (or never) has."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from contracts.evaluation import ReturnedByProvince
from contracts.province import ReturnedToLowerLevel
from rules import load_rule_set
from runtime.errors import CommandRejected
from services.evaluation.application import EvaluationApp
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    MINISTRY,
    OFFICER,
    PROVINCE_AUTHORITY,
    R1_DISTRICT,
    arrive,
    council,
    decide,
    deliver,
    envelope,
    kinds,
    mark,
    member,
    published,
    returned_from_above,
    secretary,
)
from tests.unit.rules.helpers import sheet_at

SCORERS = ("chu-tich", "tv1", "tv2")


def scored(
    app: EvaluationApp,
    dossier: UUID,
    rule_set: str,
    total: int,
    floor_star: int | None,
    overrides: dict[str, str] | None = None,
    product_set: int = 13,
) -> None:
    choices = sheet_at(
        load_rule_set(rule_set), product_set, total, floor_star=floor_star, overrides=overrides
    ).choices
    for name in SCORERS:
        app.councils.submit_sheet(member(name), dossier_id=dossier, choices=dict(choices))


def r1_at_district(app: EvaluationApp, total: int = 75, **kw: object) -> UUID:
    event = arrive(app, **R1_DISTRICT)
    council(app, event.aggregate_id)
    scored(app, event.aggregate_id, "R1", total, **kw)  # type: ignore[arg-type]
    return event.aggregate_id


def answer_returned(app: EvaluationApp, dossier: UUID, level: str, score: str, on: date) -> None:
    evaluation = app.get_evaluation(dossier)
    deliver(
        app,
        ReturnedToLowerLevel(
            **envelope(
                PROVINCE_AUTHORITY if level == "province" else MINISTRY,
                datetime(on.year, on.month, on.day, tzinfo=UTC),
            ),
            rule_set_id=evaluation.rule_set_id,
            dossier_id=dossier,
            product_id=evaluation.product_id,
            level=level,
            score=Decimal(score),
            returned_on=on,
        ),
        "province",
    )


def test_r1_district_75_missing_a_4_star_minimum_is_forwarded(app: EvaluationApp) -> None:
    dossier = r1_at_district(app, 75, floor_star=4, overrides={"2.3": "2"})
    start = mark(app)
    evaluation = app.councils.adopt_result(
        secretary(), dossier_id=dossier, adopted_on=date(2025, 5, 20)
    )
    assert (evaluation.status, evaluation.forwarded_to) == ("forwarded", "province")
    assert "ForwardedToProvince" in kinds(published(app, start))
    assert app.find_certification(evaluation.product_id) is None


def _r1_forwarded(app: EvaluationApp) -> UUID:
    dossier = r1_at_district(app, 80, floor_star=4)
    app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=date(2025, 5, 20))
    assert app.get_evaluation(dossier).status == "forwarded"
    return dossier


def test_r1_province_75_short_of_4_stars_returns_to_the_district(app: EvaluationApp) -> None:
    dossier = _r1_forwarded(app)
    start = mark(app)
    answer_returned(app, dossier, "province", "75.00", date(2025, 6, 10))
    returned = published(app, start)[0][1]
    assert isinstance(returned, ReturnedByProvince)
    assert returned.options == ["recognise", "reevaluate"]
    evaluation = app.get_evaluation(dossier)
    assert evaluation.status == "returned" and evaluation.decidable_star() == 3
    assert app.find_certification(evaluation.product_id) is None  # until the district acts
    decide(
        app,
        dossier,
        "9/QĐ-UBND",
        date(2025, 6, 15),
        by=DISTRICT_AUTHORITY,
        signer="Chủ tịch UBND huyện",
    )
    assert app.get_evaluation(dossier).star == 3


def test_r1_province_45_returns_to_the_district_for_re_evaluation_only(
    app: EvaluationApp,
) -> None:
    dossier = _r1_forwarded(app)
    answer_returned(app, dossier, "province", "45.00", date(2025, 6, 10))
    evaluation = app.get_evaluation(dossier)
    assert evaluation.returned["options"] == ["reevaluate"]
    assert evaluation.decidable_star() == 0
    with pytest.raises(CommandRejected):
        decide(
            app,
            dossier,
            "10/QĐ-UBND",
            date(2025, 6, 15),
            by=DISTRICT_AUTHORITY,
            signer="Chủ tịch UBND huyện",
        )
    assert app.find_certification(evaluation.product_id) is None


def _r3_province_92_missing_5_star(app: EvaluationApp) -> UUID:
    event = arrive(app)
    council(app, event.aggregate_id)
    scored(app, event.aggregate_id, "R3", 92, floor_star=4, overrides={"4.1": "3"})
    evaluation = app.councils.adopt_result(
        secretary(), dossier_id=event.aggregate_id, adopted_on=date(2026, 6, 25)
    )
    assert evaluation.status == "awaiting_approval"
    return event.aggregate_id


def test_r3_province_92_missing_a_5_star_minimum_goes_to_the_ministry(
    app: EvaluationApp,
) -> None:
    dossier = _r3_province_92_missing_5_star(app)
    app.forwarding.approve_and_forward(AUTHORITY, dossier_id=dossier, on=date(2026, 6, 26))
    evaluation = app.get_evaluation(dossier)
    assert evaluation.forwarded_to == "ministry"
    assert app.find_certification(evaluation.product_id) is None


def test_r3_central_92_missing_a_5_star_minimum_back_to_the_province(
    app: EvaluationApp,
) -> None:
    dossier = _r3_province_92_missing_5_star(app)
    app.forwarding.approve_and_forward(AUTHORITY, dossier_id=dossier, on=date(2026, 6, 26))
    returned_from_above(
        app,
        dossier,
        MINISTRY,
        "92.00",
        date(2026, 6, 30),
        reason="Thiếu yêu cầu tối thiểu 5 sao (4.1)",
    )
    evaluation = app.get_evaluation(dossier)
    assert evaluation.returned["options"] == ["recognise", "reevaluate"]
    assert evaluation.decidable_star() == 4
    assert app.find_certification(evaluation.product_id) is None  # until the province acts
    app.forwarding.reevaluate(OFFICER, dossier_id=dossier)
    assert app.get_evaluation(dossier).status == "open"


def test_60_missing_a_3_star_minimum_is_not_recognised_without_a_star(
    app: EvaluationApp,
) -> None:
    event = arrive(app)
    council(app, event.aggregate_id)
    scored(app, event.aggregate_id, "R3", 60, floor_star=3, overrides={"2.2": "2"})
    evaluation = app.councils.adopt_result(
        secretary(), dossier_id=event.aggregate_id, adopted_on=date(2026, 6, 25)
    )
    assert (evaluation.status, evaluation.outcome, evaluation.star) == (
        "not_recognised",
        "not_recognised",
        0,
    )
    assert evaluation.band == 3
    assert app.find_certification(evaluation.product_id) is None


def test_a_district_council_after_30_06_2025_is_refused(app: EvaluationApp) -> None:
    dossier = r1_at_district(app, 60, floor_star=3)
    with pytest.raises(CommandRejected) as refused:
        app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=date(2025, 7, 2))
    assert (refused.value.kind, refused.value.field) == ("failed_precondition", "tier")
    assert "30/06/2025" in refused.value.message("vi")


def test_a_district_council_under_r3_is_refused(app: EvaluationApp) -> None:
    """An R3 dossier sent to a district (only a forged event can): no district round can
    be opened for it, so no district council exists to score it (the reform, named)."""
    event = arrive(app, level="district")
    with pytest.raises(CommandRejected) as refused:
        council(app, event.aggregate_id)
    assert (refused.value.kind, refused.value.field) == ("failed_precondition", "level")
    assert refused.value.message("en").startswith(
        "level: the district tier ended on 30/06/2025; on 12/06/2026 its roles belong to the "
        "province. Basis: two-level local government"
    )
    with pytest.raises(CommandRejected) as adopt:
        app.councils.adopt_result(
            secretary(), dossier_id=event.aggregate_id, adopted_on=date(2026, 6, 25)
        )
    assert adopt.value.field == "round_id"


def test_rule_15_one_decision_several_certificates(app: EvaluationApp) -> None:
    """§14.15: a recognition decision covers several products; each gets its own
    certificate referencing the decision's number and date."""
    dossiers = []
    for total in (80, 62):
        event = arrive(app)
        council(app, event.aggregate_id)
        scored(app, event.aggregate_id, "R3", total, floor_star=4 if total >= 70 else 3)
        app.councils.adopt_result(
            secretary(), dossier_id=event.aggregate_id, adopted_on=date(2026, 6, 25)
        )
        dossiers.append(event.aggregate_id)
    decide(app, dossiers, "120/QĐ-UBND", date(2026, 7, 1), signer="Chủ tịch UBND tỉnh")
    held = [app.get_certification(app.get_evaluation(d).product_id).holding() for d in dossiers]
    assert [h["star"] for h in held if h] == [4, 3]
    assert {h["decision_no"] for h in held if h} == {"120/QĐ-UBND"}
    assert {h["issued_on"] for h in held if h} == {date(2026, 7, 1)}
    assert len({h["number"] for h in held if h}) == 2

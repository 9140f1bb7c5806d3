"""Events stored by the first evaluation version (issue 2's provisional rule) still load."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import StoredEvent

from contracts.evaluation import Recognized
from rules import load_rule_set, loader
from runtime.errors import CommandRejected
from services.evaluation.adapters import grpc_views as views
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.model import Evaluation
from tests.unit.evaluation.helpers import member, published

MODEL = "services.evaluation.domain.model"
STAMP = "2026-06-01T01:00:00+00:00"
META = {
    "actor": {"id": "thu-ky", "role": "council_secretary", "jurisdiction": "51"},
    "correlation_id": str(uuid4()),
    "causation_id": None,
}


def store_v1(
    app: EvaluationApp, aggregate_id: UUID, version: int, topic: str, **state: Any
) -> None:
    app.recorder.insert_events(
        [
            StoredEvent(
                originator_id=aggregate_id,
                originator_version=version,
                topic=f"{MODEL}:Evaluation.{topic}",
                state=app.mapper.transcoder.encode(
                    {
                        "originator_id": aggregate_id,
                        "originator_version": version,
                        "timestamp": STAMP,
                        "meta": META,
                        **state,
                    }
                ),
            )
        ]
    )


def opened_v1(app: EvaluationApp, dossier: UUID) -> UUID:
    aggregate_id = Evaluation.id_for(dossier)
    store_v1(
        app,
        aggregate_id,
        1,
        "Opened",
        originator_topic=f"{MODEL}:Evaluation",
        dossier_id=dossier,
        product_id=uuid4(),
        product_name="Mật ong",
        product_set=4,
        level="province",
        rule_set_id="R3",
        received_on=date(2026, 6, 1),
    )
    return aggregate_id


def recognised_events_v1(
    app: EvaluationApp, aggregate: UUID, ref: dict[str, Any], decision_no: str
) -> None:
    """The first version's score of 65.50 (3 stars, recognised) and its recognition by
    decision ``decision_no``, both on 25/06/2026."""
    store_v1(
        app,
        aggregate,
        2,
        "Scored",
        ref=ref,
        score=Decimal("65.50"),
        band=3,
        outcome="recognised",
        explanation="tạm thời",
        scored_on=date(2026, 6, 25),
    )
    store_v1(
        app,
        aggregate,
        3,
        "Recognised",
        ref=ref,
        star=3,
        decision_no=decision_no,
        decided_on=date(2026, 6, 25),
        authority="province",
    )


def forwarded_events_v1(app: EvaluationApp, aggregate: UUID, ref: dict[str, Any]) -> None:
    """The first version's score of 92.00 (5 stars) forwarded to the ministry on 25/06/2026."""
    store_v1(
        app,
        aggregate,
        2,
        "Scored",
        ref=ref,
        score=Decimal("92.00"),
        band=5,
        outcome="forwarded",
        explanation="tạm thời",
        scored_on=date(2026, 6, 25),
    )
    store_v1(
        app,
        aggregate,
        3,
        "Forwarded",
        ref=ref,
        score=Decimal("92.00"),
        to_level="ministry",
        forwarded_on=date(2026, 6, 25),
    )


def test_first_version_events_load(app: EvaluationApp) -> None:
    recognised, forwarded, waiting = uuid4(), uuid4(), uuid4()
    ref = {
        "dossier_id": "",
        "product_id": "",
        "product_name": "",
        "product_set": 4,
        "level": "province",
        "rule_set_id": "R3",
    }
    recognised_events_v1(app, opened_v1(app, recognised), ref, "TAM-1")
    forwarded_events_v1(app, opened_v1(app, forwarded), ref)
    opened_v1(app, waiting)

    done = app.get_evaluation(recognised)
    assert (done.status, done.star, done.decision_no, done.kind) == (
        "recognised",
        3,
        "TAM-1",
        "first",
    )
    assert app.get_evaluation(forwarded).status == "forwarded"
    open_one = app.get_evaluation(waiting)
    assert (open_one.status, open_one.jurisdiction, open_one.arrived_on) == (
        "open",
        "",
        date(2026, 6, 1),
    )
    with pytest.raises(CommandRejected) as refused:  # no jurisdiction, so no round
        app.councils.submit_sheet(member("tv1"), dossier_id=waiting, choices={})
    assert refused.value.field == "round_id"


def recognised_v1(app: EvaluationApp) -> UUID:
    """A dossier the first version scored and recognised on 25/06/2026 (no valid-to kept)."""
    dossier = uuid4()
    aggregate = opened_v1(app, dossier)
    ref = {"dossier_id": str(dossier), "product_id": str(uuid4()), "rule_set_id": "R3"}
    recognised_events_v1(app, aggregate, {**ref, "product_set": 4, "level": "province"}, "TAM-2")
    return dossier


@pytest.fixture
def twelve_month_certificates(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The shipped rule sets as if amended: certificates valid 12 months, not 36."""
    read = loader._read

    def amended(name: str) -> Any:
        document = read(name)
        if name.startswith("r") and "deadlines" in document:
            document["deadlines"]["certificate_validity_months"] = 12
        return document

    def clear() -> None:
        for cached in (loader.load_rule_set, loader._rule_set_files, loader.all_rule_sets):
            cached.cache_clear()

    clear()
    monkeypatch.setattr(loader, "_read", amended)
    yield
    monkeypatch.undo()
    clear()


def replayed(app: EvaluationApp, dossier: UUID) -> tuple[Any, ...]:
    evaluation = app.get_evaluation(dossier)
    (recognized,) = [e for _, e in published(app) if isinstance(e, Recognized)]
    return evaluation.status, evaluation.star, recognized.valid_from, recognized.valid_to


def test_replay_does_not_change_when_the_rule_data_does(
    app: EvaluationApp, request: pytest.FixtureRequest
) -> None:
    dossier = recognised_v1(app)
    before = replayed(app, dossier)
    assert before == ("recognised", 3, date(2026, 6, 25), date(2029, 6, 25))

    request.getfixturevalue("twelve_month_certificates")
    assert load_rule_set("R3").deadlines.certificate_validity_months == 12  # the data changed
    assert replayed(app, dossier) == before  # history did not


@pytest.mark.parametrize(
    ("routing", "conclusion"),
    [
        ({}, "4★"),
        (
            {"action": "recognise", "tier": "province"},
            "4★ — the province People's Committee issues the recognition decision and certificate",
        ),
    ],
)
def test_a_result_adopted_before_english_explanations_reads_in_english(
    app: EvaluationApp, routing: dict[str, Any], conclusion: str
) -> None:
    """Issue 13 item 11: a result stored before English text was recorded (v1, Vietnamese
    only) is explained in English from its stored codes; the stored event is not rewritten
    and the Vietnamese stays as recorded."""
    dossier = uuid4()
    aggregate = opened_v1(app, dossier)
    store_v1(
        app,
        aggregate,
        2,
        "ResultAdopted",
        ref={"dossier_id": str(dossier)},
        score=Decimal("75.00"),
        parts={"A": Decimal("30.00")},
        band=4,
        awarded_star=4,
        outcome="recognised",
        status="awaiting_decision",
        routing=routing,
        explanation="R3: 75,00; hạng 4 sao.",
        members_scoring=4,
        adopted_on=date(2026, 6, 25),
    )
    evaluation = app.get_evaluation(dossier)

    assert (evaluation.explanation, evaluation.explanation_en) == ("R3: 75,00; hạng 4 sao.", "")
    assert views.view(evaluation, "vi").explanation == "R3: 75,00; hạng 4 sao."
    english = views.view(evaluation, "en").explanation
    assert english == f"R3: 75.00 (A 30.00); 4-star band.\n{conclusion}"
    (stored,) = [
        e for e in app.recorder.select_events(aggregate) if e.topic.endswith("ResultAdopted")
    ]
    assert "explanation_en" not in app.mapper.transcoder.decode(stored.state)


def test_an_evaluation_opened_before_product_codes_were_kept_loads_without_one(
    app: EvaluationApp,
) -> None:
    """A v3 `Opened` (unit path, no product code) reads with an empty code: the
    certificate then prints none, never today's code of a product that may have changed."""
    dossier = uuid4()
    store_v1(
        app,
        Evaluation.id_for(dossier),
        1,
        "Opened",
        originator_topic=f"{MODEL}:Evaluation",
        class_version=3,
        dossier_id=dossier,
        product_id=uuid4(),
        product_name="Mật ong",
        product_set=4,
        kind="first",
        level="province",
        jurisdiction="51",
        commune_code="23500",
        rule_set_id="R3",
        received_on=date(2026, 6, 1),
        arrived_on=date(2026, 6, 12),
        round_id=uuid4(),
        mode="meeting",
        unit={"commune": "23500", "province": "51"},
    )
    evaluation = app.get_evaluation(dossier)
    assert (evaluation.product_code, evaluation.producer_name) == ("", "")
    assert evaluation.product_name == "Mật ong"

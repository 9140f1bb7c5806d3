"""Evaluation: dossiers arrive as events with tracking; the council result decides."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError, Tracking

from contracts import topics
from contracts.envelope import Actor
from contracts.evaluation import ForwardedToProvince, Recognized, Scored
from contracts.registration import CommuneAssessed
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.settings import Settings
from services.evaluation.adapters import outbound
from services.evaluation.application import EvaluationApp
from services.evaluation.bootstrap import build
from services.evaluation.domain.calendar import add_months
from services.evaluation.domain.model import provisional_outcome, star_band

COUNCIL = CommandContext(actor=Actor(id="thu-ky-hd", role="council_secretary", jurisdiction="51"))


def assessed(level: str = "province", dossier_id: UUID | None = None) -> CommuneAssessed:
    return CommuneAssessed(
        event_id=uuid4(),
        aggregate_id=dossier_id or uuid4(),
        aggregate_version=2,
        occurred_at=datetime(2026, 6, 12, 9, 0, tzinfo=UTC),
        actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"),
        correlation_id=uuid4(),
        rule_set_id="R3",
        product_id=uuid4(),
        producer_id=uuid4(),
        product_name="Cà phê rang xay",
        product_set=13,
        kind="first",
        received_on=date(2026, 6, 1),
        assessed_on=date(2026, 6, 12),
        report_no="15/BC-UBND",
        local_raw_material=True,
        local_labour=True,
        idea_origin=True,
        local_identity=True,
        forwarded_to=level,
        commune_code="23500",
        province_code="51",
    )


@pytest.fixture
def app(memory_settings: Settings) -> EvaluationApp:
    return build(memory_settings).app


def arrive(app: EvaluationApp, event: CommuneAssessed, position: int = 1) -> None:
    app.process_event(event, Tracking("registration@ocop.registration.events.v1#0", position))


def published(app: EvaluationApp, after: int) -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for n in app.recorder.select_notifications(start=after, limit=100):
        out.extend(outbound.translate(app.mapper.to_domain_event(n)))
    return out


def test_a_forwarded_dossier_opens_an_evaluation(app: EvaluationApp) -> None:
    event = assessed()
    arrive(app, event)
    evaluation = app.get_evaluation(event.aggregate_id)
    assert (evaluation.status, evaluation.level, evaluation.rule_set_id) == (
        "open",
        "province",
        "R3",
    )
    assert published(app, 0) == []  # opening is internal


def test_the_same_event_twice_changes_nothing(app: EvaluationApp) -> None:
    event = assessed()
    arrive(app, event, position=7)
    before = app.recorder.max_notification_id()
    with pytest.raises(IntegrityError):
        arrive(app, event, position=7)
    assert app.recorder.max_notification_id() == before
    assert app.recorder.has_tracking_id("registration@ocop.registration.events.v1#0", 7)


@pytest.mark.parametrize(
    ("score", "outcome", "star"),
    [
        ("0", "not_recognised", 1),
        ("29.99", "not_recognised", 1),
        ("30.00", "not_recognised", 2),
        ("49.99", "not_recognised", 2),
        ("50.00", "recognised", 3),
        ("69.99", "recognised", 3),
        ("70.00", "forwarded", 4),
        ("89.99", "forwarded", 4),
        ("90.00", "forwarded", 5),
        ("100", "forwarded", 5),
    ],
)
def test_boundary_scores_through_the_decision(
    app: EvaluationApp, score: str, outcome: str, star: int
) -> None:
    event = assessed()
    arrive(app, event)
    mark = app.recorder.max_notification_id() or 0
    evaluation = app.record_council_score(
        COUNCIL, dossier_id=event.aggregate_id, score=score, scored_on=date(2026, 6, 25)
    )
    assert (evaluation.outcome, evaluation.star) == (outcome, star)
    out = published(app, mark)
    assert isinstance(out[0][1], Scored)
    assert out[0][1].score == Decimal(score).quantize(Decimal("0.01"))
    assert out[0][1].actor.id == "thu-ky-hd"
    kinds = [type(e).__name__ for _, e in out]
    if outcome == "recognised":
        assert kinds == ["Scored", "Recognized"]
        recognized = out[1][1]
        assert isinstance(recognized, Recognized)
        assert recognized.valid_to == date(2029, 6, 25)
    elif outcome == "forwarded":
        assert kinds == ["Scored", "ForwardedToProvince", "ForwardedToProvince"]
        assert [t for t, _ in out[1:]] == [topics.EVALUATION_EVENTS, topics.PROVINCE_FORWARDED]
        forwarded = out[1][1]
        assert isinstance(forwarded, ForwardedToProvince)
        assert (forwarded.from_level, forwarded.to_level) == ("province", "ministry")
    else:
        assert kinds == ["Scored"]


def test_a_district_forwards_to_the_province(app: EvaluationApp) -> None:
    event = assessed(level="district")
    arrive(app, event)
    mark = app.recorder.max_notification_id() or 0
    app.record_council_score(
        COUNCIL, dossier_id=event.aggregate_id, score="75", scored_on=date(2024, 5, 20)
    )
    forwarded = published(app, mark)[1][1]
    assert isinstance(forwarded, ForwardedToProvince)
    assert forwarded.to_level == "province"


@pytest.mark.parametrize(
    ("score", "field"), [("abc", "score"), ("100.01", "score"), ("-1", "score")]
)
def test_bad_scores_are_refused(app: EvaluationApp, score: str, field: str) -> None:
    event = assessed()
    arrive(app, event)
    before = app.recorder.max_notification_id()
    with pytest.raises(CommandRejected) as refused:
        app.record_council_score(
            COUNCIL, dossier_id=event.aggregate_id, score=score, scored_on=date(2026, 6, 25)
        )
    assert refused.value.field == field
    assert app.recorder.max_notification_id() == before


def test_scoring_twice_or_before_arrival_is_refused(app: EvaluationApp) -> None:
    with pytest.raises(CommandRejected) as refused:
        app.record_council_score(
            COUNCIL, dossier_id=uuid4(), score="60", scored_on=date(2026, 6, 25)
        )
    assert refused.value.kind == "not_found"
    event = assessed()
    arrive(app, event)
    app.record_council_score(
        COUNCIL, dossier_id=event.aggregate_id, score="60", scored_on=date(2026, 6, 25)
    )
    before = app.recorder.max_notification_id()
    with pytest.raises(CommandRejected) as refused:
        app.record_council_score(
            COUNCIL, dossier_id=event.aggregate_id, score="80", scored_on=date(2026, 6, 26)
        )
    assert refused.value.kind == "failed_precondition"
    assert app.recorder.max_notification_id() == before


def test_bands_are_half_open() -> None:
    assert star_band(Decimal("69.99")) == 3
    assert star_band(Decimal("70.00")) == 4
    assert provisional_outcome(Decimal("49.99")) == ("not_recognised", 2)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2026, 6, 25), 36, date(2029, 6, 25)),
        (date(2024, 2, 29), 36, date(2027, 2, 28)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2026, 11, 30), 2, date(2027, 1, 30)),
    ],
)
def test_add_months(start: date, months: int, end: date) -> None:
    assert add_months(start, months) == end


def test_every_published_mapping_names_a_real_event() -> None:
    from services.evaluation.domain import model

    for qualname in outbound.PUBLISHED:
        owner, event = qualname.split(".")
        assert isinstance(getattr(getattr(model, owner), event), type)

"""Shared steps for the evaluation tests: dossiers arriving, a council, sheets, decisions."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import Tracking

from contracts.envelope import Actor, IntegrationEvent
from contracts.registration import CommuneAssessed
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.evaluation.adapters import outbound
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.rounds import Round
from tests.unit.evaluation.sheets import choices_for

PROVINCE = "51"
OFFICER = CommandContext(actor=Actor(id="so-nn", role="province_officer", jurisdiction=PROVINCE))
AUTHORITY = CommandContext(actor=Actor(id="ct-ubnd", role="authority", jurisdiction=PROVINCE))
DISTRICT = "610"
DISTRICT_OFFICER = CommandContext(
    actor=Actor(id="phong-nn", role="district_officer", jurisdiction=DISTRICT)
)
DISTRICT_AUTHORITY = CommandContext(
    actor=Actor(id="ct-huyen", role="authority", jurisdiction=DISTRICT)
)
PROVINCE_AUTHORITY = Actor(id="ubnd-tinh", role="authority", jurisdiction="51")
MINISTRY = Actor(id="bo-nnmt", role="ministry", jurisdiction="VN")
MEMBERS = ("chu-tich", "tv1", "tv2", "tv3")
SCORERS = MEMBERS[:3]  # a council of three scoring
SECRETARY = "thu-ky"
_positions = iter(range(1, 10**6))


def member(name: str) -> CommandContext:
    return CommandContext(actor=Actor(id=name, role="council_member", jurisdiction=PROVINCE))


def secretary() -> CommandContext:
    return CommandContext(
        actor=Actor(id=SECRETARY, role="council_secretary", jurisdiction=PROVINCE)
    )


def assessed(
    *,
    level: str = "province",
    rule_set: str = "R3",
    received: date = date(2026, 6, 1),
    assessed_on: date = date(2026, 6, 12),
    kind: str = "first",
    product_id: UUID | None = None,
    dossier_id: UUID | None = None,
    district: str | None = DISTRICT,
) -> CommuneAssessed:
    """A dossier forwarded by commune 23500; under R1 its pre-2025 district is `district`
    (None: a dossier with no pre-reform unit)."""
    return CommuneAssessed(
        event_id=uuid4(),
        aggregate_id=dossier_id or uuid4(),
        aggregate_version=2,
        occurred_at=datetime(assessed_on.year, assessed_on.month, assessed_on.day, 9, tzinfo=UTC),
        actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"),
        correlation_id=uuid4(),
        rule_set_id=rule_set,
        product_id=product_id or uuid4(),
        producer_id=uuid4(),
        product_name="Cà phê rang xay Đăk Hà",
        product_set=13,
        kind=kind,
        received_on=received,
        assessed_on=assessed_on,
        report_no="15/BC-UBND",
        local_raw_material=True,
        local_labour=True,
        idea_origin=True,
        local_identity=True,
        forwarded_to=level,
        commune_code="23500",
        province_code=PROVINCE,
        legacy_commune_code="23500" if district else None,
        legacy_district_code=district,
        legacy_province_code="62" if district else None,
    )


def deliver(app: EvaluationApp, event: IntegrationEvent, source: str = "registration") -> None:
    app.process_event(event, Tracking(f"{source}@t#0", next(_positions)))


# A district dossier under rule set R1: received 01/03/2025, assessed by
# the commune 20/03/2025, for `arrive(app, **R1_DISTRICT)` or `assessed(**R1_DISTRICT)`.
R1_DISTRICT: dict[str, Any] = {
    "level": "district",
    "rule_set": "R1",
    "received": date(2025, 3, 1),
    "assessed_on": date(2025, 3, 20),
}


def arrive(app: EvaluationApp, **kwargs: Any) -> CommuneAssessed:
    event = assessed(**kwargs)
    deliver(app, event)
    return event


def council(app: EvaluationApp, dossier_id: UUID, on: date | None = None) -> UUID:
    """Open the dossier's round (if needed) and appoint a chair, three members, a secretary."""
    evaluation = app.get_evaluation(dossier_id)
    officer = OFFICER if evaluation.level == "province" else DISTRICT_OFFICER
    if app.find(evaluation.round_id, Round) is None:
        unit = evaluation.path.unit_of(evaluation.level)
        key = app.round_key(
            evaluation.level, unit, evaluation.arrived_on, app.rule_set_of(evaluation)
        )
        app.councils.open_round(
            officer,
            level=evaluation.level,
            jurisdiction=unit,
            on=min(on or evaluation.arrived_on, app.clock.today()),
            period=f"{key['decided_by']:%m/%Y}",
        )
    round_ = app.get_round(evaluation.round_id)
    if not round_.members:
        for name in MEMBERS:
            app.councils.appoint_member(
                officer,
                round_id=round_.id,
                member_id=name,
                name=name.title(),
                role="chair" if name == "chu-tich" else "member",
            )
        app.councils.appoint_member(
            officer, round_id=round_.id, member_id=SECRETARY, name="Thư ký", role="secretary"
        )
    return round_.id


def score_all(
    app: EvaluationApp,
    dossier_id: UUID,
    totals: dict[str, int],
    keep_star: int = 3,
    rule_set: str = "R3",
) -> None:
    for name, total in totals.items():
        app.councils.submit_sheet(
            member(name),
            dossier_id=dossier_id,
            choices=choices_for(total, keep_star=keep_star, rule_set=rule_set),
        )


def adopt(
    app: EvaluationApp,
    dossier_id: UUID,
    adopted_on: date,
    totals: dict[str, int],
    keep_star: int = 3,
    rule_set: str = "R3",
) -> None:
    """A council for the dossier (`council`) scores it (`score_all`: each member's total,
    the star kept, the rule set) and its secretary adopts the result on `adopted_on`."""
    council(app, dossier_id)
    score_all(app, dossier_id, totals, keep_star, rule_set)
    app.councils.adopt_result(secretary(), dossier_id=dossier_id, adopted_on=adopted_on)


def published(app: EvaluationApp, after: int = 0) -> list[tuple[str, IntegrationEvent]]:
    out: list[tuple[str, IntegrationEvent]] = []
    for n in app.recorder.select_notifications(start=after, limit=1000, inclusive_of_start=False):
        out.extend(outbound.translate(app.mapper.to_domain_event(n)))
    return out


def mark(app: EvaluationApp) -> int:
    return app.recorder.max_notification_id() or 0


def kinds(events: list[tuple[str, IntegrationEvent]]) -> list[str]:
    return [e.event_type for _, e in events]


def score(value: str) -> Decimal:
    return Decimal(value)


def decide(
    app: EvaluationApp,
    dossier_ids: UUID | list[UUID],
    number: str,
    on: date,
    *,
    by: CommandContext = AUTHORITY,
    signer: str = "Chủ tịch",
) -> Any:
    """The authority ``by`` issues decision ``number`` on ``on`` over the (adopted)
    dossiers, signed by ``signer``: the decision the application returns."""
    ids = dossier_ids if isinstance(dossier_ids, list) else [dossier_ids]
    return app.decisions.issue_decision(
        by, decision_no=number, decided_on=on, signer=signer, dossier_ids=ids
    )


def envelope(
    actor: Actor, at: datetime = datetime(2026, 7, 1, tzinfo=UTC), version: int = 1
) -> dict[str, Any]:
    """The envelope of an integration event another service published: fresh event,
    aggregate and correlation ids, the aggregate's ``version``, ``actor``, published ``at``."""
    return {
        "event_id": uuid4(),
        "aggregate_id": uuid4(),
        "aggregate_version": version,
        "occurred_at": at,
        "actor": actor,
        "correlation_id": uuid4(),
    }


def returned_from_above(
    app: EvaluationApp, dossier: UUID, by: Actor, score: str, on: date, **extra: Any
) -> Any:
    """The higher level ``by`` sends the dossier back (score ``score``, no star, no decision)
    on ``on``, recorded through the command the gRPC API calls (``extra``: its reason)."""
    return app.forwarding.record_higher_result(
        CommandContext(actor=by),
        dossier_id=dossier,
        result="returned",
        score=score,
        star=0,
        decision_no="",
        decided_on=on,
        **extra,
    )


def refused(call: Any, *args: Any, **kwargs: Any) -> CommandRejected:
    """The refusal ``call(*args, **kwargs)`` raises (the test fails if it does not)."""
    with pytest.raises(CommandRejected) as error:
        call(*args, **kwargs)
    return error.value

"""Unauthorised actors, bad input and out-of-order commands are refused precisely and
change nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.evaluation.application import EvaluationApp
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    OFFICER,
    SCORERS,
    adopt,
    arrive,
    council,
    mark,
    member,
    score_all,
    secretary,
)
from tests.unit.evaluation.sheets import choices_for


def ctx(role: str, jurisdiction: str, who: str = "someone") -> CommandContext:
    return CommandContext(actor=Actor(id=who, role=role, jurisdiction=jurisdiction))


def refused(app: EvaluationApp, call: Callable[..., Any], **kwargs: Any) -> CommandRejected:
    before = mark(app)
    with pytest.raises(CommandRejected) as error:
        call(**kwargs)
    assert mark(app) == before, "a refused command changed something"
    return error.value


def deciding(
    app: EvaluationApp, who: CommandContext, dossier: UUID, decision_no: str
) -> CommandRejected:
    """The refusal of `who`'s decision `decision_no` (28/06/2026) recognising `dossier`."""
    return refused(
        app,
        app.decisions.issue_decision,
        ctx=who,
        decision_no=decision_no,
        decided_on=date(2026, 6, 28),
        signer="X",
        dossier_ids=[dossier],
    )


def adopted(app: EvaluationApp, total: int = 75, keep: int = 4) -> UUID:
    event = arrive(app)
    adopt(app, event.aggregate_id, date(2026, 6, 25), dict.fromkeys(SCORERS, total), keep)
    return event.aggregate_id


@pytest.mark.parametrize(
    ("who", "kind", "field"),
    [
        (ctx("commune_officer", "23500"), "permission_denied", "actor"),
        (ctx("province_officer", "51"), "permission_denied", "actor"),
        (ctx("authority", "610"), "permission_denied", "actor"),  # a district: not 4 stars
        (ctx("authority", "52"), "permission_denied", "actor.jurisdiction"),  # another province
        (ctx("council_secretary", "51"), "permission_denied", "actor"),
    ],
)
def test_an_unauthorised_actor_cannot_recognise(
    app: EvaluationApp, who: CommandContext, kind: str, field: str
) -> None:
    error = deciding(app, who, adopted(app), "1/QĐ")
    assert (error.kind, error.field) == (kind, field)


def test_under_r3_a_province_cannot_approve_what_is_not_its_to_approve(app: EvaluationApp) -> None:
    dossier = adopted(app, total=95, keep=5)
    for who in (DISTRICT_AUTHORITY, OFFICER):
        approve = app.forwarding.approve_and_forward
        error = refused(app, approve, ctx=who, dossier_id=dossier, on=date(2026, 6, 26))
        assert error.kind == "permission_denied"
    # and nobody issues the 5-star decision at the province: it waits for approval
    assert deciding(app, AUTHORITY, dossier, "2/QĐ").kind == "failed_precondition"


def test_decision_input_is_checked(app: EvaluationApp) -> None:
    dossier = adopted(app)
    base: dict[str, Any] = {
        "ctx": AUTHORITY,
        "decision_no": "3/QĐ",
        "decided_on": date(2026, 6, 28),
        "signer": "X",
        "dossier_ids": [dossier],
    }
    cases: list[tuple[dict[str, Any], str]] = [
        ({"decision_no": " "}, "decision_no"),
        ({"signer": ""}, "signer"),
        ({"dossier_ids": []}, "dossier_ids"),
        ({"dossier_ids": [dossier, dossier]}, "dossier_ids"),
        ({"decided_on": date(2026, 7, 2)}, "decided_on"),  # the clock says 01/07/2026
        ({"decided_on": date(2026, 6, 20)}, "decided_on"),  # before adoption
    ]
    for change, field in cases:
        assert refused(app, app.decisions.issue_decision, **{**base, **change}).field == field
    assert (
        refused(app, app.decisions.issue_decision, **{**base, "dossier_ids": [uuid4()]}).kind
        == "not_found"
    )
    app.decisions.issue_decision(**base)
    assert refused(app, app.decisions.issue_decision, **base).kind == "already_exists"
    assert (
        refused(app, app.decisions.issue_decision, **{**base, "decision_no": "4/QĐ"}).kind
        == "failed_precondition"
    )


def test_out_of_order_council_commands(app: EvaluationApp) -> None:
    event = arrive(app)
    dossier = event.aggregate_id

    def sheet(who: str) -> CommandRejected:
        call = app.councils.submit_sheet
        return refused(app, call, ctx=member(who), dossier_id=dossier, choices=choices_for(60))

    def adoption(on: date) -> CommandRejected:
        call = app.councils.adopt_result
        return refused(app, call, ctx=secretary(), dossier_id=dossier, adopted_on=on)

    # before the round is open and its council appointed
    assert sheet("tv1").kind == "failed_precondition"
    assert adoption(date(2026, 6, 25)).kind == "failed_precondition"
    round_id = council(app, dossier)
    assert (
        refused(
            app,
            app.forwarding.approve_and_forward,
            ctx=AUTHORITY,
            dossier_id=dossier,
            on=date(2026, 6, 25),
        ).kind
        == "failed_precondition"
    )
    assert (
        refused(app, app.forwarding.reevaluate, ctx=OFFICER, dossier_id=dossier).kind
        == "failed_precondition"
    )
    score_all(app, dossier, dict.fromkeys(("chu-tich", "tv1", "tv2"), 60))
    assert adoption(date(2026, 7, 5)).field == "adopted_on"  # future
    app.councils.adopt_result(secretary(), dossier_id=dossier, adopted_on=date(2026, 6, 25))
    assert adoption(date(2026, 6, 26)).kind == "failed_precondition"
    assert sheet("tv3").kind == "failed_precondition"
    assert (
        refused(
            app,
            app.councils.open_round,
            ctx=OFFICER,
            level="province",
            jurisdiction="51",
            on=date(2026, 6, 12),
        ).kind
        == "already_exists"
    )
    assert (
        refused(
            app,
            app.councils.appoint_member,
            ctx=OFFICER,
            round_id=round_id,
            member_id="tv1",
            name="x",
            role="member",
        ).kind
        == "already_exists"
    )


@pytest.mark.parametrize(
    ("choices", "field"),
    [
        ({**choices_for(60), "99.9": "1"}, "members[tv1].choices.99.9"),
        ({**choices_for(60), "2.3": "7"}, "members[tv1].choices.2.3"),
        ({"1.1": "1"}, "members[tv1].choices"),
    ],
)
def test_bad_sheets_are_refused_with_the_field(
    app: EvaluationApp, choices: dict[str, str], field: str
) -> None:
    event = arrive(app)
    council(app, event.aggregate_id)
    error = refused(
        app,
        app.councils.submit_sheet,
        ctx=member("tv1"),
        dossier_id=event.aggregate_id,
        choices=choices,
    )
    assert (error.kind, error.field) == ("invalid_argument", field)


def test_bad_round_input(app: EvaluationApp) -> None:
    round_in: dict[str, Any] = {
        "ctx": OFFICER,
        "level": "province",
        "jurisdiction": "51",
        "on": date(2026, 6, 1),
    }

    def opening(**change: Any) -> CommandRejected:
        return refused(app, app.councils.open_round, **{**round_in, **change})

    assert opening(level="commune").field == "level"
    assert opening(jurisdiction="").field == "jurisdiction"
    assert opening(ctx=ctx("commune_officer", "23500")).kind == "permission_denied"
    assert opening(ctx=ctx("province_officer", "52")).field == "actor.jurisdiction"
    round_ = app.councils.open_round(**round_in)

    def appointing(member_id: str, name: str, role: str) -> CommandRejected:
        person = {"member_id": member_id, "name": name, "role": role}
        return refused(app, app.councils.appoint_member, ctx=OFFICER, round_id=round_.id, **person)

    assert appointing("a", "A", "guest").field == "role"
    app.councils.appoint_member(OFFICER, round_id=round_.id, member_id="a", name="A", role="chair")
    assert appointing("b", "B", "chair").field == "role"
    assert refused(app, app.get_round, round_id=uuid4()).kind == "not_found"

"""The gRPC API: refusals become statuses with the field in `ocop-field`, and the query
API enforces independent scoring with the actor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest

from contracts.rpc import common_pb2
from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc
from runtime.errors import FIELD_METADATA, LANG_METADATA
from services.evaluation.adapters import grpc_api
from services.evaluation.application import EvaluationApp
from tests.identity import TestIssuer, served
from tests.unit.evaluation.helpers import arrive, council, score_all


@pytest.fixture
def stub(app: EvaluationApp, issuer: TestIssuer) -> Iterator[pb_grpc.EvaluationStub]:
    with served(issuer, app, grpc_api, "evaluation", pb_grpc.EvaluationStub) as stub:
        yield stub


def who(actor_id: str, role: str, jurisdiction: str = "51") -> common_pb2.Actor:
    return common_pb2.Actor(id=actor_id, role=role, jurisdiction=jurisdiction)


def status(call: object, request: object) -> tuple[grpc.StatusCode, str, str]:
    with pytest.raises(grpc.RpcError) as error:
        call(request, metadata=((LANG_METADATA, "en"),))  # type: ignore[operator]
    failure: Any = error.value
    trailing = dict(failure.trailing_metadata() or ())
    return failure.code(), str(trailing.get(FIELD_METADATA, "")), failure.details()


def test_refusals_carry_status_and_field(app: EvaluationApp, stub: pb_grpc.EvaluationStub) -> None:
    code, field, _ = status(
        stub.OpenRound,
        pb.OpenRoundRequest(
            actor=who("x", "province_officer"), level="province", jurisdiction="51", on="2026-13-01"
        ),
    )
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "on")
    code, field, _ = status(
        stub.OpenRound,
        pb.OpenRoundRequest(
            actor=who("x", "commune_officer", "23500"),
            level="province",
            jurisdiction="51",
            on="2026-06-01",
        ),
    )
    assert (code, field) == (grpc.StatusCode.PERMISSION_DENIED, "actor")
    code, field, _ = status(stub.GetEvaluation, pb.GetEvaluationRequest(dossier_id="nope"))
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "dossier_id")
    code, _, _ = status(
        stub.IssueDecision,
        pb.IssueDecisionRequest(
            actor=who("", ""), decision_no="1", decided_on="2026-06-28", signer="x"
        ),
    )
    # No actor named: the channel's default sign-in (an auditor) may not decide anything.
    assert code == grpc.StatusCode.PERMISSION_DENIED


def test_a_member_reads_sheets_only_after_submitting(
    app: EvaluationApp, stub: pb_grpc.EvaluationStub
) -> None:
    event = arrive(app)
    council(app, event.aggregate_id)
    score_all(app, event.aggregate_id, {"chu-tich": 60})
    dossier = str(event.aggregate_id)
    code, _, details = status(
        stub.GetSheets, pb.GetSheetsRequest(actor=who("tv1", "council_member"), dossier_id=dossier)
    )
    assert code == grpc.StatusCode.PERMISSION_DENIED and "own" in details
    seen = stub.GetSheets(
        pb.GetSheetsRequest(actor=who("chu-tich", "council_member"), dossier_id=dossier)
    )
    assert (seen.mean, [s.member_id for s in seen.sheets]) == ("60.00", ["chu-tich"])
    reply = stub.SubmitSheet(
        pb.SubmitSheetRequest(
            actor=who("tv1", "council_member"),
            dossier_id=dossier,
            choices=dict(app.get_evaluation(event.aggregate_id).sheets["chu-tich"]["choices"]),
        )
    )
    assert (reply.member_id, reply.total, list(reply.submitted)) == (
        "tv1",
        "60",
        ["chu-tich", "tv1"],
    )
    code, field, _ = status(
        stub.AdoptResult,
        pb.AdoptResultRequest(
            actor=who("thu-ky", "council_secretary"), dossier_id=dossier, adopted_on="2026-06-25"
        ),
    )
    assert (code, field) == (grpc.StatusCode.FAILED_PRECONDITION, "sheets")


def test_the_explanation_is_told_in_the_callers_language(
    app: EvaluationApp, stub: pb_grpc.EvaluationStub
) -> None:
    event = arrive(app)
    council(app, event.aggregate_id)
    score_all(app, event.aggregate_id, {"chu-tich": 75, "tv1": 75, "tv2": 75, "tv3": 75})
    dossier = str(event.aggregate_id)
    adopted = stub.AdoptResult(
        pb.AdoptResultRequest(
            actor=who("thu-ky", "council_secretary"), dossier_id=dossier, adopted_on="2026-06-25"
        ),
        metadata=((LANG_METADATA, "en"),),
    )
    request = pb.GetEvaluationRequest(dossier_id=dossier)
    vi = stub.GetEvaluation(request).explanation
    en = stub.GetEvaluation(request, metadata=((LANG_METADATA, "en"),)).explanation

    assert adopted.explanation == en != vi
    assert "hạng" in vi and "hạng" not in en and "star band" in en

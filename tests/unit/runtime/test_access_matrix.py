"""Every role against every command and query of every service, on the real servers
(memory stores) with real tokens: the call is refused by the access policy exactly when
docs' table (runtime/identity/policy.yaml) says so; a claimed actor changes nothing; and a
council member reads no one else's sheet before submitting, by any path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import symbol_database

from contracts.rpc import common_pb2
from contracts.rpc import evaluation_pb2 as ev
from runtime.identity.claims import ROLES
from runtime.identity.interceptor import DENIED_BY_METADATA
from runtime.identity.policy import default_policy, markdown
from tests.identity import TestIssuer
from tests.unit.inputs.servers import STUBS, Running, running

REPO = Path(__file__).resolve().parents[3]
JURISDICTION = {"producer": "23500", "commune_officer": "23500", "commune_committee": "23500"}


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(tmp_path_factory.mktemp("matrix")) as up:
        yield up


def services() -> Iterator[tuple[str, Any]]:
    for name, stub in STUBS.items():
        module = __import__(stub.__module__.replace("_grpc", ""), fromlist=["DESCRIPTOR"])
        for service in module.DESCRIPTOR.services_by_name.values():
            yield name, service


def calls() -> list[tuple[str, str, Any]]:
    out = []
    for name, service in services():
        for method in service.methods:
            out.append((name, f"/{service.full_name}/{method.name}", method))
    return out


def denied_by_policy(up: Running, service: str, path: str, method: Any, role: str) -> bool:
    issuer = TestIssuer(up.system.issuer)  # type: ignore[arg-type]
    who = (f"matrix-{role}", role, JURISDICTION.get(role, "51"))
    request_class = symbol_database.Default().GetSymbol(method.input_type.full_name)
    channel = up.channels[service]._channel  # the raw channel: sign here, not by request
    metadata = issuer.metadata(*who)
    try:
        if method.client_streaming:
            call = channel.stream_unary(path, request_class.SerializeToString, lambda b: b)
            call(iter([request_class()]), metadata=metadata, timeout=10)
        else:
            call = channel.unary_unary(path, request_class.SerializeToString, lambda b: b)
            call(request_class(), metadata=metadata, timeout=10)
    except grpc.RpcError as error:
        trailing = dict(error.trailing_metadata() or ())
        if trailing.get(DENIED_BY_METADATA) == "policy":
            assert error.code() == grpc.StatusCode.PERMISSION_DENIED
            return True
        assert error.code() != grpc.StatusCode.UNAUTHENTICATED
    return False


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_refused_exactly_where_the_policy_says(edge: Running, role: str) -> None:
    policy = default_policy()
    table = calls()
    assert len(table) >= 47
    wrong = [
        path
        for service, path, method in table
        if denied_by_policy(edge, service, path, method, role) != (policy.scope(role, path) is None)
    ]
    assert wrong == [], f"{role}: outcome differs from the policy on {wrong}"


def test_the_docs_table_is_the_policy() -> None:
    text = (REPO / "docs" / "operators" / "access.md").read_text(encoding="utf-8")
    assert markdown() in text, "regenerate: python -m runtime.identity.policy"


def test_a_member_sees_no_other_sheet_before_submitting_by_any_path(edge: Running) -> None:
    issuer = TestIssuer(edge.system.issuer)  # type: ignore[arg-type]
    # A raw channel: only the token given here, whatever the request claims.
    evaluation = STUBS["evaluation"](edge.channels["evaluation"]._channel)
    app = edge.system.evaluation.app
    from tests.unit.evaluation.helpers import arrive, council, score_all

    event = arrive(app)
    council(app, event.aggregate_id)
    score_all(app, event.aggregate_id, {"chu-tich": 60})
    dossier = str(event.aggregate_id)
    as_tv1 = issuer.metadata("tv1", "council_member", "51")
    claims_chair = common_pb2.Actor(id="chu-tich", role="council_member", jurisdiction="51")
    for request in (
        ev.GetSheetsRequest(dossier_id=dossier),
        ev.GetSheetsRequest(actor=claims_chair, dossier_id=dossier),
    ):
        with pytest.raises(grpc.RpcError) as refused:
            evaluation.GetSheets(request, metadata=as_tv1, timeout=10)
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    view = evaluation.GetEvaluation(ev.GetEvaluationRequest(dossier_id=dossier), metadata=as_tv1)
    assert (view.score, view.explanation) == ("", "")  # no running mean before adoption
    round_view = evaluation.GetRound(ev.GetRoundRequest(round_id=view.round_id), metadata=as_tv1)
    assert set(round_view.DESCRIPTOR.fields_by_name) >= {"members"}
    assert "60" not in "".join(str(m) for m in round_view.members)  # members, no scores

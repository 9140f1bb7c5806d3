"""Issue 14's attacks, re-tried against the servers as they run (memory stores, real
channels, real tokens): claimed actors change nothing, a recognition decision cannot be
signed by a claimed authority, another province's certificate cannot be revoked, a
council member cannot submit as another, and server reflection needs a token and a role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from contracts.rpc import common_pb2
from contracts.rpc import evaluation_pb2 as ev
from contracts.rpc import registration_pb2 as rg
from runtime.identity.interceptor import DENIED_BY_METADATA
from tests.identity import TestIssuer
from tests.unit.evaluation.helpers import arrive, council, score_all
from tests.unit.inputs.servers import STUBS, Running, running

AUTHORITY_51 = common_pb2.Actor(id="ct-ubnd-tinh", role="authority", jurisdiction="51")


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(tmp_path_factory.mktemp("attacks")) as up:
        yield up


def raw(edge: Running, service: str) -> Any:
    """A stub on the raw channel: only the token given with each call signs it."""
    return STUBS[service](edge.channels[service]._channel)


def refusal(call: Any, request: Any, metadata: Any = ()) -> tuple[str, str]:
    """(status, who refused: `token`, `policy`, `scope`, or "" for the service itself)."""
    try:
        call(request, metadata=metadata, timeout=20)
    except grpc.RpcError as error:
        trailing = dict(error.trailing_metadata() or ())
        return error.code().name, str(trailing.get(DENIED_BY_METADATA, ""))
    return "OK", ""


def test_a_claimed_actor_is_refused_and_the_recorded_one_is_the_verified_one(
    edge: Running,
) -> None:
    issuer = TestIssuer(edge.system.issuer)  # type: ignore[arg-type]
    officer = issuer.metadata("can-bo-xa-tan-cong", "commune_officer", "23500")
    claimed = common_pb2.Actor(id="so-nnmt", role="province_officer", jurisdiction="51")
    request = rg.RegisterProducerRequest(
        name="HTX Tấn Công", kind="cooperative", legal_representative="A", commune_code="23500"
    )
    call = raw(edge, "registration").RegisterProducer
    with_claim = rg.RegisterProducerRequest(actor=claimed)
    with_claim.MergeFrom(request)
    assert refusal(call, with_claim, officer) == ("PERMISSION_DENIED", "")
    reply = call(request, metadata=officer, timeout=20)
    app = edge.system.registration.app
    first = next(iter(app.repository.event_store.get(app.get_producer(reply.producer_id).id)))
    recorded = first.meta["actor"]  # type: ignore[attr-defined]
    assert (recorded["id"], recorded["role"], recorded["jurisdiction"]) == (
        "can-bo-xa-tan-cong",
        "commune_officer",
        "23500",
    )


def test_a_decision_cannot_be_signed_by_claiming_the_authority(edge: Running) -> None:
    issuer = TestIssuer(edge.system.issuer)  # type: ignore[arg-type]
    app = edge.system.evaluation.app
    dossier = arrive(app)
    council(app, dossier.aggregate_id)
    request = ev.IssueDecisionRequest(
        actor=AUTHORITY_51,
        decision_no="126/QĐ-UBND",
        decided_on="2026-06-28",
        signer="X",
        dossier_ids=[str(dossier.aggregate_id)],
    )
    call = raw(edge, "evaluation").IssueDecision
    for who in (("htx", "producer", "23500"), ("can-bo", "commune_officer", "23500")):
        assert refusal(call, request, issuer.metadata(*who)) == ("PERMISSION_DENIED", "policy")
    assert refusal(call, request) == ("UNAUTHENTICATED", "token")


def test_a_member_cannot_submit_as_another(edge: Running) -> None:
    """tv1's token with a request naming the chairman: refused, no sheet recorded."""
    issuer = TestIssuer(edge.system.issuer)  # type: ignore[arg-type]
    app = edge.system.evaluation.app
    dossier = arrive(app)
    council(app, dossier.aggregate_id)
    score_all(app, dossier.aggregate_id, {"tv2": 60})
    before = app.recorder.max_notification_id()
    request = ev.SubmitSheetRequest(
        actor=common_pb2.Actor(id="chu-tich", role="council_member", jurisdiction="51"),
        dossier_id=str(dossier.aggregate_id),
    )
    tv1 = issuer.metadata("tv1", "council_member", "51")
    status, _ = refusal(raw(edge, "evaluation").SubmitSheet, request, tv1)
    assert status == "PERMISSION_DENIED"
    assert app.recorder.max_notification_id() == before


def test_another_provinces_certificate_cannot_be_revoked(edge: Running) -> None:
    from tests.unit.evaluation.test_certificates import recognised

    issuer = TestIssuer(edge.system.issuer)  # type: ignore[arg-type]
    product = recognised(edge.system.evaluation.app, number="77/QĐ-UBND")  # province 51
    call = raw(edge, "evaluation").DecideRevocation
    request = ev.DecideRevocationRequest(
        actor=AUTHORITY_51,
        product_id=str(product),
        decision_no="9/QĐ-UBND",
        decided_on="2026-08-20",
        signer="Chủ tịch UBND thành phố",
    )
    hanoi = issuer.metadata("ct-ubnd-hn", "authority", "01")
    assert refusal(call, request, hanoi) == ("PERMISSION_DENIED", "scope")
    # The province's own authority passes the scope (refused by the service: nothing open).
    own = refusal(call, request, issuer.metadata("ct-ubnd-tinh", "authority", "51"))
    assert own[1] == ""


def test_server_reflection_needs_a_token_and_a_role(edge: Running) -> None:
    issuer = TestIssuer(edge.system.issuer)  # type: ignore[arg-type]
    stub = reflection_pb2_grpc.ServerReflectionStub(edge.channels["registration"]._channel)

    def ask(metadata: Any = ()) -> str:
        question = reflection_pb2.ServerReflectionRequest(list_services="")
        try:
            for _ in stub.ServerReflectionInfo(iter([question]), metadata=metadata, timeout=20):
                return "OK"
        except grpc.RpcError as error:
            return str(error.code().name)
        return "OK"

    assert ask() == "UNAUTHENTICATED"
    assert ask(issuer.metadata("can-bo", "commune_officer", "23500")) == "PERMISSION_DENIED"
    assert ask(issuer.metadata("van-hanh", "ops")) == "OK"

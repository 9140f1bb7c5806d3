"""The registration gRPC API in process: refusals become statuses with the field in
`ocop-field`, documents arrive in chunks, queries show completeness and the deadline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import grpc
import pytest

from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.clock import FixedClock
from runtime.errors import FIELD_METADATA, LANG_METADATA
from services.registration.adapters import grpc_api
from services.registration.application import RegistrationApp
from tests.documents import pdf
from tests.identity import TestIssuer, served
from tests.unit.registration.helpers import DAK_HA

OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA)


@pytest.fixture
def stub(app: RegistrationApp, issuer: TestIssuer) -> Iterator[pb_grpc.RegistrationStub]:
    with served(issuer, app, grpc_api, "registration", pb_grpc.RegistrationStub) as stub:
        yield stub


def status(call: Any, request: Any) -> tuple[grpc.StatusCode, str, str]:
    with pytest.raises(grpc.RpcError) as error:
        call(request, metadata=((LANG_METADATA, "en"),))
    failure: Any = error.value
    trailing = dict(failure.trailing_metadata() or ())
    return failure.code(), str(trailing.get(FIELD_METADATA, "")), failure.details()


def dossier_of(stub: pb_grpc.RegistrationStub) -> str:
    producer = stub.RegisterProducer(
        pb.RegisterProducerRequest(
            actor=OFFICER,
            name="HTX",
            kind="cooperative",
            commune_code=DAK_HA,
            legal_representative="A",
        )
    ).producer_id
    product = stub.RegisterProduct(
        pb.RegisterProductRequest(
            actor=OFFICER, producer_id=producer, name="Cà phê", product_set=13
        )
    ).product_id
    return str(
        stub.SubmitDossier(
            pb.SubmitDossierRequest(
                actor=OFFICER, product_id=product, kind="first", received_on="2026-06-01"
            )
        ).dossier_id
    )


def test_refusals_carry_status_and_field(stub: pb_grpc.RegistrationStub) -> None:
    code, field, details = status(
        stub.RegisterProducer,
        pb.RegisterProducerRequest(
            actor=OFFICER,
            name="HTX",
            kind="cooperative",
            commune_code="99999",
            legal_representative="A",
        ),
    )
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "commune_code")
    assert "99999" in details
    # No actor named: the call goes as the channel's default sign-in, an auditor, who
    # may not register anything (the policy refuses before the service sees it).
    code, field, _ = status(stub.RegisterProducer, pb.RegisterProducerRequest(name="HTX"))
    assert (code, field) == (grpc.StatusCode.PERMISSION_DENIED, "actor")
    dossier = dossier_of(stub)
    code, field, _ = status(
        stub.RecordSelfAssessment,
        pb.RecordSelfAssessmentRequest(
            actor=OFFICER, dossier_id=dossier, scores=[pb.SelfScore(criterion="1.1", option="7")]
        ),
    )
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "choices[1.1]")
    code, field, _ = status(
        stub.ForwardDossier,
        pb.ForwardDossierRequest(actor=OFFICER, dossier_id=dossier, forwarded_on="2026-06-12"),
    )
    assert (code, field) == (grpc.StatusCode.FAILED_PRECONDITION, "dossier_id")
    code, field, _ = status(
        stub.AdvanceIdea,
        pb.AdvanceIdeaRequest(actor=OFFICER, idea_id=dossier, action="fly", on="x"),
    )
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "action")
    code, _, _ = status(stub.GetProduct, pb.GetProductRequest(product_id=dossier))
    assert code == grpc.StatusCode.NOT_FOUND


def test_documents_arrive_in_chunks_and_the_view_shows_the_dossier(
    app: RegistrationApp, stub: pb_grpc.RegistrationStub, clock: FixedClock
) -> None:
    dossier = dossier_of(stub)
    data = pdf(padding=5 * 1024 * 1024)  # over 4 MiB: several gRPC messages

    def chunks() -> Iterator[pb.DocumentChunk]:
        yield pb.DocumentChunk(
            actor=OFFICER, dossier_id=dossier, name="scan.pdf", category="lab_test"
        )
        for start in range(0, len(data), 1024 * 1024):
            yield pb.DocumentChunk(data=data[start : start + 1024 * 1024])

    reply = stub.AttachDocument(chunks())
    assert (reply.size, reply.media_type) == (len(data), "application/pdf")

    def oversized() -> Iterator[pb.DocumentChunk]:  # 21 MiB in 1 MiB messages
        yield pb.DocumentChunk(actor=OFFICER, dossier_id=dossier, name="x.pdf", data=b"%PDF-")
        for _ in range(21):
            yield pb.DocumentChunk(data=b"0" * 1024 * 1024)

    assert status(stub.AttachDocument, oversized())[:2] == (
        grpc.StatusCode.INVALID_ARGUMENT,
        "content",
    )
    view = stub.GetDossier(pb.GetDossierRequest(dossier_id=dossier))
    assert (view.rule_set_id, view.check_deadline, view.product_code) == (
        "R3",
        "2026-06-22",
        "51-23500-1-2026",
    )
    assert view.criteria_on_sheet == 34 and view.documents[0].name == "scan.pdf"
    assert any("0/5" in m for m in view.missing)
    listed = stub.ListDossiers(pb.ListDossiersRequest(overdue_only=True))
    assert listed.overdue == 1 and listed.dossiers[0].dossier_id == dossier
    assert app.clock.today() == date(2026, 7, 1)


def test_what_a_dossier_lacks_is_in_the_callers_language(
    stub: pb_grpc.RegistrationStub,
) -> None:
    """Issue 13 item 11: with `--lang en` (metadata ocop-lang: en) `missing` is English."""
    dossier = dossier_of(stub)
    request = pb.GetDossierRequest(dossier_id=dossier)
    vi = stub.GetDossier(request).missing
    en = stub.GetDossier(request, metadata=(("ocop-lang", "en"),)).missing
    assert len(vi) == len(en) > 0 and list(vi) != list(en)
    assert all(m.isascii() for m in en) and not all(m.isascii() for m in vi)

"""The dossier the next level receives (issue 20): `GetDossierBundle` over the real gRPC
server streams the manifest (forms 01/02, self-assessment, form 03, the lower council's
result) and every document; a broken stream resumes from the last part kept; the
province's side verifies each document against its SHA-256; only the levels that
evaluate may fetch it, and only a forwarded dossier."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from typing import Any

import grpc
import pytest

from contracts.envelope import Actor
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.commands import CommandContext
from services.registration.application.bundle import CHUNK
from system.bundle import Bundle, BundleMismatch, fetch_bundle, verify_bundle
from tests.documents import pdf
from tests.identity import TestIssuer
from tests.unit.inputs.servers import Running, running
from tests.unit.registration import helpers as reg
from tests.unit.registration.test_follows_recognition import deliver, scored

COMMUNE = CommandContext(actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"))
BIG = pdf() + b"%" + bytes(range(256)) * (3 * CHUNK // 256)  # a scan of 3+ chunks


@pytest.fixture(scope="module")
def up(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(tmp_path_factory.mktemp("bundle")) as servers:
        yield servers


@pytest.fixture(scope="module")
def forwarded(up: Running) -> dict[str, Any]:
    app = up.system.registration.app
    product = reg.product(app, COMMUNE)
    dossier = app.dossiers.submit_dossier(
        COMMUNE, product_id=product, kind="first", received_on=date(2026, 6, 1)
    )
    reg.complete(app, COMMUNE, dossier)
    app.dossiers.attach_document(
        COMMUNE, dossier_id=dossier, name="ban-scan.pdf", category="other", content=BIG
    )
    reg.assess_and_forward(app, COMMUNE, dossier, date(2026, 6, 12))
    deliver(app, scored(product, dossier))
    return {"product": str(product), "dossier": str(dossier), "app": app}


def stub(up: Running) -> Any:
    channel = grpc.insecure_channel(up.addresses["registration"])
    return pb_grpc.RegistrationStub(channel)  # type: ignore[no-untyped-call]


def signed(up: Running, role: str = "province_officer", unit: str = "51") -> Any:
    assert up.system.issuer is not None
    return TestIssuer(up.system.issuer).metadata(f"tinh-{role}", role, unit)


def test_the_province_fetches_and_verifies_the_whole_dossier(
    up: Running, forwarded: dict[str, Any]
) -> None:
    got = fetch_bundle(stub(up).GetDossierBundle, forwarded["dossier"], metadata=signed(up))
    head = got.manifest
    assert head["format"] == "ocop-dossier-bundle/1" and head["dossier_id"] == forwarded["dossier"]
    assert head["form_01"]["unit_name"] and head["form_02"]["self_assessment"]
    assert head["form_03"]["report_no"] == "15/BC-UBND"
    assert head["form_03"]["forwarded_to"] == "province"
    assert head["council_result"]["explanation"] == "72,50 điểm: 4 sao"
    assert "ban-scan.pdf" in [d["name"] for d in head["documents"]]
    assert bytes(got.documents[hashlib.sha256(BIG).hexdigest()]) == BIG
    chunks = sum(-(-int(d["size"]) // CHUNK) for d in head["documents"])
    assert got.last_sequence == 1 + chunks and chunks >= len(head["documents"]) + 3


def test_a_broken_stream_resumes_from_the_last_part_kept(
    up: Running, forwarded: dict[str, Any]
) -> None:
    partial = Bundle()
    stream = stub(up).GetDossierBundle(
        pb.GetDossierBundleRequest(dossier_id=forwarded["dossier"]), metadata=signed(up)
    )
    for part in stream:
        partial.take(part)
        if part.sequence == 3:
            break
    stream.cancel()  # the connection is lost in the middle of the scan
    got = fetch_bundle(
        stub(up).GetDossierBundle, forwarded["dossier"], metadata=signed(up), bundle=partial
    )
    assert got.calls == 1 and got.last_sequence > 3
    assert bytes(got.documents[hashlib.sha256(BIG).hexdigest()]) == BIG


def test_a_document_that_does_not_match_its_hash_is_refused(
    up: Running, forwarded: dict[str, Any]
) -> None:
    got = fetch_bundle(stub(up).GetDossierBundle, forwarded["dossier"], metadata=signed(up))
    sha = hashlib.sha256(BIG).hexdigest()
    got.documents[sha][-1] ^= 1
    with pytest.raises(BundleMismatch, match="SHA-256"):
        verify_bundle(got)


def test_only_the_evaluating_levels_of_its_province_fetch_a_forwarded_dossier(
    up: Running, forwarded: dict[str, Any]
) -> None:
    for role, unit in (("commune_officer", "23500"), ("province_officer", "79")):
        with pytest.raises(grpc.RpcError) as refused:
            fetch_bundle(
                stub(up).GetDossierBundle, forwarded["dossier"], metadata=signed(up, role, unit)
            )
        assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    app = forwarded["app"]
    waiting = app.dossiers.submit_dossier(
        COMMUNE, product_id=reg.product(app, COMMUNE), kind="first", received_on=date(2026, 6, 1)
    )
    with pytest.raises(grpc.RpcError) as early:
        fetch_bundle(stub(up).GetDossierBundle, str(waiting), metadata=signed(up))
    assert early.value.code() == grpc.StatusCode.FAILED_PRECONDITION

"""Refusals carry the standard details (issue 10 kind 5): a `google.rpc.Status` whose
`google.rpc.BadRequest` field violation names the field in its own spelling (non-ASCII
kept), alongside the readable message and the ASCII `ocop-field` trailer; the CLI reads the
field from the details."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from cli.main import refused_field
from contracts.rpc import common_pb2, registration_pb2
from runtime.errors import FIELD_METADATA, LANG_METADATA, CommandRejected
from runtime.rpc import MAX_MESSAGE_CHARS, refusal_status
from tests.unit.inputs.servers import Running, running

OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(Path(tmp_path_factory.mktemp("details"))) as up:
        yield up


def failure_of(call: Any, request: Any) -> Any:
    with pytest.raises(grpc.RpcError) as error:
        call(request, metadata=((LANG_METADATA, "en"),))
    return error.value


def violations(failure: Any) -> list[tuple[str, str]]:
    status = rpc_status.from_call(failure)  # checks code and message match the call's
    assert status is not None
    found = []
    for detail in status.details:
        bad = error_details_pb2.BadRequest()
        assert detail.Unpack(bad)
        found += [(v.field, v.description) for v in bad.field_violations]
    return found


def test_a_refusal_names_its_field_in_the_standard_details(edge: Running) -> None:
    request = registration_pb2.RegisterProducerRequest(
        actor=OFFICER, name="HTX\x1b[31m", kind="cooperative", commune_code="23500"
    )
    failure = failure_of(edge.stubs["registration"].RegisterProducer, request)
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    [(field, description)] = violations(failure)
    assert field == "name" and "control character" in description
    assert dict(failure.trailing_metadata())[FIELD_METADATA] == "name"
    assert refused_field(failure) == "name"


def test_a_non_ascii_field_keeps_its_spelling_in_the_details(edge: Running) -> None:
    request = registration_pb2.RecordSelfAssessmentRequest(
        actor=OFFICER, dossier_id="00000000-0000-0000-0000-000000000001"
    )
    request.scores.add(criterion="tiêu chí\x07", option="a")
    failure = failure_of(edge.stubs["registration"].RecordSelfAssessment, request)
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert dict(failure.trailing_metadata())[FIELD_METADATA].isascii()
    assert refused_field(failure) == "scores[0].criterion"


def test_a_huge_refusal_stays_within_the_metadata_limits() -> None:
    rejected = CommandRejected("invalid_argument", "tên " * 100, "Đ" * 10_000, "x" * 10_000)
    status = refusal_status(rejected, "vi")
    assert len(status.details) == MAX_MESSAGE_CHARS
    assert sum(len(k) + len(v) for k, v in status.trailing_metadata) < 4 * 1024


def test_a_refusal_without_a_field_has_no_violation(edge: Running) -> None:
    request = registration_pb2.GetDossierRequest(dossier_id="00000000-0000-0000-0000-000000000009")
    failure = failure_of(edge.stubs["registration"].GetDossier, request)
    assert failure.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED)
    status = rpc_status.from_call(failure)
    assert status is not None and status.message == failure.details()

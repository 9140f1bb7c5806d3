"""Issues 9 (kind 2) and 10 (kinds 3 and 5): every string of every request is put in NFC
and bounded at one place, the `InputGuard` interceptor every service's server installs;
refusals are readable (short escaped excerpt, ASCII-safe field trailer, right status)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf.descriptor import FieldDescriptor

from contracts.rpc import (
    common_pb2,
    evaluation_pb2,
    inspection_pb2,
    promotion_pb2,
    registration_pb2,
)
from runtime.errors import FIELD_METADATA, LANG_METADATA, CommandRejected
from runtime.input_guard import canonical_form, canonical_text, canonicalise
from runtime.input_rules import number_range, text_rule
from runtime.rpc import ascii_field
from runtime.text import excerpt
from tests.hostile.generator import methods
from tests.unit.inputs.servers import Running, running

DAK_HA = "23500"
OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA)
NFD_NAME = unicodedata.normalize("NFD", "Hợp tác xã Cà phê Đăk Hà")


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(Path(tmp_path_factory.mktemp("edge"))) as up:
        yield up


def refused(call: Any, request: Any) -> tuple[grpc.StatusCode, str, str]:
    with pytest.raises(grpc.RpcError) as error:
        call(request, metadata=((LANG_METADATA, "en"),))
    failure: Any = error.value
    trailing = dict(failure.trailing_metadata() or ())
    return failure.code(), str(trailing.get(FIELD_METADATA, "")), str(failure.details())


def producer(**fields: Any) -> registration_pb2.RegisterProducerRequest:
    values = {
        "actor": OFFICER,
        "name": "HTX Cà phê",
        "kind": "cooperative",
        "commune_code": DAK_HA,
        "legal_representative": "Nguyễn Văn A",
        **fields,
    }
    return registration_pb2.RegisterProducerRequest(**values)


def request_types() -> list[Any]:
    """The request message of every method of every service with a gRPC server."""
    return [method.descriptor.input_type for method in methods()]


def fill(message: Any, text: str) -> list[str]:
    """Sets every free-text string field (nested, repeated) of `message` to `text` (fields
    with a canonical form of their own are `test_identifiers`'); their paths."""
    paths: list[str] = []
    for descriptor in message.DESCRIPTOR.fields:
        if canonical_form(descriptor.name):
            continue
        if descriptor.type == FieldDescriptor.TYPE_STRING:
            if descriptor.is_repeated:
                getattr(message, descriptor.name).append(text)
            else:
                setattr(message, descriptor.name, text)
            paths.append(descriptor.name)
        elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            if descriptor.message_type.GetOptions().map_entry:
                getattr(message, descriptor.name)[text] = (
                    text
                    if descriptor.message_type.fields_by_name["value"].type
                    == FieldDescriptor.TYPE_STRING
                    else getattr(message, descriptor.name)[text]
                )
                paths.append(descriptor.name)
            elif descriptor.is_repeated:
                paths += fill(getattr(message, descriptor.name).add(), text)
            else:
                paths += fill(getattr(message, descriptor.name), text)
    return paths


def strings(message: Any) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        if descriptor.type == FieldDescriptor.TYPE_STRING:
            yield from (value if descriptor.is_repeated else [value])
        elif descriptor.type == FieldDescriptor.TYPE_MESSAGE:
            if descriptor.message_type.GetOptions().map_entry:
                for key, item in value.items():
                    yield key
                    if isinstance(item, str):
                        yield item
            else:
                for item in value if descriptor.is_repeated else [value]:
                    yield from strings(item)


@pytest.mark.parametrize("message_type", request_types(), ids=lambda d: d.name)
def test_every_string_field_of_every_command_comes_out_nfc(message_type: Any) -> None:
    from google.protobuf import message_factory

    message = message_factory.GetMessageClass(message_type)()
    text = unicodedata.normalize("NFD", "Đăk Hà")
    paths = fill(message, text)
    canonicalise(message)
    found = list(strings(message))
    assert len(found) >= len(paths)
    assert all(unicodedata.is_normalized("NFC", s) and s == "Đăk Hà" for s in found)


def test_a_decomposed_name_is_stored_and_read_back_in_nfc(edge: Running) -> None:
    reply = edge.stubs["registration"].RegisterProducer(producer(name=NFD_NAME))
    view = edge.stubs["registration"].GetProducer(
        registration_pb2.GetProducerRequest(producer_id=reply.producer_id)
    )
    assert view.name == unicodedata.normalize("NFC", NFD_NAME)


def test_a_decomposed_signer_reaches_evaluation_in_nfc() -> None:
    """The issue's example: evaluation stored a signer typed in NFD as NFD."""
    request = evaluation_pb2.IssueDecisionRequest(
        signer=unicodedata.normalize("NFD", "Nguyễn Văn Bình"), decision_no="12/QĐ-UBND"
    )
    canonicalise(request)
    assert request.signer == "Nguyễn Văn Bình"


@pytest.mark.parametrize(
    ("value", "what"),
    [
        ("HTX\x00Cà phê", "U+0000"),  # NUL
        ("HTX \x1b[31mĐỏ\x1b[0m", "U+001B"),  # ANSI terminal escape
        ("HTX \u202eêhp àC", "U+202E"),  # right-to-left override
        ("HTX \u2066Cà phê\u2069", "U+2066"),  # left-to-right isolate
        ("HTX\nCà phê", "U+000A"),  # a newline in a one-line field
        ("HTX\x85Cà phê", "U+0085"),  # C1 next line
        ("HTX\ue000", "U+E000"),  # private use
    ],
)
def test_control_and_bidi_characters_are_refused_naming_the_field(
    edge: Running, value: str, what: str
) -> None:
    code, field, details = refused(
        edge.stubs["registration"].RegisterProducer, producer(name=value)
    )
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "name")
    assert what in details and "\x1b" not in details and "\u202e" not in details


def test_newlines_are_kept_in_long_free_text_only() -> None:
    assert canonical_text("reason", "Thiếu hồ sơ.\r\nBổ sung sau.") == "Thiếu hồ sơ.\nBổ sung sau."
    assert text_rule("reason").multiline and not text_rule("name").multiline
    with pytest.raises(CommandRejected):
        canonical_text("signer", "A\nB")


def test_zero_width_characters_are_removed_and_whitespace_trimmed() -> None:
    assert canonical_text("name", "\ufeff Cà\u200b phê\u2060 ") == "Cà phê"


def test_a_one_megabyte_name_is_refused_with_a_short_readable_message(edge: Running) -> None:
    code, field, details = refused(
        edge.stubs["registration"].RegisterProducer, producer(name="Cà" * 500_000)
    )
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "name")
    assert "1,000,000 characters" in details and len(details) < 300


@pytest.mark.parametrize(
    ("path", "limit"),
    [("name", 300), ("signer", 300), ("dossier_id", 64), ("criterion", 64), ("reason", 5000)],
)
def test_each_text_field_has_a_limit_by_its_meaning(path: str, limit: int) -> None:
    assert text_rule(path).max_chars == limit
    canonical_text(path, "a" * limit)
    with pytest.raises(CommandRejected) as too_long:
        canonical_text(path, "a" * (limit + 1))
    assert too_long.value.field == path


def test_nested_fields_are_named_by_their_path() -> None:
    request = inspection_pb2.GeneratePlanRequest()
    request.team.add(role="lead", name="A")
    request.team.add(role="member", name="B\x07")
    with pytest.raises(CommandRejected) as refused_:
        canonicalise(request)
    assert refused_.value.field == "team[1].name"


def test_an_actor_id_too_long_is_refused_as_such(edge: Running) -> None:
    actor = common_pb2.Actor(id="x" * 201, role="commune_officer", jurisdiction=DAK_HA)
    code, field, details = refused(
        edge.stubs["registration"].RegisterProducer, producer(actor=actor)
    )
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "actor.id")
    assert "role" not in details


def test_a_non_ascii_field_name_travels_escaped_in_the_trailer() -> None:
    assert ascii_field("choices[tiêu chí]") == "choices[ti\\xeau ch\\xed]"
    assert ascii_field("a\nb").isprintable()


def test_a_non_ascii_criterion_is_a_readable_refusal(edge: Running) -> None:
    stub = edge.stubs["registration"]
    request = registration_pb2.RecordSelfAssessmentRequest(
        actor=OFFICER, dossier_id="00000000-0000-0000-0000-000000000001"
    )
    request.scores.add(criterion="tiêu chí ✓", option="a")
    code, field, _ = refused(stub.RecordSelfAssessment, request)
    assert code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.NOT_FOUND)
    assert field.isascii()


def test_numbers_outside_their_domain_are_refused(edge: Running) -> None:
    """The issue's example: `receive --samples 2147483647` broke the dossier for good."""
    request = registration_pb2.ReceiveAtCommuneRequest(
        actor=OFFICER,
        dossier_id="00000000-0000-0000-0000-000000000001",
        samples=2147483647,
        received_on="2026-06-01",
    )
    code, field, _ = refused(edge.stubs["registration"].ReceiveAtCommune, request)
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "samples")
    request.samples = -5
    assert refused(edge.stubs["registration"].ReceiveAtCommune, request)[1] == "samples"


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01", "0001-01-01", "20260601", "2026-6-1"])
def test_dates_outside_the_legal_range_are_refused(edge: Running, day: str) -> None:
    request = registration_pb2.ForwardDossierRequest(
        actor=OFFICER, dossier_id="00000000-0000-0000-0000-000000000001", forwarded_on=day
    )
    code, field, _ = refused(edge.stubs["registration"].ForwardDossier, request)
    assert (code, field) == (grpc.StatusCode.INVALID_ARGUMENT, "forwarded_on")


def test_a_request_that_does_not_decode_is_invalid_argument(edge: Running) -> None:
    call = edge.channels["registration"].unary_unary(
        "/ocop.registration.v1.Registration/GetProducer",
        request_serializer=lambda raw: raw,
        response_deserializer=lambda raw: raw,
    )
    bad_utf8 = b"\x0a\x02\xc3\x28"  # field 1 (producer_id), invalid UTF-8
    with pytest.raises(grpc.RpcError) as error:
        call(bad_utf8)
    failure: Any = error.value
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert dict(failure.trailing_metadata())[FIELD_METADATA] == "request"


def test_an_excerpt_is_short_and_escaped() -> None:
    assert excerpt("a\x1b[31mb") == "'a\\x1b[31mb'"
    assert excerpt("x" * 100) == "'" + "x" * 40 + "…'"


@pytest.mark.parametrize(
    ("path", "value", "accepted"),
    [
        ("amount_vnd", 25_000_000, True),  # the demo's design grant
        ("budget_lines[0].amount_vnd", 300_000_000, True),
        ("sales_vnd", 10**13, True),
        ("sales_vnd", 10**13 + 1, False),
        ("year", 2025, True),
        ("year", 2201, False),
        ("year", 1999, False),
    ],
)
def test_money_and_years_have_ranges_of_their_own(path: str, value: int, accepted: bool) -> None:
    """Money was bounded by the default range (at most 1,000,000 đồng): a 25-million-đồng
    support grant was refused at the edge, while the application takes it."""
    least, greatest = number_range(path)
    assert (least <= value <= greatest) is accepted


def test_a_support_grant_of_millions_passes_the_edge() -> None:
    request = promotion_pb2.GrantSupportRequest(kind="design", amount_vnd=25_000_000)
    canonicalise(request)
    request.amount_vnd = -1
    with pytest.raises(CommandRejected) as refused_:
        canonicalise(request)
    assert refused_.value.field == "amount_vnd"

"""Issue 10's tier: hostile commands, generated from the proto definitions for every
method of every service, sent over real gRPC channels to every service's server in
process (memory stores). For each call: a clean refusal (a status a client can act on,
the field named in an ASCII trailer, a short printable message) or a legal acceptance;
never UNKNOWN or INTERNAL; nothing stored on a refusal; the reads still answer afterwards.
At least 10,000 commands a run; the counts are printed at the end of the session."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st

from contracts.rpc import common_pb2, evaluation_pb2, registration_pb2
from runtime.rpc import FIELD_METADATA, LANG_METADATA, MAX_MESSAGE_CHARS
from tests.documents import pdf
from tests.hostile.generator import Command, Known, commands, methods
from tests.hostile.order import aggregates, order_problems
from tests.unit.inputs.raw import raw_text_problems
from tests.unit.inputs.servers import Running, running

MAX_RECEIVE_BYTES = 4 * 1024 * 1024  # gRPC's default limit on a received message
BATCH = 10
EXAMPLES = int(os.environ.get("OCOP_HOSTILE_EXAMPLES", "1000"))  # x BATCH commands
CLEAN_REFUSALS = {
    grpc.StatusCode.INVALID_ARGUMENT,
    grpc.StatusCode.NOT_FOUND,
    grpc.StatusCode.FAILED_PRECONDITION,
    grpc.StatusCode.ALREADY_EXISTS,
    grpc.StatusCode.PERMISSION_DENIED,
    grpc.StatusCode.UNAUTHENTICATED,
}
FIELD_REQUIRED = {grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.ALREADY_EXISTS}
COUNTS: Counter[str] = Counter()
BY_STATUS: Counter[str] = Counter()
METHODS_SEEN: set[str] = set()

OFFICER = common_pb2.Actor(id="can-bo", role="commune_officer", jurisdiction="23500")
PROVINCE = common_pb2.Actor(id="so-nn", role="province_officer", jurisdiction="51")


def seed(up: Running) -> Known:
    """A producer, a product, a dossier and a round, so ids in requests can exist."""
    reg = up.stubs["registration"]
    producer = reg.RegisterProducer(
        registration_pb2.RegisterProducerRequest(
            actor=OFFICER,
            name="HTX Cà phê",
            kind="cooperative",
            commune_code="23500",
            legal_representative="A",
        )
    ).producer_id
    product = reg.RegisterProduct(
        registration_pb2.RegisterProductRequest(
            actor=OFFICER, producer_id=producer, name="Cà phê", product_set=13
        )
    ).product_id
    dossier = reg.SubmitDossier(
        registration_pb2.SubmitDossierRequest(
            actor=OFFICER, product_id=product, kind="first", received_on="2026-06-01"
        )
    ).dossier_id
    document = reg.AttachDocument(
        iter([
            registration_pb2.DocumentChunk(
                actor=OFFICER, dossier_id=dossier, name="mau-02.pdf", category="form_02",
                data=pdf(),
            )
        ])
    ).sha256  # fmt: skip
    round_id = (
        up.stubs["evaluation"]
        .OpenRound(
            evaluation_pb2.OpenRoundRequest(
                actor=PROVINCE, level="province", jurisdiction="51", on="2026-06-01"
            )
        )
        .round_id
    )
    ids = {
        "producer_id": [producer],
        "product_id": [product],
        "dossier_id": [dossier],
        "round_id": [round_id],
        "document_id": [document],  # GetDocument's: the document's SHA-256
        "any": [producer, product, dossier, round_id],
    }
    return Known(ids)


def stored(up: Running) -> int:
    total = 0
    for service in up.system.services.values():
        recorder = getattr(getattr(service, "app", None), "recorder", None)
        if recorder is not None and hasattr(recorder, "max_notification_id"):
            total += recorder.max_notification_id() or 0
    return total


def call(up: Running, command: Command) -> tuple[grpc.StatusCode, dict[str, str], str]:
    method, requests = command
    channel = up.channels[method.service]
    metadata = ((LANG_METADATA, "en"),)
    try:
        if method.client_streaming:
            stub: Any = channel.stream_unary(
                method.path,
                request_serializer=lambda m: m.SerializeToString(),
                response_deserializer=lambda raw: raw,
            )
            stub(iter(requests), metadata=metadata, timeout=30)
        elif method.descriptor.server_streaming:  # the dossier bundle: read it whole
            stub = channel.unary_stream(
                method.path,
                request_serializer=lambda m: m.SerializeToString(),
                response_deserializer=lambda raw: raw,
            )
            list(stub(requests[0], metadata=metadata, timeout=30))
        else:
            stub = channel.unary_unary(
                method.path,
                request_serializer=lambda m: m.SerializeToString(),
                response_deserializer=lambda raw: raw,
            )
            stub(requests[0], metadata=metadata, timeout=30)
    except grpc.RpcError as error:
        failure: Any = error
        trailers = {str(k): str(v) for k, v in failure.trailing_metadata() or ()}
        return failure.code(), trailers, str(failure.details() or "")
    return grpc.StatusCode.OK, {}, ""


def check(up: Running, command: Command) -> None:
    method, requests = command
    before = stored(up)
    code, trailers, details = call(up, command)
    name = f"{method.service}.{method.descriptor.name}"
    METHODS_SEEN.add(name)
    COUNTS["commands"] += 1
    BY_STATUS[code.name] += 1
    if code == grpc.StatusCode.OK:
        COUNTS["accepted"] += 1
        return
    COUNTS["refused"] += 1
    size = sum(r.ByteSize() for r in requests)
    if code == grpc.StatusCode.RESOURCE_EXHAUSTED and size > MAX_RECEIVE_BYTES:
        return  # refused by the transport before any service code, as it should be
    problem = ""
    if code not in CLEAN_REFUSALS:
        problem = f"{code.name} {details[:300]!r}"
    elif not details or len(details) > MAX_MESSAGE_CHARS:
        problem = "unreadable refusal"
    elif not all(c.isprintable() or c == "\n" for c in details):
        problem = f"unprintable refusal {details[:300]!r}"
    elif code in FIELD_REQUIRED and not trailers.get(FIELD_METADATA):
        problem = f"{code.name} names no field: {details[:300]!r}"
    elif not all(v.isascii() for v in trailers.values()):
        problem = f"non-ASCII trailer {trailers}"
    elif stored(up) != before:
        problem = "a refusal stored events"
    assert not problem, f"{problem} for {name} {shown(requests[0])}"


def shown(request: Any) -> str:
    """The request with long strings cut, for a failure message."""
    from google.protobuf.json_format import MessageToDict

    def cut(value: Any) -> Any:
        if isinstance(value, str):
            return value[:60] + (f"…({len(value)})" if len(value) > 60 else "")
        if isinstance(value, dict):
            return {k: cut(v) for k, v in value.items()}
        if isinstance(value, list):
            return [cut(v) for v in value]
        return value

    return repr(cut(MessageToDict(request, preserving_proto_field_name=True)))


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    with running(Path(tmp_path_factory.mktemp("hostile"))) as up:
        yield up


@pytest.fixture(scope="module")
def known(edge: Running) -> Known:
    return seed(edge)


def batches(examples: int) -> settings:
    """`examples` derandomized batches, quiet, with no example database or health check
    (the same batches on every run and machine)."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        verbosity=Verbosity.quiet,
        database=None,
        suppress_health_check=list(HealthCheck),
    )


def test_hostile_commands_are_refused_cleanly_or_accepted_legally(
    edge: Running, known: Known
) -> None:
    @batches(EXAMPLES)
    @given(st.lists(commands(known), min_size=BATCH, max_size=BATCH))
    def run(batch: list[Command]) -> None:
        for command in batch:
            check(edge, command)

    run()
    # every read still answers after the run, whatever was stored
    reads = [m for m in methods() if m.descriptor.name.startswith(("Get", "List"))]
    for method in reads:
        request = method.descriptor.input_type
        from google.protobuf import message_factory

        empty = message_factory.GetMessageClass(request)()
        for name in ("dossier_id", "producer_id", "product_id", "round_id", "document_id"):
            if name in request.fields_by_name:
                setattr(empty, name, known.of(name)[0])
        code, _, details = call(edge, (method, [empty]))
        assert code in {grpc.StatusCode.OK, *CLEAN_REFUSALS}, f"{method.path}: {details}"
    # what was accepted is stored and published in NFC, whatever form it was sent in
    problems, _ = raw_text_problems(edge)
    assert not problems, problems[:5]
    # and no stored fact precedes what it must follow, whatever dates were accepted
    disorder = order_problems(edge)
    COUNTS["aggregates checked for date order"] = sum(1 for _ in aggregates(edge))
    assert not disorder, disorder[:5]
    print_summary()
    assert COUNTS["commands"] >= EXAMPLES * BATCH
    assert len(METHODS_SEEN) == len(methods()), sorted({m.path for m in methods()} - METHODS_SEEN)


DATED_EXAMPLES = max(EXAMPLES // 4, 10)  # x BATCH commands


def test_dated_commands_keep_every_stored_fact_in_order(edge: Running, known: Known) -> None:
    """Plausible commands by entitled actors on the seeded records, every field legal but
    the dates (any day of the programme, days just before the seeded facts, impossible
    texts), for every method whose request carries a date: each is refused cleanly or
    accepted, and afterwards no stored fact precedes what it must follow."""
    legal = Known(known.ids, hostile=False)

    @batches(DATED_EXAMPLES)
    @given(st.lists(commands(legal), min_size=BATCH, max_size=BATCH))
    def run(batch: list[Command]) -> None:
        for command in batch:
            check(edge, command)
            COUNTS["dated commands"] += 1

    run()
    disorder = order_problems(edge)
    COUNTS["aggregates checked for date order"] = sum(1 for _ in aggregates(edge))
    assert not disorder, disorder[:5]
    print_summary()
    assert COUNTS["dated commands"] >= DATED_EXAMPLES * BATCH


def print_summary() -> None:
    statuses = ", ".join(f"{k} {v}" for k, v in BY_STATUS.most_common())
    print(
        f"\nhostile commands: {COUNTS['commands']} over {len(METHODS_SEEN)} methods; "
        f"accepted {COUNTS['accepted']}, refused cleanly {COUNTS['refused']} ({statuses}); "
        f"{COUNTS['dated commands']} of them dated commands by entitled actors; "
        f"{COUNTS['aggregates checked for date order']} stored aggregates in date order"
    )

"""A slow client cannot stall a server: more stalled uploads than the server has workers,
and the registration server still answers other calls; the stalled ones are refused or
cancelled, and a stream past its size limit is refused.

Nothing here hopes for a timing: the test waits for the refusals themselves (not a sleep),
and "served while the uploads stall" means the answers came while the admitted uploads were
still running, not within some number of seconds. The admitted ones are cancelled after
`IDLE_SECONDS` of silence, generous so that a starved machine still delivers every upload and
both answers before then."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.rpc import build_server
from runtime.settings import Settings
from runtime.streams import StreamLimits
from services.registration.adapters import grpc_api
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build
from tests.identity import TestIssuer, interceptor, signed_channel
from tests.unit.registration.helpers import DAK_HA

OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA)
WORKERS = 4
IDLE_SECONDS = 10.0


@pytest.fixture
def app(memory_settings: Settings) -> RegistrationApp:
    return build(memory_settings).app


SIGNED_IN = ("can-bo-xa", "commune_officer", DAK_HA)


def stalled(release: threading.Event) -> Iterator[pb.DocumentChunk]:
    """An upload that sends its first chunk and then nothing until `release` is set."""
    yield pb.DocumentChunk(actor=OFFICER, dossier_id="x", name="x.pdf", data=b"%PDF-")
    release.wait(30)


def test_stalled_uploads_do_not_freeze_other_calls(
    app: RegistrationApp, issuer: TestIssuer
) -> None:
    server, port = build_server(
        "127.0.0.1:0",
        [grpc_api.register(app)],
        [grpc_api.SERVICE_NAME],
        auth=interceptor(issuer, "registration"),
        max_workers=WORKERS,
        limits=StreamLimits(max_streams=WORKERS // 2, idle_seconds=IDLE_SECONDS, call_seconds=60),
    )
    server.start()
    release = threading.Event()
    channel = signed_channel(issuer, f"127.0.0.1:{port}", SIGNED_IN)
    stub = pb_grpc.RegistrationStub(channel)  # type: ignore[no-untyped-call]
    health = health_pb2_grpc.HealthStub(channel)
    uploads = 2 * WORKERS  # more stalled uploads than workers
    pool = futures.ThreadPoolExecutor(uploads)
    try:
        calls = [
            pool.submit(stub.AttachDocument, stalled(release), timeout=30) for _ in range(uploads)
        ]
        allowed = WORKERS // 2
        # Beyond the streams allowed at once: refused at once (waited for, not slept on).
        finished = futures.as_completed(calls, timeout=60)
        refused = [next(finished) for _ in range(uploads - allowed)]
        assert [_code(c) for c in refused] == [grpc.StatusCode.RESOURCE_EXHAUSTED] * len(refused)
        admitted = [c for c in calls if c not in refused]  # these have started and stalled
        answer = health.Check(health_pb2.HealthCheckRequest(), timeout=5)
        producer = stub.RegisterProducer(
            pb.RegisterProducerRequest(
                actor=OFFICER,
                name="HTX",
                kind="cooperative",
                commune_code=DAK_HA,
                legal_representative="A",
            ),
            timeout=5,
        )
        assert answer.status == health_pb2.HealthCheckResponse.SERVING
        assert producer.producer_id
        assert not any(c.done() for c in admitted)  # served while the uploads stall
        # The stalled ones: cancelled once idle.
        assert [_code(c) for c in admitted] == [grpc.StatusCode.CANCELLED] * allowed
    finally:
        release.set()
        pool.shutdown(wait=True)
        channel.close()
        server.stop(grace=0)


def test_a_stream_past_its_size_limit_is_refused(app: RegistrationApp, issuer: TestIssuer) -> None:
    server, port = build_server(
        "127.0.0.1:0",
        [grpc_api.register(app)],
        [grpc_api.SERVICE_NAME],
        auth=interceptor(issuer, "registration"),
        limits=StreamLimits(max_streams=2, max_bytes=10_000),
    )
    server.start()
    with signed_channel(issuer, f"127.0.0.1:{port}", SIGNED_IN) as channel:
        stub = pb_grpc.RegistrationStub(channel)  # type: ignore[no-untyped-call]
        chunks = (pb.DocumentChunk(dossier_id="x", data=b"\0" * 4096) for _ in range(100))
        assert _code(_run(stub.AttachDocument, chunks)) == grpc.StatusCode.RESOURCE_EXHAUSTED
    server.stop(grace=0)


def _run(method: Any, argument: Any) -> futures.Future[Any]:
    done: futures.Future[Any] = futures.Future()
    try:
        done.set_result(method(argument, timeout=10))
    except grpc.RpcError as error:
        done.set_exception(error)
    return done


def _code(call: futures.Future[Any]) -> grpc.StatusCode | None:
    error = call.exception(timeout=30)
    return error.code() if isinstance(error, grpc.RpcError) else None

"""A slow client cannot stall a server: more stalled uploads than the server has workers,
and the registration server still answers other calls; the stalled ones are refused or
cancelled, and a stream past its size limit is refused."""

from __future__ import annotations

import threading
import time
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
        limits=StreamLimits(max_streams=WORKERS // 2, idle_seconds=1.5, call_seconds=60),
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
        time.sleep(0.5)  # every upload has started and stalled
        started = time.monotonic()
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
        assert time.monotonic() - started < 2  # served while the uploads stall

        codes = [_code(call) for call in calls]
        # Beyond the streams allowed at once: refused at once; the stalled ones: cancelled.
        assert codes.count(grpc.StatusCode.RESOURCE_EXHAUSTED) == uploads - WORKERS // 2
        assert codes.count(grpc.StatusCode.CANCELLED) == WORKERS // 2
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

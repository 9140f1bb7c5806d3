"""The authentication interceptor on a real gRPC server with real RS256 tokens of a
loopback issuer: who is let through, what the handler sees, what is logged; and gRPC over
TLS with the generated development CA."""

from __future__ import annotations

import json
import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health, health_pb2, health_pb2_grpc

from deploy.tls.make_certs import make_certs
from runtime.identity.interceptor import DENIED_BY_METADATA, AuthInterceptor, current_grant
from runtime.tls import channel, server_credentials
from tests.identity import TestIssuer
from tests.unit.runtime.test_identity import verifier

GET_PRODUCER = "/ocop.registration.v1.Registration/GetProducer"


def _echo(request: bytes, context: grpc.ServicerContext) -> bytes:
    grant = current_grant()
    assert grant is not None
    return f"{grant.actor.id}|{grant.actor.role}|{grant.scope}".encode()


@pytest.fixture
def server(issuer: TestIssuer) -> Iterator[str]:
    srv = grpc.server(
        __import__("concurrent.futures").futures.ThreadPoolExecutor(2),
        interceptors=[AuthInterceptor(verifier(issuer))],
    )
    srv.add_generic_rpc_handlers(
        (
            grpc.method_handlers_generic_handler(
                "ocop.registration.v1.Registration",
                {"GetProducer": grpc.unary_unary_rpc_method_handler(_echo)},
            ),
        )
    )
    health_pb2_grpc.add_HealthServicer_to_server(health.HealthServicer(), srv)
    port = srv.add_insecure_port("127.0.0.1:0")
    srv.start()
    yield f"127.0.0.1:{port}"
    srv.stop(None)


def _call(address: str, metadata: tuple[tuple[str, str], ...] = ()) -> bytes:
    with grpc.insecure_channel(address) as ch:
        result: bytes = ch.unary_unary(GET_PRODUCER)(b"", metadata=metadata, timeout=10)
        return result


def _denied_by(error: grpc.RpcError) -> str:
    trailing = dict(error.trailing_metadata() or ())
    return str(trailing.get(DENIED_BY_METADATA, ""))


def test_no_token_is_unauthenticated_but_health_needs_none(server: str) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        _call(server)
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    assert _denied_by(refused.value) == "token"
    with grpc.insecure_channel(server) as ch:
        reply = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert reply.status == health_pb2.HealthCheckResponse.SERVING


def test_the_handler_sees_the_verified_actor_and_personal_reads_are_logged(
    server: str, issuer: TestIssuer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "ocop.access")
    reply = _call(server, issuer.metadata("kiem-toan", "auditor", "51"))
    assert reply == b"kiem-toan|auditor|all"
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ocop.access"]
    assert line == {
        "event": "personal_data_read",
        "method": GET_PRODUCER,
        "user": "kiem-toan",
        "role": "auditor",
        "jurisdiction": "51",
        "code": "OK",
        "reason": "",
    }


def test_a_role_the_policy_refuses_is_denied_and_logged(
    server: str, issuer: TestIssuer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, "ocop.access")
    with pytest.raises(grpc.RpcError) as refused:
        _call(server, issuer.metadata("tv-hoa", "council_member", "51"))
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    assert _denied_by(refused.value) == "policy"
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ocop.access"]
    assert (line["event"], line["user"], line["role"]) == ("refused", "tv-hoa", "council_member")


def test_grpc_over_tls_with_the_generated_development_ca(
    issuer: TestIssuer, tmp_path: Path
) -> None:
    make_certs(tmp_path)
    assert stat.S_IMODE((tmp_path / "registration-key.pem").stat().st_mode) == 0o600
    srv = grpc.server(__import__("concurrent.futures").futures.ThreadPoolExecutor(2))
    health_pb2_grpc.add_HealthServicer_to_server(health.HealthServicer(), srv)
    creds = server_credentials(tmp_path, "registration")
    assert creds is not None
    port = srv.add_secure_port("127.0.0.1:0", creds)
    srv.start()
    try:
        with channel(f"127.0.0.1:{port}", tmp_path) as secure:
            reply = health_pb2_grpc.HealthStub(secure).Check(
                health_pb2.HealthCheckRequest(), timeout=10
            )
            assert reply.status == health_pb2.HealthCheckResponse.SERVING
        with channel(f"127.0.0.1:{port}", None) as plain, pytest.raises(grpc.RpcError):
            health_pb2_grpc.HealthStub(plain).Check(health_pb2.HealthCheckRequest(), timeout=3)
    finally:
        srv.stop(None)

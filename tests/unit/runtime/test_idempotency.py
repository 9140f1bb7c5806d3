"""Commands safe to retry, through the real registration gRPC server on memory and SQLite:
the same idempotency key returns the first reply and changes nothing; another request
under the same key is refused; keys are forgotten after the retention."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest

from contracts.envelope import Actor
from contracts.rpc import common_pb2
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.commands import CommandContext
from runtime.idempotency import IDEMPOTENCY_METADATA, CommandKey, _current
from runtime.rpc import build_server
from runtime.settings import Settings
from services.registration.adapters import grpc_api
from services.registration.bootstrap import Registration, build
from tests.identity import TestIssuer, interceptor, signed_channel
from tests.unit.registration.helpers import DAK_HA

OFFICER = common_pb2.Actor(id="can-bo-xa", role="commune_officer", jurisdiction=DAK_HA)


class Server:
    def __init__(self, service: Registration, retention: timedelta, issuer: TestIssuer) -> None:
        self.service = service
        self.server, port = build_server(
            "127.0.0.1:0",
            [grpc_api.register(service.app)],
            [grpc_api.SERVICE_NAME],
            auth=interceptor(issuer, "registration"),
            store=service.app.recorder,
            idempotency_retention=retention,
        )
        self.server.start()
        self.address = f"127.0.0.1:{port}"
        self.channel = signed_channel(issuer, self.address)
        self.stub = pb_grpc.RegistrationStub(self.channel)  # type: ignore[no-untyped-call]

    def events(self) -> int:
        return self.service.app.recorder.max_notification_id() or 0

    def close(self) -> None:
        self.channel.close()
        self.server.stop(grace=0)


@pytest.fixture(params=["memory", "sqlite"])
def server(request: pytest.FixtureRequest, tmp_path: Path, issuer: TestIssuer) -> Iterator[Server]:
    settings = Settings(store=request.param, data_dir=tmp_path)
    running = Server(build(settings), timedelta(days=7), issuer)
    yield running
    running.close()


def register(name: str = "HTX Đăk Hà") -> pb.RegisterProducerRequest:
    return pb.RegisterProducerRequest(
        actor=OFFICER,
        name=name,
        kind="cooperative",
        commune_code=DAK_HA,
        legal_representative="Y Blơi",
    )


def call(server: Server, request: Any, key: str | None) -> Any:
    metadata = ((IDEMPOTENCY_METADATA, key),) if key is not None else ()
    return server.stub.RegisterProducer(request, metadata=metadata, timeout=10)


def refusal(server: Server, request: Any, key: str) -> Any:
    with pytest.raises(grpc.RpcError) as error:
        call(server, request, key)
    return error.value


def test_a_retry_returns_the_first_reply_and_changes_nothing(server: Server) -> None:
    first = call(server, register(), "action-1")
    events = server.events()
    again = call(server, register(), "action-1")
    assert again.producer_id == first.producer_id
    assert server.events() == events  # nothing recorded twice
    other = call(server, register("HTX Sáu Nhung"), "action-2")
    assert other.producer_id != first.producer_id


def test_without_a_key_a_command_runs_each_time(server: Server) -> None:
    first, second = call(server, register(), None), call(server, register(), None)
    assert first.producer_id != second.producer_id


def test_the_same_key_with_another_request_is_refused(server: Server) -> None:
    call(server, register(), "action-1")
    events = server.events()
    failure = refusal(server, register("Tên khác"), "action-1")
    assert failure.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "another request" in failure.details()
    assert server.events() == events


def test_a_command_committed_without_its_reply_is_not_run_again(server: Server) -> None:
    """The server died after the command's events (and its key, in their transaction) were
    committed and before the reply was kept: a retry changes nothing and says so."""
    method = "/ocop.registration.v1.Registration/RegisterProducer"
    from runtime.idempotency import fingerprint

    token = _current.set(CommandKey(f"{method}|lost-reply", fingerprint(method, register())))
    try:
        server.service.app.producers.register_producer(
            CommandContext(
                actor=Actor(id=OFFICER.id, role=OFFICER.role, jurisdiction=OFFICER.jurisdiction)
            ),
            name="HTX Đăk Hà",
            kind="cooperative",
            commune_code=DAK_HA,
            legal_representative="Y Blơi",
        )
    finally:
        _current.reset(token)
    events = server.events()
    failure = refusal(server, register(), "lost-reply")
    assert failure.code() == grpc.StatusCode.ALREADY_EXISTS
    assert server.events() == events


def test_refused_commands_keep_no_key(server: Server) -> None:
    bad = pb.RegisterProducerRequest(actor=OFFICER, name="HTX", kind="cooperative")
    assert refusal(server, bad, "k").code() == grpc.StatusCode.INVALID_ARGUMENT
    assert refusal(server, bad, "k").code() == grpc.StatusCode.INVALID_ARGUMENT
    assert call(server, register(), "k2").producer_id


def test_keys_are_forgotten_after_the_retention(tmp_path: Path, issuer: TestIssuer) -> None:
    service = build(Settings(store="sqlite", data_dir=tmp_path))
    running = Server(service, timedelta(hours=1), issuer)
    try:
        first = call(running, register(), "old")
        keys: Any = running.service.app.recorder
        assert keys.forget_commands(datetime.now(UTC) - timedelta(hours=1)) == 0
        assert keys.forget_commands(datetime.now(UTC) + timedelta(seconds=1)) == 1
        again = call(running, register(), "old")  # forgotten: it runs again
        assert again.producer_id != first.producer_id
    finally:
        running.close()


def test_a_key_too_long_is_refused(server: Server) -> None:
    assert refusal(server, register(), "k" * 201).code() == grpc.StatusCode.INVALID_ARGUMENT


def test_the_cli_sends_one_key_per_action(
    server: Server, monkeypatch: pytest.MonkeyPatch, issuer: TestIssuer
) -> None:
    """The CLI's client keys each call of a run; a run repeated with the same
    OCOP_IDEMPOTENCY_KEY (a script retried after a timeout) changes nothing."""
    from cli.client import Client

    address = {"registration": server.address}
    token = issuer.token("can-bo-xa", "commune_officer", DAK_HA)
    monkeypatch.setenv("OCOP_IDEMPOTENCY_KEY", "script-42")
    replies = []
    for _ in range(2):
        client = Client(address, "vi", 1.0, token=token)
        stub = pb_grpc.RegistrationStub(client.channel("registration"))  # type: ignore[no-untyped-call]
        replies.append(client.call(stub.RegisterProducer, register()).producer_id)
        client.close()
    assert replies[0] == replies[1]
    events = server.events()
    monkeypatch.delenv("OCOP_IDEMPOTENCY_KEY")
    fresh = Client(address, "vi", 1.0, token=token)
    stub = pb_grpc.RegistrationStub(fresh.channel("registration"))  # type: ignore[no-untyped-call]
    assert fresh.call(stub.RegisterProducer, register()).producer_id != replies[0]
    assert server.events() > events
    fresh.close()


def key_is_kept_with_the_events_that_commit(recorder: Any) -> None:
    """Every transaction of a keyed run records the key: an attempt rolled back (a version
    conflict) leaves no events without it; another run with the key is refused."""
    from uuid import uuid4

    from eventsourcing.persistence import IntegrityError, StoredEvent

    from runtime.idempotency import DuplicateCommand

    def event(aggregate: Any) -> StoredEvent:
        return StoredEvent(originator_id=aggregate, originator_version=1, topic="t", state=b"{}")

    since = datetime.now(UTC) - timedelta(minutes=1)
    taken = uuid4()
    recorder.insert_events([event(taken)])
    token = _current.set(CommandKey("k", "fp"))
    try:
        with pytest.raises(IntegrityError):
            recorder.insert_events([event(taken)])  # the first attempt conflicts
        assert recorder.kept_command("k", since) is None  # rolled back with it
        recorder.insert_events([event(uuid4())])  # the retry of the same run commits
        recorder.insert_events([event(uuid4())])  # a second save of the run
    finally:
        _current.reset(token)
    assert recorder.kept_command("k", since) is not None
    other = _current.set(CommandKey("k", "fp"))
    try:
        with pytest.raises(DuplicateCommand):
            recorder.insert_events([event(uuid4())])
    finally:
        _current.reset(other)


def test_the_key_commits_with_the_events(server: Server) -> None:
    key_is_kept_with_the_events_that_commit(server.service.app.recorder)

"""Real tokens for tests: an embedded issuer (the one `make run` uses) on a free port,
with accounts made on demand, so every gRPC test authenticates for real."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import grpc
from argon2 import PasswordHasher
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import ValidationError

from contracts.envelope import Actor
from runtime.identity.accounts import Account, AccountStore
from runtime.identity.claims import audience_of
from runtime.identity.interceptor import AuthInterceptor, Grant, granted
from runtime.identity.issuer import IssuerServer
from runtime.identity.verifier import TokenVerifier
from runtime.rpc import authenticator, build_server

_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
CHEAP_ARGON2ID = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
"""Still argon2id, at a cost that keeps the unit tier fast."""


class TestIssuer:
    """A running embedded issuer; `token(...)` signs a token for any actor shape."""

    __test__ = False  # not a test class

    def __init__(self, server: IssuerServer) -> None:
        self.server = server

    @property
    def url(self) -> str:
        return self.server.url

    def token(self, username: str, role: str, jurisdiction: str = "") -> str:
        account = Account(username, (role,), jurisdiction, username, True)
        return self.server.issuer.issue(account)

    def metadata(self, username: str, role: str, jurisdiction: str = "") -> tuple[tuple[str, str]]:
        return (("authorization", f"Bearer {self.token(username, role, jurisdiction)}"),)


@contextmanager
def running_issuer(directory: Path) -> Iterator[TestIssuer]:
    accounts = AccountStore(directory / f"accounts-{uuid.uuid4().hex}.sqlite3", CHEAP_ARGON2ID)
    server = IssuerServer(accounts, _KEY).start()
    try:
        yield TestIssuer(server)
    finally:
        server.stop()


def _actor_of(request: Any) -> Any:
    """The `actor` field of a request message, or None (raw bytes and actor-less messages)."""
    descriptor = getattr(request, "DESCRIPTOR", None)
    return request.actor if descriptor and descriptor.fields_by_name.get("actor") else None


class SignAsRequestActor(grpc.UnaryUnaryClientInterceptor, grpc.StreamUnaryClientInterceptor):  # type: ignore[misc]
    """A test channel's client interceptor: each call carries a real token, issued by the
    test issuer for the actor its request names (so the old per-request actors of the
    gRPC tests become real sign-ins); a request naming none goes as `default`, or
    without a token when `default` is None. The server verifies every token for real."""

    def __init__(self, issuer: TestIssuer, default: tuple[str, str, str] | None) -> None:
        self.issuer = issuer
        self.default = default

    def _metadata(self, details: Any, actor: Any) -> Any:
        who = self.default
        if actor and actor.id:
            try:  # a request naming an impossible actor goes as the default sign-in
                claimed = Actor(id=actor.id, role=actor.role, jurisdiction=actor.jurisdiction)
                who = (claimed.id, claimed.role, claimed.jurisdiction)
            except ValidationError:
                pass
        extra = list(details.metadata or ())
        if who is not None:
            extra += list(self.issuer.metadata(*who))
        return details._replace(metadata=extra)

    def intercept_unary_unary(self, continuation: Any, details: Any, request: Any) -> Any:
        return continuation(self._metadata(details, _actor_of(request)), request)

    def intercept_stream_unary(self, continuation: Any, details: Any, requests: Any) -> Any:
        iterator = iter(requests)
        first = next(iterator, None)  # a stream's first message names the actor
        actor = _actor_of(first)
        chained = itertools.chain([first] if first is not None else [], iterator)
        return continuation(self._metadata(details, actor), chained)


def signed_channel(
    issuer: TestIssuer, address: str, default: tuple[str, str, str] | None = None
) -> grpc.Channel:
    """An insecure channel to `address` whose calls are signed as `SignAsRequestActor` says."""
    return grpc.intercept_channel(
        grpc.insecure_channel(address), SignAsRequestActor(issuer, default)
    )


@contextmanager
def signed_in_as(
    issuer: TestIssuer,
    username: str,
    role: str,
    jurisdiction: str = "",
    service: str = "registration",
) -> Iterator[Grant]:
    """Run the block as a caller verified from a real token (for code below the gRPC
    layer that reads the verified actor, e.g. request mapping)."""
    identity = TokenVerifier(issuer.url, audience_of(service)).verify(
        issuer.token(username, role, jurisdiction)
    )
    with granted(Grant(identity.actor(), "", f"/test/{service}")) as grant:
        yield grant


def interceptor(issuer: TestIssuer, service: str) -> AuthInterceptor:
    """The server interceptor a service gets, trusting the test issuer."""
    return authenticator(issuer.url, service)


@contextmanager
def served(issuer: TestIssuer, app: Any, adapter: Any, service: str, stub: Any) -> Iterator[Any]:
    """`adapter` (a service's `grpc_api` module) serving `app` on a free port behind the
    interceptor of `service`; yields `stub` (its generated stub class) on a channel signed
    as each request's actor, else as the province's auditor (kiem-toan, 51)."""
    server, port = build_server(
        "127.0.0.1:0",
        [adapter.register(app)],
        [adapter.SERVICE_NAME],
        auth=interceptor(issuer, service),
    )
    server.start()
    try:
        with signed_channel(issuer, f"127.0.0.1:{port}", ("kiem-toan", "auditor", "51")) as ch:
            yield stub(ch)
    finally:
        server.stop(grace=0)

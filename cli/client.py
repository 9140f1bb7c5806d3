"""gRPC calls from the CLI: channels (TLS when configured), the sign-in token, the
language, and waiting out propagation."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import grpc
from google.protobuf.message import Message
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from contracts.rpc import common_pb2
from runtime import tls
from runtime.errors import FIELD_METADATA, LANG_METADATA
from runtime.idempotency import IDEMPOTENCY_METADATA
from runtime.identity.interceptor import AUTHORIZATION, ROLE_METADATA
from runtime.settings import Settings
from runtime.topology import running

# Answers after which a call is sent again with the same idempotency key (safe: a command
# that went through is not run twice, see runtime/idempotency.py).
RETRIED = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)

T = TypeVar("T")


class Client:
    """Calls as the signed-in user: `token` is sent as a bearer token on every call and
    `role` (optional) picks one of the user's roles; the services take the actor from
    the verified token, never from the request."""

    def __init__(
        self,
        addresses: dict[str, str],
        lang: str,
        wait_seconds: float,
        token: str = "",
        role: str = "",
        tls_dir: Path | None = None,
    ) -> None:
        self.addresses = addresses
        self.lang = lang
        self.wait_seconds = wait_seconds
        self.tls_dir = tls_dir
        self._channels: dict[str, grpc.Channel] = {}
        # One key per user action (this run of the CLI; OCOP_IDEMPOTENCY_KEY to repeat a
        # run safely), one suffix per call.
        self.action = os.environ.get("OCOP_IDEMPOTENCY_KEY") or uuid.uuid4().hex
        self.calls = 0
        self.metadata: tuple[tuple[str, str], ...] = ((LANG_METADATA, lang),)
        if token:
            self.metadata += ((AUTHORIZATION, f"Bearer {token}"),)
        if role:
            self.metadata += ((ROLE_METADATA, role),)

    def channel(self, service: str) -> grpc.Channel:
        if service not in self._channels:
            self._channels[service] = tls.channel(self.addresses[service], self.tls_dir)
        return self._channels[service]

    def call(self, method: Callable[..., T], request: Any, *, retry_not_found: bool = False) -> T:
        """Call `method` with this action's idempotency key; NOT_FOUND is retried for a while
        when the answer may still be on its way from another service (events are delivered
        asynchronously), an unreachable server a few times with the same key."""
        self.calls += 1
        metadata = (*self.metadata, (IDEMPOTENCY_METADATA, f"{self.action}-{self.calls}"))
        deadline = time.monotonic() + self.wait_seconds
        unreachable = 0
        while True:
            try:
                return method(request, metadata=metadata, timeout=30)
            except grpc.RpcError as error:
                code = error.code()
                waiting = retry_not_found and code == grpc.StatusCode.NOT_FOUND
                again = code in RETRIED and isinstance(request, Message) and unreachable < 3
                if again:
                    unreachable += 1
                elif not waiting or time.monotonic() >= deadline:
                    raise
                time.sleep(0.2 * (unreachable or 1))

    def close(self) -> None:
        for channel in self._channels.values():
            channel.close()


def command_actor(args: Any) -> common_pb2.Actor:
    """The request's actor field, left empty: the services record the signed-in user
    from the verified token (a request naming anyone else is refused)."""
    return common_pb2.Actor()


def service_addresses(settings: Settings) -> dict[str, str]:
    """The gRPC address (host:port) of every service with an API, by service name."""
    return {entry.name: settings.address_of(entry.name) for entry in running("rpc")}


def field_violations(error: grpc.RpcError) -> list[tuple[str, str]]:
    """The (field, description) pairs a refusal names: the field violations of the
    `google.rpc.BadRequest` in its standard details (grpcio-status), else the `ocop-field`
    trailer with the error's details; [] when it names no field."""
    if not isinstance(error, grpc.Call):
        return []
    status = rpc_status.from_call(error)
    found: list[tuple[str, str]] = []
    for detail in status.details if status is not None else ():
        bad = error_details_pb2.BadRequest()
        if detail.Unpack(bad):
            found += [(str(v.field), str(v.description)) for v in bad.field_violations]
    if found:
        return found
    trailer = next((str(v) for k, v in error.trailing_metadata() or () if k == FIELD_METADATA), "")
    return [(trailer, str(error.details()))] if trailer else []

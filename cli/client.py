"""gRPC calls from the CLI: channels, the actor, language, and waiting out propagation."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

import grpc
from google.protobuf.message import Message

from contracts.rpc import common_pb2
from runtime.idempotency import IDEMPOTENCY_METADATA
from runtime.rpc import LANG_METADATA

# Answers after which a call is sent again with the same idempotency key (safe: a command
# that went through is not run twice, see runtime/idempotency.py).
RETRIED = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)

T = TypeVar("T")


class Client:
    def __init__(self, addresses: dict[str, str], lang: str, wait_seconds: float) -> None:
        self.addresses = addresses
        self.lang = lang
        self.wait_seconds = wait_seconds
        self._channels: dict[str, grpc.Channel] = {}
        # One key per user action (this run of the CLI; OCOP_IDEMPOTENCY_KEY to repeat a
        # run safely), one suffix per call.
        self.action = os.environ.get("OCOP_IDEMPOTENCY_KEY") or uuid.uuid4().hex
        self.calls = 0

    def channel(self, service: str) -> grpc.Channel:
        if service not in self._channels:
            self._channels[service] = grpc.insecure_channel(self.addresses[service])
        return self._channels[service]

    def call(self, method: Callable[..., T], request: Any, *, retry_not_found: bool = False) -> T:
        """Call `method` with this action's idempotency key; NOT_FOUND is retried for a while
        when the answer may still be on its way from another service (events are delivered
        asynchronously), an unreachable server a few times with the same key."""
        self.calls += 1
        metadata = (
            (LANG_METADATA, self.lang),
            (IDEMPOTENCY_METADATA, f"{self.action}-{self.calls}"),
        )
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


def actor(actor_id: str, role: str, jurisdiction: str) -> common_pb2.Actor:
    return common_pb2.Actor(id=actor_id, role=role, jurisdiction=jurisdiction)


def command_actor(args: Any) -> common_pb2.Actor:
    """The actor of a CLI command: global options, else the command's default role."""
    return actor(args.actor_id, args.role_override or args.role, args.jurisdiction)

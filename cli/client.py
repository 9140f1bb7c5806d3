"""gRPC calls from the CLI: channels, the actor, language, and waiting out propagation."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

import grpc

from contracts.rpc import common_pb2
from runtime.rpc import LANG_METADATA

T = TypeVar("T")


class Client:
    def __init__(self, addresses: dict[str, str], lang: str, wait_seconds: float) -> None:
        self.addresses = addresses
        self.lang = lang
        self.wait_seconds = wait_seconds
        self._channels: dict[str, grpc.Channel] = {}

    def channel(self, service: str) -> grpc.Channel:
        if service not in self._channels:
            self._channels[service] = grpc.insecure_channel(self.addresses[service])
        return self._channels[service]

    def call(self, method: Callable[..., T], request: Any, *, retry_not_found: bool = False) -> T:
        """Call `method`; NOT_FOUND is retried for a while when the answer may still be
        on its way from another service (events are delivered asynchronously)."""
        deadline = time.monotonic() + self.wait_seconds
        while True:
            try:
                return method(request, metadata=((LANG_METADATA, self.lang),), timeout=30)
            except grpc.RpcError as error:
                waiting = retry_not_found and error.code() == grpc.StatusCode.NOT_FOUND
                if not waiting or time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)

    def close(self) -> None:
        for channel in self._channels.values():
            channel.close()


def actor(actor_id: str, role: str, jurisdiction: str) -> common_pb2.Actor:
    return common_pb2.Actor(id=actor_id, role=role, jurisdiction=jurisdiction)


def command_actor(args: Any) -> common_pb2.Actor:
    """The actor of a CLI command: global options, else the command's default role."""
    return actor(args.actor_id, args.role_override or args.role, args.jurisdiction)

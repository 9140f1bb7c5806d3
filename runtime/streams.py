"""A slow client cannot stall a server: limits on client streams (document uploads).

A gRPC server runs each call on one of `max_workers` threads, and a client stream
holds its thread for as long as the client takes to send it. `StreamGuard`:

- lets at most `max_streams` client streams run at once (the other workers stay free
  for unary calls); one more is refused at once with RESOURCE_EXHAUSTED;
- cancels a stream whose client sent nothing for `idle_seconds`, or that is still
  sending after `call_seconds`;
- refuses a stream past `max_bytes` (RESOURCE_EXHAUSTED) without reading the rest.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import grpc

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StreamLimits:
    max_streams: int = 4
    idle_seconds: float = 30.0
    call_seconds: float = 300.0
    max_bytes: int = 64 * 1024 * 1024


class StreamTooLarge(Exception):
    pass


class _Watched:
    """The request iterator of one stream, cancelled when idle or too long."""

    def __init__(self, requests: Iterator[Any], context: Any, limits: StreamLimits) -> None:
        self.requests = requests
        self.context = context
        self.limits = limits
        self.size = 0
        self.whole = threading.Timer(limits.call_seconds, self._cancel, ("too long",))
        self.whole.daemon = True
        self.whole.start()

    def _cancel(self, why: str) -> None:
        log.warning("cancelling a client stream from %s: %s", self.context.peer(), why)
        self.context.cancel()

    def __iter__(self) -> _Watched:
        return self

    def __next__(self) -> Any:
        idle = threading.Timer(self.limits.idle_seconds, self._cancel, ("idle",))
        idle.daemon = True
        idle.start()
        try:
            request = next(self.requests)
        finally:
            idle.cancel()
        self.size += request.ByteSize()
        if self.size > self.limits.max_bytes:
            raise StreamTooLarge
        return request

    def close(self) -> None:
        self.whole.cancel()


class StreamGuard(grpc.ServerInterceptor):  # type: ignore[misc]
    def __init__(self, limits: StreamLimits) -> None:
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_streams)

    def intercept_service(self, continuation: Any, details: Any) -> Any:
        handler = continuation(details)
        if handler is None or not handler.request_streaming:
            return handler
        if handler.response_streaming:
            guarded = self._guard(handler.stream_stream)
            make: Callable[..., Any] = grpc.stream_stream_rpc_method_handler
        else:
            guarded = self._guard(handler.stream_unary)
            make = grpc.stream_unary_rpc_method_handler
        return make(
            guarded,
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )

    def _guard(self, behaviour: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
        def guarded(requests: Iterator[Any], context: grpc.ServicerContext) -> Any:
            if not self.slots.acquire(blocking=False):
                context.abort(
                    grpc.StatusCode.RESOURCE_EXHAUSTED,
                    "Máy chủ đang nhận quá nhiều tệp; thử lại sau "
                    "(too many uploads in progress; retry later)",
                )
            watched = _Watched(requests, context, self.limits)
            try:
                return behaviour(watched, context)
            except StreamTooLarge:
                context.abort(
                    grpc.StatusCode.RESOURCE_EXHAUSTED,
                    f"Dữ liệu gửi lên vượt quá {self.limits.max_bytes} byte "
                    f"(the stream exceeds {self.limits.max_bytes} bytes)",
                )
            finally:
                watched.close()
                self.slots.release()

        return guarded

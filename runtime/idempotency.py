"""Commands safe to retry: an idempotency key, kept with the command's first result.

A client sends gRPC metadata `idempotency-key: <key>` (the CLI sends one per user
action, the same key when it retries). `IdempotencyInterceptor` handles every unary
call of a server:

- a key never seen: the command runs; the key and the request's fingerprint are
  recorded **in the same transaction as the command's events** (the store's recorder
  reads them from a context variable, see `runtime.command_keys`), then the reply is kept
  with them. A command that records no event (a query, a refusal) keeps no key: running
  it again changes nothing anyway.
- the same key, the same request: the first reply, and nothing runs again;
- the same key, another request: refused with FAILED_PRECONDITION;
- the key's command committed but its reply was not kept (the server died in between):
  ALREADY_EXISTS, and nothing runs again.

Keys are kept for `Settings.idempotency_retention_hours` (7 days by default), then
forgotten (a retry after that runs the command again).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import grpc

from runtime.command_keys import (
    KEYS_TABLE,
    CommandKey,
    CommandKeys,
    DuplicateCommand,
    KeptCommand,
    POPOCommandKeys,
    PostgresCommandKeys,
    SQLiteCommandKeys,
    _current,
    _recording,
    command_keys_of,
)

__all__ = [
    "IDEMPOTENCY_METADATA",
    "KEYS_TABLE",
    "MAX_KEY_LENGTH",
    "CommandKey",
    "CommandKeys",
    "DuplicateCommand",
    "IdempotencyInterceptor",
    "KeptCommand",
    "POPOCommandKeys",
    "PostgresCommandKeys",
    "SQLiteCommandKeys",
    "_current",
    "_recording",
    "command_keys_of",
    "fingerprint",
    "key_of",
]

log = logging.getLogger(__name__)

IDEMPOTENCY_METADATA = "idempotency-key"
MAX_KEY_LENGTH = 200


# -- the server interceptor -----------------------------------------------------------


def fingerprint(method: str, request: Any) -> str:
    """sha256 of the method and the request (each message of a client stream in turn)."""
    digest = hashlib.sha256(method.encode())
    for message in request if isinstance(request, list) else [request]:
        digest.update(b"\0" + message.SerializeToString(deterministic=True))
    return digest.hexdigest()


def key_of(metadata: Sequence[tuple[str, Any]] | None) -> str | None:
    for name, value in metadata or ():
        if name == IDEMPOTENCY_METADATA:
            return str(value)
    return None


class IdempotencyInterceptor(grpc.ServerInterceptor):  # type: ignore[misc]
    """Replays the first reply of a command retried with the same idempotency key."""

    def __init__(
        self,
        keys: CommandKeys,
        retention: timedelta,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.keys = keys
        self.retention = retention
        self.clock = clock
        self._forgot_at = 0.0
        self._lock = threading.Lock()

    def intercept_service(self, continuation: Any, details: Any) -> Any:
        handler = continuation(details)
        if handler is None or handler.response_streaming:
            return handler
        serialize = handler.response_serializer or (lambda r: r.SerializeToString())
        method = details.method
        if handler.request_streaming:  # a client stream (an upload): read whole, then once
            streamed = handler.stream_unary

            def once_streamed(requests: Any, context: grpc.ServicerContext) -> bytes:
                key = key_of(context.invocation_metadata())
                if key is None:
                    return bytes(serialize(streamed(requests, context)))
                taken = list(requests)
                return self._once(
                    method, key, taken, context, lambda r, c: streamed(iter(r), c), serialize
                )

            return grpc.stream_unary_rpc_method_handler(
                once_streamed,
                request_deserializer=handler.request_deserializer,
                response_serializer=lambda reply: reply,
            )
        behaviour = handler.unary_unary

        def once(request: Any, context: grpc.ServicerContext) -> bytes:
            key = key_of(context.invocation_metadata())
            if key is None:
                return bytes(serialize(behaviour(request, context)))
            return self._once(method, key, request, context, behaviour, serialize)

        return grpc.unary_unary_rpc_method_handler(
            once,
            request_deserializer=handler.request_deserializer,
            response_serializer=lambda reply: reply,
        )

    def _once(
        self,
        method: str,
        key: str,
        request: Any,
        context: grpc.ServicerContext,
        behaviour: Callable[[Any, grpc.ServicerContext], Any],
        serialize: Callable[[Any], bytes],
    ) -> bytes:
        if not key or len(key) > MAX_KEY_LENGTH:
            context.abort(
                grpc.StatusCode.INVALID_ARGUMENT,
                f"{IDEMPOTENCY_METADATA}: 1 đến {MAX_KEY_LENGTH} ký tự "
                f"(1 to {MAX_KEY_LENGTH} characters)",
            )
        self._forget_old()
        scoped = f"{method}|{key}"
        print_ = fingerprint(method, request)
        kept = self.keys.kept_command(scoped, self.clock() - self.retention)
        if kept is not None:
            return self._replay(kept, print_, key, context)
        running = CommandKey(scoped, print_)
        token = _current.set(running)
        try:
            reply = bytes(serialize(behaviour(request, context)))
        except DuplicateCommand:
            # A concurrent retry with the same key committed first: answer as it did.
            kept = self.keys.kept_command(scoped, self.clock() - self.retention)
            if kept is None:
                raise
            return self._replay(kept, print_, key, context)
        finally:
            _current.reset(token)
        self.keys.keep_reply(scoped, running.run, reply)  # no row: it recorded no event
        return reply

    def _replay(
        self, kept: KeptCommand, print_: str, key: str, context: grpc.ServicerContext
    ) -> bytes:
        if kept.fingerprint != print_:
            context.abort(
                grpc.StatusCode.FAILED_PRECONDITION,
                f"Khóa {IDEMPOTENCY_METADATA} '{key}' đã dùng cho một yêu cầu khác; "
                f"không thay đổi gì (the key '{key}' was used for another request; "
                "nothing changed)",
            )
        if kept.reply is None:
            context.abort(
                grpc.StatusCode.ALREADY_EXISTS,
                f"Lệnh với khóa '{key}' đã được thực hiện; kết quả không còn lưu "
                f"(the command with key '{key}' was carried out; its reply was not kept)",
            )
            raise AssertionError("context.abort raises")
        return bytes(kept.reply)

    def _forget_old(self) -> None:
        """Forget keys older than the retention, at most once a minute."""
        now = time.monotonic()
        with self._lock:
            if now - self._forgot_at < 60:
                return
            self._forgot_at = now
        forgotten = self.keys.forget_commands(self.clock() - self.retention)
        if forgotten:
            log.info("forgot %d idempotency keys older than %s", forgotten, self.retention)

"""The edge every command crosses: one gRPC server interceptor, installed by
`runtime.rpc.build_server` on every service, that puts every request into canonical form
and refuses hostile values before any servicer sees them, so no service can forget.

For every field of every request message (walked from its proto descriptor: nested
messages, repeated and map fields included):

- text is put in one canonical form: zero-width characters removed (U+200B, U+2060, U+FEFF,
  soft hyphen U+00AD), Unicode NFC, surrounding whitespace trimmed, CRLF as LF;
- text is refused (`invalid_argument`, the field's path named) when it holds a control
  character (C0/C1, including NUL and the ESC of terminal sequences), a bidirectional
  override or isolate (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C), another
  invisible format character, a private-use or unassigned code point; newlines and tabs
  only in fields declared as long free text;
- text longer than its field's limit (by the field's meaning, `TEXT_RULES`) is refused;
- integers outside their domain range (`NUMBER_RANGES`) are refused;
- repeated fields longer than `MAX_ITEMS` are refused;
- a request that does not decode (invalid UTF-8 in a string field) is refused as
  `invalid_argument` on `request` rather than failing inside gRPC.

The rules are data (`runtime.input_rules`): a field's rule is found by its name (the last
part of its path), so a new field is covered the day it is added, by `DEFAULT_TEXT` if its
name matches nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import grpc
from pydantic import ValidationError

from runtime.canonical import (
    canonical_form,
    canonical_text,
    canonicalise,
    check_date_order,
    refuse,
)
from runtime.errors import CommandRejected
from runtime.text import excerpt

__all__ = [
    "UNDECODABLE",
    "InputGuard",
    "canonical_form",
    "canonical_text",
    "canonicalise",
    "check_date_order",
]


class _Undecodable:
    """Stands for a request whose bytes did not decode (e.g. invalid UTF-8 in a string)."""


UNDECODABLE = _Undecodable()


def _lenient(deserialize: Callable[[bytes], Any] | None) -> Callable[[bytes], Any] | None:
    if deserialize is None:
        return None

    def read(data: bytes) -> Any:
        try:
            return deserialize(data)
        except Exception:  # noqa: BLE001 - any decode failure is the client's input
            return UNDECODABLE

    return read


def _check(request: Any) -> None:
    if request is UNDECODABLE:
        raise refuse(
            "request",
            "Yêu cầu không giải mã được (văn bản phải là UTF-8 hợp lệ).",
            "The request cannot be decoded (text must be valid UTF-8).",
        )
    canonicalise(request)


def _validation_refusal(error: ValidationError) -> CommandRejected:
    errors = error.errors()
    loc = errors[0]["loc"] if errors else ()
    field = ".".join(str(part) for part in loc) or "request"
    message = str(errors[0]["msg"]) if errors else "invalid value"
    return refuse(field, f"Giá trị không hợp lệ: {excerpt(message)}.", f"{excerpt(message)}.")


class InputGuard(grpc.ServerInterceptor):  # type: ignore[misc]
    """Canonicalises and bounds every request before the servicer runs (see the module);
    a refusal aborts with `invalid_argument` through `abort`, which the servicers use too.
    A pydantic `ValidationError` escaping a servicer (a value a published contract refuses)
    becomes `invalid_argument` naming the field, not UNKNOWN."""

    def __init__(self, abort: Callable[[grpc.ServicerContext, CommandRejected], None]) -> None:
        self.abort = abort

    def _guarded(self, context: grpc.ServicerContext, run: Callable[[], Any]) -> Any:
        try:
            return run()
        except CommandRejected as rejected:
            self.abort(context, rejected)
        except ValidationError as error:
            self.abort(context, _validation_refusal(error))
        raise AssertionError("abort raises")

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(details)
        if handler is None or str(details.method).startswith("/grpc."):
            return handler
        deserialize = _lenient(handler.request_deserializer)
        serialize = handler.response_serializer
        if handler.request_streaming:
            inner_stream = handler.stream_unary

            def checked_chunks(requests: Iterator[Any]) -> Iterator[Any]:
                for request in requests:
                    _check(request)
                    yield request

            def stream_unary(requests: Iterator[Any], context: grpc.ServicerContext) -> Any:
                return self._guarded(
                    context, lambda: inner_stream(checked_chunks(requests), context)
                )

            return grpc.stream_unary_rpc_method_handler(stream_unary, deserialize, serialize)
        if handler.response_streaming:
            inner_us = handler.unary_stream

            def unary_stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                self._guarded(context, lambda: _check(request))
                yield from inner_us(request, context)

            return grpc.unary_stream_rpc_method_handler(unary_stream, deserialize, serialize)
        inner = handler.unary_unary

        def unary(request: Any, context: grpc.ServicerContext) -> Any:
            def run() -> Any:
                _check(request)
                return inner(request, context)

            return self._guarded(context, run)

        return grpc.unary_unary_rpc_method_handler(unary, deserialize, serialize)

"""The one gRPC server interceptor: every call but health checks needs a valid bearer
token (UNAUTHENTICATED otherwise) and a role the policy allows on the method
(PERMISSION_DENIED otherwise). The verified actor and its scope are available to the
handler through `current_grant()`; nothing in the request can change them."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import grpc

from contracts.envelope import Actor
from runtime.errors import FIELD_METADATA, LANG_METADATA
from runtime.identity import access_log
from runtime.identity.claims import Forbidden, Unauthenticated
from runtime.identity.policy import Policy, default_policy
from runtime.identity.verifier import TokenVerifier

AUTHORIZATION = "authorization"
ROLE_METADATA = "ocop-role"
DENIED_BY_METADATA = "ocop-denied-by"
"""Trailing metadata on refusals by this interceptor: `token` or `policy` (tests and
clients can tell them from a service's own domain refusal)."""


@dataclass(frozen=True)
class Grant:
    """A verified caller's actor on the current call and the scope the policy gives it."""

    actor: Actor
    scope: str
    method: str


_GRANT: contextvars.ContextVar[Grant | None] = contextvars.ContextVar("ocop_grant", default=None)


def current_grant() -> Grant | None:
    """The verified caller of the call being handled on this thread, else None."""
    return _GRANT.get()


@contextmanager
def granted(grant: Grant) -> Iterator[Grant]:
    """Run the block as `grant`'s caller (the interceptor does, around each handler)."""
    token = _GRANT.set(grant)
    try:
        yield grant
    finally:
        _GRANT.reset(token)


def _refuse(
    context: grpc.ServicerContext, code: grpc.StatusCode, by: str, vi: str, en: str, lang: str
) -> None:
    trailing: tuple[tuple[str, str], ...] = ((DENIED_BY_METADATA, by),)
    if code == grpc.StatusCode.PERMISSION_DENIED:
        trailing += ((FIELD_METADATA, "actor"),)
    context.set_trailing_metadata(trailing)
    context.abort(code, en if lang == "en" else vi)


class AuthInterceptor(grpc.ServerInterceptor):  # type: ignore[misc]
    """Authenticates with `verifier` (one service's issuer and audience) and authorises
    with `policy`; the work runs in the handler's thread, not the server's poller."""

    def __init__(self, verifier: TokenVerifier, policy: Policy | None = None) -> None:
        self.verifier = verifier
        self.policy = policy or default_policy()

    def authorise(self, method: str, context: grpc.ServicerContext) -> Grant:
        metadata = {key: str(value) for key, value in context.invocation_metadata() or ()}
        lang = "en" if metadata.get(LANG_METADATA, "").startswith("en") else "vi"
        header = metadata.get(AUTHORIZATION, "")
        token = header[7:].strip() if header[:7].lower() == "bearer " else ""
        try:
            identity = self.verifier.verify(token)
        except Unauthenticated as error:
            access_log.record("refused", method, code="UNAUTHENTICATED", reason=str(error))
            _refuse(
                context,
                grpc.StatusCode.UNAUTHENTICATED,
                "token",
                "Chưa đăng nhập hoặc phiên đăng nhập không hợp lệ; hãy chạy `ocop login`.",
                "Not signed in, or the sign-in is not valid; run `ocop login`.",
                lang,
            )
            raise AssertionError("context.abort raises") from error
        try:
            actor = identity.actor(metadata.get(ROLE_METADATA, ""))
        except Forbidden as error:
            access_log.record(
                "refused",
                method,
                user=identity.username,
                code="PERMISSION_DENIED",
                reason=str(error),
            )
            _refuse(
                context,
                grpc.StatusCode.PERMISSION_DENIED,
                "policy",
                f"Vai trò không hợp lệ cho người dùng {identity.username}.",
                f"No valid role chosen for user {identity.username}.",
                lang,
            )
            raise AssertionError("context.abort raises") from error
        scope = self.policy.scope(actor.role, method)
        if scope is None:
            access_log.record(
                "refused",
                method,
                user=actor.id,
                role=actor.role,
                jurisdiction=actor.jurisdiction,
                code="PERMISSION_DENIED",
                reason="role not allowed by policy",
            )
            _refuse(
                context,
                grpc.StatusCode.PERMISSION_DENIED,
                "policy",
                f"Vai trò {actor.role} không được phép thực hiện {method.rsplit('/', 1)[-1]}.",
                f"Role {actor.role} may not call {method.rsplit('/', 1)[-1]}.",
                lang,
            )
        return Grant(actor=actor, scope=scope or "", method=method)

    def _after(self, grant: Grant, context: grpc.ServicerContext) -> None:
        if self.policy.personal(grant.method) and context.code() in (None, grpc.StatusCode.OK):
            access_log.record(
                "personal_data_read",
                grant.method,
                user=grant.actor.id,
                role=grant.actor.role,
                jurisdiction=grant.actor.jurisdiction,
                code="OK",
            )

    def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], grpc.RpcMethodHandler | None],
        details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler | None:
        handler = continuation(details)
        method = str(details.method)
        if handler is None or self.policy.public(method):
            return handler
        if handler.request_streaming and handler.response_streaming:
            inner_ss = handler.stream_stream

            def stream_stream(requests: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                with granted(self.authorise(method, context)):
                    yield from inner_ss(requests, context)

            return grpc.stream_stream_rpc_method_handler(
                stream_stream, handler.request_deserializer, handler.response_serializer
            )
        if handler.response_streaming:
            inner_us = handler.unary_stream

            def unary_stream(request: Any, context: grpc.ServicerContext) -> Iterator[Any]:
                with granted(self.authorise(method, context)):
                    yield from inner_us(request, context)

            return grpc.unary_stream_rpc_method_handler(
                unary_stream, handler.request_deserializer, handler.response_serializer
            )
        inner = handler.stream_unary if handler.request_streaming else handler.unary_unary

        def unary(request: Any, context: grpc.ServicerContext) -> Any:
            with granted(self.authorise(method, context)) as grant:
                reply = inner(request, context)
                self._after(grant, context)
                return reply

        make = (
            grpc.stream_unary_rpc_method_handler
            if handler.request_streaming
            else grpc.unary_unary_rpc_method_handler
        )
        return make(unary, handler.request_deserializer, handler.response_serializer)

"""gRPC plumbing: a server with the standard health and reflection services behind the
one authenticating interceptor (TLS when credentials are given), and the one place that
turns a refused command into a gRPC status with a field-level message."""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar
from uuid import UUID

import grpc
from eventsourcing.persistence import RecordConflictError
from google.rpc import error_details_pb2, status_pb2
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection

from contracts.envelope import Actor
from runtime import errors, logs
from runtime.clock import check_date_range
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.idempotency import DuplicateCommand, IdempotencyInterceptor, command_keys_of
from runtime.identity.claims import audience_of
from runtime.identity.interceptor import AuthInterceptor, current_grant
from runtime.identity.verifier import TokenVerifier
from runtime.input_guard import InputGuard
from runtime.metrics import Metrics
from runtime.rpc_observe import CallObserver
from runtime.settings import Settings
from runtime.streams import StreamGuard, StreamLimits
from runtime.text import excerpt
from runtime.tls import server_credentials

log = logging.getLogger(__name__)

STATUS = {
    "invalid_argument": grpc.StatusCode.INVALID_ARGUMENT,
    "not_found": grpc.StatusCode.NOT_FOUND,
    "already_exists": grpc.StatusCode.ALREADY_EXISTS,
    "failed_precondition": grpc.StatusCode.FAILED_PRECONDITION,
    "permission_denied": grpc.StatusCode.PERMISSION_DENIED,
    "unauthenticated": grpc.StatusCode.UNAUTHENTICATED,
    "aborted": grpc.StatusCode.ABORTED,
}

CONFLICT_ATTEMPTS = 3
"""How many times a command runs when concurrent commands keep changing its aggregate first
(optimistic concurrency: its events' versions are taken); then ABORTED."""

LANG_METADATA = errors.LANG_METADATA
FIELD_METADATA = errors.FIELD_METADATA
DETAILS_METADATA = errors.DETAILS_METADATA

Register = Callable[[grpc.Server], None]
R = TypeVar("R")


def build_server(
    address: str,
    registrations: Sequence[Register],
    service_names: Sequence[str],
    *,
    auth: AuthInterceptor,
    credentials: grpc.ServerCredentials | None = None,
    max_workers: int = 8,
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    store: object = None,
    idempotency_retention: timedelta = timedelta(days=7),
    limits: StreamLimits | None = None,
    health_servicer: health.HealthServicer | None = None,
    metrics: Metrics | None = None,
) -> tuple[grpc.Server, int]:
    """A server bound to `address` (port 0 picks one) with health and reflection, every
    call but health checks authenticated and authorised by `auth`; TLS with `credentials`.

    Client streams are limited first (`runtime.streams`: at most half the workers, idle
    and size limits); then `auth` (the bearer token and the access policy), then
    `interceptors`, then always the `InputGuard`, which puts every request in canonical
    form and refuses hostile values before any servicer; last, with `store` (an
    application's recorder), commands carrying an idempotency key run once
    (`runtime.idempotency`). The standard health service answers SERVING for each name
    (and ""); pass `health_servicer` to change that later (`runtime.processes` turns it
    NOT_SERVING while the store is unreachable and on shutdown). With `metrics`, every call
    is counted and timed outermost (`runtime.rpc_observe`), refusals included, and each
    command logged with its flow's ids. Returns the server (not started) and the bound
    port."""
    guard = StreamGuard(limits or StreamLimits(max_streams=max(1, max_workers // 2)))
    chain: list[grpc.ServerInterceptor] = [guard, auth, *interceptors, InputGuard(abort)]
    if metrics is not None:
        chain.insert(0, CallObserver(metrics))
    keys = command_keys_of(store)
    if keys is not None:
        chain.append(IdempotencyInterceptor(keys, idempotency_retention))
    # gRPC sets SO_REUSEPORT by default, so a second server "binds" a port already in use
    # and the two share its calls silently; refuse a busy port instead.
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=max_workers),
        interceptors=chain,
        options=[("grpc.so_reuseport", 0)],
    )
    for register in registrations:
        register(server)
    health_servicer = health_servicer or health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in [*service_names, ""]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    reflection.enable_server_reflection([*service_names, reflection.SERVICE_NAME], server)
    try:
        port = (
            server.add_secure_port(address, credentials)
            if credentials
            else server.add_insecure_port(address)
        )
    except RuntimeError:  # grpcio raises where older versions returned 0
        port = 0
    if port == 0:
        raise OSError(f"cannot bind gRPC server to {address}")
    return server, port


def service_server(
    settings: Settings,
    service: str,
    registrations: Sequence[Register],
    service_names: Sequence[str],
    store: object = None,
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    *,
    auth: AuthInterceptor | None = None,
    health_servicer: health.HealthServicer | None = None,
    metrics: Metrics | None = None,
) -> tuple[grpc.Server, int]:
    """`build_server` for `service` with the limits and retention of `settings`: tokens of
    `settings.issuer_url()` (or `auth`'s issuer) for the service's audience, TLS with the
    certificates of `settings.tls_dir`."""
    workers = settings.rpc_max_workers
    return build_server(
        settings.address_of(service),
        registrations,
        service_names,
        auth=auth or authenticator(settings.issuer_url(), service),
        credentials=server_credentials(settings.tls_dir, service),
        max_workers=workers,
        interceptors=interceptors,
        store=store,
        idempotency_retention=timedelta(hours=settings.idempotency_retention_hours),
        limits=StreamLimits(
            max_streams=max(1, workers // 2),
            idle_seconds=settings.rpc_stream_idle_seconds,
            call_seconds=settings.rpc_stream_seconds,
        ),
        health_servicer=health_servicer,
        metrics=metrics,
    )


def authenticator(issuer: str, service: str) -> AuthInterceptor:
    """The interceptor of `service`'s server: tokens of `issuer` for its audience."""
    return AuthInterceptor(TokenVerifier(issuer, audience_of(service)))


def request_lang(context: grpc.ServicerContext) -> str:
    for key, value in context.invocation_metadata() or ():
        if key == LANG_METADATA:
            return "en" if str(value).startswith("en") else "vi"
    return "vi"


def handles_rejections(method: Callable[..., R]) -> Callable[..., R]:
    """Servicer-method decorator: a `CommandRejected` aborts with its status and message.

    Calls run concurrently (a pool of `Settings.rpc_max_workers` threads), so two commands
    may load the same aggregate and the second's events find their versions taken (the
    store's unique (aggregate, version) refuses them: eventsourcing's `RecordConflictError`,
    nothing of that command stored). It then runs again on the aggregate as it now is
    (its checks see the winner's change; a command that no longer applies is refused as
    usual), at most `CONFLICT_ATTEMPTS` times in all, then ABORTED: the client may retry.
    A concurrent retry with the same idempotency key is left to the idempotency layer."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, context: grpc.ServicerContext) -> R:
        for attempt in range(1, CONFLICT_ATTEMPTS + 1):
            try:
                return method(self, request, context)
            except CommandRejected as rejected:
                abort(context, rejected)
                raise AssertionError("context.abort raises") from rejected
            except DuplicateCommand:
                raise
            except RecordConflictError as conflict:
                log.info("%s: concurrent change (attempt %d)", method.__name__, attempt)
                if attempt == CONFLICT_ATTEMPTS:
                    abort(context, _conflicted())
                    raise AssertionError("context.abort raises") from conflict
                time.sleep(random.uniform(0, 0.005 * attempt))
        raise AssertionError("unreachable")

    return wrapper


def _conflicted() -> CommandRejected:
    return CommandRejected(
        "aborted",
        None,
        "Hồ sơ vừa được thay đổi đồng thời bởi lệnh khác; không có gì thay đổi, hãy thử lại.",
        "The record was changed at the same moment by another command; nothing changed, try again.",
    )


MAX_MESSAGE_CHARS = 500
"""A refusal's message is cut to this: with its copy in the `google.rpc.Status` details, far
below gRPC's 8 KiB metadata limit, whatever the refused input was."""

MAX_VIOLATION_CHARS = 200
"""A field violation's description (the message again, for clients that read only the
details) is cut to this."""


def ascii_field(field: str) -> str:
    """A field path safe in gRPC metadata (printable ASCII): other characters escaped
    (`tiêu chí` -> `ti\\u00eau ch\\u00ed`), at most 200 characters."""
    safe = "".join(
        c if " " <= c <= "~" else c.encode("unicode_escape").decode("ascii") for c in field
    )
    return safe[:200]


@dataclass(frozen=True)
class _Refusal(grpc.Status):  # type: ignore[misc]
    code: grpc.StatusCode
    details: str
    trailing_metadata: tuple[tuple[str, str | bytes], ...]


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def refusal_status(rejected: CommandRejected, lang: str) -> _Refusal:
    """The status a refusal is sent with: its code, its message in `lang` (cut to
    `MAX_MESSAGE_CHARS`), and as trailers the field's path in `ocop-field` (ASCII-safe) and
    the standard details (`grpc-status-details-bin`: a `google.rpc.Status` holding a
    `google.rpc.BadRequest` whose field violation names the field, in its own spelling)."""
    code = STATUS[rejected.kind]
    message = _cut(rejected.message(lang), MAX_MESSAGE_CHARS)
    status = status_pb2.Status(code=code.value[0], message=message)
    trailers: list[tuple[str, str | bytes]] = []
    if rejected.field:
        trailers.append((FIELD_METADATA, ascii_field(rejected.field)))
        violation = error_details_pb2.BadRequest.FieldViolation(
            field=rejected.field[:200], description=_cut(message, MAX_VIOLATION_CHARS)
        )
        status.details.add().Pack(error_details_pb2.BadRequest(field_violations=[violation]))
    trailers.append((DETAILS_METADATA, status.SerializeToString()))
    return _Refusal(code, message, tuple(trailers))


def abort(context: grpc.ServicerContext, rejected: CommandRejected) -> None:
    """Aborts the call with `refusal_status(rejected)` in the caller's language."""
    context.abort_with_status(refusal_status(rejected, request_lang(context)))


def verified_actor() -> Actor:
    """The caller of the call being handled, as the interceptor verified it from the token."""
    grant = current_grant()
    if grant is None:
        raise CommandRejected(
            "unauthenticated",
            None,
            "Chưa đăng nhập; hãy chạy `ocop login`.",
            "Not signed in; run `ocop login`.",
        )
    return grant.actor


def to_context(claimed: Any = None) -> CommandContext:
    """The command context of the verified caller (from the token, never the request).

    `claimed` is the request's optional `Actor` message: empty is fine; one that names
    anyone but the verified caller is refused (PERMISSION_DENIED), so that a forged
    actor cannot pass unnoticed."""
    actor = verified_actor()
    if claimed is not None and (claimed.id or claimed.role or claimed.jurisdiction):
        mine = (actor.id, actor.role, actor.jurisdiction)
        theirs = (
            claimed.id,
            claimed.role or actor.role,
            claimed.jurisdiction or actor.jurisdiction,
        )
        if theirs != mine:
            raise CommandRejected(
                "permission_denied",
                "actor",
                f"Người thực hiện lấy từ phiên đăng nhập ({actor.id}); không được khai người khác.",
                f"The actor comes from the sign-in ({actor.id}); claiming another is refused.",
            )
    context = CommandContext(actor=actor)
    logs.bind(correlation_id=context.correlation_id, actor_id=actor.id)
    return context


def parse_uuid(field: str, value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as error:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"{excerpt(value)} không phải là mã định danh hợp lệ.",
            f"{excerpt(value)} is not a valid id.",
        ) from error


def parse_date(field: str, value: str) -> date:
    """`value` (yyyy-mm-dd) as a date within the legal range (`runtime.clock.check_date_range`:
    not before the programme, not past 2200), else `invalid_argument` naming `field`."""
    try:
        day = date.fromisoformat(value) if len(value) == 10 else date.fromisoformat("x")
    except ValueError as error:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"Ngày {excerpt(value)} không hợp lệ (định dạng yyyy-mm-dd).",
            f"Date {excerpt(value)} is invalid (expected yyyy-mm-dd).",
        ) from error
    check_date_range(field, day)
    return day


def row_problems(problems: Sequence[tuple[int, CommandRejected]], lang: str) -> list[Any]:
    """Refused rows of an imported file as `ocop.common.v1.RowProblem` messages: line,
    field and the refusal in `lang`."""
    from contracts.rpc import common_pb2

    return [
        common_pb2.RowProblem(line=line, field=refused.field or "", message=refused.message(lang))
        for line, refused in problems
    ]

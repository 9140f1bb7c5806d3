"""gRPC plumbing: a server with the standard health and reflection services, and the one
place that turns a refused command into a gRPC status with a field-level message."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from concurrent import futures
from datetime import date, timedelta
from typing import Any, TypeVar
from uuid import UUID

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from pydantic import ValidationError

from contracts.envelope import Actor
from runtime.clock import check_date_range
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.idempotency import IdempotencyInterceptor, command_keys_of
from runtime.input_guard import InputGuard
from runtime.settings import Settings
from runtime.streams import StreamGuard, StreamLimits
from runtime.text import excerpt

log = logging.getLogger(__name__)

STATUS = {
    "invalid_argument": grpc.StatusCode.INVALID_ARGUMENT,
    "not_found": grpc.StatusCode.NOT_FOUND,
    "already_exists": grpc.StatusCode.ALREADY_EXISTS,
    "failed_precondition": grpc.StatusCode.FAILED_PRECONDITION,
    "permission_denied": grpc.StatusCode.PERMISSION_DENIED,
    "unauthenticated": grpc.StatusCode.UNAUTHENTICATED,
}
LANG_METADATA = "ocop-lang"
FIELD_METADATA = "ocop-field"

Register = Callable[[grpc.Server], None]
R = TypeVar("R")


def build_server(
    address: str,
    registrations: Sequence[Register],
    service_names: Sequence[str],
    max_workers: int = 8,
    interceptors: Sequence[grpc.ServerInterceptor] = (),
    *,
    store: object = None,
    idempotency_retention: timedelta = timedelta(days=7),
    limits: StreamLimits | None = None,
) -> tuple[grpc.Server, int]:
    """A server bound to `address` (port 0 picks one) with health and reflection.

    Client streams are limited first (`runtime.streams`: at most half the workers, idle
    and size limits); then `interceptors` run (e.g. authentication), then always the
    `InputGuard`, which puts every request in canonical form and refuses hostile values
    before any servicer; last, with `store` (an application's recorder), commands
    carrying an idempotency key run once (`runtime.idempotency`). Returns the server
    (not started) and the bound port."""
    guard = StreamGuard(limits or StreamLimits(max_streams=max(1, max_workers // 2)))
    chain: list[grpc.ServerInterceptor] = [guard, *interceptors, InputGuard(abort)]
    keys = command_keys_of(store)
    if keys is not None:
        chain.append(IdempotencyInterceptor(keys, idempotency_retention))
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers), interceptors=chain)
    for register in registrations:
        register(server)
    health_servicer = health.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    for name in [*service_names, ""]:
        health_servicer.set(name, health_pb2.HealthCheckResponse.SERVING)
    reflection.enable_server_reflection([*service_names, reflection.SERVICE_NAME], server)
    port = server.add_insecure_port(address)
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
) -> tuple[grpc.Server, int]:
    """`build_server` for `service` with the limits and retention of `settings`."""
    workers = settings.rpc_max_workers
    return build_server(
        settings.address_of(service),
        registrations,
        service_names,
        max_workers=workers,
        interceptors=interceptors,
        store=store,
        idempotency_retention=timedelta(hours=settings.idempotency_retention_hours),
        limits=StreamLimits(
            max_streams=max(1, workers // 2),
            idle_seconds=settings.rpc_stream_idle_seconds,
            call_seconds=settings.rpc_stream_seconds,
        ),
    )


def request_lang(context: grpc.ServicerContext) -> str:
    for key, value in context.invocation_metadata() or ():
        if key == LANG_METADATA:
            return "en" if str(value).startswith("en") else "vi"
    return "vi"


def handles_rejections(method: Callable[..., R]) -> Callable[..., R]:
    """Servicer-method decorator: a `CommandRejected` aborts with its status and message."""

    @functools.wraps(method)
    def wrapper(self: Any, request: Any, context: grpc.ServicerContext) -> R:
        try:
            return method(self, request, context)
        except CommandRejected as rejected:
            abort(context, rejected)
            raise AssertionError("context.abort raises") from rejected

    return wrapper


MAX_MESSAGE_CHARS = 1000
"""A refusal's message is cut to this: far below gRPC's 8–16 KiB metadata limits, whatever
the refused input was."""


def ascii_field(field: str) -> str:
    """A field path safe in gRPC metadata (printable ASCII): other characters escaped
    (`tiêu chí` -> `ti\\u00eau ch\\u00ed`), at most 200 characters."""
    safe = "".join(
        c if " " <= c <= "~" else c.encode("unicode_escape").decode("ascii") for c in field
    )
    return safe[:200]


def abort(context: grpc.ServicerContext, rejected: CommandRejected) -> None:
    """Aborts the call with `rejected`'s status, its message in the caller's language (cut to
    `MAX_MESSAGE_CHARS`) and the field's path in the `ocop-field` trailer (ASCII-safe)."""
    field = ascii_field(rejected.field) if rejected.field else ""
    if field:
        context.set_trailing_metadata(((FIELD_METADATA, field),))
    message = rejected.message(request_lang(context))
    if len(message) > MAX_MESSAGE_CHARS:
        message = message[: MAX_MESSAGE_CHARS - 1] + "…"
    context.abort(STATUS[rejected.kind], message)


def to_context(actor: Any) -> CommandContext:
    """The command context from a request's `Actor` message; an actor is required."""
    if not actor.id or not actor.role:
        raise CommandRejected(
            "invalid_argument",
            "actor",
            "Lệnh phải có người thực hiện (id và vai trò).",
            "Every command needs an actor (id and role).",
        )
    try:
        who = Actor(id=actor.id, role=actor.role, jurisdiction=actor.jurisdiction)
    except ValidationError as error:
        loc = error.errors()[0]["loc"] if error.errors() else ("role",)
        part = str(loc[0]) if loc else "role"
        if part == "role":
            raise CommandRejected(
                "invalid_argument",
                "actor.role",
                f"Vai trò {excerpt(actor.role)} không hợp lệ.",
                f"Unknown actor role {excerpt(actor.role)}.",
            ) from error
        raise CommandRejected(
            "invalid_argument",
            f"actor.{part}",
            f"Giá trị {excerpt(str(getattr(actor, part, '')))} không hợp lệ.",
            f"Invalid value {excerpt(str(getattr(actor, part, '')))}.",
        ) from error
    return CommandContext(actor=who)


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

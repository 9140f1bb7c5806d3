"""gRPC plumbing: a server with the standard health and reflection services, and the one
place that turns a refused command into a gRPC status with a field-level message."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from concurrent import futures
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from pydantic import ValidationError

from contracts.envelope import Actor
from runtime.commands import CommandContext
from runtime.errors import CommandRejected

log = logging.getLogger(__name__)

STATUS = {
    "invalid_argument": grpc.StatusCode.INVALID_ARGUMENT,
    "not_found": grpc.StatusCode.NOT_FOUND,
    "already_exists": grpc.StatusCode.ALREADY_EXISTS,
    "failed_precondition": grpc.StatusCode.FAILED_PRECONDITION,
    "permission_denied": grpc.StatusCode.PERMISSION_DENIED,
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
) -> tuple[grpc.Server, int]:
    """A server bound to `address` (port 0 picks one) with health and reflection.

    Returns the server (not started) and the bound port."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=max_workers))
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
            if rejected.field:
                context.set_trailing_metadata(((FIELD_METADATA, rejected.field),))
            context.abort(STATUS[rejected.kind], rejected.message(request_lang(context)))
            raise AssertionError("context.abort raises") from rejected

    return wrapper


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
        raise CommandRejected(
            "invalid_argument",
            "actor.role",
            f"Vai trò '{actor.role}' không hợp lệ.",
            f"Unknown actor role '{actor.role}'.",
        ) from error
    return CommandContext(actor=who)


def parse_uuid(field: str, value: str) -> UUID:
    try:
        return UUID(value)
    except ValueError as error:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"'{value}' không phải là mã định danh hợp lệ.",
            f"'{value}' is not a valid id.",
        ) from error


def parse_date(field: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandRejected(
            "invalid_argument",
            field,
            f"Ngày '{value}' không hợp lệ (định dạng yyyy-mm-dd).",
            f"Date '{value}' is invalid (expected yyyy-mm-dd).",
        ) from error

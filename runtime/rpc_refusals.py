"""How a refused command leaves a gRPC server: the decorator that runs a servicer method
again on a concurrent change and aborts on a refusal, and the status it aborts with (code,
message in the caller's language, the field in `ocop-field` and the standard
`google.rpc.BadRequest` details). Split from `runtime.rpc`, which re-exports these names."""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import grpc
from eventsourcing.persistence import RecordConflictError
from google.rpc import error_details_pb2, status_pb2

from runtime import errors
from runtime.errors import CommandRejected
from runtime.idempotency import DuplicateCommand

log = logging.getLogger("runtime.rpc")
"""Under its old name: operators' log filters and alerts keep matching."""

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

R = TypeVar("R")


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

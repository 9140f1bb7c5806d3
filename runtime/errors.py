"""The error a command raises when it refuses input; adapters turn it into a gRPC status
or a CLI exit code. Pure Python, so domain code may raise it."""

from __future__ import annotations

from collections.abc import Collection
from typing import Literal

LANG_METADATA = "ocop-lang"
"""Request metadata: the caller's language (`vi` or `en`)."""
FIELD_METADATA = "ocop-field"
"""Trailing metadata of a refusal: the refused field."""
DETAILS_METADATA = "grpc-status-details-bin"
"""Trailing metadata of a refusal: the standard `google.rpc.Status`, whose details hold a
`google.rpc.BadRequest` naming the field (what grpcio-status's `rpc_status.from_call`
reads)."""

ErrorKind = Literal[
    "invalid_argument",
    "not_found",
    "already_exists",
    "failed_precondition",
    "permission_denied",
    "unauthenticated",
    "aborted",
]


class CommandRejected(Exception):
    """A command was refused and nothing changed.

    `field` names the offending input where there is one; the message exists in
    Vietnamese (shown by default) and English.
    """

    def __init__(self, kind: ErrorKind, field: str | None, vi: str, en: str) -> None:
        super().__init__(f"{field}: {en}" if field else en)
        self.kind: ErrorKind = kind
        self.field = field
        self.vi = vi
        self.en = en

    def message(self, lang: str = "vi") -> str:
        text = self.en if lang == "en" else self.vi
        return f"{self.field}: {text}" if self.field else text


# The refusals commands raise most, by kind (each names the field; nothing changed).


def invalid(field: str, vi: str, en: str) -> CommandRejected:
    """The input is malformed or out of range (gRPC INVALID_ARGUMENT)."""
    return CommandRejected("invalid_argument", field, vi, en)


def require_choice(field: str, value: str, choices: Collection[str], vi: str, en: str) -> None:
    """Refuse `value` (invalid_argument on `field`) unless it is one of `choices`, listing
    them; `vi` and `en` name what it is ("Kết luận", "The outcome")."""
    if value not in choices:
        raise invalid(
            field,
            f"{vi} phải là một trong: {', '.join(choices)}.",
            f"{en} must be one of: {', '.join(choices)}.",
        )


def not_found(field: str, vi: str, en: str) -> CommandRejected:
    """The input names something that does not exist (NOT_FOUND)."""
    return CommandRejected("not_found", field, vi, en)


def precondition(field: str, vi: str, en: str) -> CommandRejected:
    """The input is well formed but the state does not allow it (FAILED_PRECONDITION)."""
    return CommandRejected("failed_precondition", field, vi, en)


def forbidden(vi: str, en: str, field: str = "actor") -> CommandRejected:
    """The actor may not do this (PERMISSION_DENIED); `field` names what of the actor."""
    return CommandRejected("permission_denied", field, vi, en)

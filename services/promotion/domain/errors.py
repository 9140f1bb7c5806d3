"""Refusals of promotion commands, in Vietnamese and English, naming the field.

Each raises `CommandRejected` (nothing changed); adapters turn it into a gRPC status or
a CLI exit code."""

from __future__ import annotations

from runtime.errors import CommandRejected


def invalid(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("invalid_argument", field, vi, en)


def not_found(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("not_found", field, vi, en)


def precondition(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("failed_precondition", field, vi, en)


def forbidden(vi: str, en: str, field: str = "actor") -> CommandRejected:
    return CommandRejected("permission_denied", field, vi, en)

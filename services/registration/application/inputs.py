"""Checks of a command's inputs that need no aggregate: required text."""

from __future__ import annotations

from runtime.errors import CommandRejected


def required(field: str, value: str) -> str:
    """`value` unchanged; refuses an empty one (`invalid_argument`, naming `field`)."""
    if not value:
        raise CommandRejected(
            "invalid_argument", field, "Trường này không được để trống.", "This field is required."
        )
    return value

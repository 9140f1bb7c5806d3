"""How evaluation replies are printed: every field, lists on one line for people."""

from __future__ import annotations

import argparse
from typing import Any

from cli.output import emit, message_record


def _flat(value: Any) -> str:
    """A nested value on one line for people: `key=value` pairs, list items by commas, at
    any depth (never Python's repr, which would escape the text's newlines and quotes)."""
    if isinstance(value, dict):
        return " ".join(f"{k}={_flat(v)}" for k, v in value.items() if v not in ("", 0, None))
    if isinstance(value, list):
        return ", ".join(map(_flat, value))
    return str(value)


def show(args: argparse.Namespace, message: Any) -> int:
    """Any reply, field by field (`--quiet`: its first value, the id just made)."""
    record = message_record(message)
    if args.quiet:
        print(next(iter(record.values()), ""))
        return 0
    flat = {k: (_flat(v) if isinstance(v, list | dict) else v) for k, v in record.items()}
    emit(record if args.json else flat, as_json=args.json, lang=args.lang)
    return 0

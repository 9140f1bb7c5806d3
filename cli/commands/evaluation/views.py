"""How evaluation replies are printed: every field, lists on one line for people."""

from __future__ import annotations

import argparse
from typing import Any

from cli.output import emit, message_record


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(f"{k}={v}" for k, v in value.items() if v not in ("", 0, None))
    return str(value)


def show(args: argparse.Namespace, message: Any) -> int:
    """Any reply, field by field (`--quiet`: its first value, the id just made)."""
    record = message_record(message)
    if args.quiet:
        print(next(iter(record.values()), ""))
        return 0
    flat = {k: (", ".join(map(_flat, v)) if isinstance(v, list) else v) for k, v in record.items()}
    emit(record if args.json else flat, as_json=args.json, lang=args.lang)
    return 0

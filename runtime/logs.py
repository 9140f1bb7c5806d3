"""Logs that say which flow a line belongs to: every line written while a command or an
event is handled carries its correlation id, the event id (for an event) and the actor
id, from context variables the gRPC layer and the consumers set.

    configure("json")   # the distributed mode: one JSON object per line (python-json-logger)
    configure("text")   # the embedded mode: readable, ids in brackets when there are some

`OCOP_LOG_FORMAT` (json | text) overrides the mode's default. The ids are only ids: no
personal data goes into a log line."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final, Literal

from pythonjsonlogger.json import JsonFormatter

FIELDS: Final = ("correlation_id", "event_id", "actor_id")
_VARS: Final[dict[str, ContextVar[str]]] = {name: ContextVar(name, default="") for name in FIELDS}

Format = Literal["json", "text"]


def bind(**ids: object) -> None:
    """Set the ids of the flow being handled (correlation_id, event_id, actor_id)."""
    for name, value in ids.items():
        _VARS[name].set("" if value is None else str(value))


def current(name: str) -> str:
    """The id `name` of the flow being handled, "" when none."""
    return _VARS[name].get()


def clear() -> None:
    """Forget the ids: a worker thread goes on to another call."""
    for var in _VARS.values():
        var.set("")


@contextmanager
def bound(**ids: object) -> Iterator[None]:
    """The ids for the duration of a block, then none."""
    bind(**ids)
    try:
        yield
    finally:
        clear()


class FlowIds(logging.Filter):
    """Puts the current ids on every record (empty when none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, var in _VARS.items():
            setattr(record, name, var.get())
        return True


class _Text(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        ids = " ".join(f"{n}={getattr(record, n)}" for n in FIELDS if getattr(record, n, ""))
        return f"{line} [{ids}]" if ids else line


def configure(default: Format, level: int = logging.INFO) -> None:
    """Root logging for a process: `default` unless OCOP_LOG_FORMAT says otherwise."""
    chosen = os.environ.get("OCOP_LOG_FORMAT", default)
    handler = logging.StreamHandler()
    handler.addFilter(FlowIds())
    if chosen == "json":
        handler.setFormatter(
            JsonFormatter(
                "%(asctime)s %(levelname)s %(name)s %(message)s",
                rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
                json_ensure_ascii=False,
            )
        )
    else:
        handler.setFormatter(_Text("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)

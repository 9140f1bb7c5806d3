"""Aggregates a call's scope check loaded, handed to its command once.

The scope check (`runtime.identity.scope`) loads the record a request names (a product's
producer, an idea and its producer) before the handler runs, and the command then loads
the same aggregates again: two reads and two replays of each per call (43 % of the busy
samples of `RegisterProduct` over gRPC, issue 18's T3 profile). Within one call,
`handing_over()` keeps what the check loaded; the handler's first load of each takes it
(one read less) and every later load reads the store, so a command that runs again after
a concurrent change (`runtime.rpc.handles_rejections`) sees the aggregate as it now is.
An application's `load` uses `taken` and `kept` (registration's does)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from uuid import UUID


@dataclass
class _Handover:
    checking: bool = True
    loaded: dict[UUID, object] = field(default_factory=dict)


_current: ContextVar[_Handover | None] = ContextVar("ocop_handover", default=None)


@contextlib.contextmanager
def handing_over() -> Iterator[None]:
    """A call: loads are kept while checking, until `checked()`; then handed once each."""
    token = _current.set(_Handover())
    try:
        yield
    finally:
        _current.reset(token)


def checked() -> None:
    """The check is over: nothing more is kept; what it kept waits for the handler."""
    handover = _current.get()
    if handover is not None:
        handover.checking = False


def taken(aggregate_id: UUID) -> object | None:
    """The aggregate the check loaded, the first time the handler asks; else None."""
    handover = _current.get()
    if handover is None or handover.checking:
        return None
    return handover.loaded.pop(aggregate_id, None)


def kept(aggregate_id: UUID, aggregate: object) -> None:
    """Remember `aggregate`, loaded by the check, for the handler."""
    handover = _current.get()
    if handover is not None and handover.checking:
        handover.loaded[aggregate_id] = aggregate

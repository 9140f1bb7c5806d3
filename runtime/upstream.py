"""Local copies of another service's records, kept from its published events.

A service that must not call another (import-linter keeps services independent) keeps
its own aggregate per record of the other service it follows — a product, a producer —
named by a UUID derived from the other service's id (`cls.id_for(upstream_id)`), started
by the first event that mentions it, whichever that is (events arrive on several topics
in any order). What the copy holds and does is the service's own business; this module
only finds or starts the copy and dates the change in the upstream event's flow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.envelope import Actor
from runtime import commands

A = TypeVar("A", bound=Aggregate)


class Store(Protocol):
    def get_as(self, aggregate_id: UUID, cls: type[A]) -> A | None: ...


def upstream_meta(event: Any, system: Actor) -> dict[str, Any]:
    """Meta of a change caused by another service's published `event`: its actor (`system`,
    the service itself, when it has none), flow and id (`runtime.commands.caused_by`)."""
    return commands.caused_by(event, event.actor or system)


def local_copy(store: Store, cls: type[A], meta: dict[str, Any], **key: UUID) -> A:
    """The copy `cls` keeps of the upstream record `key` (one keyword: the constructor's
    parameter, e.g. `product_id=...`), loaded from `store`, or started with `meta` when the
    store has none yet (its creation event then stored with the caller's other changes).
    `cls.id_for(upstream_id)` names the copy."""
    ((_, upstream_id),) = key.items()
    id_for: Callable[[UUID], UUID] = cls.id_for  # type: ignore[attr-defined]
    start: Callable[..., A] = cls
    return store.get_as(id_for(upstream_id), cls) or start(**key, meta=meta)

"""What the registration aggregates share: the event metadata, the refusal of a command
the aggregate's state does not allow, and the namespace of the index aggregates' ids.

Each event records the actor and the correlation of the flow it belongs to, in `meta`,
so "who did what, when" is answerable from the event store alone. Checks that need only
an aggregate's own state live in the aggregate and raise `CommandRejected` before any
event is recorded; checks that need other aggregates or the rule sets live in the
application."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from runtime.errors import CommandRejected
from runtime.jurisdiction import UnitPath

Meta = dict[str, Any]
INDEX_NAMESPACE = UUID("6f1c2a8e-3b0d-4d5e-9a41-0c0c0c0c0c01")


def refuse_state(field: str, vi: str, en: str) -> CommandRejected:
    """A command the aggregate's current state does not allow (FAILED_PRECONDITION)."""
    return CommandRejected("failed_precondition", field, vi, en)


class Event(Aggregate.Event):
    """An event of a registration aggregate: its own fields and `meta` (actor, flow).

    Explicit event classes declare the fields that are stored and say in `apply` how the
    event changes the aggregate; the aggregate's command method checks the command first
    and then triggers the event, so replaying history never re-runs a check."""

    meta: Meta


class Created(Aggregate.Created):
    """The event that creates a registration aggregate, with `meta` (actor, flow)."""

    meta: Meta


def unit_path(commune: str, province: str, legacy_unit: dict[str, Any] | None) -> UnitPath:
    """A record's administrative units (`runtime.jurisdiction`): its current commune and
    province and, for a producer registered with a pre-July-2025 unit, that unit's
    commune, district and province."""
    legacy = legacy_unit or {}
    return UnitPath(
        commune=commune,
        province=province,
        district=str(legacy.get("old_district_code") or ""),
        legacy_commune=str(legacy.get("old_commune_code") or ""),
        legacy_province=str(legacy.get("old_province_code") or ""),
    )

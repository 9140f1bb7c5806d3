"""Promotion's date ranges, and its code lists re-exported from where they are published
(contracts/promotion_codes.py: the codes events and gRPC carry, with their names)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from contracts.promotion_codes import (
    ACTIVITY_KINDS,
    CHANNEL_TYPES,
    FUNDING_SOURCES,
    OUTREACH_CHANNELS,
    PLACES,
    SUPPORT_KINDS,
    TRAINEE_ROLES,
    UNITS,
    WITHDRAWAL_REASONS,
    Code,
)

__all__ = [
    "ACTIVITY_KINDS",
    "CHANNEL_TYPES",
    "FUNDING_SOURCES",
    "OUTREACH_CHANNELS",
    "PLACES",
    "SUPPORT_KINDS",
    "TRAINEE_ROLES",
    "UNITS",
    "WITHDRAWAL_REASONS",
    "Code",
    "Span",
]


@dataclass(frozen=True)
class Span:
    """A date range [starts_on, ends_on], ends_on None for "still running"."""

    starts_on: date
    ends_on: date | None = None

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    def overlaps(self, other: Span) -> bool:
        mine_end = self.ends_on or date.max
        other_end = other.ends_on or date.max
        return self.starts_on <= other_end and other.starts_on <= mine_end

    def as_dict(self) -> dict[str, Any]:
        return {"starts_on": self.starts_on, "ends_on": self.ends_on}

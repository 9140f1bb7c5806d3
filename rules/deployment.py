"""What a deployment adds to the national rules: local policies and its switches."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator

from rules.model import (
    Ambiguity,
    FrozenModel,
    LastDayConvention,
    MonthDay,
    RuleSet,
    ShortfallMode,
    Tier,
    parse_month_day,
)
from rules.text import LocalText
from rules.workdays import WorkingCalendar

__all__ = ["Deployment", "LocalPolicy", "LocalRound", "MonthDay", "Target"]


class LocalRound(FrozenModel):
    tier: Tier
    name: LocalText
    forwarded_by: MonthDay
    decided_by: MonthDay

    @field_validator("forwarded_by", "decided_by", mode="before")
    @classmethod
    def _parse(cls, value: object) -> object:
        return parse_month_day(value)


class Target(FrozenModel):
    code: str
    label: LocalText
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    unit: Literal["count", "share"]


class LocalPolicy(FrozenModel):
    """A deployment's own additions (rounds, inspection cadence, yearly targets)."""

    id: str
    version: str
    title: LocalText
    source: str
    applies_to_rule_sets: tuple[str, ...]
    effective_from: date
    effective_to: date | None
    rounds: tuple[LocalRound, ...] = ()
    inspection_every_months: int | None = None
    inspection_scope: LocalText | None = None
    targets: dict[int, tuple[Target, ...]] = Field(default_factory=dict)
    reports: tuple[LocalText, ...] = ()
    ambiguities: tuple[Ambiguity, ...] = ()

    def covers(self, day: date) -> bool:
        ends = self.effective_to
        return self.effective_from <= day and (ends is None or day <= ends)


class Deployment(FrozenModel):
    """Where the system runs and what that deployment switched on."""

    jurisdiction: str
    tier: Tier = Tier.PROVINCE
    minimum_shortfall: ShortfallMode | None = None
    valid_to_convention: LastDayConvention | None = None
    extra_days_off: tuple[date, ...] = ()
    makeup_working_days: tuple[date, ...] = ()
    local_policies: tuple[str, ...] = ()

    def shortfall(self, rule_set: RuleSet) -> ShortfallMode:
        """The deployment's cap/reject switch, or the rule set's default (cap)."""
        return self.minimum_shortfall or rule_set.scoring.minimum_shortfall_default

    def calendar(self) -> WorkingCalendar:
        """Working days: VN public holidays plus this deployment's own days."""
        return WorkingCalendar.of(self.extra_days_off, self.makeup_working_days)

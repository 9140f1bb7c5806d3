"""What a deployment adds to the national rules: local policies and its switches."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field, model_validator

from rules.model import Ambiguity, Round, RuleSet
from rules.terms import (
    FrozenModel,
    LastDayConvention,
    MonthDay,
    ShortfallMode,
    Tier,
    month_day_fields,
)
from rules.text import LocalText
from rules.workdays import WorkingCalendar

__all__ = ["Deployment", "LocalPolicy", "LocalRound", "MonthDay", "ReportSpec", "Target"]


class LocalRound(Round):
    """A round a local policy adds for one tier (dates as in the rule set's rounds)."""

    tier: Tier


class Target(FrozenModel):
    """A yearly plan target (§14.32): a floor to reach, and optionally a stretch.

    ``unit`` is ``count`` (e.g. new 3★ products) or ``share`` (a fraction 0-1 of
    ``of``: producers/chủ thể or products). "ít nhất 30-50%" is a floor of 0.30
    with 0.50 as the stretch, not a maximum.
    """

    code: str
    label: LocalText
    unit: Literal["count", "share"]
    of: Literal["producers", "products"] | None = None
    minimum: Decimal
    stretch: Decimal | None = None
    source: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> Target:
        if self.unit == "share":
            if self.of is None:
                raise ValueError(f"target {self.code}: a share needs 'of' (producers or products)")
            for value in (self.minimum, self.stretch):
                if value is not None and not 0 <= value <= 1:
                    raise ValueError(f"target {self.code}: a share is between 0 and 1")
        if self.stretch is not None and self.stretch < self.minimum:
            raise ValueError(f"target {self.code}: stretch below the minimum")
        return self


class ReportSpec(FrozenModel):
    """A periodic progress report (§14.33): the days of the year it covers, when it is due.

    Covers ``covers_from``-``covers_to`` of a year (e.g. 01/01-30/06 for the
    six-month report, 01/01-31/12 for the annual one); due ``due_days`` calendar
    days after the period's last day, to ``to``'s authority.
    """

    code: str
    label: LocalText
    covers_from: MonthDay
    covers_to: MonthDay
    due_days: int = Field(ge=0)
    to: Tier
    source: str

    _month_days = month_day_fields("covers_from", "covers_to")


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
    commune_check_working_days: int | None = Field(default=None, ge=1)
    """The commune's check and report (form 03) in working days from receipt, where the
    rule set sets none (R1/R2: 148's and 1489's time limit was not found)."""
    targets: dict[int, tuple[Target, ...]] = Field(default_factory=dict)
    reports: tuple[ReportSpec, ...] = ()
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
    minimums_gate_forwarding: bool = False
    """Off (default): a result is forwarded by score and the higher council applies
    the minimums (seed plan; R3 Art. 7.3.e). On: forward only when the next star's
    minimums are met — the reading this system used before issue 12, kept for a
    province whose council regulation says so (docs/rules.md, "Forwarding")."""

    def shortfall(self, rule_set: RuleSet) -> ShortfallMode:
        """The deployment's cap/reject switch, or the rule set's default (cap)."""
        return self.minimum_shortfall or rule_set.scoring.minimum_shortfall_default

    def calendar(self) -> WorkingCalendar:
        """Working days: VN public holidays plus this deployment's own days."""
        return WorkingCalendar.of(self.extra_days_off, self.makeup_working_days)

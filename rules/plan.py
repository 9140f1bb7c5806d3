"""The local plan's yearly targets (§14.32) and its progress reports (§14.33).

Read by the reporting service: ``plan_targets`` and ``target_status`` compare
actuals computed from events against a jurisdiction's targets;
``report_periods`` and ``reports_due`` give each report's period and due date.
Both come from local policies (configured, not hard-coded).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from rules.deployment import LocalPolicy, Target
from rules.model import Tier
from rules.text import LocalText


def plan_targets(local_policies: Sequence[LocalPolicy], year: int) -> tuple[Target, ...]:
    """Targets the policies set for ``year`` (a later policy's code replaces an earlier one)."""
    found: dict[str, Target] = {}
    for policy in local_policies:
        for target in policy.targets.get(year, ()):
            found[target.code] = target
    return tuple(found.values())


TargetStatus = Literal["below", "met", "stretch_met"]


def target_status(target: Target, actual: Decimal | int) -> TargetStatus:
    """``below`` the floor, ``met`` (≥ minimum) or ``stretch_met`` (≥ stretch).

    Shares are fractions (0.35 = 35 %) of the target's ``of`` (producers or products).
    """
    value = Decimal(actual)
    if value < target.minimum:
        return "below"
    if target.stretch is not None and value >= target.stretch:
        return "stretch_met"
    return "met"


class ReportPeriod(BaseModel):
    """One report instance: the period it covers (inclusive) and its due date."""

    model_config = ConfigDict(frozen=True)

    code: str
    label: LocalText
    starts: date
    ends: date
    due: date
    to: Tier
    source: str


def report_periods(local_policies: Sequence[LocalPolicy], year: int) -> tuple[ReportPeriod, ...]:
    """The reports of ``year`` (six-month, annual…) with periods and due dates, by due date.

    Only policies in effect at the period's end contribute.
    """
    out: list[ReportPeriod] = []
    for policy in local_policies:
        for spec in policy.reports:
            ends = spec.covers_to.on(year)
            if not policy.covers(ends):
                continue
            out.append(
                ReportPeriod(
                    code=spec.code,
                    label=spec.label,
                    starts=spec.covers_from.on(year),
                    ends=ends,
                    due=ends + timedelta(days=spec.due_days),
                    to=spec.to,
                    source=policy.id,
                )
            )
    return tuple(sorted(out, key=lambda r: (r.due, r.code)))


def reports_due(
    local_policies: Sequence[LocalPolicy], start: date, end: date
) -> tuple[ReportPeriod, ...]:
    """Reports whose due date falls in ``start``-``end`` (inclusive)."""
    years = range(start.year - 1, end.year + 1)
    return tuple(
        r for y in years for r in report_periods(local_policies, y) if start <= r.due <= end
    )

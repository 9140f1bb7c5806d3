"""Commands on the year's promotion plan: adopt it with its budget lines and activities,
add an activity, mark one done.

A plan belongs to the actor's unit and a year (one per unit and year). Each activity has
a kind (ACTIVITY_KINDS), a lead unit and the units working with it (UNITS; by default
the economy and infrastructure office leads with the agriculture office, as the seed
plan says) and the budget line paying for it; budget amounts are VND integers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from runtime.commands import CommandContext
from runtime.errors import invalid, not_found, precondition
from services.promotion.application.core import PromotionStore, one_of, text
from services.promotion.domain.plan import PromotionPlan
from services.promotion.domain.values import ACTIVITY_KINDS, FUNDING_SOURCES, UNITS

LEAD = "economy_infrastructure"
WITH = ("agriculture",)


def budget_line(line: Mapping[str, Any]) -> dict[str, Any]:
    amount = int(line.get("amount_vnd", 0))
    if amount < 0:
        raise invalid("budget_lines", "Số tiền âm.", "A negative amount.")
    return {
        "code": text("budget_lines.code", str(line.get("code", ""))),
        "label": text("budget_lines.label", str(line.get("label", ""))),
        "amount_vnd": amount,
        "funding_source": one_of(
            "budget_lines.funding_source", str(line.get("funding_source", "")), FUNDING_SOURCES
        ),
    }


def activity(entry: Mapping[str, Any], lines: Mapping[str, Any]) -> dict[str, Any]:
    line = str(entry.get("budget_line", "") or "")
    if line and line not in lines:
        raise not_found(
            "activities.budget_line",
            f"Kế hoạch không có dòng kinh phí {line}.",
            f"The plan has no budget line {line}.",
        )
    return {
        "code": text("activities.code", str(entry.get("code", ""))),
        "title": text("activities.title", str(entry.get("title", ""))),
        "kind": one_of("activities.kind", str(entry.get("kind", "")), ACTIVITY_KINDS),
        "lead_unit": one_of("activities.lead_unit", str(entry.get("lead_unit") or LEAD), UNITS),
        "with_units": [
            one_of("activities.with_units", u, UNITS) for u in entry.get("with_units") or WITH
        ],
        "budget_line": line,
        "budget_vnd": int(entry.get("budget_vnd", 0) or 0),
    }


class PlanCommands:
    """The year's plan (kế hoạch xúc tiến thương mại, quảng bá sản phẩm OCOP)."""

    def __init__(self, store: PromotionStore) -> None:
        self.store = store

    def adopt(
        self,
        ctx: CommandContext,
        *,
        year: int,
        title: str,
        budget_lines: Sequence[Mapping[str, Any]] = (),
        activities: Sequence[Mapping[str, Any]] = (),
    ) -> PromotionPlan:
        """The plan of the actor's unit for `year`. Refused: not an office (actor.role);
        a year outside 2018-2100 (year); a second plan for the year (year); an unknown
        kind, unit or funding source, or a duplicate code (activities, budget_lines)."""
        unit = self.store.office(ctx.actor)
        if not 2018 <= year <= 2100:
            raise invalid("year", f"Năm {year} không hợp lệ.", f"Year {year} is not valid.")
        if self.store.plan_of(unit, year) is not None:
            raise precondition(
                "year",
                f"Địa bàn {unit} đã có kế hoạch xúc tiến năm {year}.",
                f"Unit {unit} already has a {year} promotion plan.",
            )
        lines = [budget_line(line) for line in budget_lines]
        by_code = {line["code"]: line for line in lines}
        if len(by_code) != len(lines):
            raise invalid("budget_lines", "Trùng mã dòng kinh phí.", "Duplicate budget line.")
        entries = [activity(a, by_code) for a in activities]
        if len({a["code"] for a in entries}) != len(entries):
            raise invalid("activities", "Trùng mã hoạt động.", "Duplicate activity code.")
        plan = PromotionPlan(
            jurisdiction=unit,
            year=year,
            title=text("title", title),
            budget_lines=lines,
            activities=entries,
            meta=ctx.meta(),
        )
        self.store.save(plan)
        return plan

    def _own(self, ctx: CommandContext, year: int) -> PromotionPlan:
        unit = self.store.office(ctx.actor)
        plan = self.store.plan_of(unit, year)
        if plan is None:
            raise not_found(
                "year",
                f"Địa bàn {unit} chưa có kế hoạch xúc tiến năm {year}.",
                f"Unit {unit} has no {year} promotion plan.",
            )
        return plan

    def add_activity(
        self, ctx: CommandContext, *, year: int, entry: Mapping[str, Any]
    ) -> PromotionPlan:
        plan = self._own(ctx, year)
        plan.add_activity(activity(entry, plan.budget_lines), ctx.meta())
        self.store.save(plan)
        return plan

    def complete(self, ctx: CommandContext, *, year: int, code: str) -> PromotionPlan:
        plan = self._own(ctx, year)
        plan.complete(code, ctx.meta())
        self.store.save(plan)
        return plan

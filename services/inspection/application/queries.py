"""Queries: a period's plan with its coverage, a product's inspection history, open
remediations with their deadlines, and overdue inspections.

They read the aggregates (found through the notification log): a province has tens to
hundreds of certified products and a few plans a year."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from runtime.errors import not_found
from services.inspection.application.core import InspectionStore
from services.inspection.domain.inspection import Inspection
from services.inspection.domain.plan import InspectionPlan
from services.inspection.domain.values import Period


class Queries:
    def __init__(self, store: InspectionStore) -> None:
        self.store = store

    def plan_for(self, tier: str, jurisdiction: str, on: date, months: int) -> InspectionPlan:
        period = Period.containing(on, months)
        found = self.store.get_as(
            InspectionPlan.id_for(tier, jurisdiction, period.key), InspectionPlan
        )
        if found is None:
            raise not_found(
                "period",
                f"Chưa có kế hoạch {period.label('vi')} cho địa bàn {jurisdiction}.",
                f"No {period.label('en')} plan for {jurisdiction} yet.",
            )
        return found

    def history(self, product_id: UUID) -> list[Inspection]:
        """Every inspection of the product, oldest first."""
        found = [i for i in self.store.all_inspections() if i.product_id == product_id]
        return sorted(found, key=lambda i: (i.planned_on, str(i.id)))

    def open_remediations(self, jurisdiction: str = "") -> list[Inspection]:
        """Inspections waiting for remediation (overdue ones included), by deadline."""
        found = [
            i
            for i in self.store.all_inspections()
            if i.status in ("remediation", "overdue")
            and (not jurisdiction or i.product["jurisdiction"] == jurisdiction)
        ]
        return sorted(found, key=lambda i: i.remediation["deadline"] if i.remediation else date.max)

    def overdue(self, today: date, jurisdiction: str = "") -> list[dict[str, Any]]:
        """Plan entries not inspected by their planned date (or the period's end)."""
        rows: list[dict[str, Any]] = []
        for plan in self.store.all_plans():
            if jurisdiction and plan.jurisdiction != jurisdiction:
                continue
            for entry in plan.overdue(today):
                rows.append({**entry, "plan_id": str(plan.id), "period": plan.window.key})
        return sorted(rows, key=lambda r: (r["planned_on"] or date.max, r["product_name"]))

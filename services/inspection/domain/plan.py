"""An inspection plan: every certified product due in one period of one jurisdiction.

Generated from the cadence (local policy or rule set) and then edited by the office:
each entry gets a planned date, a lead agency and a team (InspectionScheduled), may be
added by hand, leaves the plan when its certificate ends, and counts as inspected once
a visit is concluded. Coverage = inspected / due (entries not withdrawn)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import invalid, not_found, precondition
from services.inspection.domain.values import Period

NAMESPACE = UUID("5b8e1c3d-7a2f-4e90-b6d4-2c1a9f8e7d05")
Meta = dict[str, Any]
OPEN = ("due", "scheduled")


class InspectionPlan(Aggregate):
    """The plan of (tier, jurisdiction, period); `entries` are keyed by product id."""

    @staticmethod
    def id_for(tier: str, jurisdiction: str, period_key: str) -> UUID:
        return uuid5(NAMESPACE, f"plan:{tier}:{jurisdiction}:{period_key}")

    @classmethod
    def create_id(cls, tier: str, jurisdiction: str, period: dict[str, Any], **_: Any) -> UUID:
        return cls.id_for(tier, jurisdiction, Period(**period).key)

    @event("Generated")
    def __init__(
        self,
        tier: str,
        jurisdiction: str,
        period: dict[str, Any],
        source: str,
        lead_agency: str,
        team: list[dict[str, str]],
        entries: list[dict[str, Any]],
        meta: Meta,
    ) -> None:
        self.tier = tier
        self.jurisdiction = jurisdiction
        self.period = dict(period)
        self.source = source
        self.lead_agency = lead_agency
        self.team = list(team)
        self.entries: dict[str, dict[str, Any]] = {}
        for entry in entries:
            self._put(entry)

    def _put(self, entry: dict[str, Any]) -> None:
        self.entries[entry["product_id"]] = {
            **entry,
            "status": "due",
            "planned_on": None,
            "lead_agency": self.lead_agency,
            "team": list(self.team),
            "inspection_id": None,
            "outcome": None,
        }

    @property
    def window(self) -> Period:
        return Period(**self.period)

    def entry(self, product_id: UUID) -> dict[str, Any]:
        found = self.entries.get(str(product_id))
        if found is None:
            raise not_found(
                "product_id",
                f"Sản phẩm {product_id} không có trong kế hoạch này.",
                f"Product {product_id} is not in this plan.",
            )
        return found

    # -- edits -------------------------------------------------------------------------

    def add(self, entry: dict[str, Any], meta: Meta) -> None:
        if entry["product_id"] in self.entries:
            raise precondition(
                "product_id",
                "Sản phẩm đã có trong kế hoạch.",
                "The product is already in the plan.",
            )
        self._added(entry=entry, meta=meta)

    @event("EntryAdded")
    def _added(self, entry: dict[str, Any], meta: Meta) -> None:
        self._put(entry)

    def schedule(
        self,
        product_id: UUID,
        inspection_id: UUID,
        planned_on: date,
        lead_agency: str,
        team: list[dict[str, str]],
        meta: Meta,
    ) -> None:
        entry = self.entry(product_id)
        if entry["status"] not in OPEN:
            raise precondition(
                "product_id",
                "Mục này của kế hoạch đã kết thúc (đã kiểm tra hoặc đã rút khỏi kế hoạch).",
                "This plan entry is closed (inspected or withdrawn).",
            )
        window = self.window
        if not window.starts_on <= planned_on <= window.ends_on:
            raise invalid(
                "planned_on",
                f"Ngày dự kiến phải trong kỳ {window.starts_on:%d/%m/%Y}–{window.ends_on:%d/%m/%Y}.",  # noqa: E501
                f"The planned date must fall in {window.starts_on:%d/%m/%Y}–{window.ends_on:%d/%m/%Y}.",  # noqa: E501
            )
        self._scheduled(
            product_id=str(product_id),
            inspection_id=str(inspection_id),
            planned_on=planned_on,
            lead_agency=lead_agency,
            team=team,
            meta=meta,
        )

    @event("EntryScheduled")
    def _scheduled(
        self,
        product_id: str,
        inspection_id: str,
        planned_on: date,
        lead_agency: str,
        team: list[dict[str, str]],
        meta: Meta,
    ) -> None:
        self.entries[product_id].update(
            status="scheduled",
            inspection_id=inspection_id,
            planned_on=planned_on,
            lead_agency=lead_agency,
            team=list(team),
        )

    # -- what happens to the entries ---------------------------------------------------

    def concluded(self, product_id: UUID, outcome: str, on: date, meta: Meta) -> None:
        entry = self.entries.get(str(product_id))
        if entry is not None and entry["status"] in OPEN:
            self._concluded(product_id=str(product_id), outcome=outcome, on=on, meta=meta)

    @event("EntryInspected")
    def _concluded(self, product_id: str, outcome: str, on: date, meta: Meta) -> None:
        self.entries[product_id].update(status="inspected", outcome=outcome, inspected_on=on)

    def withdraw(self, product_id: UUID, reason: str, on: date, meta: Meta) -> bool:
        entry = self.entries.get(str(product_id))
        if entry is None or entry["status"] not in OPEN:
            return False
        self._withdrawn(product_id=str(product_id), reason=reason, on=on, meta=meta)
        return True

    @event("EntryWithdrawn")
    def _withdrawn(self, product_id: str, reason: str, on: date, meta: Meta) -> None:
        self.entries[product_id].update(status="withdrawn", reason=reason, withdrawn_on=on)

    # -- questions -----------------------------------------------------------------------

    def coverage(self) -> tuple[int, int]:
        """(inspected, due): withdrawn entries are not due."""
        due = [e for e in self.entries.values() if e["status"] != "withdrawn"]
        return sum(1 for e in due if e["status"] == "inspected"), len(due)

    def overdue(self, today: date) -> list[dict[str, Any]]:
        """Open entries whose planned date, or the period's end, has passed."""
        end = self.window.ends_on
        return [
            e
            for e in self.entries.values()
            if e["status"] in OPEN and (e["planned_on"] or end) < today
        ]

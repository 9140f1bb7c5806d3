"""The year's promotion plan of a jurisdiction: its budget lines and activities.

The seed plan names the responsible units: the economy and infrastructure office leads,
with the agriculture office (OCOP-RULES.md §11 [L]). Each activity has a kind (fair,
showroom, channel, value chain, campaign, training, support), a lead unit, the units
working with it, and a budget line; records made against it (a fair held, a training,
a grant) put it under way, and the office marks it done. Support granted against a
budget line may not exceed the line's amount (VND, integer)."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import not_found, precondition

NAMESPACE = UUID("3c9a7e15-2d4b-4f86-a0c3-6b1e8d2f5a94")
Meta = dict[str, Any]


class PromotionPlan(Aggregate):
    """The plan of (jurisdiction, year): `budget_lines` and `activities` by code."""

    @staticmethod
    def id_for(jurisdiction: str, year: int) -> UUID:
        return uuid5(NAMESPACE, f"plan:{jurisdiction}:{year}")

    @classmethod
    def create_id(cls, jurisdiction: str, year: int, **_: Any) -> UUID:
        return cls.id_for(jurisdiction, year)

    @event("Adopted")
    def __init__(
        self,
        jurisdiction: str,
        year: int,
        title: str,
        budget_lines: list[dict[str, Any]],
        activities: list[dict[str, Any]],
        meta: Meta,
    ) -> None:
        self.jurisdiction = jurisdiction
        self.year = year
        self.title = title
        self.budget_lines = {line["code"]: dict(line) for line in budget_lines}
        self.activities: dict[str, dict[str, Any]] = {}
        for activity in activities:
            self._put(activity)
        self.granted: dict[str, int] = {}

    def _put(self, activity: dict[str, Any]) -> None:
        self.activities[activity["code"]] = {**activity, "status": "planned", "records": []}

    def add_activity(self, activity: dict[str, Any], meta: Meta) -> None:
        if activity["code"] in self.activities:
            raise precondition(
                "code",
                f"Kế hoạch đã có hoạt động {activity['code']}.",
                f"The plan already has activity {activity['code']}.",
            )
        self._added(activity=activity, meta=meta)

    @event("ActivityAdded")
    def _added(self, activity: dict[str, Any], meta: Meta) -> None:
        self._put(activity)

    def activity(self, code: str) -> dict[str, Any]:
        found = self.activities.get(code)
        if found is None:
            raise not_found(
                "activity_code",
                f"Kế hoạch năm {self.year} không có hoạt động {code}.",
                f"The {self.year} plan has no activity {code}.",
            )
        return found

    def check_grant(self, budget_line: str, amount_vnd: int) -> None:
        line = self.budget_lines.get(budget_line)
        if line is None:
            raise not_found(
                "budget_line",
                f"Kế hoạch năm {self.year} không có dòng kinh phí {budget_line}.",
                f"The {self.year} plan has no budget line {budget_line}.",
            )
        left = int(line["amount_vnd"]) - self.granted.get(budget_line, 0)
        if amount_vnd > left:
            raise precondition(
                "amount_vnd",
                f"Dòng kinh phí {budget_line} chỉ còn {left:,} đồng.".replace(",", "."),
                f"Budget line {budget_line} has {left:,} VND left.",
            )

    @event("RecordAdded")
    def record(
        self,
        activity_code: str,
        kind: str,
        record_id: str,
        amount_vnd: int,
        budget_line: str,
        meta: Meta,
    ) -> None:
        """A record made against an activity (may be empty: a grant charged to a budget
        line only) and the amount it draws from `budget_line`."""
        if activity_code:
            activity = self.activities[activity_code]
            activity["records"].append({"kind": kind, "record_id": record_id})
            if activity["status"] == "planned":
                activity["status"] = "under_way"
        if budget_line:
            self.granted[budget_line] = self.granted.get(budget_line, 0) + amount_vnd

    def complete(self, code: str, meta: Meta) -> None:
        if self.activity(code)["status"] == "done":
            raise precondition("code", "Hoạt động đã hoàn thành.", "The activity is done.")
        self._completed(code=code, meta=meta)

    @event("ActivityCompleted")
    def _completed(self, code: str, meta: Meta) -> None:
        self.activities[code]["status"] = "done"

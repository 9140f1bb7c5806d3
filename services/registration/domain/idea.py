"""Product ideas with their business plans (steps 2-4 of the OCOP cycle)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from services.registration.domain.common import Meta, refuse_state


class ProductIdea(Aggregate):
    """Steps 2-4 of the cycle: the idea (accepted or returned and resubmitted), then the
    business plan (approved or returned), then the product it becomes."""

    @event("Registered")
    def __init__(
        self,
        producer_id: UUID,
        name: str,
        product_set: int,
        description: str,
        submitted_on: date,
        meta: Meta,
    ) -> None:
        self.producer_id = producer_id
        self.name = name
        self.product_set = product_set
        self.description = description
        self.submitted_on = submitted_on
        self.status = "idea_submitted"
        self.reason: str | None = None
        self.plan_summary: str | None = None
        self.product_id: UUID | None = None
        self.history: list[dict[str, Any]] = [{"status": self.status, "on": submitted_on}]

    def _require(self, *statuses: str, action_vi: str, action_en: str) -> None:
        if self.status not in statuses:
            raise refuse_state(
                "idea_id",
                f"Không thể {action_vi}: ý tưởng đang ở trạng thái '{self.status}'.",
                f"Cannot {action_en}: the idea is '{self.status}'.",
            )

    def accept(self, decided_on: date, meta: Meta) -> None:
        self._require("idea_submitted", action_vi="chấp nhận ý tưởng", action_en="accept it")
        self._accepted(decided_on=decided_on, meta=meta)

    @event("Accepted")
    def _accepted(self, decided_on: date, meta: Meta) -> None:
        self._move("idea_accepted", decided_on, None)

    def return_idea(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._require("idea_submitted", action_vi="trả lại ý tưởng", action_en="return it")
        self._returned(reason=reason, decided_on=decided_on, meta=meta)

    @event("Returned")
    def _returned(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._move("idea_returned", decided_on, reason)

    def resubmit(self, description: str, submitted_on: date, meta: Meta) -> None:
        self._require("idea_returned", action_vi="nộp lại ý tưởng", action_en="resubmit it")
        self._resubmitted(description=description, submitted_on=submitted_on, meta=meta)

    @event("Resubmitted")
    def _resubmitted(self, description: str, submitted_on: date, meta: Meta) -> None:
        if description:
            self.description = description
        self._move("idea_submitted", submitted_on, None)

    def submit_plan(self, summary: str, submitted_on: date, meta: Meta) -> None:
        self._require(
            "idea_accepted",
            "plan_returned",
            action_vi="nộp phương án kinh doanh",
            action_en="submit a business plan",
        )
        self._plan_submitted(summary=summary, submitted_on=submitted_on, meta=meta)

    @event("PlanSubmitted")
    def _plan_submitted(self, summary: str, submitted_on: date, meta: Meta) -> None:
        self.plan_summary = summary
        self._move("plan_submitted", submitted_on, None)

    def approve_plan(self, decided_on: date, meta: Meta) -> None:
        self._require("plan_submitted", action_vi="duyệt phương án", action_en="approve the plan")
        self._plan_approved(decided_on=decided_on, meta=meta)

    @event("PlanApproved")
    def _plan_approved(self, decided_on: date, meta: Meta) -> None:
        self._move("plan_approved", decided_on, None)

    def return_plan(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._require("plan_submitted", action_vi="trả lại phương án", action_en="return the plan")
        self._plan_returned(reason=reason, decided_on=decided_on, meta=meta)

    @event("PlanReturned")
    def _plan_returned(self, reason: str, decided_on: date, meta: Meta) -> None:
        self._move("plan_returned", decided_on, reason)

    def become_product(self, product_id: UUID, meta: Meta) -> None:
        self._require(
            "plan_approved",
            action_vi="đăng ký sản phẩm (phương án chưa được duyệt)",
            action_en="register the product before its business plan is approved",
        )
        self._became_product(product_id=product_id, meta=meta)

    @event("BecameProduct")
    def _became_product(self, product_id: UUID, meta: Meta) -> None:
        self.product_id = product_id
        self.status = "product_registered"
        self.history.append({"status": self.status, "on": None})

    def _move(self, status: str, on: date, reason: str | None) -> None:
        self.status = status
        self.reason = reason
        self.history.append({"status": status, "on": on, "reason": reason})

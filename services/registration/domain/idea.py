"""Product ideas with their business plans (steps 2-4 of the OCOP cycle)."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from runtime.clock import check_not_before
from services.registration.domain.common import Event, Meta, refuse_state

LAST_STEP = ("bước trước của ý tưởng", "the idea's previous step")


class Step(Event):
    """A step of an idea: allowed while the idea is in one of `FROM`, it moves the idea to
    `TO`. `ACTION` names the step in a refusal (vi, en)."""

    FROM: ClassVar[tuple[str, ...]]
    TO: ClassVar[str]
    ACTION: ClassVar[tuple[str, str]]


class ProductIdea(Aggregate):
    """Steps 2-4 of the cycle: the idea (accepted or returned and resubmitted), then the
    business plan (approved or returned), then the product it becomes.

    A step is one event class below; `advance(step, **fields)` checks the idea's status
    and records it, e.g. `idea.advance(ProductIdea.Accepted, decided_on=…, meta=…)`."""

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

    class Accepted(Step):
        FROM, TO, ACTION = ("idea_submitted",), "idea_accepted", ("chấp nhận ý tưởng", "accept it")
        decided_on: date

        def apply(self, idea: ProductIdea) -> None:
            idea.move(self.TO, self.decided_on)

    class Returned(Step):
        FROM, TO, ACTION = ("idea_submitted",), "idea_returned", ("trả lại ý tưởng", "return it")
        reason: str
        decided_on: date

        def apply(self, idea: ProductIdea) -> None:
            idea.move(self.TO, self.decided_on, self.reason)

    class Resubmitted(Step):
        FROM, TO = ("idea_returned",), "idea_submitted"
        ACTION = ("nộp lại ý tưởng", "resubmit it")
        description: str
        submitted_on: date

        def apply(self, idea: ProductIdea) -> None:
            if self.description:
                idea.description = self.description
            idea.move(self.TO, self.submitted_on)

    class PlanSubmitted(Step):
        FROM, TO = ("idea_accepted", "plan_returned"), "plan_submitted"
        ACTION = ("nộp phương án kinh doanh", "submit a business plan")
        summary: str
        submitted_on: date

        def apply(self, idea: ProductIdea) -> None:
            idea.plan_summary = self.summary
            idea.move(self.TO, self.submitted_on)

    class PlanApproved(Step):
        FROM, TO = ("plan_submitted",), "plan_approved"
        ACTION = ("duyệt phương án", "approve the plan")
        decided_on: date

        def apply(self, idea: ProductIdea) -> None:
            idea.move(self.TO, self.decided_on)

    class PlanReturned(Step):
        FROM, TO = ("plan_submitted",), "plan_returned"
        ACTION = ("trả lại phương án", "return the plan")
        reason: str
        decided_on: date

        def apply(self, idea: ProductIdea) -> None:
            idea.move(self.TO, self.decided_on, self.reason)

    class BecameProduct(Step):
        FROM, TO = ("plan_approved",), "product_registered"
        ACTION = (
            "đăng ký sản phẩm (phương án chưa được duyệt)",
            "register the product before its business plan is approved",
        )
        product_id: UUID

        def apply(self, idea: ProductIdea) -> None:
            idea.product_id = self.product_id
            idea.status = self.TO
            idea.history.append({"status": self.TO, "on": None})

    def advance(self, step: type[Step], **fields: Any) -> None:
        """Record `step` with its `fields` (and `meta`); refuses (`idea_id`,
        FAILED_PRECONDITION) a step the idea's status does not allow."""
        if self.status not in step.FROM:
            vi, en = step.ACTION
            raise refuse_state(
                "idea_id",
                f"Không thể {vi}: ý tưởng đang ở trạng thái '{self.status}'.",
                f"Cannot {en}: the idea is '{self.status}'.",
            )
        for name in ("decided_on", "submitted_on"):
            if isinstance(fields.get(name), date):
                check_not_before(name, fields[name], self.last_dated(), LAST_STEP)
        self.trigger_event(step, **fields)

    def last_dated(self) -> date:
        """The date of the idea's latest dated step (its submission at the least)."""
        latest: date = max(entry["on"] for entry in self.history if entry["on"] is not None)
        return latest

    def move(self, status: str, on: date, reason: str | None = None) -> None:
        """The idea's new status, with the day and the reason, in its history."""
        self.status = status
        self.reason = reason
        self.history.append({"status": status, "on": on, "reason": reason})

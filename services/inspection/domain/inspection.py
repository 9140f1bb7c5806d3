"""One inspection (kiểm tra, giám sát — R3 Art. 9) of one certified product: periodic from
a plan or ad hoc with its trigger; the visit with its team, findings against the
checklist and evidence; the conclusion (passed, remediation required with a deadline and
a follow-up visit, or failed with a revocation ground); and the remediation's end
(completed at the follow-up, or overdue when the deadline passes — recorded once).

The application checks authority, dates against the clock and the rule set's checklist
and grounds; this aggregate keeps the order of things and the findings consistent with
the outcome."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid4, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.clock import check_not_before, check_not_before_any
from runtime.errors import invalid, precondition
from services.inspection.domain.values import Finding

NAMESPACE = UUID("c2a7f4e1-8d3b-4b6a-9e5f-1a7d3c9b2e48")
Meta = dict[str, Any]
CLOSED = ("passed", "failed")
VISIT = ("ngày kiểm tra", "the visit")
DEADLINE = ("hạn khắc phục", "the remediation deadline")
PREVIOUS_VISIT = ("lần kiểm tra trước", "the previous visit")
PREVIOUS_CONCLUSION = ("ngày kết luận lần trước", "the previous conclusion")


class Inspection(Aggregate):
    @staticmethod
    def periodic_id(plan_id: UUID, product_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"periodic:{plan_id}:{product_id}")

    @classmethod
    def create_id(cls, product: dict[str, Any], plan_id: str | None, **_: Any) -> UUID:
        """Periodic: one per (plan, product), so scheduling twice finds it; ad hoc: new."""
        if plan_id:
            return cls.periodic_id(UUID(plan_id), UUID(product["product_id"]))
        return uuid4()

    @event("Scheduled")
    def __init__(
        self,
        product: dict[str, Any],
        kind: str,
        trigger: str,
        note: str,
        plan_id: str | None,
        planned_on: date,
        lead_agency: str,
        team: list[dict[str, str]],
        meta: Meta,
    ) -> None:
        self.product = dict(product)
        self.kind = kind
        self.trigger = trigger
        self.note = note
        self.plan_id = plan_id
        self.planned_on = planned_on
        self.lead_agency = lead_agency
        self.team = list(team)
        self.status = "scheduled"
        self.visits: list[dict[str, Any]] = []
        self.conclusion: dict[str, Any] | None = None
        self.remediation: dict[str, Any] | None = None

    @property
    def product_id(self) -> UUID:
        return UUID(self.product["product_id"])

    def reschedule(
        self, planned_on: date, lead_agency: str, team: list[dict[str, str]], meta: Meta
    ) -> None:
        if self.status != "scheduled":
            raise precondition(
                "inspection_id",
                "Đã có kết quả kiểm tra: không thể đổi lịch.",
                "The inspection has a result: it cannot be rescheduled.",
            )
        self._rescheduled(planned_on=planned_on, lead_agency=lead_agency, team=team, meta=meta)

    @event("Rescheduled")
    def _rescheduled(
        self, planned_on: date, lead_agency: str, team: list[dict[str, str]], meta: Meta
    ) -> None:
        self.planned_on = planned_on
        self.lead_agency = lead_agency
        self.team = list(team)

    # -- the visit and its conclusion ---------------------------------------------------

    def conclude(
        self,
        visit: dict[str, Any],
        findings: list[Finding],
        outcome: str,
        conclusion: dict[str, Any],
        meta: Meta,
    ) -> None:
        """Record a visit and what it concluded; a follow-up may only pass or fail."""
        follow_up = self.status in ("remediation", "overdue")
        if self.status in CLOSED:
            raise precondition(
                "inspection_id",
                "Cuộc kiểm tra đã kết thúc.",
                "The inspection is already concluded.",
            )
        if follow_up and outcome == "remediation":
            raise invalid(
                "outcome",
                "Lần kiểm tra lại chỉ kết luận đạt hoặc không đạt.",
                "A follow-up visit concludes passed or failed only.",
            )
        failing = [f for f in findings if not f.compliant]
        if outcome == "passed" and failing:
            raise invalid(
                "outcome",
                f"Kết luận 'đạt' nhưng có nội dung không đạt: {', '.join(f.item for f in failing)}.",  # noqa: E501
                f"'passed' with non-compliant findings: {', '.join(f.item for f in failing)}.",
            )
        if outcome != "passed" and not failing:
            raise invalid(
                "findings",
                "Kết luận này cần ít nhất một nội dung không đạt.",
                "This outcome needs at least one non-compliant finding.",
            )
        last = self.visits[-1]["visited_on"] if self.visits else None
        concluded = (self.conclusion or {}).get("concluded_on")
        check_not_before_any(
            "visited_on",
            visit["visited_on"],
            [(last, PREVIOUS_VISIT), (concluded, PREVIOUS_CONCLUSION)],
        )
        check_not_before("concluded_on", conclusion["concluded_on"], visit["visited_on"], VISIT)
        if outcome == "remediation":
            self._check_remediation(conclusion)
        self._visited(
            visit={**visit, "findings": [f.as_dict() for f in findings], "follow_up": follow_up},
            meta=meta,
        )
        if outcome == "passed" and follow_up:
            self._remediated(conclusion=conclusion, meta=meta)
        elif outcome == "passed":
            self._passed(conclusion=conclusion, meta=meta)
        elif outcome == "remediation":
            self._remediation(conclusion=conclusion, meta=meta)
        else:
            self._failed(conclusion=conclusion, meta=meta)

    @staticmethod
    def _check_remediation(conclusion: dict[str, Any]) -> None:
        if conclusion["deadline"] is None or conclusion["deadline"] <= conclusion["concluded_on"]:
            raise invalid(
                "deadline",
                "Hạn khắc phục phải sau ngày kết luận.",
                "The remediation deadline must come after the conclusion.",
            )
        follow = conclusion["follow_up_on"]
        if follow is not None:
            check_not_before("follow_up_on", follow, conclusion["deadline"], DEADLINE)

    @event("VisitRecorded")
    def _visited(self, visit: dict[str, Any], meta: Meta) -> None:
        self.visits.append(dict(visit))

    @event("Passed")
    def _passed(self, conclusion: dict[str, Any], meta: Meta) -> None:
        self.status = "passed"
        self.conclusion = dict(conclusion)

    @event("RemediationRequired")
    def _remediation(self, conclusion: dict[str, Any], meta: Meta) -> None:
        self.status = "remediation"
        self.conclusion = dict(conclusion)
        self.remediation = {
            "deadline": conclusion["deadline"],
            "follow_up_on": conclusion["follow_up_on"],
            "overdue_on": None,
            "completed_on": None,
        }

    @event("RemediationCompleted")
    def _remediated(self, conclusion: dict[str, Any], meta: Meta) -> None:
        self.status = "passed"
        self.conclusion = dict(conclusion)
        assert self.remediation is not None
        self.remediation["completed_on"] = conclusion["concluded_on"]

    @event("Failed")
    def _failed(self, conclusion: dict[str, Any], meta: Meta) -> None:
        self.status = "failed"
        self.conclusion = dict(conclusion)

    # -- time ------------------------------------------------------------------------------

    def overdue_by(self, today: date) -> bool:
        return (
            self.status == "remediation"
            and self.remediation is not None
            and self.remediation["deadline"] < today
        )

    def mark_overdue(self, today: date, meta: Meta) -> bool:
        """The remediation deadline passed without a passing follow-up (recorded once)."""
        if not self.overdue_by(today):
            return False
        self._overdue(on=today, meta=meta)
        return True

    @event("RemediationOverdue")
    def _overdue(self, on: date, meta: Meta) -> None:
        self.status = "overdue"
        assert self.remediation is not None
        self.remediation["overdue_on"] = on

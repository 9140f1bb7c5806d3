"""One dossier's evaluation at one level: council sheets, the adopted result, forwarding,
the next level's answer and the recognition.

The commands are here: each checks its invariants and triggers one event class, which
carries the fields and says how it changes the state (`evaluation_events.py`). Commands
that record a result computed elsewhere (`adopt`, `submit_sheet`, `recognise`,
`recognised_above`, `returned_from_above`) take the event's fields as keywords rather
than restating them. This module's path and the class's name are part of every stored
event's topic (`services.evaluation.domain.model:Evaluation.<Name>`): they do not move.
Member sheets (`SheetSubmitted`) are private events: `adapters/outbound.py`
never maps them. The rule-dependent work (scoring, band, minimums, routing) is done by
`rules` in the application; this aggregate keeps the order of things and who did what.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from runtime.clock import Fact
from runtime.errors import CommandRejected, precondition
from runtime.jurisdiction import UnitPath
from services.evaluation.domain import legacy
from services.evaluation.domain.evaluation_events import EvaluationHistory
from services.evaluation.domain.refusals import not_decidable

Meta = dict[str, Any]
DECIDABLE = ("awaiting_decision", "returned")

# What must have happened first, for `runtime.clock.check_not_before`'s refusals.
ARRIVAL = ("ngày hồ sơ đến cấp đánh giá", "the dossier's arrival for evaluation")
ADOPTION = ("ngày Hội đồng thông qua kết quả", "the council's adoption of the result")
ISSUE = ("ngày cấp giấy chứng nhận", "the certificate's issue")
ADVISORY = ("ngày của hồ sơ Tổ tư vấn", "the advisory team's record")
SHEET = ("ngày thành viên nộp phiếu chấm", "a member's scoring sheet")
FORWARDING = ("ngày chuyển hồ sơ lên cấp trên", "the dossier's forwarding")
HIGHER_RETURN = ("ngày cấp trên trả hồ sơ", "the next level's return of the dossier")
ROUND_OPENED = ("ngày mở đợt đánh giá", "the opening of the round")


class Evaluation(EvaluationHistory):
    """One dossier's evaluation at one level, opened when the commune forwards it."""

    @staticmethod
    def id_for(dossier_id: UUID) -> UUID:
        return uuid5(legacy.NAMESPACE, f"evaluation:{dossier_id}")

    @classmethod
    def create_id(cls, dossier_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(dossier_id)

    @classmethod
    def open(cls, **facts: Any) -> Evaluation:
        """A dossier arrived: `facts` are `Opened`'s fields."""
        return cls._create(cls.Opened, **facts)

    @property
    def path(self) -> UnitPath:
        """The dossier's units: commune, pre-2025 district where one existed, province."""
        return UnitPath.from_dict(self.unit)

    def ref(self) -> Meta:
        """The facts every later event repeats, so each can be published on its own."""
        return {
            "dossier_id": str(self.dossier_id),
            "product_id": str(self.product_id),
            "product_name": self.product_name,
            "product_set": self.product_set,
            "level": self.level,
            "rule_set_id": self.rule_set_id,
            "kind": self.kind,
            "commune_code": self.commune_code,
            "province_code": self.jurisdiction,
        }

    def dated_facts(self) -> list[Fact]:
        """Every dated fact of this evaluation so far: its arrival, the advisory records,
        the day each sheet in hand was scored (when given), the adoption, the forwarding and the
        next level's return. What the council adopts, forwards or decides next is not
        dated before the latest (`runtime.clock.check_not_before_any`)."""
        sheets = [s.get("scored_on") for s in self.sheets.values()]
        return [
            (self.arrived_on, ARRIVAL),
            *((entry["on"], ADVISORY) for entry in self.advisory),
            *((day, SHEET) for day in sheets),
            (self.adopted_on, ADOPTION),
            (getattr(self, "forwarded_on", None), FORWARDING),
            (self.returned.get("on"), HIGHER_RETURN),
        ]

    # -- council ----------------------------------------------------------------------

    def _require_open(self) -> None:
        if self.status != "open":
            raise precondition(
                "dossier_id",
                "Hội đồng đã thông qua kết quả cho hồ sơ này.",
                "The council has already adopted its result for this dossier.",
            )

    def declare_conflict(self, member: str, reason: str, meta: Meta) -> None:
        self._require_open()
        if member in self.sheets:
            raise precondition(
                "member_id",
                "Thành viên đã nộp phiếu; phải khai báo xung đột lợi ích trước khi chấm.",
                "The member already scored; a conflict of interest is declared before scoring.",
            )
        if member in self.conflicts:
            raise CommandRejected(
                "already_exists",
                "member_id",
                "Đã khai báo xung đột lợi ích.",
                "Conflict already declared.",
            )
        if not reason.strip():
            raise CommandRejected(
                "invalid_argument", "reason", "Thiếu lý do.", "A reason is required."
            )
        self.trigger_event(self.ConflictDeclared, member=member, reason=reason, meta=meta)

    def record_advisory(self, kind: str, on: date, summary: str, meta: Meta) -> None:
        self._require_open()
        if kind not in ("field_survey", "extra_test"):
            raise CommandRejected(
                "invalid_argument",
                "kind",
                "Loại hồ sơ của Tổ tư vấn: field_survey (khảo sát thực địa) hoặc extra_test (kiểm nghiệm bổ sung).",  # noqa: E501
                "Advisory record kind: field_survey or extra_test.",
            )
        if not summary.strip():
            raise CommandRejected(
                "invalid_argument", "summary", "Thiếu nội dung.", "A summary is required."
            )
        self.trigger_event(self.AdvisoryRecorded, kind=kind, on=on, summary=summary, meta=meta)

    def submit_sheet(self, member: str, meta: Meta, **sheet: Any) -> None:
        """A member's scored sheet: `sheet` is `SheetSubmitted`'s choices, knockouts,
        total and parts."""
        self._require_open()
        if member in self.conflicts:
            raise CommandRejected(
                "permission_denied",
                "member_id",
                "Thành viên đã khai báo xung đột lợi ích với sản phẩm này, không được chấm điểm.",
                "This member declared a conflict of interest with this product and may not score it.",  # noqa: E501
            )
        if member in self.sheets:
            raise precondition(
                "member_id",
                "Thành viên đã nộp phiếu; chỉ chấm lại khi Hội đồng yêu cầu.",
                "The member already submitted a sheet; re-scoring needs the council's request.",
            )
        self.trigger_event(self.SheetSubmitted, member=member, meta=meta, **sheet)

    def request_rescore(self, members: list[str], reason: str, meta: Meta) -> None:
        self._require_open()
        unknown = [m for m in members if m not in self.sheets]
        if not members or unknown:
            raise CommandRejected(
                "invalid_argument",
                "members",
                f"Không có phiếu của: {', '.join(unknown) or '(trống)'}.",
                f"No sheet from: {', '.join(unknown) or '(none named)'}.",
            )
        self.trigger_event(self.RescoreRequested, members=members, reason=reason, meta=meta)

    def convene_meeting(self, meta: Meta) -> None:
        self._require_open()
        if self.mode != "written":
            raise precondition(
                "dossier_id",
                "Hồ sơ đã được đánh giá theo hình thức họp.",
                "The council already meets on this dossier.",
            )
        self.trigger_event(self.MeetingConvened, meta=meta)

    def adopt(self, meta: Meta, **result: Any) -> None:
        """The council's result: `result` is `ResultAdopted`'s fields but `ref`."""
        self._require_open()
        self.trigger_event(self.ResultAdopted, ref=self.ref(), meta=meta, **result)

    # -- forwarding and the next level's answer -----------------------------------------

    def forward(
        self,
        to_level: str,
        forwarded_on: date,
        approved_by: str,
        meta: Meta,
        next_round: tuple[str, date] | None = None,
    ) -> None:
        if self.status not in ("adopted_forward", "awaiting_approval"):
            raise precondition(
                "dossier_id",
                "Kết quả của hồ sơ này không thuộc diện chuyển cấp trên.",
                "This dossier's result is not one to forward.",
            )
        self.trigger_event(
            self.Forwarded,
            ref=self.ref(),
            score=self.score,
            star=self.star,
            parts=self.parts,
            to_level=to_level,
            forwarded_on=forwarded_on,
            approved_by=approved_by,
            explanation=self.explanation,
            meta=meta,
            next_round=next_round[0] if next_round else "",
            next_round_decided_by=next_round[1] if next_round else None,
        )

    def _require_forwarded(self) -> None:
        if self.status != "forwarded":
            raise precondition(
                "dossier_id",
                "Hồ sơ này không chờ kết quả của cấp trên.",
                "This dossier is not waiting for the next level's answer.",
            )

    def recognised_above(self, meta: Meta, **recognition: Any) -> None:
        """The next level recognised it: `recognition` is `Recognised`'s fields but
        `ref` (`authority` the next level, `higher_score` its score)."""
        self._require_forwarded()
        self.trigger_event(self.Recognised, ref=self.ref(), meta=meta, **recognition)

    def returned_from_above(self, meta: Meta, **answer: Any) -> None:
        """The next level sent it back: `answer` is `Returned`'s fields but `ref`."""
        self._require_forwarded()
        self.trigger_event(self.Returned, ref=self.ref(), meta=meta, **answer)

    def reevaluate(self, meta: Meta) -> None:
        if self.status != "returned" or "reevaluate" not in self.returned.get("options", []):
            raise precondition(
                "dossier_id",
                "Chỉ đánh giá lại hồ sơ do cấp trên trả về.",
                "Only a dossier sent back by the next level can be re-evaluated here.",
            )
        self.trigger_event(self.ReevaluationOrdered, meta=meta)

    # -- recognition ------------------------------------------------------------------

    def decidable_star(self) -> int:
        """The star a decision of this level would recognise, 0 if none."""
        if self.status == "awaiting_decision":
            return self.star
        if self.status == "returned" and "recognise" in self.returned.get("options", []):
            return int(self.returned["star"])
        return 0

    def require_decidable(self) -> None:
        if self.status not in DECIDABLE or not self.decidable_star():
            raise not_decidable(self.dossier_id, self.status)

    def recognise(self, meta: Meta, **recognition: Any) -> None:
        """This level's decision: `recognition` is `Recognised`'s fields but `ref` and
        `higher_score`."""
        self.require_decidable()
        self.trigger_event(
            self.Recognised, ref=self.ref(), higher_score=None, meta=meta, **recognition
        )

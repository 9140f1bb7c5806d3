"""One dossier's evaluation at one level: council sheets, the adopted result, forwarding,
the next level's answer and the recognition.

Member sheets (`SheetSubmitted`) are private events: `adapters/outbound.py` never maps
them. The rule-dependent work (scoring, band, minimums, routing) is done by `rules`
in the application; this aggregate keeps the order of things and who did what.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from rules import add_months
from runtime.errors import CommandRejected

NAMESPACE = UUID("b8f0e6a2-51f7-4c0e-8d0a-2f3c5e7a9b11")
Meta = dict[str, Any]

DECIDABLE = ("awaiting_decision", "returned")


def precondition(field: str, vi: str, en: str) -> CommandRejected:
    return CommandRejected("failed_precondition", field, vi, en)


class Evaluation(Aggregate):
    """One dossier's evaluation at one level, opened when the commune forwards it."""

    @staticmethod
    def id_for(dossier_id: UUID) -> UUID:
        return uuid5(NAMESPACE, f"evaluation:{dossier_id}")

    @classmethod
    def create_id(cls, dossier_id: UUID, **kwargs: Any) -> UUID:
        return cls.id_for(dossier_id)

    @event("Opened")
    def __init__(
        self,
        dossier_id: UUID,
        product_id: UUID,
        product_name: str,
        product_set: int,
        kind: str,
        level: str,
        jurisdiction: str,
        commune_code: str,
        rule_set_id: str,
        received_on: date,
        arrived_on: date,
        round_id: UUID,
        mode: str,
        meta: Meta,
    ) -> None:
        self.dossier_id = dossier_id
        self.product_id = product_id
        self.product_name = product_name
        self.product_set = product_set
        self.kind = kind
        self.level = level
        self.jurisdiction = jurisdiction
        self.commune_code = commune_code
        self.rule_set_id = rule_set_id
        self.received_on = received_on
        self.arrived_on = arrived_on
        self.round_id = round_id
        self.mode = mode
        self.status = "open"
        self.sheets: dict[str, dict[str, Any]] = {}
        self.conflicts: dict[str, str] = {}
        self.advisory: list[dict[str, Any]] = []
        self.rescores = 0
        self.score: Decimal | None = None
        self.parts: dict[str, Decimal] = {}
        self.band = 0
        self.star = 0
        self.outcome = ""
        self.explanation = ""
        self.routing: dict[str, Any] = {}
        self.adopted_on: date | None = None
        self.decision_no = ""
        self.certificate_no = ""
        self.forwarded_to = ""
        self.returned: dict[str, Any] = {}
        self.higher: dict[str, Any] = {}

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

    # -- council ------------------------------------------------------------------

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
        self._conflict(member=member, reason=reason, meta=meta)

    @event("ConflictDeclared")
    def _conflict(self, member: str, reason: str, meta: Meta) -> None:
        self.conflicts[member] = reason

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
        self._advisory(kind=kind, on=on, summary=summary, meta=meta)

    @event("AdvisoryRecorded")
    def _advisory(self, kind: str, on: date, summary: str, meta: Meta) -> None:
        self.advisory.append({"kind": kind, "on": on, "summary": summary})

    def submit_sheet(
        self,
        member: str,
        choices: dict[str, str],
        knockouts: list[str],
        total: Decimal,
        parts: dict[str, Decimal],
        meta: Meta,
    ) -> None:
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
        self._sheet(
            member=member, choices=choices, knockouts=knockouts, total=total, parts=parts, meta=meta
        )

    @event("SheetSubmitted")
    def _sheet(
        self,
        member: str,
        choices: dict[str, str],
        knockouts: list[str],
        total: Decimal,
        parts: dict[str, Decimal],
        meta: Meta,
    ) -> None:
        self.sheets[member] = {
            "choices": choices,
            "knockouts": knockouts,
            "total": total,
            "parts": parts,
        }

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
        self._rescore(members=members, reason=reason, meta=meta)

    @event("RescoreRequested")
    def _rescore(self, members: list[str], reason: str, meta: Meta) -> None:
        for member in members:
            self.sheets.pop(member, None)
        self.rescores += 1

    def convene_meeting(self, meta: Meta) -> None:
        self._require_open()
        if self.mode != "written":
            raise precondition(
                "dossier_id",
                "Hồ sơ đã được đánh giá theo hình thức họp.",
                "The council already meets on this dossier.",
            )
        self._meeting(meta=meta)

    @event("MeetingConvened")
    def _meeting(self, meta: Meta) -> None:
        self.mode = "meeting"

    def adopt(
        self,
        *,
        score: Decimal,
        parts: dict[str, Decimal],
        band: int,
        awarded_star: int | None,
        outcome: str,
        status: str,
        routing: dict[str, Any],
        explanation: str,
        members_scoring: int,
        adopted_on: date,
        meta: Meta,
    ) -> None:
        self._require_open()
        self._adopted(
            ref=self.ref(),
            score=score,
            parts=parts,
            band=band,
            awarded_star=awarded_star,
            outcome=outcome,
            status=status,
            routing=routing,
            explanation=explanation,
            members_scoring=members_scoring,
            adopted_on=adopted_on,
            meta=meta,
        )

    @event("ResultAdopted")
    def _adopted(
        self,
        ref: Meta,
        score: Decimal,
        parts: dict[str, Decimal],
        band: int,
        awarded_star: int | None,
        outcome: str,
        status: str,
        routing: dict[str, Any],
        explanation: str,
        members_scoring: int,
        adopted_on: date,
        meta: Meta,
    ) -> None:
        self.score = score
        self.parts = parts
        self.band = band
        self.star = awarded_star or 0
        self.outcome = outcome
        self.status = status
        self.routing = routing
        self.explanation = explanation
        self.adopted_on = adopted_on

    # -- forwarding and the next level's answer ------------------------------------

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
        self._forwarded(
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

    @event("Forwarded")
    def _forwarded(
        self,
        ref: Meta,
        score: Decimal | None,
        star: int,
        parts: dict[str, Decimal],
        to_level: str,
        forwarded_on: date,
        approved_by: str,
        explanation: str,
        meta: Meta,
        next_round: str = "",
        next_round_decided_by: date | None = None,
    ) -> None:
        self.status = "forwarded"
        self.forwarded_to = to_level
        self.forwarded_on = forwarded_on

    def _require_forwarded(self) -> None:
        if self.status != "forwarded":
            raise precondition(
                "dossier_id",
                "Hồ sơ này không chờ kết quả của cấp trên.",
                "This dossier is not waiting for the next level's answer.",
            )

    def recognised_above(
        self,
        level: str,
        score: Decimal,
        star: int,
        decision_no: str,
        decided_on: date,
        signer: str,
        certificate_no: str,
        valid_to: date,
        legal_basis: str,
        meta: Meta,
    ) -> None:
        self._require_forwarded()
        self._recognised(
            ref=self.ref(),
            star=star,
            decision_no=decision_no,
            decided_on=decided_on,
            authority=level,
            signer=signer,
            certificate_no=certificate_no,
            valid_to=valid_to,
            legal_basis=legal_basis,
            higher_score=score,
            meta=meta,
        )

    def returned_from_above(
        self,
        level: str,
        score: Decimal,
        band: int,
        star: int,
        options: list[str],
        returned_on: date,
        reason: str,
        meta: Meta,
    ) -> None:
        self._require_forwarded()
        self._returned(
            ref=self.ref(),
            by_level=level,
            score=score,
            band=band,
            star=star,
            options=options,
            returned_on=returned_on,
            reason=reason,
            meta=meta,
        )

    @event("Returned")
    def _returned(
        self,
        ref: Meta,
        by_level: str,
        score: Decimal,
        band: int,
        star: int,
        options: list[str],
        returned_on: date,
        reason: str,
        meta: Meta,
    ) -> None:
        self.status = "returned"
        self.returned = {
            "by": by_level,
            "score": score,
            "band": band,
            "star": star,
            "options": options,
            "on": returned_on,
        }

    def reevaluate(self, meta: Meta) -> None:
        if self.status != "returned" or "reevaluate" not in self.returned.get("options", []):
            raise precondition(
                "dossier_id",
                "Chỉ đánh giá lại hồ sơ do cấp trên trả về.",
                "Only a dossier sent back by the next level can be re-evaluated here.",
            )
        self._reevaluate(meta=meta)

    @event("ReevaluationOrdered")
    def _reevaluate(self, meta: Meta) -> None:
        self.status = "open"
        self.mode = "meeting"
        self.sheets = {}
        self.score = None
        self.outcome = ""

    @event("Scored")
    def _legacy_scored(
        self,
        ref: Meta,
        score: Decimal,
        band: int,
        outcome: str,
        explanation: str,
        scored_on: date,
        meta: Meta,
    ) -> None:
        """The provisional rule's result (first version): replayed, never recorded anew."""
        self.score = score
        self.band = band
        self.star = band
        self.outcome = outcome
        self.explanation = explanation
        self.adopted_on = scored_on
        self.status = {"recognised": "awaiting_decision", "forwarded": "adopted_forward"}.get(
            outcome, "not_recognised"
        )

    # -- recognition ----------------------------------------------------------------

    def decidable_star(self) -> int:
        """The star a decision of this level would recognise, 0 if none."""
        if self.status == "awaiting_decision":
            return self.star
        if self.status == "returned" and "recognise" in self.returned.get("options", []):
            return int(self.returned["star"])
        return 0

    def require_decidable(self) -> None:
        if self.status not in DECIDABLE or not self.decidable_star():
            vi, en = {
                "open": (
                    "Hội đồng chưa thông qua kết quả.",
                    "The council has not adopted a result yet.",
                ),
                "recognised": ("Sản phẩm đã được công nhận.", "The product is already recognised."),
                "not_recognised": (
                    "Sản phẩm không đạt (1-2 sao): không ban hành quyết định.",
                    "Not recognised (1-2 stars): no decision is issued.",
                ),
                "rejected": (
                    "Hồ sơ bị loại: không ban hành quyết định.",
                    "Rejected: no decision is issued.",
                ),
                "forwarded": (
                    "Hồ sơ đã chuyển cấp trên, đang chờ kết quả.",
                    "Forwarded: waiting for the next level's answer.",
                ),
            }.get(
                self.status,
                (
                    f"Hồ sơ ở trạng thái '{self.status}', không thể công nhận.",
                    f"The dossier is '{self.status}': nothing to recognise.",
                ),
            )
            raise precondition(
                "dossier_ids", f"{self.dossier_id}: {vi}", f"{self.dossier_id}: {en}"
            )

    def recognise(
        self,
        star: int,
        decision_no: str,
        decided_on: date,
        authority: str,
        signer: str,
        certificate_no: str,
        valid_to: date,
        legal_basis: str,
        meta: Meta,
    ) -> None:
        self.require_decidable()
        self._recognised(
            ref=self.ref(),
            star=star,
            decision_no=decision_no,
            decided_on=decided_on,
            authority=authority,
            signer=signer,
            certificate_no=certificate_no,
            valid_to=valid_to,
            legal_basis=legal_basis,
            higher_score=None,
            meta=meta,
        )

    @event("Recognised")
    def _recognised(
        self,
        ref: Meta,
        star: int,
        decision_no: str,
        decided_on: date,
        authority: str,
        signer: str,
        certificate_no: str,
        valid_to: date,
        legal_basis: str,
        higher_score: Decimal | None,
        meta: Meta,
    ) -> None:
        self.status = "recognised"
        self.star = star
        self.decision_no = decision_no
        self.decided_on = decided_on
        self.authority = authority
        self.certificate_no = certificate_no


# -- events stored by the first version of this service (issue 2's provisional rule) -----
# The stored form of an event never changes; older forms are upcast when read, so a data
# folder or database written before this version still loads (nothing accepted is lost).
# A dossier opened then carries no jurisdiction, hence no round: a council cannot score it
# (refused, `round_id`); its provisional score, decision or forwarding stay readable.

LEGACY_ROUND = uuid5(NAMESPACE, "round:legacy")


def _opened_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("kind", "first")
    state.setdefault("jurisdiction", "")
    state.setdefault("commune_code", "")
    state.setdefault("arrived_on", state["received_on"])
    state.setdefault("round_id", LEGACY_ROUND)
    state.setdefault("mode", "meeting")


def _recognised_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("signer", "")
    state.setdefault("certificate_no", "")
    state.setdefault("valid_to", add_months(state["decided_on"], 36))
    state.setdefault("legal_basis", "")
    state.setdefault("higher_score", None)


def _forwarded_v1_v2(state: dict[str, Any]) -> None:
    state.setdefault("star", 0)
    state.setdefault("parts", {})
    state.setdefault("approved_by", "")
    state.setdefault("explanation", "")


for _cls, _upcast in (
    (Evaluation.Opened, _opened_v1_v2),  # type: ignore[attr-defined]
    (Evaluation.Recognised, _recognised_v1_v2),  # type: ignore[attr-defined]
    (Evaluation.Forwarded, _forwarded_v1_v2),  # type: ignore[attr-defined]
):
    _cls.class_version = 2
    _cls.upcast_v1_v2 = staticmethod(_upcast)

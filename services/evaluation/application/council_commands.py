"""Rounds and councils: opening, appointments, conflicts, advisory records, independent
sheets, re-scores, written opinions and the adopted result (`adoption` has its rules)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from rules import MemberSheet, SheetError, score_member, select_rule_set
from runtime.clock import check_not_before_any
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.evaluation.application import adoption, sheets
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.support import invalid, month_of
from services.evaluation.domain.council import (
    LEVEL_TIER,
    TIER_LEVEL,
    refuse_permission,
    require_official,
    tier_of,
)
from services.evaluation.domain.model import ARRIVAL, ROUND_OPENED, Evaluation
from services.evaluation.domain.rounds import Round


class CouncilCommands:
    """`app.councils`: the commands of a level's round and its council."""

    def __init__(self, core: EvaluationCore) -> None:
        self.core = core

    def open_round(
        self, ctx: CommandContext, *, level: str, jurisdiction: str, on: date, period: str = ""
    ) -> Round:
        """Opens the round of `level` for `jurisdiction` (a district's pre-2025 code, a
        province's code) named by `period` (mm/yyyy of its decision month) or, without
        one, the round still to be decided on `on` (see `EvaluationCore.round_to_open`)."""
        if level not in LEVEL_TIER:
            raise invalid(
                "level",
                "Cấp phải là district, province hoặc ministry.",
                "Level must be district, province or ministry.",
            )
        if not jurisdiction.strip():
            raise invalid("jurisdiction", "Thiếu mã địa bàn.", "Jurisdiction is empty.")
        self.core.not_future("on", on)
        require_official(ctx.actor, level, jurisdiction, what=("mở đợt đánh giá", "open a round"))
        rule_set = select_rule_set(on, self.core.deployment).rule_set
        named = month_of(period)
        # The level must exist on the opening day and in the month the round is decided
        # (no district round after 30/06/2025: refused with the reason, never scheduled).
        self.core.ensure_level_exists(rule_set, level, on, "level")
        if named is not None:
            self.core.ensure_level_exists(rule_set, level, date(*named, 1), "period")
        key = self.core.round_to_open(level, jurisdiction, on, rule_set, named)
        if key is None:
            raise invalid(
                "period",
                f"Không có đợt đánh giá cấp {level} quyết định trong tháng {period}.",
                f"No {level} round is decided in {period}.",
            )
        if self.core.find(self.core.round_id(key), Round) is not None:
            raise CommandRejected(
                "already_exists",
                "period" if period else "on",
                "Đợt đánh giá này đã được mở.",
                "This round is already open.",
            )
        round_ = Round(**key, opened_on=on, meta=ctx.meta())
        self.core.save(round_)
        return round_

    def appoint_member(
        self, ctx: CommandContext, *, round_id: UUID, member_id: str, name: str, role: str
    ) -> Round:
        round_ = self.core.get_round(round_id)
        require_official(
            ctx.actor,
            round_.level,
            round_.jurisdiction,
            what=("thành lập Hội đồng", "appoint the council"),
        )
        round_.appoint(member_id.strip(), name.strip(), role, ctx.meta())
        self.core.save(round_)
        return round_

    def _council(self, evaluation: Evaluation) -> Round:
        round_ = self.core.find(evaluation.round_id, Round)
        if round_ is None or not round_.scoring_members():
            raise CommandRejected(
                "failed_precondition",
                "round_id",
                "Đợt đánh giá chưa mở hoặc chưa có Hội đồng.",
                "The dossier's round is not open or has no council yet.",
            )
        return round_

    @staticmethod
    def _require_chair_or_secretary(ctx: CommandContext, round_: Round) -> None:
        if ctx.actor.id not in (round_.chair, round_.secretary):
            raise refuse_permission(
                "Chỉ Chủ tịch hoặc Thư ký Hội đồng được thực hiện việc này.",
                "Only the council's chair or secretary may do this.",
            )

    def declare_conflict(
        self, ctx: CommandContext, *, dossier_id: UUID, member_id: str, reason: str
    ) -> Evaluation:
        evaluation = self.core.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        if member_id not in round_.scoring_members():
            raise invalid(
                "member_id",
                f"{member_id} không phải thành viên chấm điểm của Hội đồng.",
                f"{member_id} is not a scoring member of the council.",
            )
        if ctx.actor.id not in (member_id, round_.chair, round_.secretary):
            raise refuse_permission(
                "Chỉ thành viên đó, Chủ tịch hoặc Thư ký được khai báo.",
                "Only that member, the chair or the secretary may declare it.",
            )
        evaluation.declare_conflict(member_id, reason, ctx.meta())
        self.core.save(evaluation)
        return evaluation

    def record_advisory(
        self, ctx: CommandContext, *, dossier_id: UUID, kind: str, on: date, summary: str
    ) -> Evaluation:
        evaluation = self.core.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        if ctx.actor.id != round_.secretary and tier_of(ctx.actor) != LEVEL_TIER[evaluation.level]:
            raise refuse_permission(
                "Chỉ Thư ký Hội đồng hoặc Tổ tư vấn cấp này được ghi.",
                "Only the council secretary or this level's advisory team may record it.",
            )
        self.core.not_future("on", on)
        check_not_before_any(
            "on", on, [(evaluation.arrived_on, ARRIVAL), (round_.opened_on, ROUND_OPENED)]
        )
        evaluation.record_advisory(kind, on, summary, ctx.meta())
        self.core.save(evaluation)
        return evaluation

    def submit_sheet(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        choices: dict[str, str],
        knockouts: Sequence[str] = (),
        scored_on: date | None = None,
    ) -> Evaluation:
        """A member's sheet; `scored_on` is the day the member scored (None: not given, e.g.
        a sheet typed in later from paper). A dated sheet is not before the dossier arrived
        or the round opened, nor in the future, and the adoption is not dated before it."""
        evaluation = self.core.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        member = ctx.actor.id
        if ctx.actor.role != "council_member" or member not in round_.scoring_members():
            raise refuse_permission(
                "Chỉ thành viên Hội đồng của đợt này được chấm điểm.",
                "Only a scoring member of this round's council may submit a sheet.",
            )
        if scored_on is not None:
            self.core.not_future("scored_on", scored_on)
            check_not_before_any(
                "scored_on",
                scored_on,
                [(evaluation.arrived_on, ARRIVAL), (round_.opened_on, ROUND_OPENED)],
            )
        sheet = MemberSheet(member=member, choices=choices, knockouts=tuple(knockouts))
        try:
            scored = score_member(self.core.rule_set_of(evaluation), evaluation.product_set, sheet)
        except SheetError as error:
            raise invalid(error.place, error.render("vi"), error.render("en")) from error
        evaluation.submit_sheet(
            member,
            ctx.meta(),
            choices={line.criterion: line.option for line in scored.lines},
            knockouts=list(scored.knockouts),
            total=scored.total,
            parts=dict(scored.parts.items()),
            scored_on=scored_on,
        )
        self.core.save(evaluation)
        return evaluation

    def sheets_for(self, ctx: CommandContext, *, dossier_id: UUID) -> dict[str, Any]:
        """What `ctx.actor` may see of the sheets (`sheets.visible_sheets`)."""
        evaluation = self.core.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        return sheets.visible_sheets(
            ctx.actor, evaluation, round_, lambda: self.core.rule_set_of(evaluation)
        )

    def request_rescore(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        members: Sequence[str] = (),
        reason: str = "",
    ) -> Evaluation:
        evaluation = self.core.get_evaluation(dossier_id)
        self._require_chair_or_secretary(ctx, self._council(evaluation))
        evaluation.request_rescore(list(members) or sorted(evaluation.sheets), reason, ctx.meta())
        self.core.save(evaluation)
        return evaluation

    def convene_meeting(self, ctx: CommandContext, *, dossier_id: UUID) -> Evaluation:
        evaluation = self.core.get_evaluation(dossier_id)
        self._require_chair_or_secretary(ctx, self._council(evaluation))
        evaluation.convene_meeting(ctx.meta())
        self.core.save(evaluation)
        return evaluation

    def adopt_result(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        adopted_on: date,
        council_knockouts: Sequence[str] = (),
    ) -> Evaluation:
        """Adopt the council's result (`rules.council_result` on the members' sheets):
        rejected and 1-2★ end here, a result this level may recognise waits for a
        decision, one above it is forwarded or waits for the chairman's approval."""
        evaluation = self.core.get_evaluation(dossier_id)
        round_ = self._council(evaluation)
        self._require_chair_or_secretary(ctx, round_)
        self.core.not_future("adopted_on", adopted_on)
        adoption.check_dates_and_council(self.core.council, evaluation, round_, adopted_on)
        rule_set = self.core.rule_set_of(evaluation)
        shortfall = self.core.deployment.shortfall(rule_set)
        result = adoption.council_result_of(
            evaluation, rule_set, shortfall, council_knockouts, adopted_on
        )
        certification = self.core.find_certification(evaluation.product_id)
        held = certification.holding() if certification else None
        adopted = adoption.adopted_fields(evaluation, rule_set, result, held)
        evaluation.adopt(ctx.meta(), **adopted, adopted_on=adopted_on)
        if adopted["status"] == "adopted_forward" and result.routing.tier is not None:
            to_level = TIER_LEVEL[result.routing.tier]
            next_round = self.core.next_round(evaluation, to_level, adopted_on)
            evaluation.forward(to_level, adopted_on, "", ctx.meta(), next_round)
        collected: list[Aggregate] = [evaluation]
        if certification is not None and adopted["status"] in adoption.NO_CERTIFICATE:
            certification.reevaluation_failed(evaluation.dossier_id, adopted_on, ctx.meta())
            collected.append(certification)
        self.core.save(*collected)
        return evaluation

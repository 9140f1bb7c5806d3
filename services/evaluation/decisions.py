"""Forwarding, the next level's answers, re-evaluation after a return, and recognition
decisions with their certificates."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from rules import (
    RuleSet,
    Step,
    Tier,
    band_for,
    may_act,
)
from rules.i18n import TIER_AUTHORITY
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from services.evaluation.base import EvaluationBase, invalid, legal_basis, parse_score
from services.evaluation.domain.council import (
    LEVEL_TIER,
    TIER_LEVEL,
    refuse_permission,
    require_official,
    tier_of,
)
from services.evaluation.domain.decisions import RecognitionDecision
from services.evaluation.domain.model import Evaluation


class DecisionCommands(EvaluationBase):
    def approve_and_forward(self, ctx: CommandContext, *, dossier_id: UUID, on: date) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        if evaluation.status != "awaiting_approval":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hồ sơ không chờ phê duyệt kết quả để chuyển cấp trên.",
                "The dossier is not waiting for its result to be approved and forwarded.",
            )
        self._not_future("on", on)
        rule_set = self.rule_set_of(evaluation)
        tier = tier_of(ctx.actor)
        if (
            ctx.actor.role != "authority"
            or tier is None
            or not may_act(rule_set, tier, Step.APPROVE_RESULT, evaluation.star, on)
        ):
            raise refuse_permission(
                f"Người thực hiện không có thẩm quyền phê duyệt kết quả {evaluation.star} sao theo {rule_set.id}.",  # noqa: E501
                f"The actor may not approve a {evaluation.star}-star result under {rule_set.id}.",
            )
        to = evaluation.routing.get("tier") or "central"
        to_level = TIER_LEVEL[Tier(to)]
        evaluation.forward(
            to_level, on, ctx.actor.id, ctx.meta(), self.next_round(evaluation, to_level, on)
        )
        self.save(evaluation)
        return evaluation

    def record_higher_result(
        self,
        ctx: CommandContext,
        *,
        dossier_id: UUID,
        result: str,
        score: str,
        star: int,
        decision_no: str,
        decided_on: date,
        signer: str = "",
        reason: str = "",
    ) -> Evaluation:
        """The next level's answer given through gRPC instead of its results topic."""
        evaluation = self.get_evaluation(dossier_id)
        if evaluation.status != "forwarded":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hồ sơ không chờ kết quả của cấp trên.",
                "The dossier is not waiting for the next level's answer.",
            )
        if tier_of(ctx.actor) != LEVEL_TIER[evaluation.forwarded_to]:
            raise refuse_permission(
                f"Chỉ cấp {evaluation.forwarded_to} được trả lời cho hồ sơ này.",
                f"Only the {evaluation.forwarded_to} level may answer for this dossier.",
            )
        value = parse_score(score)
        if result == "recognised":
            if star not in (3, 4, 5) or not decision_no.strip():
                raise invalid(
                    "star",
                    "Công nhận cần hạng sao 3-5 và số quyết định.",
                    "Recognition needs a 3-5 star and a decision number.",
                )
            self.save(
                *self._recognised_above(
                    evaluation,
                    evaluation.forwarded_to,
                    value,
                    star,
                    decision_no.strip(),
                    decided_on,
                    signer,
                    ctx.meta(),
                )
            )
        elif result == "returned":
            self._returned(
                evaluation, evaluation.forwarded_to, value, decided_on, reason, ctx.meta()
            )
            self.save(evaluation)
        else:
            raise invalid(
                "result",
                "Kết quả phải là recognised hoặc returned.",
                "Result must be recognised or returned.",
            )
        return evaluation

    def _recognised_above(
        self,
        evaluation: Evaluation,
        level: str,
        score: Decimal,
        star: int,
        decision_no: str,
        decided_on: date,
        signer: str,
        meta: dict[str, Any],
    ) -> list[Aggregate]:
        rule_set = self.rule_set_of(evaluation)
        number = f"{decision_no}/{str(evaluation.product_id)[:8]}"
        dates = self._dates(decided_on, rule_set)
        evaluation.recognised_above(
            level,
            score,
            star,
            decision_no,
            decided_on,
            signer,
            number,
            dates.valid_to,
            legal_basis(rule_set),
            meta,
        )
        certification = self._certification(evaluation, meta)
        certification.issue(
            self._certificate(evaluation, number, decision_no, star, level, rule_set, dates), meta
        )
        return [evaluation, certification]

    def _returned(
        self,
        evaluation: Evaluation,
        level: str,
        score: Decimal,
        returned_on: date,
        reason: str,
        meta: dict[str, Any],
    ) -> None:
        rule_set = self.rule_set_of(evaluation)
        here, above = LEVEL_TIER[evaluation.level], LEVEL_TIER[level]
        options = ["reevaluate"]
        for path in rule_set.return_paths:
            if path.from_tier == above and path.to_tier == here and score < path.below_score:
                options = list(path.options)
        band = band_for(rule_set, score)
        star = max(
            (
                s
                for s in range(3, band + 1)
                if may_act(rule_set, here, Step.RECOGNISE, s, returned_on)
            ),
            default=0,
        )
        if not star:
            options = [o for o in options if o != "recognise"] or ["reevaluate"]
        evaluation.returned_from_above(level, score, band, star, options, returned_on, reason, meta)

    def reevaluate(self, ctx: CommandContext, *, dossier_id: UUID) -> Evaluation:
        evaluation = self.get_evaluation(dossier_id)
        require_official(
            ctx.actor,
            evaluation.level,
            evaluation.jurisdiction,
            what=("cho đánh giá lại", "order a re-evaluation"),
        )
        evaluation.reevaluate(ctx.meta())
        self.save(evaluation)
        return evaluation

    def issue_decision(
        self,
        ctx: CommandContext,
        *,
        decision_no: str,
        decided_on: date,
        signer: str,
        dossier_ids: Sequence[UUID],
    ) -> RecognitionDecision:
        if not decision_no.strip():
            raise invalid("decision_no", "Thiếu số quyết định.", "Decision number is empty.")
        if not signer.strip():
            raise invalid("signer", "Thiếu người ký.", "Signer is empty.")
        if not dossier_ids or len(set(dossier_ids)) != len(dossier_ids):
            raise invalid(
                "dossier_ids",
                "Cần ít nhất một hồ sơ, không trùng lặp.",
                "At least one dossier, none twice.",
            )
        self._not_future("decided_on", decided_on)
        tier = tier_of(ctx.actor)
        if ctx.actor.role not in ("authority", "ministry") or tier is None:
            raise refuse_permission(
                "Chỉ người có thẩm quyền (Chủ tịch UBND / Bộ trưởng) được ký quyết định công nhận.",
                "Only the competent authority may sign a recognition decision.",
            )
        decision_id = RecognitionDecision.id_for(tier.value, ctx.actor.jurisdiction, decision_no)
        if self._get(decision_id, RecognitionDecision) is not None:
            raise CommandRejected(
                "already_exists",
                "decision_no",
                f"Quyết định {decision_no} đã được ban hành.",
                f"Decision {decision_no} was already issued.",
            )
        evaluations = [self.get_evaluation(d) for d in dossier_ids]
        items: list[dict[str, Any]] = []
        rule_sets: list[RuleSet] = []
        for n, evaluation in enumerate(evaluations, start=1):
            evaluation.require_decidable()
            star = evaluation.decidable_star()
            rule_set = self.rule_set_of(evaluation)
            if not may_act(rule_set, tier, Step.RECOGNISE, star, decided_on):
                raise refuse_permission(
                    f"{evaluation.dossier_id}: {TIER_AUTHORITY[tier]['vi']} không có thẩm quyền công nhận "  # noqa: E501
                    f"{star} sao theo {rule_set.id}.",
                    f"{evaluation.dossier_id}: {TIER_AUTHORITY[tier]['en']} may not recognise {star} stars "  # noqa: E501
                    f"under {rule_set.id}.",
                )
            if (
                tier == Tier.PROVINCE
                and ctx.actor.jurisdiction
                and ctx.actor.jurisdiction != evaluation.jurisdiction
            ):
                raise refuse_permission(
                    f"{evaluation.dossier_id}: hồ sơ thuộc địa bàn {evaluation.jurisdiction}.",
                    f"{evaluation.dossier_id}: the dossier belongs to {evaluation.jurisdiction}.",
                    "actor.jurisdiction",
                )
            base = evaluation.adopted_on or evaluation.arrived_on
            if decided_on < base:
                raise invalid(
                    "decided_on",
                    "Ngày quyết định trước ngày Hội đồng thông qua kết quả.",
                    "The decision date is before the council adopted the result.",
                )
            items.append(
                {
                    "dossier_id": str(evaluation.dossier_id),
                    "product_id": str(evaluation.product_id),
                    "star": star,
                    "certificate_no": f"{decision_no.strip()}/{n:02d}",
                }
            )
            rule_sets.append(rule_set)
        decision = RecognitionDecision(
            authority=tier.value,
            jurisdiction=ctx.actor.jurisdiction,
            decision_no=decision_no.strip(),
            decided_on=decided_on,
            signer=signer.strip(),
            rule_set_ids=sorted({r.id for r in rule_sets}),
            legal_basis="; ".join(sorted({legal_basis(r) for r in rule_sets})),
            items=items,
            meta=ctx.meta(),
        )
        authority = f"{TIER_AUTHORITY[tier]['vi']} {ctx.actor.jurisdiction}".strip()
        collected: list[Aggregate] = [decision]
        for evaluation, item, rule_set in zip(evaluations, items, rule_sets, strict=True):
            dates = self._dates(decided_on, rule_set)
            evaluation.recognise(
                item["star"],
                decision.decision_no,
                decided_on,
                authority,
                decision.signer,
                item["certificate_no"],
                dates.valid_to,
                legal_basis(rule_set),
                ctx.meta(),
            )
            certification = self._certification(evaluation, ctx.meta())
            certification.issue(
                self._certificate(
                    evaluation,
                    item["certificate_no"],
                    decision.decision_no,
                    item["star"],
                    authority,
                    rule_set,
                    dates,
                ),
                ctx.meta(),
            )
            collected += [evaluation, certification]
        self.save(*collected)
        return decision

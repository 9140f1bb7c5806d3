"""Forwarding to the next level, its answers (recognised there, or sent back with the rule
set's options) and re-evaluation after a return."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from rules import Step, Tier, band_for, may_act, return_route
from runtime.clock import check_not_before_any
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.jurisdiction import require_jurisdiction
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.support import (
    certificate_record,
    invalid,
    legal_basis,
    parse_score,
)
from services.evaluation.domain.council import (
    LEVEL_TIER,
    TIER_LEVEL,
    refuse_permission,
    require_official,
    tier_of,
)
from services.evaluation.domain.model import Evaluation

Meta = dict[str, Any]


class ForwardingCommands:
    """`app.forwarding`: the chairman's approval to forward, the next level's answer and
    re-evaluation after a return."""

    def __init__(self, core: EvaluationCore) -> None:
        self.core = core

    def approve_and_forward(self, ctx: CommandContext, *, dossier_id: UUID, on: date) -> Evaluation:
        evaluation = self.core.get_evaluation(dossier_id)
        if evaluation.status != "awaiting_approval":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hồ sơ không chờ phê duyệt kết quả để chuyển cấp trên.",
                "The dossier is not waiting for its result to be approved and forwarded.",
            )
        self.core.not_future("on", on)
        check_not_before_any("on", on, evaluation.dated_facts())
        require_jurisdiction(ctx.actor, evaluation.path, str(dossier_id))
        rule_set = self.core.rule_set_of(evaluation)
        tier = tier_of(ctx.actor)
        if (
            ctx.actor.role != "authority"
            or tier is None
            or not may_act(rule_set, tier, Step.APPROVE_RESULT, evaluation.band, on)
        ):
            # The band, not the capped star: a 92 missing a 5★ minimum is still approved
            # and forwarded as a potential 5★ (R3 Art. 7.3.e); the ministry applies it.
            raise self.core.refuse_level(
                rule_set,
                tier,
                on,
                f"Người thực hiện không có thẩm quyền phê duyệt kết quả {evaluation.band} sao theo {rule_set.id}.",  # noqa: E501
                f"The actor may not approve a {evaluation.band}-star result under {rule_set.id}.",
            )
        to_level = TIER_LEVEL[Tier(evaluation.routing.get("tier") or "central")]
        next_round = self.core.next_round(evaluation, to_level, on)
        evaluation.forward(to_level, on, ctx.actor.id, ctx.meta(), next_round)
        self.core.save(evaluation)
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
        evaluation = self.core.get_evaluation(dossier_id)
        if evaluation.status != "forwarded":
            raise CommandRejected(
                "failed_precondition",
                "dossier_id",
                "Hồ sơ không chờ kết quả của cấp trên.",
                "The dossier is not waiting for the next level's answer.",
            )
        above = evaluation.forwarded_to
        if tier_of(ctx.actor) != LEVEL_TIER[above]:
            raise refuse_permission(
                f"Chỉ cấp {above} được trả lời cho hồ sơ này.",
                f"Only the {above} level may answer for this dossier.",
            )
        require_jurisdiction(ctx.actor, evaluation.path, str(dossier_id))
        if result not in ("recognised", "returned"):
            raise invalid(
                "result",
                "Kết quả phải là recognised hoặc returned.",
                "Result must be recognised or returned.",
            )
        value = parse_score(score)
        self.core.not_future("decided_on", decided_on)
        if result == "recognised":
            if star not in (3, 4, 5) or not decision_no.strip():
                raise invalid(
                    "star",
                    "Công nhận cần hạng sao 3-5 và số quyết định.",
                    "Recognition needs a 3-5 star and a decision number.",
                )
            answer = (above, value, star, decision_no.strip(), decided_on, signer)
            self.core.save(*self.recognised_above(evaluation, *answer, ctx.meta()))
        else:
            check_not_before_any("decided_on", decided_on, evaluation.dated_facts())
            self.returned(evaluation, above, value, decided_on, reason, ctx.meta())
            self.core.save(evaluation)
        return evaluation

    def recognised_above(
        self,
        evaluation: Evaluation,
        level: str,
        score: Decimal,
        star: int,
        decision_no: str,
        decided_on: date,
        signer: str,
        meta: Meta,
    ) -> list[Aggregate]:
        """The next level recognised the product: its decision and certificate are
        recorded here (the aggregates to save are returned). Refuses (`star`) a star above
        the band the rule set gives `score`: no level recognises 5 stars for 12 points."""
        rule_set = self.core.rule_set_of(evaluation)
        band = band_for(rule_set, score)
        if star > band:
            raise invalid(
                "star",
                f"Hạng {star} sao vượt mức của điểm {score} ({band} sao theo {rule_set.id}).",
                f"{star} stars exceed the band of score {score} ({band} stars under "
                f"{rule_set.id}).",
            )
        check_not_before_any("decided_on", decided_on, evaluation.dated_facts())
        number = f"{decision_no}/01"  # as a decision's own items: its first and only one
        dates = self.core.certificate_dates(decided_on, rule_set)
        evaluation.recognised_above(
            meta,
            star=star,
            decision_no=decision_no,
            decided_on=decided_on,
            authority=level,
            signer=signer,
            certificate_no=number,
            valid_to=dates.valid_to,
            legal_basis=legal_basis(rule_set),
            higher_score=score,
        )
        certification = self.core.certification_of(evaluation, meta)
        certification.issue(
            certificate_record(evaluation, number, decision_no, star, level, rule_set, dates),
            meta,
        )
        return [evaluation, certification]

    def returned(
        self,
        evaluation: Evaluation,
        level: str,
        score: Decimal,
        returned_on: date,
        reason: str,
        meta: Meta,
    ) -> None:
        """The next level sent the dossier back, short of the star it was forwarded for
        (by score or by a missed minimum). `rules.return_route` gives the options (R1: the
        district recognises 3★ or re-evaluates; R3: the province recognises 3★/4★ or
        re-evaluates; a score below 50 can only be re-evaluated); nothing is certified
        until this level acts."""
        rule_set = self.core.rule_set_of(evaluation)
        here, above = LEVEL_TIER[evaluation.level], LEVEL_TIER[level]
        back = return_route(rule_set, above, score, returned_on)
        options: list[str] = list(back.alternatives) if back.tier == here else []
        star = back.recognisable_star if back.tier == here and back.recognisable_star else 0
        if not star:
            options = [o for o in options if o != "recognise"]
        band = band_for(rule_set, score)
        evaluation.returned_from_above(
            meta,
            by_level=level,
            score=score,
            band=band,
            star=star,
            options=options or ["reevaluate"],
            returned_on=returned_on,
            reason=reason,
        )

    def reevaluate(self, ctx: CommandContext, *, dossier_id: UUID) -> Evaluation:
        evaluation = self.core.get_evaluation(dossier_id)
        require_official(
            ctx.actor,
            evaluation.level,
            evaluation.path,
            what=("cho đánh giá lại", "order a re-evaluation"),
        )
        evaluation.reevaluate(ctx.meta())
        self.core.save(evaluation)
        return evaluation

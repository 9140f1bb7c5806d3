"""Recognition decisions: one decision of the competent authority covers one or more
dossiers, each recognised with its certificate (R1/R3: the People's Committee chair of
the level, the minister for 5★)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from rules import RuleSet, Step, Tier, may_act
from rules.i18n import TIER_AUTHORITY
from runtime.clock import check_not_before_any
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.identifiers import decision_key
from runtime.jurisdiction import require_jurisdiction
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.support import certificate_record, invalid, legal_basis
from services.evaluation.domain.council import refuse_permission, tier_of
from services.evaluation.domain.decisions import RecognitionDecision
from services.evaluation.domain.model import Evaluation


class DecisionCommands:
    """`app.decisions`: issuing recognition decisions."""

    def __init__(self, core: EvaluationCore) -> None:
        self.core = core

    def issue_decision(
        self,
        ctx: CommandContext,
        *,
        decision_no: str,
        decided_on: date,
        signer: str,
        dossier_ids: Sequence[UUID],
    ) -> RecognitionDecision:
        """Recognise each dossier under one decision: every dossier must wait for a
        decision this authority may sign (tier, star, province), dated after adoption."""
        tier = self._check_request(ctx, decision_no, signer, dossier_ids, decided_on)
        number = decision_key(decision_no)
        evaluations = [self.core.get_evaluation(d) for d in dossier_ids]
        rule_sets = [self._check_decidable(ctx, tier, e, decided_on) for e in evaluations]
        items = [
            {
                "dossier_id": str(e.dossier_id),
                "product_id": str(e.product_id),
                "star": e.decidable_star(),
                "certificate_no": certificate_number(number, decided_on, n),
            }
            for n, e in enumerate(evaluations, start=1)
        ]
        decision = RecognitionDecision(
            authority=tier.value,
            jurisdiction=ctx.actor.jurisdiction,
            decision_no=number,
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
            collected += self._recognise(evaluation, item, rule_set, decision, authority, ctx)
        self.core.save(*collected)
        return decision

    def _check_request(
        self,
        ctx: CommandContext,
        decision_no: str,
        signer: str,
        dossier_ids: Sequence[UUID],
        decided_on: date,
    ) -> Tier:
        """The request's own refusals; returns the signing authority's tier."""
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
        self.core.not_future("decided_on", decided_on)
        tier = tier_of(ctx.actor)
        if ctx.actor.role not in ("authority", "ministry") or tier is None:
            raise refuse_permission(
                "Chỉ người có thẩm quyền (Chủ tịch UBND / Bộ trưởng) được ký quyết định công nhận.",
                "Only the competent authority may sign a recognition decision.",
            )
        decision_id = RecognitionDecision.id_for(
            tier.value, ctx.actor.jurisdiction, decision_no, decided_on.year
        )
        if self.core.find(decision_id, RecognitionDecision) is not None:
            raise CommandRejected(
                "already_exists",
                "decision_no",
                f"Quyết định {decision_no} đã được ban hành trong năm {decided_on.year}.",
                f"Decision {decision_no} was already issued in {decided_on.year}.",
            )
        return tier

    def _check_decidable(
        self, ctx: CommandContext, tier: Tier, evaluation: Evaluation, decided_on: date
    ) -> RuleSet:
        """Refuses a dossier this authority may not recognise; returns its rule set."""
        evaluation.require_decidable()
        star = evaluation.decidable_star()
        rule_set = self.core.rule_set_of(evaluation)
        dossier = evaluation.dossier_id
        if not may_act(rule_set, tier, Step.RECOGNISE, star, decided_on):
            raise self.core.refuse_level(
                rule_set,
                tier,
                decided_on,
                f"{dossier}: {TIER_AUTHORITY[tier]['vi']} không có thẩm quyền công nhận "
                f"{star} sao theo {rule_set.id}.",
                f"{dossier}: {TIER_AUTHORITY[tier]['en']} may not recognise {star} stars "
                f"under {rule_set.id}.",
            )
        require_jurisdiction(ctx.actor, evaluation.path, str(dossier))
        check_not_before_any("decided_on", decided_on, evaluation.dated_facts())
        return rule_set

    def _recognise(
        self,
        evaluation: Evaluation,
        item: dict[str, Any],
        rule_set: RuleSet,
        decision: RecognitionDecision,
        authority: str,
        ctx: CommandContext,
    ) -> list[Aggregate]:
        """One dossier of the decision recognised, and its certificate issued."""
        dates = self.core.certificate_dates(decision.decided_on, rule_set)
        number = item["certificate_no"]
        evaluation.recognise(
            ctx.meta(),
            star=item["star"],
            decision_no=decision.decision_no,
            decided_on=decision.decided_on,
            authority=authority,
            signer=decision.signer,
            certificate_no=number,
            valid_to=dates.valid_to,
            legal_basis=legal_basis(rule_set),
        )
        certification = self.core.certification_of(evaluation, ctx.meta())
        record = certificate_record(
            evaluation, number, decision.decision_no, item["star"], authority, rule_set, dates
        )
        certification.issue(record, ctx.meta())
        return [evaluation, certification]


def certificate_number(decision_no: str, decided_on: date, position: int) -> str:
    """The n-th certificate of a decision: `<decision no>/<nn>`, with the decision's year
    inserted when its number lacks one, since decision numbers restart every year
    (`12/QĐ-UBND` of 2027 -> `12/2027/QĐ-UBND/01`)."""
    number = decision_no
    if f"/{decided_on.year}/" not in number and "/" in number:
        head, tail = number.split("/", 1)
        number = f"{head}/{decided_on.year}/{tail}"
    return f"{number}/{position:02d}"

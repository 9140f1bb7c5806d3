"""Certificates over time (the scheduler's entry point) and revocation."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from rules import (
    Step,
    load_rule_set,
    may_act,
    revocation_deadline,
)
from rules.i18n import TIER_AUTHORITY
from runtime.clock import check_not_before
from runtime.commands import CommandContext
from runtime.errors import require_choice
from services.evaluation.application.core import EvaluationCore
from services.evaluation.application.support import (
    SYSTEM,
    grounds_on,
    inspectors,
    invalid,
    legal_basis,
)
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.council import (
    tier_of,
)
from services.evaluation.domain.model import ISSUE


class CertificateCommands:
    """`app.certificates`: certificates over time (the scheduler's entry point) and
    revocation."""

    def __init__(self, core: EvaluationCore) -> None:
        self.core = core

    def advance_certificates(self, product_id: UUID, today: date) -> int:
        """Record every certificate date of `product_id` that passed by `today` (scheduler)."""
        certification = self.core.find_certification(product_id)
        if certification is None:
            return 0
        meta = {
            "actor": SYSTEM.model_dump(),
            "correlation_id": str(product_id),
            "causation_id": None,
        }
        made = certification.advance(today, meta)
        if made:
            self.core.save(certification)
        return made

    def open_revocation(
        self,
        ctx: CommandContext,
        *,
        product_id: UUID,
        ground: str,
        reference: str,
        concluded_on: date,
    ) -> ProductCertification:
        grounds = grounds_on(concluded_on)
        require_choice("ground", ground, grounds, "Căn cứ thu hồi", "Ground")
        if not reference.strip():
            raise invalid(
                "reference",
                "Thiếu biên bản/kết luận kiểm tra.",
                "The conclusion record is required.",
            )
        self.core.not_future("concluded_on", concluded_on)
        certification = self.core.get_certification(product_id)
        self.core.require_reach(ctx.actor, certification)
        held = certification.holding()
        if held and held.get("issued_on"):
            check_not_before("concluded_on", concluded_on, held["issued_on"], ISSUE)
        rule_set = load_rule_set(held["rule_set_id"]) if held else None
        tier = tier_of(ctx.actor)
        if (
            held
            and rule_set
            and (
                tier is None
                or not (
                    may_act(rule_set, tier, Step.REVOKE, held["star"], concluded_on)
                    or tier in inspectors(rule_set, held["star"], concluded_on)
                )
            )
        ):
            raise self.core.refuse_level(
                rule_set,
                tier,
                concluded_on,
                "Người thực hiện không có thẩm quyền kiểm tra/thu hồi sản phẩm này.",
                "The actor may neither inspect nor revoke this product.",
            )
        deadline = revocation_deadline(concluded_on, rule_set) if rule_set else None
        certification.open_revocation(
            ctx.meta(),
            ground=ground,
            reference=reference.strip(),
            concluded_on=concluded_on,
            decide_by=deadline,
            source="manual",
        )
        self.core.save(certification)
        return certification

    def decide_revocation(
        self,
        ctx: CommandContext,
        *,
        product_id: UUID,
        decision_no: str,
        decided_on: date,
        signer: str,
    ) -> ProductCertification:
        if not decision_no.strip():
            raise invalid("decision_no", "Thiếu số quyết định.", "Decision number is empty.")
        self.core.not_future("decided_on", decided_on)
        certification = self.core.get_certification(product_id)
        self.core.require_reach(ctx.actor, certification)
        held = certification.holding()
        tier = tier_of(ctx.actor)
        if held is not None:
            rule_set = load_rule_set(held["rule_set_id"])
            if (
                ctx.actor.role not in ("authority", "ministry")
                or tier is None
                or not may_act(rule_set, tier, Step.REVOKE, held["star"], decided_on)
            ):
                raise self.core.refuse_level(
                    rule_set,
                    tier,
                    decided_on,
                    f"Người thực hiện không có thẩm quyền thu hồi sản phẩm {held['star']} sao theo {rule_set.id}.",  # noqa: E501
                    f"The actor may not revoke a {held['star']}-star certificate under {rule_set.id}.",  # noqa: E501
                )
            basis = legal_basis(rule_set)
        else:
            basis = ""
        authority = f"{TIER_AUTHORITY[tier]['vi']} {ctx.actor.jurisdiction}".strip() if tier else ""
        certification.revoke(
            ctx.meta(),
            decided_on=decided_on,
            decision_no=decision_no.strip(),
            authority=authority,
            signer=signer.strip(),
            legal_basis=basis,
        )
        self.core.save(certification)
        return certification

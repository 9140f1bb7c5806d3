"""After recognition: revocation grounds and inspection (R3 Art. 8-9), as rule data.

Used by the evaluation service (revocations) and the inspection service. The
national rules give the grounds, kinds, scope and authorities; the frequency of
periodic inspections is local policy (§14.27).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from rules.authorities import authorities
from rules.deployment import LocalPolicy
from rules.errors import RulesError
from rules.model import RevocationGround, RuleSet, Step, Tier
from rules.text import LocalText
from rules.workdays import add_months


def revocation_grounds(rule_set: RuleSet) -> tuple[RevocationGround, ...]:
    """The grounds on which a certificate issued under ``rule_set`` may be revoked.

    R3 Art. 8.1 letters a, b, c, d, đ (code ``dd``), e; R1/R2 apply the same
    (148/1489's own grounds were not found); R0 has none encoded (empty).
    """
    return rule_set.revocation_grounds


def revocation_ground(rule_set: RuleSet, code: str) -> RevocationGround:
    """The ground ``code`` ("a".."e", "dd" for đ); :class:`RulesError` naming ``ground``
    and the known codes if the rule set has no such ground."""
    for ground in rule_set.revocation_grounds:
        if ground.code == code:
            return ground
    known = ", ".join(g.code for g in rule_set.revocation_grounds) or "—"
    raise RulesError(
        "ground",
        f"{rule_set.id} has no revocation ground {code!r} (known: {known})",
        f"{rule_set.id} không có căn cứ thu hồi {code!r} (có: {known})",
    )


class InspectionPlan(BaseModel):
    """How a certified product of ``star`` is inspected under a rule set and local policies."""

    model_config = ConfigDict(frozen=True)

    rule_set_id: str
    star: int
    kinds: tuple[Literal["periodic", "ad_hoc"], ...]
    scope: tuple[LocalText, ...]
    authorities: tuple[Tier, ...]
    every_months: int | None
    frequency_source: str
    source: str


def inspection_plan(
    rule_set: RuleSet,
    star: int,
    local_policies: Sequence[LocalPolicy] = (),
    on: date | None = None,
) -> InspectionPlan:
    """Kinds, scope, inspecting tiers (primary first) and periodic frequency for ``star``.

    The frequency is the rule set's (R3: none) unless a local policy in effect
    on ``on`` for this rule set sets one (Kon Tum 2025: every 3 months).
    ``on`` also applies tier abolitions to the authorities. :class:`RulesError`
    (``inspection``) if the rule set encodes no inspection rules (R0).
    """
    rules = rule_set.inspection
    if rules is None:
        raise RulesError(
            "inspection",
            f"{rule_set.id} encodes no inspection rules",
            f"{rule_set.id} không có quy định kiểm tra",
        )
    every, source = rules.every_months, rule_set.id
    for policy in local_policies:
        if rule_set.id not in policy.applies_to_rule_sets:
            continue
        if on is not None and not policy.covers(on):
            continue
        if policy.inspection_every_months is not None:
            every, source = policy.inspection_every_months, policy.id
    return InspectionPlan(
        rule_set_id=rule_set.id,
        star=star,
        kinds=rules.kinds,
        scope=rules.scope,
        authorities=authorities(rule_set, star, Step.INSPECT, on),
        every_months=every,
        frequency_source=source if every is not None else "",
        source=rules.source,
    )


def next_periodic_inspection(
    last_on: date,
    rule_set: RuleSet,
    star: int,
    local_policies: Sequence[LocalPolicy] = (),
) -> date | None:
    """Day the next periodic inspection is due after one on ``last_on`` (or recognition).

    ``None`` where no frequency is set (R3 nationally, §14.27).
    """
    every = inspection_plan(rule_set, star, local_policies, last_on).every_months
    return None if every is None else add_months(last_on, every)

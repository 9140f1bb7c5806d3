"""What inspection reads from the rule sets (`rules/`): the cadence of periodic
inspection, who inspects a product of a given star, the checklist of a visit and the
revocation grounds an inspection may propose.

- Cadence: no national frequency exists (R3 Art. 9); a local policy in force for the
  certificate's rule set sets it (`rules.inspection_plan`: the Kon Tum 2025 plan, every
  3 months for R1/R2 certificates, OCOP-RULES.md §14.27). The deployment's policies cut
  the year into periods; a product is periodically inspected only where its own rule
  set and policies give a frequency.
- Who inspects: the rule set's `inspect` authorities for the star, with abolished tiers
  passed to their successors on the date (R1: the district for 3★ until 30/06/2025).
- Checklist: the rule set's inspection scope (R3 Art. 9.2: (a) the criteria are kept as
  in the evaluated dossier, (b) the OCOP mark, product information and promotion are used
  correctly), split into the items the seed plan's quarterly inspection checks.
- Grounds: the rule set's revocation grounds (R3 Art. 8.1 a–e, `dd` for đ)."""

from __future__ import annotations

from datetime import date

from rules import (
    Deployment,
    RulesError,
    Tier,
    all_rule_sets,
    inspection_plan,
    load_local_policy,
    load_rule_set,
    revocation_grounds,
)
from runtime.errors import CommandRejected

# Checklist item -> (index of the rule set's scope entry it belongs to, vi, en).
CHECKLIST: dict[str, tuple[int, str, str]] = {
    "quality": (
        0,
        "Chất lượng sản phẩm so với tiêu chuẩn đã công bố",
        "Product quality against the declared standard",
    ),
    "production_conditions": (0, "Điều kiện sản xuất", "Production conditions"),
    "food_safety": (
        0,
        "An toàn thực phẩm (giấy chứng nhận còn hiệu lực)",
        "Food safety (certificate still valid)",
    ),
    "traceability": (0, "Truy xuất nguồn gốc", "Traceability"),
    "mark_use": (
        1,
        "Sử dụng đúng nhãn hiệu OCOP và số sao",
        "Correct use of the OCOP mark and star label",
    ),
    "still_operating": (
        0,
        "Chủ thể còn sản xuất sản phẩm",
        "The producer still makes the product",
    ),
}


def _refused(error: RulesError) -> CommandRejected:
    return CommandRejected("failed_precondition", "rule_set_id", error.vi, error.en)


def cadence(deployment: Deployment, on: date) -> tuple[int, str] | None:
    """(months, source) the deployment's local policies set for periodic inspection on
    `on`; None where none is in force."""
    for policy_id in deployment.local_policies:
        policy = load_local_policy(policy_id)
        if policy.covers(on) and policy.inspection_every_months:
            return policy.inspection_every_months, f"{policy.id} {policy.version}"
    return None


def periodic(deployment: Deployment, rule_set_id: str, star: int, on: date) -> int | None:
    """Months between periodic inspections of this certificate on `on` (None: none)."""
    policies = [load_local_policy(p) for p in deployment.local_policies]
    try:
        return inspection_plan(load_rule_set(rule_set_id), star, policies, on).every_months
    except RulesError:
        return None


def inspectors(rule_set_id: str, star: int, on: date) -> tuple[Tier, ...]:
    try:
        return inspection_plan(load_rule_set(rule_set_id), star, (), on).authorities
    except RulesError as error:
        raise _refused(error) from error


def inspects_any(tier: Tier, on: date) -> bool:
    """Whether `tier` inspects some certified star under some rule set on `on` (a district
    after 30/06/2025 inspects nothing: its R1 role passed to the province)."""
    for rule_set in all_rule_sets():
        if rule_set.inspection is None:
            continue
        for star in rule_set.scoring.certified_stars:
            if tier in inspection_plan(rule_set, star, (), on).authorities:
                return True
    return False


def checklist(rule_set_id: str) -> dict[str, tuple[str, str]]:
    """The visit's checklist under the rule set's inspection scope: item -> (vi, en)."""
    rule_set = load_rule_set(rule_set_id)
    scope = rule_set.inspection.scope if rule_set.inspection else ()
    return {item: (vi, en) for item, (part, vi, en) in CHECKLIST.items() if part < len(scope)}


def grounds(rule_set_id: str) -> dict[str, tuple[str, str]]:
    """The rule set's revocation grounds: code -> (vi, en)."""
    return {
        g.code: (g.label.vi, g.label.en) for g in revocation_grounds(load_rule_set(rule_set_id))
    }

"""What inspection reads from the rule sets (`rules/`): the cadence of periodic
inspection, who inspects a product of a given star, the checklist of a visit and the
revocation grounds an inspection may propose.

- Cadence: no national frequency exists (R3 Art. 9); a deployment's local policy sets
  it (the Kon Tum 2025 plan: every 3 months, OCOP-RULES.md §14.27). None = no periodic
  plan can be generated for that date.
- Who inspects: the rule set's `inspect` authorities for the star, with abolished tiers
  passed to their successors on the date (R1: the district for 3★ until 30/06/2025).
- Checklist: R3 Art. 9.2 — (a) the criteria are maintained as in the evaluated dossier,
  (b) the OCOP mark, product information and promotion are used correctly — split into
  the items the seed plan's quarterly inspection checks.
- Grounds: R3 Art. 8.1 a–e (đ written `dd`)."""

from __future__ import annotations

from datetime import date

from rules import Deployment, Step, Tier, authorities, load_local_policy, load_rule_set

CHECKLIST: dict[str, tuple[str, str]] = {
    "quality": (
        "Chất lượng sản phẩm so với tiêu chuẩn đã công bố",
        "Product quality against the declared standard",
    ),
    "production_conditions": ("Điều kiện sản xuất", "Production conditions"),
    "food_safety": (
        "An toàn thực phẩm (giấy chứng nhận còn hiệu lực)",
        "Food safety (certificate still valid)",
    ),
    "traceability": ("Truy xuất nguồn gốc", "Traceability"),
    "mark_use": (
        "Sử dụng đúng nhãn hiệu OCOP và số sao",
        "Correct use of the OCOP mark and star label",
    ),
    "still_operating": ("Chủ thể còn sản xuất sản phẩm", "The producer still makes the product"),
}

GROUNDS: dict[str, tuple[str, str]] = {
    "a": (
        "Thông tin không trung thực, giả mạo hồ sơ",
        "Untruthful information or falsified dossier",
    ),
    "b": (
        "Sản phẩm không còn đáp ứng tiêu chí theo kết luận kiểm tra, giám sát",
        "No longer meets the criteria per an inspection/supervision conclusion",
    ),
    "c": (
        "Vi phạm pháp luật về chất lượng, an toàn thực phẩm, môi trường, sở hữu trí tuệ, nhãn hàng hóa",  # noqa: E501
        "Violation of quality, food-safety, environment, IP or labelling law",
    ),
    "d": ("Sử dụng sai nhãn hiệu OCOP", "Misuse of the OCOP mark"),
    "dd": ("Chủ thể không còn sản xuất sản phẩm OCOP", "The producer no longer makes the product"),
    "e": (
        "Trường hợp khác theo kết luận của cơ quan có thẩm quyền",
        "Other cases per the authority's conclusion",
    ),
}


def cadence(deployment: Deployment, on: date) -> tuple[int, str] | None:
    """(months, source) of periodic inspection on `on`, from the deployment's policies."""
    for policy_id in deployment.local_policies:
        policy = load_local_policy(policy_id)
        if policy.covers(on) and policy.inspection_every_months:
            return policy.inspection_every_months, f"{policy.id} {policy.version}"
    return None


def inspectors(rule_set_id: str, star: int, on: date) -> tuple[Tier, ...]:
    return authorities(load_rule_set(rule_set_id), star, Step.INSPECT, on)


def checklist(rule_set_id: str) -> dict[str, tuple[str, str]]:
    load_rule_set(rule_set_id)
    return CHECKLIST


def grounds(rule_set_id: str) -> dict[str, tuple[str, str]]:
    load_rule_set(rule_set_id)
    return GROUNDS

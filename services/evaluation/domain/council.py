"""Council rules that cannot be gamed, and who may act for which level.

The numbers are a province's council regulation (Quy chế hoạt động của Hội đồng), not
national law, so they are settings with documented defaults (services/evaluation/README.md):
quorum, the chair's presence, the divergence that forces a re-score, and the rule sets
whose re-evaluations are decided by written opinions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from contracts.envelope import Actor
from rules import Tier
from runtime.errors import CommandRejected
from runtime.jurisdiction import UnitPath, require_jurisdiction

SCORING_ROLES = ("chair", "member")
COUNCIL_ROLES = ("chair", "member", "secretary")
LEVEL_TIER = {"district": Tier.DISTRICT, "province": Tier.PROVINCE, "ministry": Tier.CENTRAL}
TIER_LEVEL = {tier: level for level, tier in LEVEL_TIER.items()}
ROLE_TIER = {
    "commune_officer": Tier.COMMUNE,
    "district_officer": Tier.DISTRICT,
    "province_officer": Tier.PROVINCE,
    "ministry": Tier.CENTRAL,
}


@dataclass(frozen=True)
class CouncilRules:
    """A council regulation's switches (see the README for defaults and sources)."""

    quorum_fraction: Decimal = Decimal("0.75")
    quorum_requires_chair: bool = True
    divergence_points: Decimal = Decimal(10)
    written_opinion_rule_sets: tuple[str, ...] = ("R3",)

    def required_sheets(self, eligible: int) -> int:
        return max(1, math.ceil(Decimal(eligible) * self.quorum_fraction))


def tier_of(actor: Actor) -> Tier | None:
    """The administrative level an actor acts for.

    Officers' roles name their level; an `authority` (the People's Committee chair
    who signs) is read from the jurisdiction code: 2 digits a province, 3 a district,
    5 a commune (Decision 19/2025 codes), `VN` the central level; no code, no level."""
    if actor.role in ROLE_TIER:
        return ROLE_TIER[actor.role]
    if actor.role != "authority":
        return None
    code = actor.jurisdiction.strip()
    if code in ("VN", "central"):
        return Tier.CENTRAL
    return {2: Tier.PROVINCE, 3: Tier.DISTRICT, 5: Tier.COMMUNE}.get(len(code))


def refuse_permission(vi: str, en: str, field: str = "actor") -> CommandRejected:
    return CommandRejected("permission_denied", field, vi, en)


def require_official(
    actor: Actor, level: str, where: UnitPath | str, *, what: tuple[str, str]
) -> None:
    """`actor` is an officer or the authority of `level`, and its jurisdiction reaches
    `where`: a record's unit path, or the one unit code a round is keyed by (a district
    round by the district's pre-2025 code, a province round by the province's)."""
    tier = tier_of(actor)
    if tier != LEVEL_TIER[level] or actor.role not in (
        "district_officer",
        "province_officer",
        "ministry",
        "authority",
    ):
        raise refuse_permission(
            f"Chỉ cán bộ hoặc lãnh đạo cấp {level} mới được {what[0]}.",
            f"Only an officer or the authority of the {level} level may {what[1]}.",
        )
    path = where if isinstance(where, UnitPath) else UnitPath(commune="", province=where)
    require_jurisdiction(actor, path)


def spread(totals: Mapping[str, Decimal]) -> Decimal:
    values = list(totals.values())
    return max(values) - min(values) if values else Decimal(0)


def quorum_problem(
    rules: CouncilRules,
    scoring_members: Sequence[str],
    chair: str | None,
    conflicted: Sequence[str],
    submitted: Sequence[str],
) -> tuple[str, str] | None:
    """Why the sheets in do not make a quorum (vi, en), or None."""
    eligible = [m for m in scoring_members if m not in conflicted]
    needed = rules.required_sheets(len(eligible))
    counted = [m for m in submitted if m in eligible]
    if len(counted) < needed:
        return (
            f"Chưa đủ số thành viên chấm điểm: {len(counted)}/{len(eligible)}, cần ít nhất "
            f"{needed} ({rules.quorum_fraction * 100:.0f}%).",
            f"No quorum: {len(counted)} of {len(eligible)} members scored, at least {needed} "
            f"({rules.quorum_fraction * 100:.0f}%) needed.",
        )
    if rules.quorum_requires_chair and chair and chair not in conflicted and chair not in counted:
        return (
            "Chủ tịch Hội đồng chưa chấm điểm: không đủ điều kiện thông qua.",
            "The chair has not scored: the result cannot be adopted without the chair.",
        )
    return None

"""Input checks shared by the command groups: team, findings, actor's level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from contracts.envelope import Actor
from rules import Tier
from runtime.errors import forbidden, invalid, require_choice
from runtime.text import nfc
from services.inspection.domain.values import TEAM_ROLES, Finding, TeamMember, tier_of


def official_tier(actor: Actor) -> Tier:
    tier = tier_of(actor)
    if tier is None or tier == Tier.COMMUNE:
        raise forbidden(
            f"Vai trò '{actor.role}' không lập hoặc thực hiện kế hoạch kiểm tra.",
            f"Role '{actor.role}' neither plans nor carries out inspections.",
            field="actor.role",
        )
    return tier


def lead(agency: str) -> str:
    agency = nfc(agency)
    require_choice("lead_agency", agency, TEAM_ROLES, "Cơ quan chủ trì", "The lead agency")
    return agency


def team_of(members: Sequence[tuple[str, str]], *, required: bool) -> list[dict[str, str]]:
    """[(role, name)] -> stored team; roles from TEAM_ROLES, names non-empty."""
    if required and not members:
        raise invalid("team", "Đoàn kiểm tra chưa có thành viên.", "The team has no members.")
    team: list[dict[str, str]] = []
    for role, name in members:
        if role not in TEAM_ROLES:
            raise invalid(
                "team",
                f"Vai trò '{role}' không có; chọn: {', '.join(TEAM_ROLES)}.",
                f"Unknown team role '{role}'; one of: {', '.join(TEAM_ROLES)}.",
            )
        if not nfc(name):
            raise invalid("team", "Thiếu tên thành viên đoàn.", "A team member has no name.")
        team.append(TeamMember(role, nfc(name)).as_dict())
    return team


def findings_of(
    given: Mapping[str, tuple[bool, str]], checklist: Mapping[str, Any]
) -> list[Finding]:
    """Every checklist item answered once, nothing else."""
    unknown = sorted(set(given) - set(checklist))
    if unknown:
        raise invalid(
            "findings",
            f"Nội dung kiểm tra không có trong danh mục: {', '.join(unknown)}.",
            f"Not on the checklist: {', '.join(unknown)}.",
        )
    missing = [item for item in checklist if item not in given]
    if missing:
        raise invalid(
            "findings",
            f"Chưa có kết quả cho: {', '.join(missing)}.",
            f"No finding for: {', '.join(missing)}.",
        )
    return [Finding(item, given[item][0], nfc(given[item][1])) for item in checklist]

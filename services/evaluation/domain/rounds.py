"""An evaluation round of one level and jurisdiction, and its council.

A round is identified by its level, jurisdiction and dates (cut-off and decision
date from the rule set or a local policy), so a forwarded dossier knows its round
on arrival, before anyone opened it; an officer opens it and appoints the council
(chair, members, secretary)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate, event

from runtime.errors import CommandRejected
from services.evaluation.domain.council import COUNCIL_ROLES, SCORING_ROLES

NAMESPACE = UUID("4f5d0b8e-2c71-4a39-9e0b-6a1d3c5e7f21")
Meta = dict[str, Any]


class Round(Aggregate):
    @staticmethod
    def id_for(
        level: str, jurisdiction: str, forwarded_by: date | None, decided_by: date | None
    ) -> UUID:
        return uuid5(NAMESPACE, f"round:{level}:{jurisdiction}:{forwarded_by}:{decided_by}")

    @classmethod
    def create_id(
        cls,
        level: str,
        jurisdiction: str,
        forwarded_by: date | None,
        decided_by: date | None,
        **kwargs: Any,
    ) -> UUID:
        return cls.id_for(level, jurisdiction, forwarded_by, decided_by)

    @event("Opened")
    def __init__(
        self,
        level: str,
        jurisdiction: str,
        forwarded_by: date | None,
        decided_by: date | None,
        name_vi: str,
        name_en: str,
        source: str,
        opened_on: date,
        meta: Meta,
    ) -> None:
        self.opened_on = opened_on
        self.level = level
        self.jurisdiction = jurisdiction
        self.forwarded_by = forwarded_by
        self.decided_by = decided_by
        self.name_vi = name_vi
        self.name_en = name_en
        self.source = source
        self.status = "open"
        self.members: dict[str, dict[str, str]] = {}

    @property
    def chair(self) -> str | None:
        return next((m for m, v in self.members.items() if v["role"] == "chair"), None)

    @property
    def secretary(self) -> str | None:
        return next((m for m, v in self.members.items() if v["role"] == "secretary"), None)

    def scoring_members(self) -> list[str]:
        return [m for m, v in self.members.items() if v["role"] in SCORING_ROLES]

    def appoint(self, member_id: str, name: str, role: str, meta: Meta) -> None:
        if self.status != "open":
            raise CommandRejected(
                "failed_precondition",
                "round_id",
                "Phải mở đợt đánh giá trước khi thành lập Hội đồng.",
                "Open the round before appointing its council.",
            )
        if role not in COUNCIL_ROLES:
            raise CommandRejected(
                "invalid_argument",
                "role",
                f"Vai trò '{role}' không hợp lệ (chair, member, secretary).",
                f"Unknown council role '{role}' (chair, member, secretary).",
            )
        if not member_id.strip():
            raise CommandRejected(
                "invalid_argument", "member_id", "Thiếu mã thành viên.", "Member id is empty."
            )
        if member_id in self.members:
            raise CommandRejected(
                "already_exists",
                "member_id",
                f"{member_id} đã là thành viên Hội đồng.",
                f"{member_id} is already on the council.",
            )
        if role in ("chair", "secretary") and any(v["role"] == role for v in self.members.values()):
            raise CommandRejected(
                "already_exists",
                "role",
                f"Hội đồng đã có {'Chủ tịch' if role == 'chair' else 'Thư ký'}.",
                f"The council already has a {role}.",
            )
        self._appointed(member_id=member_id, name=name, role=role, meta=meta)

    @event("MemberAppointed")
    def _appointed(self, member_id: str, name: str, role: str, meta: Meta) -> None:
        self.members[member_id] = {"name": name, "role": role}

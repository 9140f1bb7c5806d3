"""Commands on inspections: open an ad hoc inspection with its trigger, record a visit
with its findings, evidence and conclusion, and (the scheduler) record remediation
deadlines that passed.

A visit is refused, with nothing stored, when: a date is in the future (visited_on,
concluded_on); the product holds no certificate in force on the visit date
(product_id); the actor's level does not inspect the product's star under its rule set
or its unit is not the product's (actor, actor.jurisdiction); a finding is missing or
not on the rule set's checklist (findings); a failure's ground is not one of the rule
set's revocation grounds (ground)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from runtime.commands import CommandContext
from runtime.errors import invalid, require_choice
from runtime.text import nfc
from services.inspection.application import rulebook
from services.inspection.application.checks import (
    findings_of,
    lead,
    official_tier,
    team_of,
)
from services.inspection.application.core import (
    SYSTEM,
    InspectionStore,
    authority_name,
    entry_of,
)
from services.inspection.domain.inspection import Inspection
from services.inspection.domain.plan import InspectionPlan
from services.inspection.domain.values import TRIGGERS, Evidence, Finding

OUTCOMES = ("passed", "remediation", "failed")


@dataclass(frozen=True)
class Document:
    """An evidence file as uploaded: its name, media type and bytes."""

    name: str
    media_type: str
    data: bytes


class VisitCommands:
    """Inspections and their visits (kiểm tra, giám sát — R3 Art. 9)."""

    def __init__(self, store: InspectionStore) -> None:
        self.store = store

    def open_ad_hoc(
        self,
        ctx: CommandContext,
        *,
        product_id: UUID,
        trigger: str,
        note: str,
        planned_on: date,
        lead_agency: str = "agriculture",
        team: Sequence[tuple[str, str]] = (),
    ) -> Inspection:
        """An inspection outside the plan (đột xuất), opened with what triggered it."""
        require_choice("trigger", trigger, TRIGGERS, "Lý do kiểm tra đột xuất", "The trigger")
        official_tier(ctx.actor)
        agency = lead(lead_agency)
        members = team_of(team, required=False)
        product = self.store.product(product_id)
        today = self.store.clock.today()
        cert = self.store.under_certificate(product, today)
        tier = self.store.inspector(ctx.actor, product, cert, today)
        inspection = Inspection(
            product={
                **entry_of(product, cert),
                "jurisdiction": ctx.actor.jurisdiction.strip(),
                "tier": tier.value,
            },
            kind="ad_hoc",
            trigger=trigger,
            note=nfc(note),
            plan_id=None,
            planned_on=planned_on,
            lead_agency=agency,
            team=members,
            meta=ctx.meta(),
        )
        self.store.save(inspection)
        return inspection

    def record_visit(
        self,
        ctx: CommandContext,
        *,
        inspection_id: UUID,
        visited_on: date,
        team: Sequence[tuple[str, str]],
        findings: Mapping[str, tuple[bool, str]],
        outcome: str,
        conclusion_no: str,
        concluded_on: date | None = None,
        summary: str = "",
        ground: str = "",
        deadline: date | None = None,
        follow_up_on: date | None = None,
        evidence: Sequence[Document] = (),
        others_compliant: bool = False,
    ) -> Inspection:
        """Record a visit and its conclusion: passed, remediation (deadline, follow-up
        visit) or failed (ground a–e). On an inspection under remediation this is the
        follow-up visit: passed completes the remediation, failed fails the inspection.
        `others_compliant`: checklist items not in `findings` were found compliant."""
        concluded = concluded_on or visited_on
        self._check_record(visited_on, concluded, outcome, conclusion_no)
        inspection = self.store.inspection(inspection_id)
        product = self.store.product(inspection.product_id)
        cert = self.store.under_certificate(product, visited_on)
        tier = self.store.inspector(ctx.actor, product, cert, visited_on)
        members = team_of(team, required=True)
        checklist = rulebook.checklist(cert["rule_set_id"])
        if others_compliant:
            findings = {**dict.fromkeys(checklist, (True, "")), **findings}
        checked = findings_of(findings, checklist)
        _check_ground(outcome, ground, cert["rule_set_id"])
        remediation = outcome == "remediation"
        conclusion: dict[str, Any] = {
            "outcome": outcome,
            "conclusion_no": nfc(conclusion_no),
            "concluded_on": concluded,
            "summary": nfc(summary) or _failing(checklist, checked),
            "ground": ground,
            "deadline": deadline if remediation else None,
            "follow_up_on": follow_up_on if remediation else None,
            "authority": authority_name(tier, ctx.actor.jurisdiction.strip()),
            "certificate_no": cert["number"],
            "star": cert["star"],
            "rule_set_id": cert["rule_set_id"],
        }
        visit = {"visited_on": visited_on, "team": members, "evidence": _evidence(evidence)}
        meta = ctx.meta()
        inspection.conclude(visit, checked, outcome, conclusion, meta)
        self._save_concluded(inspection, outcome, concluded, evidence, meta)
        return inspection

    def _check_record(
        self, visited_on: date, concluded: date, outcome: str, conclusion_no: str
    ) -> None:
        """The visit's dates are not in the future; the outcome is known; it has a record
        number."""
        self.store.not_future("visited_on", visited_on)
        self.store.not_future("concluded_on", concluded)
        require_choice("outcome", outcome, OUTCOMES, "Kết luận", "The outcome")
        if not nfc(conclusion_no):
            raise invalid(
                "conclusion_no",
                "Thiếu số biên bản/kết luận kiểm tra.",
                "The conclusion record number is required.",
            )

    def _save_concluded(
        self,
        inspection: Inspection,
        outcome: str,
        concluded: date,
        evidence: Sequence[Document],
        meta: dict[str, Any],
    ) -> None:
        """Store the concluded inspection, its plan's record of the conclusion (when it
        was planned) and the evidence files."""
        changed: list[Aggregate] = [inspection]
        if inspection.plan_id:
            plan = self.store.get_as(UUID(inspection.plan_id), InspectionPlan)
            if plan is not None:
                plan.concluded(inspection.product_id, outcome, concluded, meta)
                changed.append(plan)
        for document in evidence:
            self.store.blobs.put(document.data)
        self.store.save(*changed)

    def mark_overdue(self, inspection_id: UUID, today: date) -> bool:
        """Record that a remediation deadline passed (scheduler; at most once)."""
        inspection = self.store.get_as(inspection_id, Inspection)
        if inspection is None:
            return False
        meta = {
            "actor": SYSTEM.model_dump(),
            "correlation_id": str(inspection.id),
            "causation_id": None,
        }
        if not inspection.mark_overdue(today, meta):
            return False
        self.store.save(inspection)
        return True


def _check_ground(outcome: str, ground: str, rule_set_id: str) -> None:
    """A failure names one of its rule set's revocation grounds; no other outcome names
    one (field `ground`)."""
    grounds = rulebook.grounds(rule_set_id)
    if outcome == "failed" and ground not in grounds:
        raise invalid(
            "ground",
            f"Căn cứ thu hồi phải là một trong: {', '.join(grounds)} ({rule_set_id}).",
            f"The ground must be one of: {', '.join(grounds)} ({rule_set_id}).",
        )
    if outcome != "failed" and ground:
        raise invalid(
            "ground",
            "Chỉ kết luận không đạt mới nêu căn cứ thu hồi.",
            "Only a failed inspection proposes a revocation ground.",
        )


def _failing(checklist: Mapping[str, Any], checked: Sequence[Finding]) -> str:
    """The non-compliant findings, each as its checklist item and note ("; " between)."""
    return "; ".join(
        f"{checklist[f.item][0]}: {f.note}" if f.note else checklist[f.item][0]
        for f in checked
        if not f.compliant
    )


def _evidence(evidence: Sequence[Document]) -> list[dict[str, Any]]:
    """The evidence as recorded: each file's SHA-256, name (NFC), media type and size."""
    return [
        Evidence(
            hashlib.sha256(d.data).hexdigest(), nfc(d.name), d.media_type, len(d.data)
        ).as_dict()
        for d in evidence
    ]

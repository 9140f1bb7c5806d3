"""The one place where inspection's domain events become published contract events.

Only what `PUBLISHED` maps leaves the service: the products list it keeps
(`CertifiedProduct`), plan edits other than the plan itself and the visits' detailed
findings and evidence stay private."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from contracts import inspection as c
from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.commands import envelope_fields
from services.inspection.domain.values import Period

Out = Sequence[tuple[str, IntegrationEvent]]


def _out(event: IntegrationEvent) -> Out:
    return ((topics.INSPECTION_EVENTS, event),)


def _planned(event: Any) -> Out:
    period = Period(**event.period)
    return _out(
        c.InspectionPlanned(
            **envelope_fields(event),
            jurisdiction=event.jurisdiction,
            level=event.tier,
            period=period.key,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            cadence_months=period.months,
            cadence_source=event.source,
            products=[
                c.PlannedProduct(
                    product_id=UUID(e["product_id"]),
                    certificate_no=e["certificate_no"],
                    star=e["star"],
                )
                for e in event.entries
            ],
        )
    )


def _scheduled_fields(event: Any, inspection: Any) -> Out:
    product = inspection.product
    return _out(
        c.InspectionScheduled(
            **envelope_fields(event),
            rule_set_id=product["rule_set_id"] or None,
            product_id=UUID(product["product_id"]),
            certificate_no=product["certificate_no"],
            inspection_kind=inspection.kind,
            trigger=inspection.trigger,
            plan_id=UUID(inspection.plan_id) if inspection.plan_id else None,
            planned_on=event.planned_on,
            lead_agency=event.lead_agency,
            team=[c.TeamMember(**m) for m in event.team],
        )
    )


def _concluded(event: Any, inspection: Any) -> dict[str, Any]:
    conclusion = event.conclusion
    visit = inspection.visits[-1] if inspection.visits else {}
    return {
        **envelope_fields(event),
        "rule_set_id": conclusion["rule_set_id"] or None,
        "product_id": UUID(inspection.product["product_id"]),
        "certificate_no": conclusion["certificate_no"],
        "inspection_kind": inspection.kind,
        "plan_id": UUID(inspection.plan_id) if inspection.plan_id else None,
        "visited_on": visit.get("visited_on"),
        "concluded_on": conclusion["concluded_on"],
        "conclusion_no": conclusion["conclusion_no"],
        "findings": conclusion["summary"],
        "authority": conclusion["authority"],
    }


def translator(load: Callable[[UUID, int], Any]) -> Callable[[Any], Out]:
    """The relay's translation; `load(id, version)` gives the inspection as it was after
    an event (the conclusion events need the inspection's product and last visit)."""

    def passed(event: Any) -> Out:
        inspection = load(event.originator_id, event.originator_version)
        return _out(c.InspectionPassed(**_concluded(event, inspection)))

    def remediation(event: Any) -> Out:
        inspection = load(event.originator_id, event.originator_version)
        return _out(
            c.RemediationRequired(
                **_concluded(event, inspection),
                deadline=event.conclusion["deadline"],
                follow_up_on=event.conclusion["follow_up_on"],
            )
        )

    def completed(event: Any) -> Out:
        inspection = load(event.originator_id, event.originator_version)
        return _out(c.RemediationCompleted(**_concluded(event, inspection)))

    def failed(event: Any) -> Out:
        inspection = load(event.originator_id, event.originator_version)
        return _out(
            c.InspectionFailed(**_concluded(event, inspection), ground=event.conclusion["ground"])
        )

    def overdue(event: Any) -> Out:
        inspection = load(event.originator_id, event.originator_version)
        conclusion = inspection.conclusion or {}
        return _out(
            c.RemediationOverdue(
                **envelope_fields(event),
                rule_set_id=conclusion.get("rule_set_id") or None,
                product_id=UUID(inspection.product["product_id"]),
                certificate_no=conclusion.get("certificate_no", ""),
                inspection_kind=inspection.kind,
                plan_id=UUID(inspection.plan_id) if inspection.plan_id else None,
                conclusion_no=conclusion.get("conclusion_no", ""),
                deadline=inspection.remediation["deadline"],
                overdue_on=event.on,
                findings=conclusion.get("summary", ""),
                authority=conclusion.get("authority", ""),
            )
        )

    def scheduled(event: Any) -> Out:
        return _scheduled_fields(event, load(event.originator_id, event.originator_version))

    published: dict[str, Callable[[Any], Out]] = {
        "InspectionPlan.Generated": _planned,
        "Inspection.Scheduled": scheduled,
        "Inspection.Rescheduled": scheduled,
        "Inspection.Passed": passed,
        "Inspection.RemediationRequired": remediation,
        "Inspection.RemediationCompleted": completed,
        "Inspection.RemediationOverdue": overdue,
        "Inspection.Failed": failed,
    }

    def translate(event: Any) -> Out:
        make = published.get(type(event).__qualname__)
        return make(event) if make else ()

    return translate

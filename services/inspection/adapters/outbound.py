"""The one place where inspection's domain events become published contract events.

Only what `PUBLISHED` and `PUBLISHED_WITH_INSPECTION` map leaves the service: the
products list it keeps (`CertifiedProduct`), plan edits other than the plan itself and
the visits' detailed findings and evidence stay private."""

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


def _passed(event: Any, inspection: Any) -> Out:
    return _out(c.InspectionPassed(**_concluded(event, inspection)))


def _remediation(event: Any, inspection: Any) -> Out:
    return _out(
        c.RemediationRequired(
            **_concluded(event, inspection),
            deadline=event.conclusion["deadline"],
            follow_up_on=event.conclusion["follow_up_on"],
        )
    )


def _completed(event: Any, inspection: Any) -> Out:
    return _out(c.RemediationCompleted(**_concluded(event, inspection)))


def _failed(event: Any, inspection: Any) -> Out:
    return _out(
        c.InspectionFailed(**_concluded(event, inspection), ground=event.conclusion["ground"])
    )


def _overdue(event: Any, inspection: Any) -> Out:
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


PUBLISHED: dict[str, Callable[[Any], Out]] = {
    "InspectionPlan.Generated": _planned,
}
"""Plan events published from the event alone."""

PUBLISHED_WITH_INSPECTION: dict[str, Callable[[Any, Any], Out]] = {
    "Inspection.Scheduled": _scheduled_fields,
    "Inspection.Rescheduled": _scheduled_fields,
    "Inspection.Passed": _passed,
    "Inspection.RemediationRequired": _remediation,
    "Inspection.RemediationCompleted": _completed,
    "Inspection.RemediationOverdue": _overdue,
    "Inspection.Failed": _failed,
}
"""Inspection events published with the inspection as it was after them (its product,
kind, plan and last visit are not repeated in every event)."""


def translator(load: Callable[[UUID, int], Any]) -> Callable[[Any], Out]:
    """The relay's translation; `load(id, version)` gives the inspection as it was after
    an event (the conclusion events need the inspection's product and last visit)."""

    def translate(event: Any) -> Out:
        name = type(event).__qualname__
        if name in PUBLISHED:
            return PUBLISHED[name](event)
        make = PUBLISHED_WITH_INSPECTION.get(name)
        if make is None:
            return ()
        return make(event, load(event.originator_id, event.originator_version))

    return translate

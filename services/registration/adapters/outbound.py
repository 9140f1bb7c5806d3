"""The one place where registration's domain events become published contract events.

An explicit mapping: a new internal event is not published until it is added here.
Kept private on purpose: the producer's personal data, sealed in the store (only
`legal_rep_qualifies_3_2` goes out; the erasure is not published), the self-assessment,
the documents, the paper copy and samples, the commune report before it is forwarded,
and the index/sequence events."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from contracts import registration as c
from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.commands import envelope_fields


def _legacy(unit: dict[str, Any] | None) -> dict[str, Any]:
    if not unit:
        return {}
    return {
        "legacy_commune_code": unit["old_commune_code"],
        "legacy_district_code": unit["old_district_code"],
        "legacy_province_code": unit["old_province_code"],
    }


def _producer_registered(event: Any) -> IntegrationEvent:
    return c.ProducerRegistered(
        **envelope_fields(event),
        name=event.name,
        kind=event.kind,
        is_sme=event.is_sme,
        business_registration_no=event.business_registration_no,
        commune_code=event.commune_code,
        province_code=event.province_code,
        legal_rep_qualifies_3_2=event.qualifies_3_2,
        **_legacy(event.legacy_unit),
    )


def _product_registered(event: Any) -> IntegrationEvent:
    return c.ProductRegistered(
        **envelope_fields(event),
        producer_id=event.producer_id,
        name=event.name,
        product_set=event.product_set,
        commune_code=event.commune_code,
        province_code=event.province_code,
        idea_id=event.idea_id,
        **_legacy(event.legacy_unit),
    )


def _code_assigned(event: Any) -> IntegrationEvent:
    return c.ProductCodeAssigned(
        **envelope_fields(event),
        code=event.code,
        code_format=event.code_format,
        assigned_on=event.assigned_on,
    )


def _idea_registered(event: Any) -> IntegrationEvent:
    return c.IdeaRegistered(
        **envelope_fields(event),
        producer_id=event.producer_id,
        name=event.name,
        product_set=event.product_set,
        submitted_on=event.submitted_on,
    )


def _with(model: type[IntegrationEvent], *fields: str) -> Callable[[Any], IntegrationEvent]:
    def make(event: Any) -> IntegrationEvent:
        return model(**envelope_fields(event), **{f: getattr(event, f) for f in fields})

    return make


def _dossier_submitted(event: Any) -> IntegrationEvent:
    return c.DossierSubmitted(
        **envelope_fields(event),
        rule_set_id=event.rule_set_id,
        product_id=event.product_id,
        producer_id=event.producer_id,
        kind=event.kind,
        received_on=event.received_on,
        commune_code=event.commune_code,
        check_deadline=event.check_deadline,
        product_code=event.product_code,
    )


def _dossier_returned(event: Any) -> IntegrationEvent:
    return c.DossierReturned(
        **envelope_fields(event),
        product_id=_product_of(event),
        reason=event.reason,
        returned_on=event.returned_on,
    )


def _dossier_resubmitted(event: Any) -> IntegrationEvent:
    return c.DossierResubmitted(
        **envelope_fields(event),
        product_id=_product_of(event),
        received_on=event.received_on,
        check_deadline=event.check_deadline,
    )


def _product_of(event: Any) -> UUID:
    """Return/resubmit events name their product in `meta` (see the application)."""
    return UUID(event.meta["product_id"])


def _commune_assessed(event: Any) -> IntegrationEvent:
    """The commune's report (form 03) goes out when the dossier is forwarded."""
    snap = event.snapshot
    criteria = snap["criteria"]
    return c.CommuneAssessed(
        **envelope_fields(event),
        rule_set_id=event.rule_set_id,
        product_id=UUID(snap["product_id"]),
        producer_id=UUID(snap["producer_id"]),
        product_name=snap["product_name"],
        product_set=snap["product_set"],
        kind=snap["kind"],
        received_on=date.fromisoformat(snap["received_on"]),
        assessed_on=date.fromisoformat(snap["assessed_on"]),
        report_no=snap["report_no"],
        local_raw_material=criteria["local_raw_material"],
        local_labour=criteria["local_labour"],
        idea_origin=criteria["idea_origin"],
        local_identity=criteria["local_identity"],
        forwarded_to=event.forwarded_to,
        commune_code=snap["commune_code"],
        province_code=snap["province_code"],
        forwarded_on=event.forwarded_on,
        officer=snap["officer"],
        product_code=snap["product_code"],
        # a dossier forwarded before the name was carried has none in its stored snapshot
        producer_name=snap.get("producer_name") or None,
        **_legacy(snap.get("legacy_unit")),
    )


# Domain event class (qualified name) -> its public form. Anything else stays private.
PUBLISHED: dict[str, Callable[[Any], IntegrationEvent]] = {
    "Producer.Registered": _producer_registered,
    "ProductIdea.Registered": _idea_registered,
    "ProductIdea.Accepted": _with(c.IdeaAccepted, "decided_on"),
    "ProductIdea.Returned": _with(c.IdeaReturned, "reason", "decided_on"),
    "ProductIdea.Resubmitted": _with(c.IdeaResubmitted, "submitted_on"),
    "ProductIdea.PlanSubmitted": _with(c.BusinessPlanSubmitted, "submitted_on"),
    "ProductIdea.PlanApproved": _with(c.BusinessPlanApproved, "decided_on"),
    "ProductIdea.PlanReturned": _with(c.BusinessPlanReturned, "reason", "decided_on"),
    "Product.Registered": _product_registered,
    "Product.CodeAssigned": _code_assigned,
    "Dossier.Submitted": _dossier_submitted,
    "Dossier.Returned": _dossier_returned,
    "Dossier.Resubmitted": _dossier_resubmitted,
    "Dossier.Forwarded": _commune_assessed,
}


def translate(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    make = PUBLISHED.get(type(event).__qualname__)
    return ((topics.REGISTRATION_EVENTS, make(event)),) if make else ()

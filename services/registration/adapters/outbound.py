"""The one place where registration's domain events become published contract events.

An explicit mapping: a new internal event is not published until it is added here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from contracts import registration as c
from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.commands import envelope_fields


def _producer_registered(event: Any) -> IntegrationEvent:
    return c.ProducerRegistered(
        **envelope_fields(event),
        name=event.name,
        kind=event.kind,
        is_sme=event.is_sme,
        business_registration_no=event.business_registration_no,
        commune_code=event.commune_code,
        province_code=event.province_code,
    )


def _product_registered(event: Any) -> IntegrationEvent:
    return c.ProductRegistered(
        **envelope_fields(event),
        producer_id=event.producer_id,
        name=event.name,
        product_set=event.product_set,
        commune_code=event.commune_code,
        province_code=event.province_code,
    )


def _dossier_submitted(event: Any) -> IntegrationEvent:
    return c.DossierSubmitted(
        **envelope_fields(event),
        product_id=event.product_id,
        producer_id=event.producer_id,
        kind=event.kind,
        received_on=event.received_on,
        commune_code=event.commune_code,
    )


def _commune_assessed(event: Any) -> IntegrationEvent:
    snap = event.snapshot
    return c.CommuneAssessed(
        **envelope_fields(event),
        rule_set_id=event.rule_set_id,
        product_id=UUID(snap["product_id"]),
        producer_id=UUID(snap["producer_id"]),
        product_name=snap["product_name"],
        product_set=snap["product_set"],
        kind=snap["kind"],
        received_on=date.fromisoformat(snap["received_on"]),
        assessed_on=event.assessed_on,
        report_no=event.report_no,
        local_raw_material=event.criteria["local_raw_material"],
        local_labour=event.criteria["local_labour"],
        idea_origin=event.criteria["idea_origin"],
        local_identity=event.criteria["local_identity"],
        forwarded_to=event.forwarded_to,
        commune_code=snap["commune_code"],
        province_code=snap["province_code"],
    )


# Domain event class (qualified name) -> its public form. Anything else stays private.
PUBLISHED: dict[str, Callable[[Any], IntegrationEvent]] = {
    "Producer.Registered": _producer_registered,
    "Product.Registered": _product_registered,
    "Dossier.Submitted": _dossier_submitted,
    "Dossier.Assessed": _commune_assessed,
}


def translate(event: Any) -> Sequence[tuple[str, IntegrationEvent]]:
    make = PUBLISHED.get(type(event).__qualname__)
    return ((topics.REGISTRATION_EVENTS, make(event)),) if make else ()

"""The one place where registration's domain events become published contract events.

An explicit mapping: a new internal event is not published until it is added here."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from contracts import registration as c
from contracts import topics
from runtime.commands import envelope_fields
from services.registration.domain.model import Dossier, Producer, Product


def translate(event: Any) -> Sequence[tuple[str, BaseModel]]:
    published: BaseModel
    if isinstance(event, Producer.Registered):
        published = c.ProducerRegistered(
            **envelope_fields(event),
            name=event.name,
            kind=event.kind,
            is_sme=event.is_sme,
            business_registration_no=event.business_registration_no,
            commune_code=event.commune_code,
            province_code=event.province_code,
        )
    elif isinstance(event, Product.Registered):
        published = c.ProductRegistered(
            **envelope_fields(event),
            producer_id=event.producer_id,
            name=event.name,
            product_set=event.product_set,
            commune_code=event.commune_code,
            province_code=event.province_code,
        )
    elif isinstance(event, Dossier.Submitted):
        published = c.DossierSubmitted(
            **envelope_fields(event),
            product_id=event.product_id,
            producer_id=event.producer_id,
            kind=event.kind,
            received_on=event.received_on,
            commune_code=event.commune_code,
        )
    elif isinstance(event, Dossier.Assessed):
        snap = event.snapshot
        published = c.CommuneAssessed(
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
    else:
        return ()
    return ((topics.REGISTRATION_EVENTS, published),)

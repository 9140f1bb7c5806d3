"""Events in: the products under certificate, learnt from registration and evaluation.

Each handler returns the aggregates it changed; the application stores them with the
tracking record of the event (exactly-once effect). A certificate that ends (expired or
revoked) takes its product out of every plan where it is still open."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.evaluation import CertificateEnding, Recognized, certificate_end
from contracts.registration import ProductRegistered, place_of
from runtime.upstream import local_copy, upstream_meta
from services.inspection.application.core import SYSTEM, InspectionStore
from services.inspection.domain.plan import InspectionPlan
from services.inspection.domain.products import CertifiedProduct


def registered(store: InspectionStore, event: ProductRegistered) -> list[Aggregate]:
    meta = upstream_meta(event, SYSTEM)
    product = local_copy(store, CertifiedProduct, meta, product_id=event.aggregate_id)
    product.locate(name=event.name, **place_of(event), meta=meta)
    return [product]


def recognised(store: InspectionStore, event: Recognized) -> list[Aggregate]:
    meta = upstream_meta(event, SYSTEM)
    product = local_copy(store, CertifiedProduct, meta, product_id=event.product_id)
    product.certify(
        {
            "number": event.certificate_no or event.decision_no,
            "decision_no": event.decision_no,
            "star": event.star,
            "rule_set_id": event.rule_set_id or "",
            "issued_on": event.valid_from,
            "valid_to": event.valid_to,
            "authority": event.authority,
            "dossier_id": str(event.dossier_id),
        },
        meta,
    )
    return [product]


def _ended(
    store: InspectionStore, event: Any, number: str, reason: str, on: date
) -> list[Aggregate]:
    meta = upstream_meta(event, SYSTEM)
    product = local_copy(store, CertifiedProduct, meta, product_id=event.product_id)
    if not product.end(number, reason, on, meta):
        return []
    changed: list[Aggregate] = [product]
    if reason == "superseded":
        return changed
    for plan_id in product.plan_ids:
        plan = store.get_as(UUID(plan_id), InspectionPlan)
        if plan is not None and plan.withdraw(product.product_id, reason, on, meta):
            changed.append(plan)
    return changed


def ended(store: InspectionStore, event: CertificateEnding) -> list[Aggregate]:
    """A certificate expired, was superseded or was revoked (`certificate_end`)."""
    return _ended(store, event, *certificate_end(event))

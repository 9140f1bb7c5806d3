"""Events in: producers and products from registration, certificates from evaluation.

Each handler returns the aggregates it changed; the application stores them with the
tracking record of the event (exactly-once effect). A certificate that expires or is
revoked takes its product out of every showroom, every channel listing and every fair
that has not started, each withdrawal recording the reason (`expired` or `revoked`) and
the certificate. A certificate replaced by a newer one (CertificateSuperseded) withdraws
nothing: the product stays certified."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from contracts.evaluation import CertificateEnding, Recognized, certificate_end
from contracts.registration import ProducerRegistered, ProductRegistered, place_of
from runtime.upstream import local_copy, upstream_meta
from services.promotion.application.core import SYSTEM, PromotionStore
from services.promotion.domain.products import Producer, PromotedProduct
from services.promotion.domain.venues import Fair, Showroom


def producer_registered(store: PromotionStore, event: ProducerRegistered) -> list[Aggregate]:
    meta = upstream_meta(event, SYSTEM)
    producer = local_copy(store, Producer, meta, producer_id=event.aggregate_id)
    producer.locate(name=event.name, kind=str(event.kind), **place_of(event), meta=meta)
    return [producer]


def product_registered(store: PromotionStore, event: ProductRegistered) -> list[Aggregate]:
    meta = upstream_meta(event, SYSTEM)
    product = local_copy(store, PromotedProduct, meta, product_id=event.aggregate_id)
    producer_id = str(event.producer_id)
    product.locate(producer_id=producer_id, name=event.name, **place_of(event), meta=meta)
    producer = local_copy(store, Producer, meta, producer_id=event.producer_id)
    producer.add_product(str(event.aggregate_id), meta)
    return [product, producer]


def recognised(store: PromotionStore, event: Recognized) -> list[Aggregate]:
    meta = upstream_meta(event, SYSTEM)
    product = local_copy(store, PromotedProduct, meta, product_id=event.product_id)
    changed = product.certify(
        {
            "number": event.certificate_no or event.decision_no,
            "decision_no": event.decision_no,
            "star": event.star,
            "valid_from": event.valid_from,
            "valid_to": event.valid_to,
            "authority": event.authority,
        },
        meta,
    )
    return [product] if changed else []


def _ended(
    store: PromotionStore, event: Any, number: str, reason: str, on: date
) -> list[Aggregate]:
    meta = upstream_meta(event, SYSTEM)
    product = local_copy(store, PromotedProduct, meta, product_id=event.product_id)
    if not product.end(number, reason, on, meta):
        return []
    changed: list[Aggregate] = [product]
    if reason == "superseded" or product.holding() is not None:
        return changed  # still certified under a newer certificate
    return changed + withdraw_everywhere(store, product, reason, on, number, meta)


def withdraw_everywhere(
    store: PromotionStore,
    product: PromotedProduct,
    reason: str,
    on: date,
    certificate_no: str,
    meta: dict[str, Any],
) -> list[Aggregate]:
    """Take the product out of its showrooms, channel listings and future fairs."""
    changed: list[Aggregate] = []
    pid = str(product.product_id)
    for showroom_id in list(product.showroom_ids):
        showroom = store.get_as(UUID(showroom_id), Showroom)
        if showroom is not None and showroom.withdraw(pid, reason, on, certificate_no, meta):
            changed.append(showroom)
        product.taken_down(showroom_id, meta)
    for fair_id in product.fair_ids:
        fair = store.get_as(UUID(fair_id), Fair)
        if fair is not None and fair.withdraw(pid, reason, on, certificate_no, meta):
            changed.append(fair)
    if product.producer_id:
        producer = store.get_as(Producer.id_for(UUID(product.producer_id)), Producer)
        if producer is not None:
            for channel_id in producer.channels_listing(pid):
                producer.withdraw_listing(channel_id, pid, reason, on, certificate_no, meta)
            if producer.pending_events:
                changed.append(producer)
    return changed


def ended(store: PromotionStore, event: CertificateEnding) -> list[Aggregate]:
    """A certificate expired, was superseded or was revoked (`certificate_end`)."""
    return _ended(store, event, *certificate_end(event))

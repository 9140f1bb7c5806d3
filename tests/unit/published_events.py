"""Published events as the consuming services receive them, built once for the tests of
reporting, inspection, promotion, the runtime and the contracts.

- `envelope` / `envelope_on`: the fields every contract event carries (`IntegrationEvent`):
  a fresh event id, version 1, a fresh correlation id; at `AT` by the system actor, or at
  09:00 UTC of a given day by a given actor.
- `cooperative_in`, `registered_in`, `certificate`: a producer and its product registered
  in given units and certified, as inspection, promotion and the scope tests seed them.
- `product_registered`, `dossier_submitted`, `scored`, `recognized`: one product's path
  from registration to recognition (province 51, commune 23500, product set 13, 3 stars,
  decided 25/06/2026 and valid to 25/06/2029 unless told otherwise);
  `recognition_path` gives the four as (topic, event) pairs in publishing order.
- `message` / `as_published`: events as the relays put them on the bus (`InMessage`,
  keyed by aggregate id, headed by source and notification id).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from contracts import topics
from contracts.envelope import Actor
from contracts.evaluation import Recognized, Scored
from contracts.registration import DossierSubmitted, ProducerRegistered, ProductRegistered
from runtime.messages import HEADER_NOTIFICATION_ID, HEADER_SOURCE, InMessage

WHO = Actor(id="x", role="system")
AT = datetime(2026, 6, 1, tzinfo=UTC)


def envelope(aggregate_id: object = None, **more: Any) -> dict[str, Any]:
    """The envelope of an event of `aggregate_id` (a fresh one if None) at `AT` by the
    system actor; `more` adds or overrides fields (e.g. `occurred_at`, `rule_set_id`)."""
    return {
        "event_id": uuid4(),
        "aggregate_id": aggregate_id or uuid4(),
        "aggregate_version": 1,
        "occurred_at": AT,
        "actor": WHO,
        "correlation_id": uuid4(),
        **more,
    }


def envelope_on(aggregate_id: UUID, day: date, actor: Actor, **more: Any) -> dict[str, Any]:
    """The envelope of an event `actor` published at 09:00 UTC on `day`."""
    occurred_at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    return envelope(aggregate_id, occurred_at=occurred_at, actor=actor, **more)


def product_registered(
    product_id: UUID,
    name: str = "Cà phê Đăk Hà",
    product_set: int = 13,
    commune_code: str = "23500",
) -> ProductRegistered:
    """The registration of `product_id` in province 51, as the read models receive it."""
    return ProductRegistered(
        **envelope(product_id),
        producer_id=uuid4(),
        name=name,
        product_set=product_set,
        commune_code=commune_code,
        province_code="51",
    )


def dossier_submitted(
    dossier_id: UUID,
    product_id: UUID,
    received_on: date = date(2026, 6, 1),
    kind: str = "first",
    **more: Any,
) -> DossierSubmitted:
    """A dossier of `product_id` (`kind`: first, re_evaluation, upgrade) received at
    commune 23500 on `received_on`; `more` goes to the envelope (e.g. `occurred_at`)."""
    return DossierSubmitted(
        **envelope(dossier_id, **more),
        product_id=product_id,
        producer_id=uuid4(),
        kind=kind,
        received_on=received_on,
        commune_code="23500",
    )


def scored(dossier_id: UUID, product_id: UUID, explanation: str = "…") -> Scored:
    """The council's score of the dossier: 65.50 points, 3 stars, recognised."""
    return Scored(
        **envelope(),
        dossier_id=dossier_id,
        product_id=product_id,
        product_set=13,
        score=Decimal("65.50"),
        star_band=3,
        outcome="recognised",
        explanation=explanation,
    )


def recognized(
    dossier_id: UUID,
    product_id: UUID,
    decision_no: str = "12/QĐ-UBND",
    decided_on: date = date(2026, 6, 25),
    valid_to: date = date(2029, 6, 25),
    authority: str = "province",
    certificate_no: str = "",
) -> Recognized:
    """A 3-star recognition decision of the dossier, valid from `decided_on`."""
    return Recognized(
        **envelope(),
        dossier_id=dossier_id,
        product_id=product_id,
        star=3,
        decision_no=decision_no,
        decided_on=decided_on,
        authority=authority,
        valid_from=decided_on,
        valid_to=valid_to,
        certificate_no=certificate_no,
    )


def cooperative_in(
    producer_id: UUID, name: str, day: date, actor: Actor, **units: str | None
) -> ProducerRegistered:
    """A cooperative registered on `day` in `units` (as `registered_in`)."""
    return ProducerRegistered(
        **envelope_on(producer_id, day, actor), name=name, kind="cooperative", **units
    )


def registered_in(
    product_id: UUID, producer_id: UUID, name: str, day: date, actor: Actor, **units: str | None
) -> ProductRegistered:
    """A product of set 1 registered on `day` in `units` (`commune_code`, `province_code`,
    `legacy_district_code`)."""
    return ProductRegistered(
        **envelope_on(product_id, day, actor),
        producer_id=producer_id,
        name=name,
        product_set=1,
        **units,
    )


def certificate(
    product_id: UUID,
    on: date,
    actor: Actor,
    *,
    star: int,
    decision_no: str,
    authority: str,
    valid_to: date,
    rule_set_id: str,
) -> Recognized:
    """A recognition of `product_id` (a dossier of its own) decided and valid from `on`,
    its certificate numbered GCN- and the product id's first six hex digits."""
    return Recognized(
        **envelope_on(uuid4(), on, actor, rule_set_id=rule_set_id),
        dossier_id=uuid4(),
        product_id=product_id,
        star=star,
        decision_no=decision_no,
        decided_on=on,
        authority=authority,
        valid_from=on,
        valid_to=valid_to,
        certificate_no=f"GCN-{product_id.hex[:6]}",
    )


def recognition_path(
    product_id: UUID,
    dossier_id: UUID,
    name: str = "Cà phê Đăk Hà",
    decision_no: str = "12/QĐ-UBND",
    explanation: str = "…",
) -> list[tuple[str, Any]]:
    """(topic, event) for the product registered, its dossier submitted, scored and
    recognised, in the order the relays publish them."""
    return [
        (topics.REGISTRATION_EVENTS, product_registered(product_id, name)),
        (topics.REGISTRATION_EVENTS, dossier_submitted(dossier_id, product_id)),
        (topics.EVALUATION_EVENTS, scored(dossier_id, product_id, explanation)),
        (topics.EVALUATION_EVENTS, recognized(dossier_id, product_id, decision_no)),
    ]


def source_of(topic: str) -> str:
    """The publishing service of an events topic (`ocop.<source>.events.v1`)."""
    return topic.split(".")[1]


def message(topic: str, offset: int, event: Any, position: int) -> InMessage:
    """`event` at `offset` of partition 0 of `topic`, as its source's relay publishes it
    with notification id `position`."""
    return InMessage(
        topic,
        0,
        offset,
        str(event.aggregate_id).encode(),
        event.model_dump_json().encode(),
        {HEADER_SOURCE: source_of(topic), HEADER_NOTIFICATION_ID: str(position)},
    )


def as_published(facts: Iterable[tuple[str, Any]]) -> list[InMessage]:
    """The (topic, event) pairs as one partition's messages, offsets from 0, each
    source's notification ids counted from 1 (as each relay counts them)."""
    out: list[InMessage] = []
    positions: dict[str, int] = {}
    for topic, event in facts:
        source = source_of(topic)
        positions[source] = positions.get(source, 0) + 1
        out.append(message(topic, len(out), event, positions[source]))
    return out

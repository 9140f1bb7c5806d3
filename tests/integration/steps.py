"""Steps the integration tests share on the real broker and stores: a publisher, a contract
event as the message its service's relay sends, a relay run once or to the end, a message
no contract reads, a service's consumer running in a consumer group, and the registration
journey that feeds them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Any
from uuid import UUID

from aiokafka import AIOKafkaProducer

from contracts import topics
from contracts.envelope import IntegrationEvent
from runtime.commands import CommandContext
from runtime.consumer import TrackedConsumer
from runtime.kafka import KafkaDeadLetters, KafkaPublisher, build_broker, subscribe
from runtime.messages import HEADER_EVENT_TYPE, HEADER_NOTIFICATION_ID, HEADER_SOURCE, OutMessage
from runtime.settings import Settings
from services.registration.application import RegistrationApp
from services.registration.bootstrap import Registration
from services.reporting.bootstrap import ReportingService
from tests.conftest import kafka_bootstrap
from tests.unit.registration.helpers import complete


@asynccontextmanager
async def kafka_publisher(prefix: str, client: str) -> AsyncIterator[KafkaPublisher]:
    """A publisher to the topics under `prefix`, on a broker connection (client id
    `client`) of its own, closed on exit."""
    broker = build_broker(kafka_bootstrap(), client)
    await broker.connect()
    try:
        yield KafkaPublisher(broker, prefix)
    finally:
        await broker.stop()


def contract_message(
    event: IntegrationEvent, topic: str, source: str, notification_id: int = 1
) -> OutMessage:
    """`event` as `source`'s relay publishes it on `topic`: keyed by its aggregate, with
    the source, notification id and event type in its headers."""
    return OutMessage(
        topic=topic,
        key=str(event.aggregate_id).encode(),
        value=event.model_dump_json().encode(),
        headers={
            HEADER_SOURCE: source,
            HEADER_NOTIFICATION_ID: str(notification_id),
            HEADER_EVENT_TYPE: event.event_type,
        },
    )


async def relay_all(relay: Any) -> None:
    """Run `relay` until it finds nothing more to publish."""
    while await relay.run_once():
        pass


async def relay_once(service: Any, settings: Settings, prefix: str) -> None:
    """`service`'s relay publishes, once, what its store holds to the topics under `prefix`."""
    async with kafka_publisher(prefix, "relay-test") as publisher:
        await service.relay(publisher, settings).run_once()


async def send_unreadable(prefix: str, topic: str, value: bytes) -> None:
    """A message no contract reads (key `poison`, from an `intruder`) sent to `topic`."""
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(), acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(
            prefix + topic,
            value=value,
            key=b"poison",
            headers=[(HEADER_SOURCE, b"intruder"), (HEADER_NOTIFICATION_ID, b"1")],
        )
    finally:
        await producer.stop()


@asynccontextmanager
async def streaming(
    consumer: TrackedConsumer, subscribed: tuple[str, ...], prefix: str, group: str
) -> AsyncIterator[None]:
    """A real FastStream subscriber running `consumer` in consumer group `group`."""
    broker = build_broker(kafka_bootstrap(), f"{group}-test")
    dlq = prefix + topics.dead_letter_topic(consumer.service)
    subscribe(
        broker,
        consumer,
        KafkaDeadLetters(broker, dlq),
        list(subscribed),
        group,
        topic_prefix=prefix,
    )
    await broker.start()
    try:
        yield
    finally:
        await broker.stop()


def journey(registration: Registration, actor: CommandContext, products: int) -> None:
    """One cooperative's `products` products, each with its dossier assessed by the
    commune and forwarded."""
    app = registration.app
    producer = app.producers.register_producer(
        actor,
        name="HTX Đăk Mar",
        kind="cooperative",
        commune_code="23500",
        legal_representative="A Thị Hoa",
    )
    for n in range(products):
        product = app.products.register_product(
            actor, producer_id=producer, name=f"Cà phê số {n}", product_set=13
        )
        dossier = app.dossiers.submit_dossier(
            actor, product_id=product, kind="first", received_on=date(2026, 6, 1)
        )
        assessed_and_forwarded(app, actor, dossier, f"{n}/BC", date(2026, 6, 5))


def assessed_and_forwarded(
    app: RegistrationApp, actor: CommandContext, dossier: UUID, report_no: str, on: date
) -> None:
    """`dossier` made complete (`complete`), then the commune's report `report_no` (form 03,
    every local criterion met) and the forwarding, both on `on`."""
    complete(app, actor, dossier)
    app.assessment.assess_dossier(
        actor,
        dossier_id=dossier,
        report_no=report_no,
        assessed_on=on,
        local_raw_material=True,
        local_labour=True,
        idea_origin=True,
        local_identity=True,
    )
    app.assessment.forward_dossier(actor, dossier_id=dossier, forwarded_on=on)


def catalogue(reporting: ReportingService) -> list[dict[str, Any]]:
    """Reporting's product catalogue (its read model's rows)."""
    return reporting.app.list_products()

"""Kafka with SASL/SCRAM over TLS and ACLs per principal (KRaft's StandardAuthorizer),
on a broker of its own (deploy/kafka/kafka.sh with KAFKA_SECURITY=sasl_ssl, own ports and
state dir; the shared plaintext broker is never touched). The province's principal reads
only ocop.evaluation.province-forwarded.v1 and writes only ocop.province.results.v1."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import KafkaError, TopicAuthorizationFailedError

from contracts.envelope import Actor
from contracts.topics import every_topic
from runtime.commands import CommandContext
from runtime.kafka import KafkaPublisher, raw_bodies
from runtime.kafka_auth import client_security
from runtime.serving import kafka_broker
from runtime.settings import Settings
from services.registration.bootstrap import build as build_registration
from tests import secure_kafka
from tests.secure_kafka import BOOTSTRAP, SCRAM

pytestmark = pytest.mark.kafka

FORWARDED = "ocop.evaluation.province-forwarded.v1"
RESULTS = "ocop.province.results.v1"


@pytest.fixture(scope="module")
def secured_broker() -> Iterator[str]:
    with secure_kafka.running() as bootstrap:
        yield bootstrap


async def produce(principal: str, topic: str) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=BOOTSTRAP,
        request_timeout_ms=10000,
        **client_security(SCRAM / f"{principal}.json"),
    )
    await producer.start()
    try:
        await asyncio.wait_for(producer.send_and_wait(topic, uuid.uuid4().bytes), 30)
    finally:
        await producer.stop()


async def consume(principal: str, topic: str) -> tuple[set[str], int]:
    """The topics `principal` can see, and how many records it read from `topic`."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=BOOTSTRAP,
        group_id=principal,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        **client_security(SCRAM / f"{principal}.json"),
    )
    try:
        await consumer.start()
        visible = set(await consumer.topics())
        records = await asyncio.wait_for(consumer.getmany(timeout_ms=5000), 30)
        return visible, sum(len(batch) for batch in records.values())
    finally:
        await consumer.stop()


async def test_the_province_reads_only_forwarded_dossiers_and_writes_only_results(
    secured_broker: str,
) -> None:
    await produce("evaluation", FORWARDED)
    visible, read = await consume("province", FORWARDED)
    assert visible == {FORWARDED, RESULTS}
    assert read >= 1
    await produce("province", RESULTS)
    for topic in (t.name for t in every_topic()):
        if topic != FORWARDED:
            with pytest.raises(TopicAuthorizationFailedError):
                await consume("province", topic)
        if topic != RESULTS:
            with pytest.raises(TopicAuthorizationFailedError):
                await produce("province", topic)


async def test_each_service_writes_only_its_own_topics(secured_broker: str) -> None:
    await produce("registration", "ocop.registration.events.v1")
    with pytest.raises(TopicAuthorizationFailedError):
        await produce("registration", "ocop.evaluation.events.v1")
    with pytest.raises(TopicAuthorizationFailedError):
        await produce("reporting", "ocop.registration.events.v1")


async def test_a_wrong_password_or_plaintext_gets_nowhere(
    secured_broker: str, tmp_path: Path
) -> None:
    forged = tmp_path / "province.json"
    forged.write_text(
        (SCRAM / "province.json").read_text().replace('"password": "', '"password": "x')
    )
    with pytest.raises(KafkaError):
        await consume_with(forged)
    plain = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, request_timeout_ms=5000)
    with pytest.raises(KafkaError):
        await asyncio.wait_for(plain.start(), 30)
    await plain.stop()


async def consume_with(config: Path) -> None:
    consumer = AIOKafkaConsumer(
        FORWARDED, bootstrap_servers=BOOTSTRAP, group_id="province", **client_security(config)
    )
    try:
        await asyncio.wait_for(consumer.start(), 30)
    finally:
        await consumer.stop()


async def test_the_services_own_processes_connect_as_their_principals(
    secured_broker: str, tmp_path: Path
) -> None:
    """The distributed processes' own wiring (runtime.serving.kafka_broker with
    OCOP_KAFKA_CREDENTIALS_DIR): registration's relay publishes its events as
    `registration`, evaluation's stream reads them as `evaluation` in its group; the
    relay's principal may not publish evaluation's topic."""
    settings = Settings(
        store="memory",
        data_dir=tmp_path,
        kafka_bootstrap=BOOTSTRAP,
        kafka_credentials_dir=SCRAM,
    )
    registration = build_registration(settings)
    producer = registration.app.producers.register_producer(
        CommandContext(Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")),
        name="HTX SASL",
        kind="cooperative",
        commune_code="23500",
        legal_representative="A",
    )
    relay_broker = kafka_broker(settings, "registration-relay", "registration")
    await relay_broker.connect()
    try:
        relay = registration.relay(KafkaPublisher(relay_broker), settings)
        assert await relay.run_once() >= 1
        with pytest.raises(KafkaError):
            await asyncio.wait_for(relay_broker.publish(b"x", "ocop.evaluation.events.v1"), 30)
    finally:
        await relay_broker.stop()
    stream_broker = kafka_broker(settings, "evaluation-stream", "evaluation")
    seen: list[bytes] = []

    @stream_broker.subscriber(
        "ocop.registration.events.v1",
        group_id="evaluation",
        auto_offset_reset="earliest",
        decoder=raw_bodies,
    )
    async def handle(body: bytes) -> None:
        seen.append(body)

    await stream_broker.start()
    try:
        for _ in range(60):
            if any(str(producer).encode() in body for body in seen):
                break
            await asyncio.sleep(0.5)
    finally:
        await stream_broker.stop()
    assert any(str(producer).encode() in body for body in seen)
    with pytest.raises(FileNotFoundError):
        kafka_broker(settings, "x", "no-such-service")

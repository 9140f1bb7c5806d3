"""The registration cycle on real stores and the real broker: the same journey on SQLite and
PostgreSQL (documents on disk, state rebuilt from the store), and every published event type
across Kafka, readable by the contract, keyed by its aggregate, without personal data."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date
from typing import Any
from uuid import UUID

import pytest
from aiokafka import AIOKafkaConsumer

from contracts import topics
from contracts.generate import event_models, event_type_of
from contracts.registration import REGISTRATION_EVENTS
from contracts.registry import parse
from runtime.commands import CommandContext
from runtime.settings import Settings
from services.registration.adapters import outbound
from services.registration.application import RegistrationApp
from services.registration.bootstrap import build
from tests.conftest import kafka_bootstrap
from tests.integration.steps import relay_once
from tests.unit.registration.helpers import PDF, assess, complete, producer


def every_step(app: RegistrationApp, actor: CommandContext) -> UUID:
    """Idea returned and resubmitted, plan returned and approved, dossier returned and
    resubmitted, then assessed and forwarded: every published event type once or more."""
    producer_id = producer(
        app,
        actor,
        commune_code="",
        legacy_commune_code="23425",
        legal_rep_gender="female",
        legal_rep_ethnicity="Xơ Đăng",
        business_registration_no="6100000777",
    )
    idea = app.ideas.register_idea(
        actor,
        producer_id=producer_id,
        name="Sâm Ngọc Linh",
        product_set=20,
        submitted_on=date(2026, 3, 2),
    )
    app.ideas.return_idea(
        actor, idea_id=idea, reason="Thiếu vùng trồng", decided_on=date(2026, 3, 4)
    )
    app.ideas.resubmit_idea(actor, idea_id=idea, submitted_on=date(2026, 3, 9))
    app.ideas.accept_idea(actor, idea_id=idea, decided_on=date(2026, 3, 16))
    app.ideas.submit_business_plan(actor, idea_id=idea, summary="PA", submitted_on=date(2026, 4, 1))
    app.ideas.return_business_plan(
        actor, idea_id=idea, reason="Bao bì", decided_on=date(2026, 4, 3)
    )
    app.ideas.submit_business_plan(
        actor, idea_id=idea, summary="PA 2", submitted_on=date(2026, 4, 6)
    )
    app.ideas.approve_business_plan(actor, idea_id=idea, decided_on=date(2026, 4, 15))
    product_id = app.products.register_product(actor, idea_id=idea)
    dossier = app.dossiers.submit_dossier(
        actor, product_id=product_id, kind="first", received_on=date(2026, 6, 1)
    )
    app.dossiers.return_dossier(
        actor, dossier_id=dossier, reason="Thiếu mẫu", returned_on=date(2026, 6, 2)
    )
    complete(app, actor, dossier)
    app.dossiers.resubmit_dossier(actor, dossier_id=dossier, received_on=date(2026, 6, 4))
    assess(app, actor, dossier, date(2026, 6, 10))
    app.assessment.forward_dossier(actor, dossier_id=dossier, forwarded_on=date(2026, 6, 11))
    return dossier


@pytest.mark.postgres
def test_the_cycle_on_real_stores(store_settings: Settings, actor: CommandContext) -> None:
    app = build(store_settings).app
    dossier_id = every_step(app, actor)
    sha = next(iter(app.get_dossier(dossier_id).documents))
    assert (store_settings.data_dir / "documents" / sha[:2] / sha[2:]).read_bytes() == PDF + b"\x00"
    again = build(store_settings).app  # state comes back from the store alone
    dossier = again.get_dossier(dossier_id)
    assert (dossier.status, dossier.forwarded_to, len(dossier.returns)) == (
        "forwarded",
        "province",
        1,
    )
    assert dossier.product_code == "51-23425-1-2026"
    product = again.get_product(dossier.product_id)
    assert product.legacy_unit is not None and product.legacy_unit["old_district_code"] == "617"
    assert again.document(sha) == PDF + b"\x00"


@pytest.mark.kafka
@pytest.mark.postgres
async def test_every_event_type_crosses_kafka(
    postgres_settings: Settings, topic_prefix: str, actor: CommandContext
) -> None:
    registration = build(postgres_settings)
    every_step(registration.app, actor)
    app = registration.app
    notes = app.recorder.select_notifications(start=1, limit=1000)
    sent = sum(len(outbound.translate(app.mapper.to_domain_event(n))) for n in notes)
    await relay_once(registration, postgres_settings, topic_prefix)
    reader = AIOKafkaConsumer(
        topic_prefix + topics.REGISTRATION_EVENTS,
        bootstrap_servers=kafka_bootstrap(),
        group_id=f"check-{uuid.uuid4().hex}",
        auto_offset_reset="earliest",
    )
    await reader.start()
    records: list[Any] = []
    try:
        deadline = asyncio.get_running_loop().time() + 30
        while len(records) < sent and asyncio.get_running_loop().time() < deadline:
            batches = await reader.getmany(timeout_ms=1000)
            records += [r for b in batches.values() for r in b]
    finally:
        await reader.stop()
    assert sent > 0 and len(records) == sent
    events = [parse(topics.REGISTRATION_EVENTS, r.value) for r in records]
    assert {e.event_type for e in events} == {
        event_type_of(m) for m in event_models(REGISTRATION_EVENTS)
    }
    assert all(r.key == str(e.aggregate_id).encode() for r, e in zip(records, events, strict=True))
    assert not any(
        b"X\xc6\xa1 \xc4\x90\xc4\x83ng" in r.value or b"female" in r.value for r in records
    )
    producer_event = next(e for e in events if e.event_type == "ProducerRegistered")
    assert producer_event.legal_rep_qualifies_3_2 and producer_event.legacy_district_code == "617"

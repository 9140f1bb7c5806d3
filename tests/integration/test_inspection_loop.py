"""The inspection loop through the real Kafka broker, both services on PostgreSQL: a
Kon Tum product recognised 3★ by its district (R1, May 2025) is in the province's Q3 2025
plan; the visit fails (ground b); InspectionFailed opens a revocation in evaluation; the
province chairman — who holds the abolished district's power to revoke (R1, after
30/06/2025) — revokes within the rule set's limit; Revoked reaches inspection, which
withdraws the product from the Q3 plan, and the Q4 plan is generated without it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest

from contracts import topics
from contracts.envelope import Actor
from contracts.registration import ProductRegistered
from rules import load_rule_set, revocation_deadline
from runtime.clock import FixedClock
from runtime.errors import CommandRejected
from runtime.kafka import KafkaPublisher, build_broker
from runtime.messages import HEADER_EVENT_TYPE, HEADER_NOTIFICATION_ID, HEADER_SOURCE, OutMessage
from runtime.settings import Settings
from services.evaluation.bootstrap import build as build_evaluation
from services.inspection.application import InspectionApp
from services.inspection.bootstrap import build as build_inspection
from services.inspection.domain.products import CertifiedProduct
from tests.conftest import eventually, kafka_bootstrap
from tests.integration.test_exactly_once import streaming
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    SCORERS,
    adopt,
    arrive,
)
from tests.unit.inspection.helpers import ALL_GOOD, OFFICER, TEAM

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]


async def test_a_failed_inspection_revokes_and_the_next_plan_leaves_the_product_out(
    postgres_settings: Settings, topic_prefix: str
) -> None:
    evaluation = build_evaluation(
        postgres_settings, clock=FixedClock(datetime(2025, 9, 30, 9, tzinfo=UTC))
    )
    inspection = build_inspection(
        postgres_settings, clock=FixedClock(datetime(2025, 9, 30, 9, tzinfo=UTC))
    )
    ev = evaluation.app
    dossier = arrive(
        ev,
        level="district",
        rule_set="R1",
        received=date(2025, 3, 1),
        assessed_on=date(2025, 3, 20),
    )
    adopt(ev, dossier.aggregate_id, date(2025, 5, 20), dict.fromkeys(SCORERS, 60), 3, "R1")
    ev.decisions.issue_decision(
        DISTRICT_AUTHORITY,
        decision_no="5/QĐ-UBND",
        decided_on=date(2025, 5, 25),
        signer="Chủ tịch UBND huyện",
        dossier_ids=[dossier.aggregate_id],
    )
    product_id = dossier.product_id
    registered = ProductRegistered(
        event_id=uuid4(),
        aggregate_id=product_id,
        aggregate_version=1,
        occurred_at=datetime(2025, 2, 20, tzinfo=UTC),
        actor=Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500"),
        correlation_id=uuid4(),
        producer_id=dossier.producer_id,
        name=dossier.product_name,
        product_set=13,
        commune_code="23500",
        province_code="51",
        legacy_district_code="610",
    )
    broker = build_broker(kafka_bootstrap(), "inspection-loop-test")
    await broker.connect()
    try:
        publisher = KafkaPublisher(broker, topic_prefix)
        await publisher.publish(
            [
                OutMessage(
                    topic=topics.REGISTRATION_EVENTS,
                    key=str(product_id).encode(),
                    value=registered.model_dump_json().encode(),
                    headers={
                        HEADER_SOURCE: "registration",
                        HEADER_NOTIFICATION_ID: "1",
                        HEADER_EVENT_TYPE: registered.event_type,
                    },
                )
            ]
        )
        ev_relay = evaluation.relay(publisher, postgres_settings)
        in_relay = inspection.relay(publisher, postgres_settings)
        async with (
            streaming(
                inspection.consumer(postgres_settings),
                topics.subscriptions("inspection"),
                topic_prefix,
                f"{topic_prefix}inspection",
            ),
            streaming(
                evaluation.consumer(postgres_settings),
                (topics.INSPECTION_EVENTS,),
                topic_prefix,
                f"{topic_prefix}evaluation",
            ),
        ):
            while await ev_relay.run_once():
                pass
            app = inspection.app
            await eventually(lambda: listed(app, product_id))
            q3 = app.plans.generate(OFFICER, on=date(2025, 7, 1))
            assert str(product_id) in q3.entries
            visit = app.plans.schedule(
                OFFICER,
                plan_id=q3.id,
                product_id=product_id,
                planned_on=date(2025, 8, 12),
                team=TEAM,
            )
            app.visits.record_visit(
                OFFICER,
                inspection_id=visit.id,
                visited_on=date(2025, 8, 12),
                team=TEAM,
                findings={**ALL_GOOD, "quality": (False, "Không duy trì công bố chất lượng")},
                outcome="failed",
                ground="b",
                conclusion_no="KL-07/2025",
            )
            while await in_relay.run_once():
                pass

            def case() -> dict[str, Any] | None:
                cert = ev.get_certification(product_id).holding()
                return cert["revocation"] if cert else None

            opened = await eventually(case)
            assert opened["ground"] == "b"
            limit = revocation_deadline(date(2025, 8, 12), load_rule_set("R1"))
            assert opened["decide_by"] == limit
            decided_on = date(2025, 8, 20)
            assert limit is None or decided_on <= limit
            # The abolished district may no longer revoke; the province chairman does.
            with pytest.raises(CommandRejected) as refused:
                ev.certificates.decide_revocation(
                    DISTRICT_AUTHORITY,
                    product_id=product_id,
                    decision_no="9/QĐ-UBND",
                    decided_on=decided_on,
                    signer="Chủ tịch UBND huyện",
                )
            assert refused.value.kind == "permission_denied"
            ev.certificates.decide_revocation(
                AUTHORITY,
                product_id=product_id,
                decision_no="402/QĐ-UBND",
                decided_on=decided_on,
                signer="Chủ tịch UBND tỉnh",
            )
            while await ev_relay.run_once():
                pass
            await eventually(lambda: app.product(product_id).status() == "revoked")
        entry = app.plan(q3.id).entries[str(product_id)]
        assert (entry["status"], entry["outcome"]) == ("inspected", "failed")
        q4 = app.plans.generate(OFFICER, on=date(2025, 10, 1))
        assert str(product_id) not in q4.entries
    finally:
        await broker.stop()


def listed(app: InspectionApp, product_id: UUID) -> bool:
    """The product's place and certificate have both arrived (two topics, any order)."""
    found = app.get_as(CertifiedProduct.id_for(product_id), CertifiedProduct)
    return found is not None and bool(found.province_code) and found.holding() is not None

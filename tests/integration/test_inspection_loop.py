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
from contracts.registration import CommuneAssessed, ProductRegistered
from rules import load_rule_set, revocation_deadline
from runtime.clock import FixedClock
from runtime.commands import CommandContext
from runtime.errors import CommandRejected
from runtime.settings import Settings
from services.evaluation.application import EvaluationApp
from services.evaluation.bootstrap import build as build_evaluation
from services.inspection.application import InspectionApp
from services.inspection.bootstrap import build as build_inspection
from services.inspection.domain.products import CertifiedProduct
from tests.conftest import eventually
from tests.integration.steps import contract_message, kafka_publisher, relay_all, streaming
from tests.unit.evaluation.helpers import (
    AUTHORITY,
    DISTRICT_AUTHORITY,
    SCORERS,
    adopt,
    arrive,
    decide,
)
from tests.unit.inspection.helpers import ALL_GOOD, OFFICER, TEAM

pytestmark = [pytest.mark.kafka, pytest.mark.postgres]
TODAY = datetime(2025, 9, 30, 9, tzinfo=UTC)
DISTRICT_SIGNER = "Chủ tịch UBND huyện"


async def test_a_failed_inspection_revokes_and_the_next_plan_leaves_the_product_out(
    postgres_settings: Settings, topic_prefix: str
) -> None:
    evaluation = build_evaluation(postgres_settings, clock=FixedClock(TODAY))
    inspection = build_inspection(postgres_settings, clock=FixedClock(TODAY))
    ev, app = evaluation.app, inspection.app
    dossier = recognised_by_the_district(ev)
    product_id = dossier.product_id
    registered = contract_message(
        registered_in_kon_tum(dossier), topics.REGISTRATION_EVENTS, "registration"
    )
    async with kafka_publisher(topic_prefix, "inspection-loop-test") as publisher:
        await publisher.publish([registered])
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
            await relay_all(ev_relay)
            await eventually(lambda: listed(app, product_id))
            q3 = app.plans.generate(OFFICER, on=date(2025, 7, 1))
            assert str(product_id) in q3.entries
            failed_visit(app, q3.id, product_id)
            await relay_all(in_relay)
            opened = await eventually(lambda: revocation_case(ev, product_id))
            assert opened["ground"] == "b"
            limit = revocation_deadline(date(2025, 8, 12), load_rule_set("R1"))
            assert opened["decide_by"] == limit
            decided_on = date(2025, 8, 20)
            assert limit is None or decided_on <= limit
            # The abolished district may no longer revoke; the province chairman does.
            with pytest.raises(CommandRejected) as refused:
                revoke(ev, product_id, decided_on, DISTRICT_AUTHORITY, "9/QĐ-UBND", DISTRICT_SIGNER)
            assert refused.value.kind == "permission_denied"
            revoke(ev, product_id, decided_on, AUTHORITY, "402/QĐ-UBND", "Chủ tịch UBND tỉnh")
            await relay_all(ev_relay)
            await eventually(lambda: app.product(product_id).status() == "revoked")
        entry = app.plan(q3.id).entries[str(product_id)]
        assert (entry["status"], entry["outcome"]) == ("inspected", "failed")
        q4 = app.plans.generate(OFFICER, on=date(2025, 10, 1))
        assert str(product_id) not in q4.entries


def recognised_by_the_district(ev: EvaluationApp) -> CommuneAssessed:
    """A dossier of district 610 under R1, scored 60 by each member on 20/05/2025 and
    recognised 3★ by the district's decision of 25/05/2025."""
    dossier = arrive(
        ev,
        level="district",
        rule_set="R1",
        received=date(2025, 3, 1),
        assessed_on=date(2025, 3, 20),
    )
    adopt(ev, dossier.aggregate_id, date(2025, 5, 20), dict.fromkeys(SCORERS, 60), 3, "R1")
    decide(
        ev,
        dossier.aggregate_id,
        "5/QĐ-UBND",
        date(2025, 5, 25),
        by=DISTRICT_AUTHORITY,
        signer=DISTRICT_SIGNER,
    )
    return dossier


def registered_in_kon_tum(dossier: CommuneAssessed) -> ProductRegistered:
    """Registration's event of `dossier`'s product: Kon Tum (51), commune 23500, whose
    district before the reform was 610."""
    return ProductRegistered(
        event_id=uuid4(),
        aggregate_id=dossier.product_id,
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


def failed_visit(app: InspectionApp, plan_id: UUID, product_id: UUID) -> None:
    """The product's visit in the plan, scheduled and held on 12/08/2025: failed on
    ground b (quality no longer declared)."""
    visit = app.plans.schedule(
        OFFICER,
        plan_id=plan_id,
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


def revocation_case(ev: EvaluationApp, product_id: UUID) -> dict[str, Any] | None:
    """The revocation open on the product's certificate, if any."""
    cert = ev.get_certification(product_id).holding()
    return cert["revocation"] if cert else None


def revoke(
    ev: EvaluationApp, product_id: UUID, on: date, by: CommandContext, number: str, signer: str
) -> None:
    """`by` revokes the product's certificate by decision `number` of day `on`."""
    ev.certificates.decide_revocation(
        by, product_id=product_id, decision_no=number, decided_on=on, signer=signer
    )


def listed(app: InspectionApp, product_id: UUID) -> bool:
    """The product's place and certificate have both arrived (two topics, any order)."""
    found = app.get_as(CertifiedProduct.id_for(product_id), CertifiedProduct)
    return found is not None and bool(found.province_code) and found.holding() is not None

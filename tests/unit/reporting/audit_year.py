"""A product's year of events from several services (issue 17), as reporting's audit
tests apply it: registered, submitted, assessed, scored, recognised, inspected, revoked;
each event caused by the one before, all in one flow."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from contracts.envelope import Actor
from contracts.evaluation import Recognized, RevocationOpened, Revoked, Scored
from contracts.inspection import InspectionFailed
from contracts.registration import CommuneAssessed, DossierSubmitted, ProductRegistered

OFFICER = Actor(id="can-bo-xa", role="commune_officer", jurisdiction="23500")
SECRETARY = Actor(id="thu-ky", role="council_secretary", jurisdiction="51")
CHAIRMAN = Actor(id="ct-ubnd-tinh", role="authority", jurisdiction="51")
INSPECTOR = Actor(id="so-nnmt", role="province_officer", jurisdiction="51")
VN = timedelta(hours=7)


def at(day: str, hour: int = 9) -> datetime:
    """`hour` o'clock Vietnam time on `day`, as the UTC instant events carry."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC) - VN


class Year:
    """A product registered, submitted, assessed, scored, recognised, inspected, revoked."""

    def __init__(self) -> None:
        self.product, self.dossier, self.producer = uuid4(), uuid4(), uuid4()
        self.events: list[Any] = []
        self.flow = uuid4()
        # what the audit tests record as they apply the year (their `year` fixture)
        self.published: list[tuple[str, Any]] = []
        self.recorded: dict[date, dict[str, Any]] = {}
        self.kpis: dict[date, Any] = {}

    def envelope(
        self, aggregate: UUID, when: datetime, who: Actor, cause: Any = None, **more: Any
    ) -> dict[str, Any]:
        return {
            "event_id": uuid4(),
            "aggregate_id": aggregate,
            "aggregate_version": 1 + sum(e.aggregate_id == aggregate for e in self.events),
            "occurred_at": when,
            "actor": who,
            "correlation_id": self.flow,
            "causation_id": cause.event_id if cause is not None else None,
            **more,
        }

    def add(self, event: Any) -> Any:
        self.events.append(event)
        return event

    def build(self) -> list[tuple[str, Any]]:
        """The year's events, each with the topic its service publishes it on."""
        assessed = self.registration()
        recognised = self.evaluation(assessed)
        self.aftermath(recognised)
        topic = {
            "ProductRegistered": "ocop.registration.events.v1",
            "DossierSubmitted": "ocop.registration.events.v1",
            "CommuneAssessed": "ocop.registration.events.v1",
            "InspectionFailed": "ocop.inspection.events.v1",
        }
        return [(topic.get(e.event_type, "ocop.evaluation.events.v1"), e) for e in self.events]

    def registration(self) -> Any:
        """Registered in March, submitted 01/06, assessed by the commune 12/06."""
        p, d = self.product, self.dossier
        registered = self.add(
            ProductRegistered(
                **self.envelope(p, at("2026-03-02"), OFFICER),
                producer_id=self.producer,
                name="Cà phê rang xay Đăk Hà",
                product_set=13,
                commune_code="23500",
                province_code="51",
            )
        )
        submitted = self.add(
            DossierSubmitted(
                **self.envelope(d, at("2026-06-01"), OFFICER, registered, rule_set_id="R3"),
                product_id=p,
                producer_id=self.producer,
                kind="first",
                received_on=date(2026, 6, 1),
                commune_code="23500",
            )
        )
        return self.add(
            CommuneAssessed(
                **self.envelope(d, at("2026-06-12"), OFFICER, submitted, rule_set_id="R3"),
                product_id=p,
                producer_id=self.producer,
                product_name="Cà phê rang xay Đăk Hà",
                product_set=13,
                kind="first",
                received_on=date(2026, 6, 1),
                assessed_on=date(2026, 6, 12),
                report_no="15/BC-UBND",
                local_raw_material=True,
                local_labour=True,
                idea_origin=True,
                local_identity=True,
                forwarded_to="province",
                commune_code="23500",
                province_code="51",
            )
        )

    def evaluation(self, assessed: Any) -> Any:
        """Scored 25/06 (65.33 points) and recognised 3★ on 28/06/2026."""
        p, d = self.product, self.dossier
        scored = self.add(
            Scored(
                **self.envelope(uuid4(), at("2026-06-25"), SECRETARY, assessed, rule_set_id="R3"),
                dossier_id=d,
                product_id=p,
                product_set=13,
                score=Decimal("65.33"),
                star_band=3,
                outcome="recognised",
                explanation="3 sao",
                awarded_star=3,
            )
        )
        return self.add(
            Recognized(
                **self.envelope(uuid4(), at("2026-06-28", 10), CHAIRMAN, scored, rule_set_id="R3"),
                dossier_id=d,
                product_id=p,
                star=3,
                decision_no="125/QĐ-UBND",
                decided_on=date(2026, 6, 28),
                authority="UBND tỉnh Kon Tum",
                valid_from=date(2026, 6, 28),
                valid_to=date(2029, 6, 27),
                certificate_no="GCN-125",
                legal_basis="QĐ 34/2026",
            )
        )

    def aftermath(self, recognised: Any) -> None:
        """Failed its inspection 05/01/2027; revocation opened and decided 10/01/2027."""
        p, d = self.product, self.dossier
        failed = self.add(
            InspectionFailed(
                **self.envelope(uuid4(), at("2027-01-05"), INSPECTOR, recognised),
                product_id=p,
                inspection_kind="periodic",
                concluded_on=date(2027, 1, 5),
                conclusion_no="KL-07/2027",
                findings="Không duy trì chất lượng",
                certificate_no="GCN-125",
            )
        )
        opened = self.add(
            RevocationOpened(
                **self.envelope(uuid4(), at("2027-01-06"), CHAIRMAN, failed, rule_set_id="R3"),
                dossier_id=d,
                product_id=p,
                certificate_no="GCN-125",
                ground="b",
                reference="KL-07/2027",
                concluded_on=date(2027, 1, 5),
                decide_by=None,
            )
        )
        self.add(
            Revoked(
                **self.envelope(uuid4(), at("2027-01-10"), CHAIRMAN, opened, rule_set_id="R3"),
                dossier_id=d,
                product_id=p,
                certificate_no="GCN-125",
                decision_no="9/QĐ-UBND",
                decided_on=date(2027, 1, 10),
                authority="UBND tỉnh Kon Tum",
                ground="b",
            )
        )

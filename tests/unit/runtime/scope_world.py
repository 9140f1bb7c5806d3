"""The world of the scope matrix (`test_scope_matrix.py`): the callers, a record in
Đăk Hà (commune 23500, district 615 before 2025, province 51) and one in Hà Nội (commune
00004, province 1) on inspection, promotion and reporting, and a call's outcome."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import grpc

from contracts.envelope import Actor
from contracts.rpc import audit_pb2_grpc as au_grpc
from runtime.commands import CommandContext
from runtime.identity.interceptor import DENIED_BY_METADATA
from runtime.tracking import EventTracking, event_key
from tests.identity import TestIssuer
from tests.unit.inputs.servers import STUBS, Running
from tests.unit.inspection.helpers import ALL_GOOD, TEAM
from tests.unit.published_events import certificate, cooperative_in, registered_in

_positions = itertools.count(1)
AUTHORITY = Actor(id="ubnd", role="authority", jurisdiction="51")
"""Who published the seeded events: the province's people's committee."""


@dataclass(frozen=True)
class Place:
    commune: str
    province: str
    district: str = ""


PLACES = {"mine": Place("23500", "51", "615"), "far": Place("00004", "01")}
WHO = {
    "producer": ("htx-dak-ha", "producer", "23500"),
    "commune officer": ("can-bo-23500", "commune_officer", "23500"),
    "other commune officer": ("can-bo-23497", "commune_officer", "23497"),
    "health office 615": ("phong-yt", "health_office", "615"),
    "district office 615": ("phong-nn", "district_officer", "615"),
    "district office 610": ("phong-nn-610", "district_officer", "610"),
    "province 51": ("so-nnmt", "province_officer", "51"),
    "province 01": ("so-nnmt-hn", "province_officer", "01"),
    "economy office 615": ("phong-kt", "economy_office", "615"),
    "authority 51": ("ct-ubnd", "authority", "51"),
    "ministry": ("bo-nn", "ministry", "VN"),
    "auditor": ("kiem-toan", "auditor", ""),
}


@dataclass
class World:
    up: Running
    issuer: TestIssuer
    producers: dict[str, UUID]
    products: dict[str, UUID]
    inspections: dict[str, str]
    plans: dict[str, str]
    showrooms: dict[str, str]

    def outcome(self, service: str, method: str, request: Any, who: str) -> str:
        """`policy`, `scope` (refused by them), else the status the handler gave."""
        stub = STUBS[service](self.up.channels[service]._channel)  # a raw channel
        if service == "reporting" and method in ("GetTrail", "GetProductAsOf"):
            stub = au_grpc.AuditStub(self.up.channels[service]._channel)  # type: ignore[no-untyped-call]
        try:
            getattr(stub, method)(request, metadata=self.issuer.metadata(*WHO[who]), timeout=20)
        except grpc.RpcError as error:
            trailing = dict(error.trailing_metadata() or ())
            by = trailing.get(DENIED_BY_METADATA)
            if by:
                assert error.code() == grpc.StatusCode.PERMISSION_DENIED
                return str(by)
            return str(error.code().name)
        return "OK"


def seed_product(up: Running, place: Place) -> tuple[UUID, UUID]:
    """A producer and its recognised product in `place`, as the published events reach
    inspection, promotion and reporting."""
    producer_id, product_id = uuid4(), uuid4()
    units = {
        "commune_code": place.commune,
        "province_code": place.province,
        "legacy_district_code": place.district or None,
    }
    on = date(2024, 6, 14)
    recognised = certificate(
        product_id,
        on,
        AUTHORITY,
        star=4,
        decision_no="1102/QĐ-UBND",
        authority="UBND tỉnh",
        valid_to=date(2027, 6, 13),
        rule_set_id="R1",
    )
    events: list[tuple[str, Any]] = [
        (
            "registration",
            cooperative_in(
                producer_id, f"HTX {place.commune}", date(2024, 1, 5), AUTHORITY, **units
            ),
        ),
        (
            "registration",
            registered_in(
                product_id,
                producer_id,
                f"Cà phê {place.commune}",
                date(2024, 1, 6),
                AUTHORITY,
                **units,
            ),
        ),
        ("evaluation", recognised),
    ]
    system = up.system
    for source, event in events:
        topic = f"ocop.{source}.events.v1"
        key = event_key(event.event_type, event.event_id)
        for app in (system.inspection.app, system.promotion.app, system.reporting.app):
            at = EventTracking(f"{source}@{topic}#0", next(_positions), key)
            app.process_event(event, at)
    return producer_id, product_id


def seeded(up: Running) -> World:
    """In each place: a recognised product and its producer, an ad-hoc inspection that
    found a wrong label (remediation), the inspection plan of 01/07/2025, a showroom."""
    found = World(up, TestIssuer(up.system.issuer), {}, {}, {}, {}, {})  # type: ignore[arg-type]
    for name, place in PLACES.items():
        found.producers[name], found.products[name] = seed_product(up, place)
        records_of(found, name, place)
    return found


def records_of(found: World, name: str, place: Place) -> None:
    """The province office of `place` opens and records an inspection of the place's
    product, generates its plan and opens a showroom; their ids kept in `found`."""
    up = found.up
    office = CommandContext(
        actor=Actor(id="so", role="province_officer", jurisdiction=place.province)
    )
    inspection = up.system.inspection.app
    opened = inspection.visits.open_ad_hoc(
        office,
        product_id=found.products[name],
        trigger="complaint",
        note="",
        planned_on=date(2025, 11, 21),
    )
    found.inspections[name] = str(opened.id)
    inspection.visits.record_visit(
        office,
        inspection_id=opened.id,
        visited_on=date(2025, 11, 21),
        team=TEAM,
        findings={**ALL_GOOD, "mark_use": (False, "Nhãn sai hạng sao")},
        outcome="remediation",
        conclusion_no=f"BB-{place.commune}",
        deadline=date(2025, 12, 15),
        follow_up_on=date(2025, 12, 18),
    )
    plan = inspection.plans.generate(office, on=date(2025, 7, 1))
    found.plans[name] = str(plan.id)
    showroom = up.system.promotion.app.venues.open_showroom(
        office,
        name=f"Điểm bán {place.commune}",
        address="1 Lê Lợi",
        commune_code=place.commune,
        province_code=place.province,
        district_code=place.district,
        operator="HTX",
        opened_on=date(2025, 3, 1),
    )
    found.showrooms[name] = str(showroom.id)


def fields(world: World, place: str) -> dict[str, str]:
    """The ids and codes a request may name, for the records in `place`."""
    return {
        "product_id": str(world.products[place]),
        "producer_id": str(world.producers[place]),
        "plan_id": world.plans[place],
        "inspection_id": world.inspections[place],
        "showroom_id": world.showrooms[place],
        "jurisdiction": PLACES[place].province,
        "commune_code": PLACES[place].commune,
        "province_code": PLACES[place].province,
        "district_code": PLACES[place].district,
        "id": str(world.products[place]),
    }

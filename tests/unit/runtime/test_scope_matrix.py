"""Per-record scope on inspection, promotion and reporting, as an attacker tries it: every
caller below (claimed roles and units, signed by the real issuer) against every method of
those services that names a record, for a record in Đăk Hà (commune 23500, district 615
before 2025, province 51) and one in Hà Nội (commune 00004, province 1), each request
also claiming a national actor in its body. A call is refused by the access policy where
the policy says so, else by scope exactly when the caller's unit does not reach the
record; listings and plans hold only what the caller reaches."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any
from uuid import uuid4

import grpc
import pytest

from contracts.envelope import Actor
from contracts.rpc import audit_pb2 as au
from contracts.rpc import audit_pb2_grpc as au_grpc
from contracts.rpc import common_pb2
from contracts.rpc import inspection_pb2 as ins
from contracts.rpc import promotion_pb2 as pro
from contracts.rpc import reporting_pb2 as rep
from runtime.identity.interceptor import DENIED_BY_METADATA
from runtime.identity.policy import default_policy
from tests.unit.inputs.servers import STUBS, running
from tests.unit.runtime.scope_world import PLACES, WHO, World, fields, seeded

CLAIMED = common_pb2.Actor(id="bo-nn", role="ministry", jurisdiction="VN")
"""What every command request claims in its body: the ministry (ignored by the servers)."""
# Which callers reach a product (or producer, inspection, showroom) in each place, and
# which reach the unit of each place's province (queries by unit). Producers reach nothing
# here: these services do not know a producer's sign-in.
REACHES_RECORD = {
    "producer": set(),
    "commune officer": {"mine"},
    "other commune officer": set(),
    "health office 615": {"mine"},
    "district office 615": {"mine"},
    "district office 610": set(),
    "province 51": {"mine"},
    "province 01": {"far"},
    "economy office 615": {"mine"},
    "authority 51": {"mine"},
    "ministry": {"mine", "far"},
    "auditor": {"mine", "far"},
}
REACHES_PROVINCE = {
    **{who: set() for who in REACHES_RECORD},
    "province 51": {"mine"},
    "province 01": {"far"},
    "authority 51": {"mine"},
    "ministry": {"mine", "far"},
    "auditor": {"mine", "far"},
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    # On a day of its own: the certificates seeded below run to 13/06/2027, after which the
    # wall clock would see them expired (and the inspections refused) on every later run.
    with running(tmp_path_factory.mktemp("scope-matrix"), on=date(2026, 11, 30)) as up:
        yield seeded(up)


# Every method of the three services that names a record: (method, request class, the
# fields it names, constant fields, whether the record is a unit (the place's province)
# rather than a product's). Command requests also claim the ministry (CLAIMED).
PRODUCT, PRODUCER, UNIT = ("product_id",), ("producer_id",), ("jurisdiction",)
PLANNED, SHOWN = ("plan_id", *PRODUCT), ("showroom_id", *PRODUCT)
PLACED = ("commune_code", "province_code", "district_code")
NO_FAIR = {"fair_id": str(uuid4())}  # the scope check comes first: no fair is needed
RECORD_METHODS: list[tuple[str, Any, tuple[str, ...], dict[str, Any], bool]] = [
    ("AddToPlan", ins.AddToPlanRequest, PLANNED, {}, False),
    ("ScheduleInspection", ins.ScheduleInspectionRequest, PLANNED, {}, False),
    ("OpenAdHoc", ins.OpenAdHocRequest, PRODUCT, {}, False),
    ("RecordVisit", ins.RecordVisitRequest, ("inspection_id",), {}, False),
    ("GetInspection", ins.GetInspectionRequest, ("inspection_id",), {}, False),
    ("ProductHistory", ins.ProductHistoryRequest, PRODUCT, {}, False),
    ("OpenShowroom", pro.OpenShowroomRequest, PLACED, {}, False),
    ("CloseShowroom", pro.CloseShowroomRequest, ("showroom_id",), {}, False),
    ("DisplayProduct", pro.DisplayProductRequest, SHOWN, {}, False),
    ("TakeDownProduct", pro.TakeDownProductRequest, SHOWN, {}, False),
    ("RecordParticipation", pro.RecordParticipationRequest, PRODUCT, NO_FAIR, False),
    ("RecordFairResult", pro.RecordFairResultRequest, PRODUCT, NO_FAIR, False),
    ("JoinChannel", pro.JoinChannelRequest, PRODUCER, {}, False),
    ("LeaveChannel", pro.LeaveChannelRequest, PRODUCER, {}, False),
    ("LinkValueChain", pro.LinkValueChainRequest, PRODUCER, {}, False),
    ("EndValueChain", pro.EndValueChainRequest, PRODUCER, {}, False),
    ("GrantSupport", pro.GrantSupportRequest, PRODUCER, {}, False),
    ("GetProducerHistory", pro.ProducerHistoryRequest, PRODUCER, {}, False),
    ("GetPlan", pro.GetPlanRequest, UNIT, {"year": 2025}, True),
    ("GetShares", pro.SharesRequest, UNIT, {}, True),
    ("ListShowrooms", pro.ListShowroomsRequest, UNIT, {}, True),
    ("GetProduct", rep.GetProductRequest, PRODUCT, {}, False),
    ("GetKpis", rep.GetKpisRequest, UNIT, {"period": "2025-H1"}, True),
    ("GetReport", rep.GetReportRequest, UNIT, {"period": "2025-H1"}, True),
    ("GetTrail", au.GetTrailRequest, ("id",), {"kind": "product"}, False),
    ("GetProductAsOf", au.GetProductAsOfRequest, PRODUCT, {"as_of": "2025-01-01"}, False),
]  # fmt: skip
SERVICE_OF = {
    ins.__name__: "inspection",
    pro.__name__: "promotion",
    rep.__name__: "reporting",
    au.__name__: "reporting",
}
SERVICE = {
    "inspection": "ocop.inspection.v1.Inspection",
    "promotion": "ocop.promotion.v1.Promotion",
    "reporting": "ocop.reporting.v1.Reporting",
}


def _path(service: str, method: str) -> str:
    if method in ("GetTrail", "GetProductAsOf", "ListProductsAsOf"):
        return f"/ocop.reporting.v1.Audit/{method}"
    return f"/{SERVICE[service]}/{method}"


@pytest.mark.parametrize("who", sorted(WHO))
def test_each_caller_reaches_exactly_its_records_on_every_method(world: World, who: str) -> None:
    policy = default_policy()
    role = WHO[who][1]
    wrong = []
    for method, request_class, names, constant, by_unit in RECORD_METHODS:
        service = SERVICE_OF[request_class.__module__]
        reaches = (REACHES_PROVINCE if by_unit else REACHES_RECORD)[who]
        claims = {"actor": CLAIMED} if "actor" in request_class.DESCRIPTOR.fields_by_name else {}
        for place in PLACES:
            named = {n: fields(world, place)[n] for n in names}
            got = world.outcome(service, method, request_class(**named, **constant, **claims), who)
            if policy.scope(role, _path(service, method)) is None:
                expected_refusal = got == "policy"
            elif place in reaches:
                expected_refusal = got not in ("policy", "scope")
            else:
                expected_refusal = got == "scope"
            if not expected_refusal:
                wrong.append((method, place, got))
    assert wrong == [], f"{who}: {wrong}"


def _listed(world: World, who: str) -> dict[str, set[str]]:
    """What each listing shows `who`, as the places of the products it names."""
    issuer, channels = world.issuer, world.up.channels
    metadata = issuer.metadata(*WHO[who])
    place_of = {str(v): k for k, v in world.products.items()}
    seen: dict[str, set[str]] = {}
    calls: dict[str, Callable[[], list[str]]] = {
        "ListProducts": lambda: [
            p.product_id
            for p in STUBS["reporting"](channels["reporting"]._channel)
            .ListProducts(rep.ListProductsRequest(), metadata=metadata)
            .products
        ],
        "ListProductsAsOf": lambda: [
            p.product.product_id
            for p in au_grpc.AuditStub(channels["reporting"]._channel)  # type: ignore[no-untyped-call]
            .ListProductsAsOf(au.ListProductsAsOfRequest(as_of="2025-12-31"), metadata=metadata)
            .products
        ],
        "OpenRemediations": lambda: [
            i.product_id
            for i in STUBS["inspection"](channels["inspection"]._channel)
            .OpenRemediations(ins.ListRequest(), metadata=metadata)
            .inspections
        ],
        "OverdueInspections": lambda: [
            e.product_id
            for e in STUBS["inspection"](channels["inspection"]._channel)
            .OverdueInspections(ins.ListRequest(), metadata=metadata)
            .entries
        ],
        "GetPlan": lambda: [
            e.product_id for place in PLACES for e in _plan_entries(world, place, metadata)
        ],
    }
    policy = default_policy()
    for name, call in calls.items():
        service = (
            "inspection"
            if name in ("OpenRemediations", "OverdueInspections", "GetPlan")
            else "reporting"
        )
        if policy.scope(WHO[who][1], _path(service, name)) is None:
            continue
        seen[name] = {place_of[pid] for pid in call() if pid in place_of}
    return seen


def _plan_entries(world: World, place: str, metadata: Any) -> list[Any]:
    stub = STUBS["inspection"](world.up.channels["inspection"]._channel)
    try:
        return list(
            stub.GetPlan(ins.GetPlanRequest(plan_id=world.plans[place]), metadata=metadata).entries
        )
    except grpc.RpcError as error:
        assert dict(error.trailing_metadata() or ()).get(DENIED_BY_METADATA) == "scope"
        return []


@pytest.mark.parametrize("who", sorted(WHO))
def test_listings_hold_only_what_the_caller_reaches(world: World, who: str) -> None:
    for name, places in _listed(world, who).items():
        assert places == REACHES_RECORD[who], (who, name, places)


def test_a_province_code_without_its_leading_zero_is_the_same_province() -> None:
    """Records registered with Hà Nội as "1" (registration's look-up of the commune) and
    tokens naming "01" (the official code) are one province; a district code such as
    "001" (Ba Đình, before 2025) is never read as a province."""
    from runtime.identity.interceptor import Grant
    from runtime.identity.scope import NOWHERE, Record, allows
    from runtime.jurisdiction import UnitPath

    def grant(code: str) -> Grant:
        return Grant(Actor(id="x", role="province_officer", jurisdiction=code), "province", "/m")

    stored_short = Record(UnitPath("00004", "1"))
    stored_official = Record(UnitPath("00004", "01"))
    for record in (stored_short, stored_official, Record(NOWHERE, units=frozenset({"1"}))):
        assert allows(grant("01"), record) and allows(grant("1"), record)
    assert not allows(grant("001"), stored_short)
    assert not allows(grant("02"), stored_short)

"""What leaves the service: the outbound mapping publishes exactly the contract events
(every one valid against the topic's union), and the gRPC API answers with views and
refuses with the status and the field named."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import grpc
import pytest

from contracts import registry, topics
from contracts.inspection import InspectionFailed
from contracts.rpc import common_pb2
from contracts.rpc import inspection_pb2 as pb
from contracts.rpc import inspection_pb2_grpc as pb_grpc
from runtime.errors import FIELD_METADATA, LANG_METADATA
from services.inspection.adapters import grpc_api, outbound
from services.inspection.application import InspectionApp
from services.inspection.bootstrap import InspectionService
from tests.identity import TestIssuer, served
from tests.unit.inspection.helpers import ALL_GOOD, OFFICER, TEAM, certified, visit


def published(service: InspectionService) -> list[Any]:
    app = service.app
    out = outbound.translator(service.as_of)
    events = []
    for note in app.recorder.select_notifications(start=1, limit=1000):
        for topic, event in out(app.mapper.to_domain_event(note)):
            assert topic == topics.INSPECTION_EVENTS
            again = registry.parse(topic, event.model_dump_json().encode())
            assert again == event
            events.append(event)
    return events


def test_the_published_story_of_a_quarter(service: InspectionService) -> None:
    app = service.app
    good = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    bad = certified(app, "Rượu chuối hột", on=date(2025, 5, 2))
    plan = app.plans.generate(OFFICER, on=date(2025, 10, 1))
    first = app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=good, planned_on=date(2025, 11, 5), team=TEAM
    )
    second = app.plans.schedule(
        OFFICER, plan_id=plan.id, product_id=bad, planned_on=date(2025, 11, 6), team=TEAM
    )
    visit(app, first, "passed", "BB-01/2025")
    visit(
        app,
        second,
        "failed",
        "KL-02/2025",
        visited_on=date(2025, 11, 6),
        findings={**ALL_GOOD, "quality": (False, "Độ cồn không đúng công bố")},
        ground="b",
        summary="Chất lượng không đúng tiêu chuẩn đã công bố",
    )
    events = published(service)
    assert [e.event_type for e in events] == [
        "InspectionPlanned",
        "InspectionScheduled",
        "InspectionScheduled",
        "InspectionPassed",
        "InspectionFailed",
    ]
    planned = events[0]
    assert (planned.period, planned.cadence_months, len(planned.products)) == ("2025-Q4", 3, 2)
    failed = events[-1]
    assert isinstance(failed, InspectionFailed)
    assert (failed.product_id, failed.ground, failed.plan_id) == (bad, "b", plan.id)
    assert failed.certificate_no == app.product(bad).certificate["number"]  # type: ignore[index]
    assert failed.authority == "UBND cấp tỉnh 51"
    assert failed.findings == "Chất lượng không đúng tiêu chuẩn đã công bố"
    assert failed.actor == OFFICER.actor


@pytest.fixture
def stub(app: InspectionApp, issuer: TestIssuer) -> Iterator[pb_grpc.InspectionStub]:
    with served(issuer, app, grpc_api, "inspection", pb_grpc.InspectionStub) as stub:
        yield stub


def who(role: str = "province_officer", jurisdiction: str = "51") -> common_pb2.Actor:
    return common_pb2.Actor(id="so-nn", role=role, jurisdiction=jurisdiction)


def test_grpc_plan_visit_and_refusals(app: InspectionApp, stub: pb_grpc.InspectionStub) -> None:
    product = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    plan = stub.GeneratePlan(pb.GeneratePlanRequest(actor=who(), on="2025-10-01"))
    assert (plan.period, plan.due, plan.inspected) == ("2025-Q4", 1, 0)
    same = stub.GetPlan(pb.GetPlanRequest(level="province", jurisdiction="51", on="2025-12-31"))
    assert same.plan_id == plan.plan_id
    scheduled = stub.ScheduleInspection(
        pb.ScheduleInspectionRequest(
            actor=who(),
            plan_id=plan.plan_id,
            product_id=str(product),
            planned_on="2025-11-05",
            team=[pb.TeamMember(role=r, name=n) for r, n in TEAM],
        )
    )
    request = pb.RecordVisitRequest(
        actor=who(),
        inspection_id=scheduled.inspection_id,
        visited_on="2025-11-05",
        team=[pb.TeamMember(role="agriculture", name="Nguyễn Văn An")],
        findings=[pb.Finding(item="mark_use", compliant=False, note="Nhãn sai hạng sao")],
        others_compliant=True,
        outcome="failed",
        ground="z",
        conclusion_no="KL-01/2025",
        evidence=[pb.EvidenceUpload(name="nhan.jpg", media_type="image/jpeg", data=b"jpeg")],
    )
    with pytest.raises(grpc.RpcError) as error:
        stub.RecordVisit(request, metadata=((LANG_METADATA, "en"),))
    failure: Any = error.value
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert dict(failure.trailing_metadata())[FIELD_METADATA] == "ground"
    assert "ground" in failure.details()
    request.ground = "d"
    done = stub.RecordVisit(request)
    assert (done.status, done.ground) == ("failed", "d")
    assert done.summary == "Sử dụng đúng nhãn hiệu OCOP và số sao: Nhãn sai hạng sao"
    assert done.visits[0].evidence[0].size == 4
    history = stub.ProductHistory(pb.ProductHistoryRequest(product_id=str(product)))
    assert [i.inspection_id for i in history.inspections] == [scheduled.inspection_id]
    with pytest.raises(grpc.RpcError) as error:
        stub.GeneratePlan(
            pb.GeneratePlanRequest(actor=who("commune_officer", "23500"), on="2025-10-01")
        )
    assert error.value.code() == grpc.StatusCode.PERMISSION_DENIED


def test_grpc_ad_hoc_and_a_product_added_to_the_plan(
    app: InspectionApp, stub: pb_grpc.InspectionStub
) -> None:
    first = certified(app, "Cà phê Đăk Hà", on=date(2025, 5, 2))
    plan = stub.GeneratePlan(pb.GeneratePlanRequest(actor=who(), on="2025-10-01"))
    later = certified(app, "Mật ong rừng", on=date(2025, 10, 20))
    added = stub.AddToPlan(
        pb.AddToPlanRequest(actor=who(), plan_id=plan.plan_id, product_id=str(later))
    )
    assert [e.product_id for e in added.entries] == [str(first), str(later)]
    opened = stub.OpenAdHoc(
        pb.OpenAdHocRequest(
            actor=who(),
            product_id=str(first),
            trigger="food_safety_alert",
            note="Cảnh báo của Sở Y tế",
            planned_on="2025-11-21",
            team=[pb.TeamMember(role=r, name=n) for r, n in TEAM],
        )
    )
    assert (opened.kind, opened.trigger, opened.lead_agency) == (
        "ad_hoc",
        "food_safety_alert",
        "agriculture",
    )
    with pytest.raises(grpc.RpcError) as error:
        stub.AddToPlan(pb.AddToPlanRequest(actor=who(), plan_id="p-1", product_id=str(later)))
    failure: Any = error.value
    assert failure.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert dict(failure.trailing_metadata())[FIELD_METADATA] == "plan_id"

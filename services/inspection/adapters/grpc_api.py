"""gRPC adapter of the inspection service: requests in, views out, nothing else.

A command RPC is one row (`runtime.rpc_mapping.command_rpc`): the request's `Shape` (only
the fields that need converting are named), the command it calls and the view of what
that returns. Queries, which read more than one thing, are methods."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import grpc

from contracts.rpc import inspection_pb2 as pb
from contracts.rpc import inspection_pb2_grpc as pb_grpc
from runtime.identity.scope import own_unit, require, scoped, visible
from runtime.listing import listed
from runtime.rpc import Register, handles_rejections, parse_date, parse_uuid
from runtime.rpc_mapping import Shape, as_date, command_rpc, dates, optional, or_default, uuids
from services.inspection.adapters import scope
from services.inspection.application import InspectionApp
from services.inspection.application.visit_commands import Document
from services.inspection.domain.inspection import Inspection
from services.inspection.domain.plan import InspectionPlan

SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Inspection"].full_name


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _team(_: str, members: Iterable[Any]) -> list[tuple[str, str]]:
    return [(m.role, m.name) for m in members]


def _evidence(_: str, files: Iterable[Any]) -> list[Document]:
    return [Document(f.name, f.media_type, f.data) for f in files]


# The team as (role, name) pairs, led by the agriculture office unless the request names one.
TEAM = {"team": _team, "lead_agency": or_default("agriculture")}


def _team_out(members: Iterable[dict[str, str]]) -> list[pb.TeamMember]:
    return [pb.TeamMember(role=m["role"], name=m["name"]) for m in members]


def plan_view(plan: InspectionPlan, keep: Callable[[str], bool] = lambda _: True) -> pb.PlanView:
    """The plan with the entries whose product id `keep` accepts (all by default), its
    coverage counted over those."""
    window = plan.window
    entries = [e for e in plan.entries.values() if keep(str(e["product_id"]))]
    due = [e for e in entries if e["status"] != "withdrawn"]
    inspected = sum(1 for e in due if e["status"] == "inspected")
    return pb.PlanView(
        plan_id=str(plan.id),
        level=plan.tier,
        jurisdiction=plan.jurisdiction,
        period=window.key,
        period_label=window.label("vi"),
        period_label_en=window.label("en"),
        starts_on=_d(window.starts_on),
        ends_on=_d(window.ends_on),
        cadence_source=plan.source,
        lead_agency=plan.lead_agency,
        entries=[
            pb.PlanEntry(
                product_id=e["product_id"],
                product_name=e["product_name"],
                commune_code=e["commune_code"],
                certificate_no=e["certificate_no"],
                star=e["star"],
                rule_set_id=e["rule_set_id"],
                status=e["status"],
                planned_on=_d(e["planned_on"]),
                lead_agency=e["lead_agency"],
                team=_team_out(e["team"]),
                inspection_id=e["inspection_id"] or "",
                outcome=e["outcome"] or "",
                reason=e.get("reason", ""),
            )
            for e in entries
        ],
        inspected=inspected,
        due=len(due),
    )


def view(inspection: Inspection) -> pb.InspectionView:
    product = inspection.product
    conclusion = inspection.conclusion or {}
    remediation = inspection.remediation or {}
    return pb.InspectionView(
        inspection_id=str(inspection.id),
        product_id=product["product_id"],
        product_name=product["product_name"],
        certificate_no=product["certificate_no"],
        star=product["star"],
        rule_set_id=product["rule_set_id"],
        kind=inspection.kind,
        trigger=inspection.trigger,
        note=inspection.note,
        plan_id=inspection.plan_id or "",
        planned_on=_d(inspection.planned_on),
        lead_agency=inspection.lead_agency,
        team=_team_out(inspection.team),
        status=inspection.status,
        visits=[
            pb.Visit(
                visited_on=_d(v["visited_on"]),
                team=_team_out(v["team"]),
                findings=[
                    pb.Finding(item=f["item"], compliant=f["compliant"], note=f["note"])
                    for f in v["findings"]
                ],
                evidence=[pb.EvidenceRef(**e) for e in v["evidence"]],
                follow_up=v["follow_up"],
            )
            for v in inspection.visits
        ],
        conclusion_no=conclusion.get("conclusion_no", ""),
        concluded_on=_d(conclusion.get("concluded_on")),
        summary=conclusion.get("summary", ""),
        ground=conclusion.get("ground", ""),
        authority=conclusion.get("authority", ""),
        deadline=_d(remediation.get("deadline")),
        follow_up_on=_d(remediation.get("follow_up_on")),
        overdue_on=_d(remediation.get("overdue_on")),
        completed_on=_d(remediation.get("completed_on")),
    )


@scoped(pb.DESCRIPTOR.services_by_name["Inspection"], scope.TABLE)
class InspectionServicer(pb_grpc.InspectionServicer):
    """Each call is checked against the caller's scope on the record it names first
    (`adapters/scope.py`); plans and lists keep the products the caller may see."""

    def __init__(self, app: InspectionApp) -> None:
        self.app = app

    GeneratePlan = command_rpc(
        Shape(convert={**dates("on"), **TEAM}), lambda app: app.plans.generate, plan_view
    )
    AddToPlan = command_rpc(
        Shape(convert=uuids("plan_id", "product_id")), lambda app: app.plans.add, plan_view
    )
    ScheduleInspection = command_rpc(
        Shape(convert={**uuids("plan_id", "product_id"), **dates("planned_on"), **TEAM}),
        lambda app: app.plans.schedule,
        view,
    )
    OpenAdHoc = command_rpc(
        Shape(convert={**uuids("product_id"), **dates("planned_on"), **TEAM}),
        lambda app: app.visits.open_ad_hoc,
        view,
    )
    RecordVisit = command_rpc(
        Shape(
            convert={
                **uuids("inspection_id"),
                **dates("visited_on"),
                **dict.fromkeys(("concluded_on", "deadline", "follow_up_on"), optional(as_date)),
                **TEAM,
                "findings": lambda _, found: {f.item: (f.compliant, f.note) for f in found},
                "evidence": lambda _, files: [
                    Document(f.name, f.media_type, f.data) for f in files
                ],
            }
        ),
        lambda app: app.visits.record_visit,
        view,
    )

    @handles_rejections
    def GetPlan(self, request: pb.GetPlanRequest, context: grpc.ServicerContext) -> pb.PlanView:
        if request.plan_id:
            plan = self.app.plan(parse_uuid("plan_id", request.plan_id))
        else:
            period, _ = self.app.plans.period_of(parse_date("on", request.on))
            plan = self.app.queries.plan_for(
                request.level, own_unit(request.jurisdiction), period.starts_on, period.months
            )
        seen = {pid for pid in plan.entries if scope.visible_product(self.app, pid)}
        unit = scope.plan_unit(self.app, plan)
        require(context, bool(seen) or visible(unit), unit)
        return plan_view(plan, seen.__contains__)

    @handles_rejections
    def GetInspection(
        self, request: pb.GetInspectionRequest, context: grpc.ServicerContext
    ) -> pb.InspectionView:
        return view(self.app.inspection(parse_uuid("inspection_id", request.inspection_id)))

    @handles_rejections
    def ProductHistory(
        self, request: pb.ProductHistoryRequest, context: grpc.ServicerContext
    ) -> pb.InspectionList:
        product_id = parse_uuid("product_id", request.product_id)
        product = self.app.product(product_id)
        found, next_token, total = listed(self.app.queries.history(product_id), request, _none)
        return pb.InspectionList(
            inspections=[view(i) for i in found],
            next_page_token=next_token,
            total=total,
            certificate_status=product.status(),
            certificate_no=product.certificate["number"] if product.certificate else "",
        )

    @handles_rejections
    def OpenRemediations(
        self, request: pb.ListRequest, context: grpc.ServicerContext
    ) -> pb.InspectionList:
        found, next_token, total = listed(
            [
                i
                for i in self.app.queries.open_remediations(request.jurisdiction)
                if scope.visible_product(self.app, i.product_id)
            ],
            request,
            lambda i: (str(i.product["product_name"]),),
        )  # kept by deadline, the order an officer works through them
        return pb.InspectionList(
            inspections=[view(i) for i in found], next_page_token=next_token, total=total
        )

    @handles_rejections
    def OverdueInspections(
        self, request: pb.ListRequest, context: grpc.ServicerContext
    ) -> pb.OverdueList:
        rows, next_token, total = listed(
            [
                r
                for r in self.app.queries.overdue(self.app.clock.today(), request.jurisdiction)
                if scope.visible_product(self.app, r["product_id"])
            ],
            request,
            lambda r: (str(r["product_name"]),),
            lambda r: str(r["product_name"]),
        )
        return pb.OverdueList(
            next_page_token=next_token,
            total=total,
            entries=[
                pb.OverdueEntry(
                    plan_id=r["plan_id"],
                    period=r["period"],
                    product_id=r["product_id"],
                    product_name=r["product_name"],
                    planned_on=_d(r["planned_on"]),
                    status=r["status"],
                    inspection_id=r["inspection_id"] or "",
                )
                for r in rows
            ],
        )


def _none(_: object) -> tuple[str, ...]:
    """No text searched: a product's history is paged, oldest first, not searched."""
    return ()


def register(app: InspectionApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_InspectionServicer_to_server(InspectionServicer(app), server)

    return add

"""Inspection plans per period (R3 Art. 9): generate a period's plan (the cadence comes
from the deployment's policy), find one by its id or by level, unit and a day of the
period, see its products and coverage, add a product, and schedule a product's
inspection with its lead agency and team. The inspection service decides who may."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console import texts_inspection  # noqa: F401  (registers the texts)
from console.actions import act, choosing, names
from console.forms import Field, Form, call, send, send_request, shown, values
from console.pages.inspection import AGENCIES, team_of
from console.refusals import Refusal
from console.web import checked_form, redirect, render_form, signed_in, user
from contracts.rpc import inspection_pb2 as pb
from contracts.rpc import inspection_pb2_grpc as pb_grpc
from runtime.text import typed_day

router = APIRouter()
STUB = pb_grpc.InspectionStub
LEVELS = ("province", "district", "central")
LEVEL_OF_ROLE = {"district_officer": "district", "ministry": "central"}
LEAD = Field("lead_agency", "lead_agency", "select", True, tuple((a, f"ag_{a}") for a in AGENCIES))
TEAM = Field("team", "team", "textarea")


def _form(title: str, method: str, request: type[Any], *fields: Field, submit: str) -> Form:
    return Form(title, "inspection", method, request, fields, submit, ("plan_id",), STUB)


GENERATE = Form(
    "ip_generate", "inspection", "GeneratePlan", pb.GeneratePlanRequest,
    (Field("on", "ip_on", "date", True), LEAD, TEAM), "ip_generate", stub=STUB,
)  # fmt: skip
ACTIONS: dict[str, Form] = {
    "len-lich": _form(
        "ip_schedule", "ScheduleInspection", pb.ScheduleInspectionRequest,
        Field("product_id", "product_id", "select", True),
        Field("planned_on", "planned_on", "date", True), LEAD, TEAM, submit="ip_schedule",
    ),
    "bo-sung": _form(
        "ip_add", "AddToPlan", pb.AddToPlanRequest,
        Field("product_id", "product_id", required=True), submit="ip_add",
    ),
}  # fmt: skip
FIND_FIELDS = frozenset({"plan_id", "level", "jurisdiction", "on"})


def with_team(typed: dict[str, Any]) -> dict[str, Any]:
    """The typed values with the team's lines as members."""
    return {**typed, "team": team_of(str(typed.get("team", "")))}


@router.get("/kiem-tra/ke-hoach")
def plans(
    request: Request, ma: str = "", cap: str = "", don_vi: str = "", ngay: str = ""
) -> Response:
    signed_in(request)
    found = {"plan_id": ma.strip(), "level": cap, "jurisdiction": don_vi.strip(), "on": ngay}
    if not any(found.values()):
        return _plans(request, {}, Refusal())
    asked = pb.GetPlanRequest(**{**found, "on": typed_day(found["on"].strip())})
    plan, refusal = send_request(request, "inspection", STUB, "GetPlan", asked, FIND_FIELDS)
    if refusal:
        return _plans(request, found, refusal, failed="find")
    return redirect(f"/kiem-tra/ke-hoach/{plan.plan_id}")


def _plans(
    request: Request,
    found: dict[str, str],
    refusal: Refusal,
    failed: str = "",
    posted: FormData | None = None,
) -> Response:
    me = user(request)
    role = me.roles[0] if me and me.roles else ""
    defaults = {
        "level": LEVEL_OF_ROLE.get(role, "province"),
        "jurisdiction": me.jurisdiction if me else "",
    }
    return render_form(
        request, "inspection_plans.html", refusal, failed=failed, generate=GENERATE,
        levels=LEVELS, found={**defaults, **{k: v for k, v in found.items() if v}},
        values=shown(posted, sorted(GENERATE.names())) or {"lead_agency": "agriculture"},
    )  # fmt: skip


@router.post("/kiem-tra/ke-hoach")
def generate(request: Request, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    reply, refusal = send(request, GENERATE, with_team(values(GENERATE, posted)))
    if refusal:
        return _plans(request, {}, refusal, "generate", posted)
    return redirect(f"/kiem-tra/ke-hoach/{reply.plan_id}", "", request)


@router.get("/kiem-tra/ke-hoach/{plan_id}")
def plan_page(request: Request, plan_id: str) -> Response:
    signed_in(request)
    return _plan_page(request, plan_id)


def _plan_page(
    request: Request,
    plan_id: str,
    failed: str = "",
    posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:
    plan = call(request, "inspection", STUB, "GetPlan", pb.GetPlanRequest(plan_id=plan_id))
    due = tuple((e.product_id, e.product_name) for e in plan.entries if e.status == "due")
    actions = {**ACTIONS, "len-lich": choosing(ACTIONS["len-lich"], "product_id", due)}
    return render_form(
        request, "inspection_plan.html", refusal, plan=plan, actions=actions, failed=failed,
        values=shown(posted, names(ACTIONS)) or {"lead_agency": plan.lead_agency or "agriculture"},
    )  # fmt: skip


@router.post("/kiem-tra/ke-hoach/{plan_id}/{action}")
def plan_action(
    request: Request, plan_id: str, action: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    again = partial(_plan_page, request, plan_id)

    def done(reply: Any) -> str:
        found = getattr(reply, "inspection_id", "")
        return f"/kiem-tra/cuoc/{found}" if found else f"/kiem-tra/ke-hoach/{plan_id}"

    derive = with_team if action == "len-lich" else None
    return act(request, ACTIONS, action, posted, {"plan_id": plan_id}, again, done, derive)

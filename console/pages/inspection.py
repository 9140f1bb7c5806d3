"""Inspection: the open remediations and overdue inspections, a product's inspection
history, and opening an ad hoc inspection (R3 Art. 9.1); the plan and the visit record
stay in the CLI (`ocop inspection …`)."""

from __future__ import annotations

from contextlib import closing
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from cli.client import Client
from console import texts_inspection  # noqa: F401  (registers the texts)
from console.forms import call, send_request, typed_text
from console.refusals import Refusal
from console.web import checked_form, client, redirect, render, render_form, signed_in, t
from contracts.rpc import inspection_pb2 as pb
from contracts.rpc import inspection_pb2_grpc as pb_grpc
from runtime.text import typed_day

router = APIRouter()
TRIGGERS = ("complaint", "food_safety_alert", "market_surveillance", "other")
AGENCIES = ("agriculture", "health", "market_surveillance", "commune", "industry_trade")
FIELDS = frozenset({"product_id", "trigger", "note", "planned_on", "lead_agency", "team"})


STUB = pb_grpc.InspectionStub


def _stub(c: Client) -> Any:
    return STUB(c.channel("inspection"))  # type: ignore[no-untyped-call]


def team_of(text: str) -> list[pb.TeamMember]:
    """ "health:Trần Thị Bình" lines as team members (the service checks the agency)."""
    members = []
    for line in text.splitlines():
        role, _, name = line.partition(":")
        if line.strip():
            members.append(pb.TeamMember(role=role.strip(), name=name.strip()))
    return members


def _overview(request: Request, form: dict[str, str], refusal: Refusal) -> Response:
    with closing(client(request)) as c:
        stub = _stub(c)
        remediations = c.call(stub.OpenRemediations, pb.ListRequest(page_size=200))
        overdue = c.call(stub.OverdueInspections, pb.ListRequest(page_size=200))
    return render_form(
        request,
        "inspection.html",
        refusal,
        remediations=remediations.inspections,
        overdue=overdue.entries,
        triggers=[(k, t(request, "tr_" + k)) for k in TRIGGERS],
        agencies=[(k, t(request, "ag_" + k)) for k in AGENCIES],
        form=form,
    )


@router.get("/kiem-tra")
def overview(request: Request) -> Response:
    signed_in(request)
    return _overview(request, {}, Refusal())


@router.get("/kiem-tra/san-pham")
def history_lookup(request: Request, san_pham: str = "") -> Response:
    return redirect(f"/kiem-tra/san-pham/{san_pham.strip()}")


@router.get("/kiem-tra/san-pham/{product_id}")
def history(request: Request, product_id: str) -> Response:
    signed_in(request)
    asked = pb.ProductHistoryRequest(product_id=product_id, page_size=500)
    found = call(request, "inspection", STUB, "ProductHistory", asked)
    return render(request, "inspection_history.html", product_id=product_id, history=found)


@router.post("/kiem-tra/dot-xuat")
def open_ad_hoc(request: Request, form: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    typed = typed_text(form, FIELDS)
    request_pb = pb.OpenAdHocRequest(
        product_id=typed["product_id"],
        trigger=typed["trigger"],
        note=typed["note"],
        planned_on=typed_day(typed["planned_on"]),
        lead_agency=typed["lead_agency"],
        team=team_of(typed["team"]),
    )
    opened, refusal = send_request(request, "inspection", STUB, "OpenAdHoc", request_pb, FIELDS)
    if refusal:
        return _overview(request, typed, refusal)
    url = f"/kiem-tra/cuoc/{opened.inspection_id}"
    return redirect(url, t(request, "inspection_opened"), request)

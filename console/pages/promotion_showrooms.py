"""OCOP showrooms and sales points: the list (search without diacritics, closed ones on
request), opening one, and one showroom with what it displays and displayed before:
display a product (only one whose certificate is in force, R3 Art. 8; the promotion
service refuses the others at `product_id`), take one down, close the showroom."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.actions import act, choosing, names
from console.forms import Field, Form, call, send, shown, values
from console.pages.promotion import STUB, record_form
from console.refusals import Refusal
from console.web import checked_form, redirect, render, render_form, signed_in, t, user
from contracts.rpc import promotion_pb2 as pb

router = APIRouter()
OPEN = Form(
    "ps_open", "promotion", "OpenShowroom", pb.OpenShowroomRequest,
    (
        Field("name", "ps_name", required=True), Field("address", "address"),
        Field("commune_code", "commune_code", required=True),
        Field("province_code", "ps_province", required=True),
        Field("district_code", "ps_district"), Field("operator", "ps_operator", required=True),
        Field("opened_on", "opened_on", "date", True),
        Field("activity_code", "ps_activity_code"),
    ),
    "ps_open", stub=STUB,
)  # fmt: skip

_form = partial(record_form, "showroom_id")


ACTIONS: dict[str, Form] = {
    "trung-bay": _form(
        "ps_display", "DisplayProduct", pb.DisplayProductRequest,
        Field("product_id", "product_id", required=True), Field("since", "ps_since", "date", True),
    ),
    "rut": _form(
        "ps_take_down", "TakeDownProduct", pb.TakeDownProductRequest,
        Field("product_id", "product_id", "select", True), Field("on", "ps_taken_on", "date", True),
    ),
    "dong-cua": _form(
        "ps_close", "CloseShowroom", pb.CloseShowroomRequest,
        Field("closed_on", "ps_closed_on", "date", True),
    ),
}  # fmt: skip


def _list(request: Request, query: str = "", closed: bool = True) -> Any:
    asked = pb.ListShowroomsRequest(include_closed=closed, query=query, page_size=5000)
    return call(request, "promotion", STUB, "ListShowrooms", asked)


@router.get("/xuc-tien/diem-ban")
def showrooms(request: Request, q: str = "", tat_ca: str = "") -> Response:
    signed_in(request)
    return _showrooms(request, q, bool(tat_ca))


def _showrooms(
    request: Request, q: str = "", closed: bool = False, posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:  # fmt: skip
    me = user(request)
    start = {"province_code": (me.jurisdiction if me else "")[:2]}
    return render_form(
        request, "promotion_showrooms.html", refusal, found=_list(request, q, closed), q=q,
        closed=closed, form=OPEN, values=shown(posted, sorted(OPEN.names())) or start,
    )  # fmt: skip


@router.post("/xuc-tien/diem-ban")
def open_showroom(request: Request, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    reply, refusal = send(request, OPEN, values(OPEN, posted))
    if refusal:
        return _showrooms(request, posted=posted, refusal=refusal)
    return redirect(f"/xuc-tien/diem-ban/{reply.showroom_id}", t(request, "done"), request)


@router.get("/xuc-tien/diem-ban/{showroom_id}")
def showroom_page(request: Request, showroom_id: str) -> Response:
    signed_in(request)
    return _showroom(request, showroom_id)


def _showroom(
    request: Request, showroom_id: str, failed: str = "", posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:  # fmt: skip
    room = next((s for s in _list(request).showrooms if s.showroom_id == showroom_id), None)
    if room is None:
        return render(request, "error.html", status_code=404, message=t(request, "not_found"))
    on_display = [(d.product_id, d.product_name) for d in room.displayed]
    actions = {**ACTIONS, "rut": choosing(ACTIONS["rut"], "product_id", on_display)}
    return render_form(
        request, "promotion_showroom.html", refusal, room=room, actions=actions,
        failed=failed, values=shown(posted, names(ACTIONS)),
    )  # fmt: skip


@router.post("/xuc-tien/diem-ban/{showroom_id}/{action}")
def showroom_action(
    request: Request, showroom_id: str, action: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    again = partial(_showroom, request, showroom_id)
    url = f"/xuc-tien/diem-ban/{showroom_id}"
    return act(request, ACTIONS, action, posted, {"showroom_id": showroom_id}, again, url)

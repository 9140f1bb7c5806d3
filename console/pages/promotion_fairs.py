"""Fairs and exhibitions (the seed plan III.5): record one, the products taking part
(only one whose certificate is in force; the promotion service refuses the others at
`product_id`) and each product's results (contracts, sales). The service has no read of
a fair: its page is the reply of the last command, and the forms carry the fair's id."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.actions import act, choosing, names
from console.forms import Field, Form, send, shown, values
from console.pages.promotion import STUB, record_form
from console.refusals import Refusal
from console.texts_promotion import options
from console.web import checked_form, redirect, render_form, signed_in, t
from contracts.rpc import promotion_pb2 as pb

router = APIRouter()
RECORD = Form(
    "pf_record", "promotion", "RecordFair", pb.RecordFairRequest,
    (
        Field("name", "pf_name", required=True),
        Field("place", "pf_place", "select", True, options("place")),
        Field("location", "pf_location", required=True),
        Field("starts_on", "pf_starts_on", "date", True),
        Field("ends_on", "pf_ends_on", "date", True),
        Field("organiser", "pf_organiser", required=True),
        Field("activity_code", "ps_activity_code"),
    ),
    "pf_record", stub=STUB,
)  # fmt: skip

_form = partial(record_form, "fair_id")


ACTIONS: dict[str, Form] = {
    "tham-gia": _form(
        "pf_participate", "RecordParticipation", pb.RecordParticipationRequest,
        Field("product_id", "product_id", required=True),
    ),
    "ket-qua": _form(
        "pf_result", "RecordFairResult", pb.RecordFairResultRequest,
        Field("product_id", "product_id", required=True),
        Field("contracts", "pf_contracts", "int"), Field("sales_vnd", "pf_sales", "int"),
        Field("note", "note"),
    ),
}  # fmt: skip


@router.get("/xuc-tien/hoi-cho")
def fairs(request: Request) -> Response:
    signed_in(request)
    return render_form(request, "promotion_fairs.html", form=RECORD, values={"place": "inside"})


@router.post("/xuc-tien/hoi-cho")
def record_fair(request: Request, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    reply, refusal = send(request, RECORD, values(RECORD, posted))
    if refusal:
        kept = shown(posted, sorted(RECORD.names()))
        return render_form(request, "promotion_fairs.html", refusal, form=RECORD, values=kept)
    return _fair(request, reply.fair_id, reply, flash=t(request, "done"))


def _fair(
    request: Request, fair_id: str, fair: Any = None, failed: str = "",
    posted: FormData | None = None, refusal: Refusal | None = None, flash: str = "",
) -> Response:  # fmt: skip
    actions = dict(ACTIONS)
    if fair is not None and fair.participants:
        taking_part = [(p.product_id, p.product_name) for p in fair.participants]
        actions["ket-qua"] = choosing(ACTIONS["ket-qua"], "product_id", taking_part)
    return render_form(
        request, "promotion_fair.html", refusal, fair=fair, fair_id=fair_id, actions=actions,
        failed=failed, values=shown(posted, names(ACTIONS)), done=flash,
    )  # fmt: skip


@router.get("/xuc-tien/hoi-cho/mo")
def fair_lookup(request: Request, ma: str = "") -> Response:
    return redirect(f"/xuc-tien/hoi-cho/{ma.strip()}")


@router.get("/xuc-tien/hoi-cho/{fair_id}")
def fair_page(request: Request, fair_id: str) -> Response:
    """The forms of a fair known by its id (no read of a fair: the service has none)."""
    signed_in(request)
    return _fair(request, fair_id)


@router.post("/xuc-tien/hoi-cho/{fair_id}/{action}")
def fair_action(
    request: Request, fair_id: str, action: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    again = partial(_fair, request, fair_id, None)

    def answered(reply: Any) -> Response:
        return _fair(request, fair_id, reply, flash=t(request, "done"))

    return act(request, ACTIONS, action, posted, {"fair_id": fair_id}, again, answered)

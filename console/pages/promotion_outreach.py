"""Communication and training (the seed plan III.1-III.2): record a campaign on a
channel and a training course with the officials and producers attending. Each is a
record of the office's unit; the page says its id."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.actions import act, names
from console.forms import Field, Form, shown
from console.pages.promotion import STUB
from console.refusals import Refusal
from console.texts_promotion import options
from console.web import checked_form, render_form, signed_in, t
from contracts.rpc import promotion_pb2 as pb

router = APIRouter()
URL = "/xuc-tien/truyen-thong"
ACTIONS: dict[str, Form] = {
    "chien-dich": Form(
        "po_campaign", "promotion", "RecordCampaign", pb.RecordCampaignRequest,
        (
            Field("title", "po_title", required=True),
            Field("channel", "po_channel", "select", True, options("outreach")),
            Field("audience", "po_audience", required=True),
            Field("held_on", "po_held_on", "date", True),
            Field("activity_code", "ps_activity_code"),
        ),
        "po_campaign", stub=STUB,
    ),
    "dao-tao": Form(
        "po_training", "promotion", "RecordTraining", pb.RecordTrainingRequest,
        (
            Field("topic", "po_topic", required=True),
            Field("organiser", "pf_organiser", required=True),
            Field("starts_on", "pf_starts_on", "date", True),
            Field("ends_on", "pf_ends_on", "date", True),
            Field("officials", "po_officials", "int"), Field("producers", "po_producers", "int"),
            Field("activity_code", "ps_activity_code"),
        ),
        "po_training", stub=STUB,
    ),
}  # fmt: skip


def with_participants(typed: dict[str, Any]) -> dict[str, Any]:
    """The attendance counts as the request's map by role (official, producer)."""
    counts = {"official": typed.pop("officials", 0), "producer": typed.pop("producers", 0)}
    return {**typed, "participants": {k: int(v or 0) for k, v in counts.items()}}


@router.get(URL)
def outreach(request: Request) -> Response:
    signed_in(request)
    return _page(request)


def _page(
    request: Request, failed: str = "", posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:  # fmt: skip
    return render_form(
        request, "promotion_outreach.html", refusal, actions=ACTIONS, failed=failed,
        values=shown(posted, names(ACTIONS)),
    )  # fmt: skip


@router.post(URL + "/{action}")
def record(request: Request, action: str, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    again = partial(_page, request)

    def said(reply: Any) -> str:
        return t(request, "po_recorded").format(id=reply.record_id)

    derive = with_participants if action == "dao-tao" else None
    return act(request, ACTIONS, action, posted, {}, again, URL, derive, said)

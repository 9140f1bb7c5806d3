"""Opening an evaluation round and appointing its council (chair, members, secretary), by
the officers of the round's level; the service refuses anyone else, at the field."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.forms import typed_text
from console.pages.council import evaluate, round_view
from console.refusals import Refusal
from console.web import checked_form, redirect, render_form, signed_in, t
from contracts.rpc import evaluation_pb2 as pb
from runtime.text import typed_day

router = APIRouter()
LEVELS = ("province", "district", "ministry")
ROUND_FIELDS = frozenset({"level", "jurisdiction", "on", "period"})
MEMBER_FIELDS = frozenset({"member_id", "name", "role"})


def _new_page(request: Request, form: dict[str, str], refusal: Refusal) -> Response:
    levels = [(k, t(request, "level_" + k)) for k in LEVELS]
    return render_form(request, "round_new.html", refusal, levels=levels, form=form)


@router.get("/hoi-dong/dot-moi")
def new_round(request: Request) -> Response:
    user = signed_in(request)
    return _new_page(request, {"jurisdiction": user.jurisdiction}, Refusal())


@router.post("/hoi-dong/dot-moi")
def open_round(request: Request, form: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    typed = typed_text(form, ROUND_FIELDS)
    request_pb = pb.OpenRoundRequest(
        level=typed["level"], jurisdiction=typed["jurisdiction"], on=typed_day(typed["on"]),
        period=typed["period"],
    )  # fmt: skip
    opened, refusal = evaluate(request, "OpenRound", request_pb, ROUND_FIELDS)
    if refusal:
        return _new_page(request, typed, refusal)
    return redirect(f"/hoi-dong/dot/{opened.round_id}", t(request, "round_opened"), request)


@router.post("/hoi-dong/dot/{round_id}/thanh-vien")
def appoint(request: Request, round_id: str, form: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    typed = typed_text(form, MEMBER_FIELDS)
    request_pb = pb.AppointMemberRequest(
        round_id=round_id, member_id=typed["member_id"], name=typed["name"], role=typed["role"]
    )
    _, refusal = evaluate(request, "AppointMember", request_pb, MEMBER_FIELDS)
    if refusal:
        return round_view(request, round_id, form=typed, refusal=refusal)
    return redirect(f"/hoi-dong/dot/{round_id}", t(request, "member_appointed"), request)

"""Registration pages: a producer, its product ideas (idea → business plan → product)
and the product's dossier submission. Every command goes to the registration service
as the signed-in user; its refusals are shown next to their fields."""

from __future__ import annotations

from contextlib import closing
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console import texts_registration as _texts  # noqa: F401 (registers the texts)
from console.forms import Field, Form, call, send, shown, values
from console.refusals import Refusal
from console.web import checked_form, client, redirect, render, render_form, signed_in, t
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from rules import load_rule_set

router = APIRouter()
STUB = pb_grpc.RegistrationStub


def _call(request: Request, method: str, asked: Any) -> Any:
    return call(request, "registration", STUB, method, asked)


KINDS = (
    "cooperative",
    "cooperative_group",
    "enterprise",
    "farm",
    "household_business",
    "association",
)


def set_options() -> tuple[tuple[str, str], ...]:
    """R3's product sets as (number, "number — name") choices (names in Vietnamese; the
    English names are on the rules' pages)."""
    sets = load_rule_set("R3").product_sets
    return tuple((str(s.number), f"{s.number} — {s.name.vi}") for s in sets)


PRODUCER = Form(
    "producer_new",
    "registration",
    "RegisterProducer",
    pb.RegisterProducerRequest,
    (
        Field("name", "producer_name", required=True),
        Field("kind", "producer_kind", "select", True, tuple((k, f"kind_{k}") for k in KINDS)),
        Field("is_sme", "is_sme", "bool"),
        Field("business_registration_no", "brn"),
        Field("commune_code", "commune_code", required=True, hint="commune_hint"),
        Field("legal_representative", "legal_rep"),
        Field(
            "legal_rep_gender",
            "gender",
            "select",
            options=tuple((g, f"gender_{g}") for g in ("", "female", "male", "other")),
        ),
        Field("legal_rep_ethnicity", "ethnicity"),
        Field("legal_rep_disability", "disability", "bool"),
        Field("address", "address"),
        Field("account", "account", hint="account_hint"),
    ),
    stub=STUB,
)
IDEA = Form(
    "idea_new",
    "registration",
    "RegisterIdea",
    pb.RegisterIdeaRequest,
    (
        Field("producer_id", "producer_id", required=True),
        Field("name", "idea_name", required=True),
        Field("product_set", "product_set", "select", True),
        Field("description", "description", "textarea"),
        Field("submitted_on", "submitted_on", "date", True),
    ),
    stub=STUB,
)
ADVANCE = Form(
    "idea_advance",
    "registration",
    "AdvanceIdea",
    pb.AdvanceIdeaRequest,
    (
        Field(
            "action",
            "action",
            "select",
            True,
            tuple(
                (a, f"act_{a}")
                for a in (
                    "accept",
                    "return",
                    "resubmit",
                    "submit_plan",
                    "approve_plan",
                    "return_plan",
                )
            ),
        ),
        Field("on", "on", "date", True),
        Field("reason", "reason"),
        Field("text", "text", "textarea"),
    ),
    fixed=("idea_id",),
    stub=STUB,
)


def _form(form: Form) -> Form:
    """`form` with the product sets filled in (read once the rules are loaded)."""
    if form is not IDEA:
        return form
    fields = tuple(
        Field(f.name, f.label, f.kind, f.required, set_options()) if f.name == "product_set" else f
        for f in form.fields
    )
    return Form(form.title, form.service, form.method, form.request, fields, stub=form.stub)


def form_page(
    request: Request,
    form: Form,
    action: str,
    posted: FormData | None = None,
    refusal: Refusal | None = None,
    **context: Any,
) -> Response:
    form = _form(form)
    return render_form(
        request,
        "form_page.html",
        refusal,
        form=form,
        action=action,
        values={**context.pop("initial", {}), **shown(posted, sorted(form.names()))},
        **context,
    )


@router.get("/nha-san-xuat/moi")
def producer_form(request: Request) -> Response:
    signed_in(request)
    return form_page(request, PRODUCER, "/nha-san-xuat/moi", note="personal_note")


@router.post("/nha-san-xuat/moi")
def register_producer(request: Request, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    reply, refusal = send(request, PRODUCER, values(PRODUCER, posted))
    if refusal:
        return form_page(
            request, PRODUCER, "/nha-san-xuat/moi", posted, refusal, note="personal_note"
        )
    return redirect(f"/nha-san-xuat/{reply.producer_id}", t(request, "done"), request)


@router.get("/nha-san-xuat/{producer_id}")
def producer_page(request: Request, producer_id: str) -> Response:
    signed_in(request)
    with closing(client(request)) as calls:
        stub = STUB(calls.channel("registration"))  # type: ignore[no-untyped-call]
        producer = calls.call(stub.GetProducer, pb.GetProducerRequest(producer_id=producer_id))
        ideas = calls.call(stub.ListIdeas, pb.ListIdeasRequest(producer_id=producer_id))
    return render(request, "producer.html", producer=producer, ideas=ideas.ideas)


@router.get("/y-tuong")
def idea_list(request: Request, q: str = "") -> Response:
    signed_in(request)
    found = _call(request, "ListIdeas", pb.ListIdeasRequest(query=q, page_size=500))
    return render(request, "ideas.html", ideas=found.ideas, total=found.total, q=q)


@router.get("/y-tuong/moi")
def idea_form(request: Request, producer: str = "") -> Response:
    signed_in(request)
    return form_page(request, IDEA, "/y-tuong/moi", initial={"producer_id": producer})


@router.post("/y-tuong/moi")
def register_idea(request: Request, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    reply, refusal = send(request, IDEA, values(_form(IDEA), posted))
    if refusal:
        return form_page(request, IDEA, "/y-tuong/moi", posted, refusal)
    return redirect(f"/y-tuong/{reply.idea_id}", t(request, "done"), request)


def _idea(request: Request, idea_id: str) -> Any:
    found = _call(request, "ListIdeas", pb.ListIdeasRequest(page_size=5000))
    return next((i for i in found.ideas if i.idea_id == idea_id), None)


@router.get("/y-tuong/{idea_id}")
def idea_page(request: Request, idea_id: str) -> Response:
    signed_in(request)
    return _idea_page(request, idea_id)


def _idea_page(
    request: Request, idea_id: str, posted: FormData | None = None, refusal: Refusal | None = None
) -> Response:
    idea = _idea(request, idea_id)
    if idea is None:
        return render(request, "error.html", status_code=404, message=t(request, "not_found"))
    return form_page(
        request, ADVANCE, f"/y-tuong/{idea_id}", posted, refusal, idea=idea, template_idea=True
    )


@router.post("/y-tuong/{idea_id}")
def advance_idea(
    request: Request, idea_id: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    _, refusal = send(request, ADVANCE, values(ADVANCE, posted, {"idea_id": idea_id}))
    if refusal:
        return _idea_page(request, idea_id, posted, refusal)
    return redirect(f"/y-tuong/{idea_id}", t(request, "done"), request)


@router.post("/y-tuong/{idea_id}/san-pham")
def register_product(
    request: Request, idea_id: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    reply = _call(request, "RegisterProduct", pb.RegisterProductRequest(idea_id=idea_id))
    return redirect(f"/dang-ky/san-pham/{reply.product_id}", t(request, "done"), request)

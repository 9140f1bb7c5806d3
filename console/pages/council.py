"""The council session: the dossiers awaiting the council, a round with its members, and a
dossier's page — the member's scoring form (generated from the set's sheet), what the
service lets the caller see of the sheets (nobody sees another sheet or the mean before
submitting their own: the page shows the service's answer, it never computes it), the
secretary's progress view and adoption, and the adopted result with its explanation."""

from __future__ import annotations

from contextlib import closing
from typing import Any

import grpc
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from cli.client import Client
from console import scoring, texts_council  # noqa: F401  (registers the texts)
from console.forms import send_request
from console.refusals import Refusal, refusal_of
from console.web import User, checked_form, client, redirect, render, render_form, signed_in, t
from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc
from contracts.rpc import reporting_pb2 as rpb
from contracts.rpc import reporting_pb2_grpc as rpb_grpc

router = APIRouter()
WAITING = ("commune_assessed", "scored", "forwarded", "returned")
SCORING_ROLES = ("chair", "member")
ADVISORY_KINDS = ("field_survey", "extra_test")


STUB = pb_grpc.EvaluationStub


def evaluation_stub(c: Client) -> Any:
    return STUB(c.channel("evaluation"))  # type: ignore[no-untyped-call]


def evaluate(
    request: Request, method: str, asked: Any, known: frozenset[str] = frozenset()
) -> tuple[Any, Refusal]:
    """The evaluation service's `method` called with `asked` as the signed-in user:
    (reply, no refusal) or (None, the refusal; fields outside `known`, when given, go to
    its general message)."""
    return send_request(request, "evaluation", STUB, method, asked, known)


def waiting_products(c: Client) -> list[Any]:
    """Products with a dossier in evaluation (reporting's catalogue, Vietnamese order)."""
    stub = rpb_grpc.ReportingStub(c.channel("reporting"))  # type: ignore[no-untyped-call]
    reply = c.call(stub.ListProducts, rpb.ListProductsRequest(page_size=1000))
    return [p for p in reply.products if p.open_dossier_status in WAITING]


@router.get("/hoi-dong")
def council_home(request: Request) -> Response:
    signed_in(request)
    with closing(client(request)) as c:
        products = waiting_products(c)
    return render(request, "council_index.html", products=products)


@router.get("/hoi-dong/mo")
def council_open(request: Request, ho_so: str = "", dot: str = "") -> Response:
    """The look-up forms: to a dossier's or a round's page."""
    if dot.strip():
        return redirect(f"/hoi-dong/dot/{dot.strip()}")
    return redirect(f"/hoi-dong/ho-so/{ho_so.strip()}")


@router.get("/hoi-dong/dot/{round_id}")
def round_page(request: Request, round_id: str) -> Response:
    signed_in(request)
    return round_view(request, round_id)


def round_view(
    request: Request, round_id: str, form: dict[str, str] | None = None,
    refusal: Refusal | None = None,
) -> Response:  # fmt: skip
    """A round, its council (with the form to appoint a member) and its dossiers."""
    with closing(client(request)) as c:
        stub = evaluation_stub(c)
        round_ = c.call(stub.GetRound, pb.GetRoundRequest(round_id=round_id))
        dossiers = [
            c.call(stub.GetEvaluation, pb.GetEvaluationRequest(dossier_id=d))
            for d in round_.dossier_ids
        ]
    return render_form(
        request,
        "council_round.html",
        refusal,
        round=round_,
        dossiers=dossiers,
        roles=[(r, t(request, "role_" + r)) for r in ("member", "chair", "secretary")],
        form=form or {},
    )


def _sheets(c: Client, stub: Any, dossier_id: str) -> tuple[Any, str]:
    """What the service shows this user of the sheets, or its refusal's message."""
    try:
        return c.call(stub.GetSheets, pb.GetSheetsRequest(dossier_id=dossier_id)), ""
    except grpc.RpcError as error:
        return None, refusal_of(error).general or " ".join(refusal_of(error).fields.values())


def _round(c: Client, stub: Any, round_id: str) -> Any:
    try:
        return c.call(stub.GetRound, pb.GetRoundRequest(round_id=round_id))
    except grpc.RpcError as error:
        refusal_of(error)  # raises what is not a refusal
        return None


def dossier_context(request: Request, dossier_id: str, user: User) -> dict[str, Any]:
    """Everything the dossier page shows, as the services answer this user."""
    with closing(client(request)) as c:
        stub = evaluation_stub(c)
        evaluation = c.call(stub.GetEvaluation, pb.GetEvaluationRequest(dossier_id=dossier_id))
        round_ = _round(c, stub, evaluation.round_id) if evaluation.round_id else None
        sheets, hidden = _sheets(c, stub, dossier_id)
    members = {m.member_id: m for m in round_.members} if round_ else {}
    me = members.get(user.username)
    submitted = set(sheets.submitted) if sheets else set()
    scoring_member = me is not None and me.role in SCORING_ROLES
    eligible = [
        m for m in members.values()
        if m.role in SCORING_ROLES and m.member_id not in (sheets.conflicted if sheets else ())
    ]  # fmt: skip
    secretary = me is not None and me.role in ("secretary", "chair")
    may_declare = (
        evaluation.status == "open" and scoring_member and user.username not in submitted
        and user.username not in (sheets.conflicted if sheets else ())
    )  # fmt: skip
    to_declare = [
        (m.member_id, f"{m.name} ({m.member_id})" if m.name else m.member_id)
        for m in eligible if m.member_id not in submitted
    ]  # fmt: skip
    return {
        "forms": _forms(evaluation.status, sheets, may_declare, user, secretary=secretary,
                        undeclared=bool(to_declare)),
        "evaluation": evaluation,
        "round": round_,
        "members": sorted(members.values(), key=lambda m: (m.role != "chair", m.member_id)),
        "eligible": eligible,
        "sheets": sheets,
        "hidden": hidden,
        "show_form": evaluation.status == "open" and scoring_member
        and user.username not in submitted,
        "my_sheet_in": user.username in submitted,
        "scoring_member": scoring_member,
        "secretary": secretary,
        "me": me,
        "submitted": sorted(submitted),
        "names": {m.member_id: m.name for m in members.values()},
        "members_to_declare": to_declare,
        "advisory_kinds": [(k, t(request, "adv_" + k)) for k in ADVISORY_KINDS],
        "action": "",
        "sheet": _sheet_of(evaluation),
        "choices": {},
        "total": None,
        "errors": {},
        "general": "",
        "form": {},
    }  # fmt: skip


def _forms(
    status: str, sheets: Any, may_declare: bool, user: User, *, secretary: bool, undeclared: bool
) -> set[str]:
    """The council forms (council_actions.py) this user is shown on an open dossier; the
    service decides whether each command is allowed."""
    if status != "open":
        return set()
    forms = {"conflict"} if may_declare or (secretary and undeclared) else set()
    if secretary or user.has("province_officer", "district_officer", "ministry"):
        forms.add("advisory")
    if secretary:
        forms |= {"adopt", "rescore"}
        if sheets is not None and sheets.mode == "written":
            forms.add("convene")
    return forms


def _sheet_of(evaluation: Any) -> scoring.Sheet | None:
    try:
        return scoring.sheet(evaluation.rule_set_id, evaluation.product_set)
    except (KeyError, ValueError, LookupError):
        return None


@router.get("/hoi-dong/ho-so/{dossier_id}")
def dossier_page(request: Request, dossier_id: str) -> Response:
    user = signed_in(request)
    return render(request, "council_dossier.html", **dossier_context(request, dossier_id, user))


def _again(
    request: Request, dossier_id: str, user: User, refusal: Refusal, **extra: Any
) -> Response:
    context = dossier_context(request, dossier_id, user)
    context.update(errors=refusal.fields, general=refusal.general, **extra)
    return render(request, "council_dossier.html", status_code=422, **context)


@router.post("/hoi-dong/ho-so/{dossier_id}/cham-diem")
def submit_sheet(
    request: Request, dossier_id: str, form: FormData = Depends(checked_form)
) -> Response:
    user = signed_in(request)
    context = dossier_context(request, dossier_id, user)
    sheet = context["sheet"]
    choices = scoring.chosen(form, sheet) if sheet else {}
    knockouts = [str(k) for k in form.getlist(scoring.KNOCKOUT)]
    if "preview" in form:
        context.update(choices=choices, total=scoring.total(sheet, choices) if sheet else None)
        return render(request, "council_dossier.html", **context)
    request_pb = pb.SubmitSheetRequest(dossier_id=dossier_id, choices=choices, knockouts=knockouts)
    reply, refusal = evaluate(request, "SubmitSheet", request_pb)
    if refusal:
        if sheet:
            refusal.fields, placed = scoring.field_errors(refusal.fields, sheet)
            refusal.general = " ".join(x for x in (refusal.general, placed) if x)
        total = scoring.total(sheet, choices) if sheet else None
        return _again(request, dossier_id, user, refusal, choices=choices, total=total)
    message = f"{t(request, 'sheet_submitted')} {reply.total}"
    return redirect(f"/hoi-dong/ho-so/{dossier_id}", message, request)

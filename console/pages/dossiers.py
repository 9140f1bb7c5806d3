"""Dossier pages: the product's dossier submission (form 01), the list at the commune,
one dossier with what is missing, its documents (upload), the self-assessment on the
set's sheet (form 02), receipt, return and resubmission, the commune's assessment (form
03) and forwarding. The services decide who may do which; the page only shows forms."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import closing
from functools import partial
from typing import Any

import grpc
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from console import texts_dossiers as _texts  # noqa: F401 (registers the texts)
from console.actions import act
from console.forms import Field, Form, call, send, shown, values
from console.refusals import Refusal, refusal_of
from console.web import checked_form, client, redirect, render, render_form, signed_in, t
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc
from runtime.text import nfc

router = APIRouter()
STUB = pb_grpc.RegistrationStub
CHUNK = 1024 * 1024
UPLOAD_FIELDS = ("name", "data", "media_type", "content")
CATEGORIES = (
    "form_02",
    "food_safety_certificate",
    "quality_declaration",
    "lab_test",
    "business_plan",
    "other",
)


def _form(
    title: str,
    method: str,
    request: type[Any],
    *fields: Field,
    fixed: str = "dossier_id",
    submit: str = "save",
) -> Form:
    return Form(title, "registration", method, request, fields, submit, (fixed,), STUB)


SUBMIT = _form(
    "dossier_new",
    "SubmitDossier",
    pb.SubmitDossierRequest,
    Field(
        "kind",
        "dossier_kind",
        "select",
        True,
        tuple((k, f"dk_{k}") for k in ("first", "upgrade", "re_evaluation")),
    ),
    Field("received_on", "received_on", "date", True),
    Field("contact_phone", "contact_phone"),
    Field("contact_email", "contact_email"),
    Field("changes_summary", "changes_summary", "textarea"),
    Field("declared_samples", "declared_samples", "int"),
    fixed="product_id",
)
ACTIONS: dict[str, Form] = {
    "tiep-nhan": _form(
        "receive",
        "ReceiveAtCommune",
        pb.ReceiveAtCommuneRequest,
        Field("paper_copy", "paper_copy", "bool"),
        Field("samples", "samples", "int"),
        Field("received_on", "received_on", "date", True),
    ),
    "tra-lai": _form(
        "return",
        "ReturnDossier",
        pb.ReturnDossierRequest,
        Field("reason", "reason", "textarea", True),
        Field("returned_on", "returned_on", "date", True),
    ),
    "nop-lai": _form(
        "resubmit",
        "ResubmitDossier",
        pb.ResubmitDossierRequest,
        Field("received_on", "received_on", "date", True),
    ),
    "danh-gia": _form(
        "assess",
        "AssessDossier",
        pb.AssessDossierRequest,
        Field("report_no", "report_no", required=True),
        Field("assessed_on", "assessed_on", "date", True),
        *(
            Field(c, c, "bool")
            for c in ("local_raw_material", "local_labour", "idea_origin", "local_identity")
        ),
        Field("officer", "officer"),
    ),
    "chuyen": _form(
        "forward",
        "ForwardDossier",
        pb.ForwardDossierRequest,
        Field("forwarded_on", "forwarded_on", "date", True),
    ),
}
ATTACH = _form(
    "attach",
    "AttachDocument",
    pb.DocumentChunk,
    Field("file", "file", "file", True),
    Field("category", "category", "select", True, tuple((c, f"cat_{c}") for c in CATEGORIES)),
)


def _stub(calls: Any) -> Any:
    return STUB(calls.channel("registration"))  # type: ignore[no-untyped-call]


def _call(request: Request, method: str, asked: Any) -> Any:
    return call(request, "registration", STUB, method, asked)


@router.get("/dang-ky/san-pham/{product_id}")
def product_page(request: Request, product_id: str) -> Response:
    signed_in(request)
    return _product_page(request, product_id)


def _product_page(
    request: Request,
    product_id: str,
    posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:
    product = _call(request, "GetProduct", pb.GetProductRequest(product_id=product_id))
    return render_form(
        request,
        "product.html",
        refusal,
        product=product,
        form=SUBMIT,
        values=shown(posted, sorted(SUBMIT.names())) or {"kind": "first"},
    )


@router.post("/dang-ky/san-pham/{product_id}")
def submit_dossier(
    request: Request, product_id: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    reply, refusal = send(request, SUBMIT, values(SUBMIT, posted, {"product_id": product_id}))
    if refusal:
        return _product_page(request, product_id, posted, refusal)
    return redirect(f"/ho-so/{reply.dossier_id}", t(request, "done"), request)


@router.get("/ho-so")
def dossier_list(request: Request, q: str = "", qua_han: str = "") -> Response:
    signed_in(request)
    asked = pb.ListDossiersRequest(query=q, overdue_only=bool(qua_han), page_size=500)
    found = _call(request, "ListDossiers", asked)
    return render(request, "dossiers.html", found=found, q=q, overdue_only=bool(qua_han))


@router.get("/ho-so/{dossier_id}")
def dossier_page(request: Request, dossier_id: str) -> Response:
    signed_in(request)
    return _dossier_page(request, dossier_id)


def _dossier_page(
    request: Request,
    dossier_id: str,
    failed: str = "",
    posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:
    dossier = _call(request, "GetDossier", pb.GetDossierRequest(dossier_id=dossier_id))
    return render_form(
        request,
        "dossier.html",
        refusal,
        dossier=dossier,
        actions=ACTIONS,
        attach=ATTACH,
        failed=failed,
        values=shown(posted, [n for f in ACTIONS.values() for n in f.names()]),
    )


@router.post("/ho-so/{dossier_id}/tai-lieu")
def attach(request: Request, dossier_id: str, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    upload = posted.get("file")
    source = upload.file if isinstance(upload, UploadFile) else io.BytesIO()
    name = nfc(upload.filename or "") if isinstance(upload, UploadFile) else ""

    def chunks() -> Iterator[pb.DocumentChunk]:
        """The file as Starlette spooled it (to disk past 1 MiB), sent a chunk at a time:
        never the whole file in memory."""
        source.seek(0)
        yield pb.DocumentChunk(
            dossier_id=dossier_id,
            name=name,
            category=str(posted.get("category") or ""),
            data=source.read(CHUNK),
        )
        while block := source.read(CHUNK):
            yield pb.DocumentChunk(data=block)

    with closing(client(request)) as calls:
        try:
            calls.call(_stub(calls).AttachDocument, chunks())
        except grpc.RpcError as error:
            refusal = refusal_of(error, ATTACH.names() | set(UPLOAD_FIELDS))
            for named in UPLOAD_FIELDS:  # the file's name, bytes and type: the file input
                if named in refusal.fields:
                    refusal.fields.setdefault("file", refusal.fields.pop(named))
            return _dossier_page(request, dossier_id, "tai-lieu", posted, refusal)
    return redirect(f"/ho-so/{dossier_id}", t(request, "done"), request)


@router.post("/ho-so/{dossier_id}/{action}")
def dossier_action(
    request: Request, dossier_id: str, action: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    again = partial(_dossier_page, request, dossier_id)
    url = f"/ho-so/{dossier_id}"
    return act(request, ACTIONS, action, posted, {"dossier_id": dossier_id}, again, url)

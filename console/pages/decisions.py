"""Recognition decisions and certificates: issue a decision for several dossiers, download
the decision and each certificate as PDF (printed by the evaluation service in the Decree
30/2020 layout), a product's certificates with expiry and re-evaluation dates, and
revocation (opening the case, deciding it). Every refusal is the service's, shown at its
field."""

from __future__ import annotations

from contextlib import closing
from typing import Any
from urllib.parse import quote

import grpc
from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.pages.council import evaluation_stub, waiting_products
from console.refusals import Refusal, refusal_of
from console.web import checked_form, client, lang, redirect, render, signed_in, t
from contracts.rpc import evaluation_pb2 as pb
from rules import load_rule_set, revocation_grounds
from runtime.text import typed_day

router = APIRouter()
REVOCATION_FIELDS = frozenset(
    {"ground", "reference", "concluded_on", "decision_no", "decided_on", "signer"}
)
"""The fields of the certificates page's forms; a refusal naming another is shown above."""


def _form_page(request: Request, form: dict[str, Any], refusal: Refusal | None = None) -> Response:
    with closing(client(request)) as c:
        waiting = [p for p in waiting_products(c) if p.open_dossier_status == "scored"]
    refusal = refusal or Refusal()
    return render(
        request,
        "decision_new.html",
        status_code=422 if refusal else 200,
        waiting=waiting,
        form=form,
        errors=refusal.fields,
        general=refusal.general,
    )


@router.get("/quyet-dinh")
def decision_form(request: Request, ho_so: str = "") -> Response:
    signed_in(request)
    return _form_page(request, {"dossiers": [ho_so] if ho_so else []})


@router.post("/quyet-dinh")
def issue(request: Request, form: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    typed = {k: str(form.get(k) or "").strip() for k in ("decision_no", "decided_on", "signer")}
    extra = str(form.get("more") or "").split()
    dossiers = list(dict.fromkeys([*(str(d) for d in form.getlist("dossier")), *extra]))
    request_pb = pb.IssueDecisionRequest(
        decision_no=typed["decision_no"],
        decided_on=typed_day(typed["decided_on"]),
        signer=typed["signer"],
        dossier_ids=dossiers,
    )
    with closing(client(request)) as c:
        try:
            decision = c.call(evaluation_stub(c).IssueDecision, request_pb)
        except grpc.RpcError as error:
            return _form_page(request, {**typed, "dossiers": dossiers}, refusal_of(error))
    return render(request, "decision_issued.html", decision=decision)


def _pdf(document: Any) -> Response:
    name = quote(document.file_name)
    return Response(
        document.content,
        media_type=document.media_type or "application/pdf",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"},
    )


@router.get("/quyet-dinh/ho-so/{dossier_id}.pdf")
def decision_pdf(request: Request, dossier_id: str) -> Response:
    signed_in(request)
    with closing(client(request)) as c:
        stub = evaluation_stub(c)
        document = c.call(
            stub.GetDecisionDocument, pb.GetDecisionDocumentRequest(dossier_id=dossier_id)
        )
    return _pdf(document)


@router.get("/giay-chung-nhan")
def certificates_lookup(request: Request, san_pham: str = "") -> Response:
    signed_in(request)
    if san_pham.strip():
        return redirect(f"/giay-chung-nhan/{san_pham.strip()}")
    return render(request, "certificates_lookup.html")


def _certificates_page(
    request: Request, product_id: str, refusal: Refusal | None = None, **form: str
) -> Response:
    with closing(client(request)) as c:
        view = c.call(
            evaluation_stub(c).GetCertificates, pb.GetCertificatesRequest(product_id=product_id)
        )
    refusal = refusal or Refusal()
    english = lang(request) == "en"
    grounds = [(g.code, g.label.en if english else g.label.vi) for g in _grounds()]
    return render(
        request,
        "certificates.html",
        status_code=422 if refusal else 200,
        view=view,
        grounds=grounds,
        form=form,
        errors=refusal.fields,
        general=refusal.general,
    )


def _grounds() -> list[Any]:
    """The revocation grounds to choose from (R3 Art. 8.1); the service checks the ground
    against the rules of the conclusion's date."""
    return list(revocation_grounds(load_rule_set("R3")))


@router.get("/giay-chung-nhan/{product_id}")
def certificates(request: Request, product_id: str) -> Response:
    signed_in(request)
    return _certificates_page(request, product_id)


@router.get("/giay-chung-nhan/{product_id}/pdf")
def certificate_pdf(request: Request, product_id: str, so: str = "") -> Response:
    signed_in(request)
    request_pb = pb.GetCertificateDocumentRequest(product_id=product_id, certificate_no=so)
    with closing(client(request)) as c:
        try:
            document = c.call(evaluation_stub(c).GetCertificateDocument, request_pb)
        except grpc.RpcError as error:
            refusal = refusal_of(error, REVOCATION_FIELDS)
            return _certificates_page(request, product_id, refusal)
    return _pdf(document)


@router.post("/giay-chung-nhan/{product_id}/mo-thu-hoi")
def open_revocation(
    request: Request, product_id: str, form: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    typed = {k: str(form.get(k) or "").strip() for k in ("ground", "reference", "concluded_on")}
    request_pb = pb.OpenRevocationRequest(
        product_id=product_id,
        ground=typed["ground"],
        reference=typed["reference"],
        concluded_on=typed_day(typed["concluded_on"]),
    )
    with closing(client(request)) as c:
        try:
            c.call(evaluation_stub(c).OpenRevocation, request_pb)
        except grpc.RpcError as error:
            refusal = refusal_of(error, REVOCATION_FIELDS)
            return _certificates_page(request, product_id, refusal, **typed)
    return redirect(f"/giay-chung-nhan/{product_id}", t(request, "revocation_opened"), request)


@router.post("/giay-chung-nhan/{product_id}/thu-hoi")
def revoke(request: Request, product_id: str, form: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    typed = {k: str(form.get(k) or "").strip() for k in ("decision_no", "decided_on", "signer")}
    request_pb = pb.DecideRevocationRequest(
        product_id=product_id,
        decision_no=typed["decision_no"],
        decided_on=typed_day(typed["decided_on"]),
        signer=typed["signer"],
    )
    with closing(client(request)) as c:
        try:
            c.call(evaluation_stub(c).DecideRevocation, request_pb)
        except grpc.RpcError as error:
            refusal = refusal_of(error, REVOCATION_FIELDS)
            return _certificates_page(request, product_id, refusal, **typed)
    return redirect(f"/giay-chung-nhan/{product_id}", t(request, "revoked_done"), request)

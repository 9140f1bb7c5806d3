"""Recognition decisions and certificates: issue a decision for several dossiers, download
the decision and each certificate as PDF (printed by the evaluation service in the Decree
30/2020 layout), a product's certificates with expiry and re-evaluation dates, and
revocation (opening the case, deciding it). Every refusal is the service's, shown at its
field."""

from __future__ import annotations

from contextlib import closing
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.forms import call, typed_text
from console.pages.council import STUB, evaluate, waiting_products
from console.refusals import Refusal
from console.web import checked_form, client, lang, redirect, render, render_form, signed_in, t
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
    return render_form(request, "decision_new.html", refusal, waiting=waiting, form=form)


@router.get("/quyet-dinh")
def decision_form(request: Request, ho_so: str = "") -> Response:
    signed_in(request)
    return _form_page(request, {"dossiers": [ho_so] if ho_so else []})


@router.post("/quyet-dinh")
def issue(request: Request, form: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    typed = typed_text(form, ("decision_no", "decided_on", "signer"))
    extra = str(form.get("more") or "").split()
    dossiers = list(dict.fromkeys([*(str(d) for d in form.getlist("dossier")), *extra]))
    request_pb = pb.IssueDecisionRequest(
        decision_no=typed["decision_no"],
        decided_on=typed_day(typed["decided_on"]),
        signer=typed["signer"],
        dossier_ids=dossiers,
    )
    decision, refusal = evaluate(request, "IssueDecision", request_pb)
    if refusal:
        return _form_page(request, {**typed, "dossiers": dossiers}, refusal)
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
    asked = pb.GetDecisionDocumentRequest(dossier_id=dossier_id)
    return _pdf(call(request, "evaluation", STUB, "GetDecisionDocument", asked))


@router.get("/giay-chung-nhan")
def certificates_lookup(request: Request, san_pham: str = "") -> Response:
    signed_in(request)
    if san_pham.strip():
        return redirect(f"/giay-chung-nhan/{san_pham.strip()}")
    return render(request, "certificates_lookup.html")


def _certificates_page(
    request: Request, product_id: str, refusal: Refusal | None = None, **form: str
) -> Response:
    asked = pb.GetCertificatesRequest(product_id=product_id)
    view = call(request, "evaluation", STUB, "GetCertificates", asked)
    english = lang(request) == "en"
    grounds = [(g.code, g.label.en if english else g.label.vi) for g in _grounds()]
    return render_form(request, "certificates.html", refusal, view=view, grounds=grounds, form=form)


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
    document, refusal = evaluate(request, "GetCertificateDocument", request_pb, REVOCATION_FIELDS)
    if refusal:
        return _certificates_page(request, product_id, refusal)
    return _pdf(document)


@router.post("/giay-chung-nhan/{product_id}/mo-thu-hoi")
def open_revocation(
    request: Request, product_id: str, form: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    typed = typed_text(form, ("ground", "reference", "concluded_on"))
    request_pb = pb.OpenRevocationRequest(
        product_id=product_id,
        ground=typed["ground"],
        reference=typed["reference"],
        concluded_on=typed_day(typed["concluded_on"]),
    )
    return _revocation(
        request, product_id, typed, "OpenRevocation", request_pb, "revocation_opened"
    )


@router.post("/giay-chung-nhan/{product_id}/thu-hoi")
def revoke(request: Request, product_id: str, form: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    typed = typed_text(form, ("decision_no", "decided_on", "signer"))
    request_pb = pb.DecideRevocationRequest(
        product_id=product_id,
        decision_no=typed["decision_no"],
        decided_on=typed_day(typed["decided_on"]),
        signer=typed["signer"],
    )
    return _revocation(request, product_id, typed, "DecideRevocation", request_pb, "revoked_done")


def _revocation(
    request: Request, product_id: str, typed: dict[str, str], method: str, asked: Any, said: str
) -> Response:
    """Send a revocation command; a refusal gives the certificates page again with the
    typed values, a success goes back to it with the message `said`."""
    _, refusal = evaluate(request, method, asked, REVOCATION_FIELDS)
    if refusal:
        return _certificates_page(request, product_id, refusal, **typed)
    return redirect(f"/giay-chung-nhan/{product_id}", t(request, said), request)

"""The producer's self-assessment (form 02) on its product set's sheet: one choice per
scored criterion, the star minimums marked; recorded by the registration service."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console import sheets
from console.forms import call, send_request
from console.refusals import Refusal
from console.web import checked_form, redirect, render_form, signed_in, t
from contracts.rpc import registration_pb2 as pb
from contracts.rpc import registration_pb2_grpc as pb_grpc

router = APIRouter()


def _page(
    request: Request, dossier_id: str, chosen: dict[str, str], refusal: Refusal | None = None
) -> Response:
    asked = pb.GetDossierRequest(dossier_id=dossier_id)
    dossier = call(request, "registration", pb_grpc.RegistrationStub, "GetDossier", asked)
    return render_form(
        request,
        "self_assessment.html",
        refusal,
        dossier=dossier,
        lines=sheets.lines(dossier.rule_set_id, dossier.product_set),
        chosen=chosen,
    )


@router.get("/ho-so/{dossier_id}/tu-danh-gia")
def self_assessment(request: Request, dossier_id: str) -> Response:
    signed_in(request)
    return _page(request, dossier_id, {})


@router.post("/ho-so/{dossier_id}/tu-danh-gia")
def record(request: Request, dossier_id: str, posted: FormData = Depends(checked_form)) -> Response:
    signed_in(request)
    chosen = {
        key.removeprefix("c:"): str(value)
        for key, value in posted.multi_items()
        if key.startswith("c:") and value
    }
    scores = [pb.SelfScore(criterion=code, option=option) for code, option in chosen.items()]
    asked = pb.RecordSelfAssessmentRequest(dossier_id=dossier_id, scores=scores)
    _, refusal = send_request(
        request, "registration", pb_grpc.RegistrationStub, "RecordSelfAssessment", asked
    )
    if refusal:
        return _page(request, dossier_id, chosen, refusal)
    return redirect(f"/ho-so/{dossier_id}", t(request, "done"), request)

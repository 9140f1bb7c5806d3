"""The council's commands on a dossier's page, besides a member's sheet (council.py): a
member's conflict-of-interest declaration (R3 Art. 11: a member with an interest in the
product does not score it), the advisory team's records (field survey, extra test), the
meeting convened when written opinions do not suffice, the re-score of chosen members'
sheets (when the members' totals diverge beyond the regulation's limit, the service
refuses adoption and names the gap), and the adoption with the knock-outs the council
found. The service decides who may do each; a refusal is shown at its field.

Each form's fields carry the form's prefix (`conflict_reason`, `rescore_members`, ...), so
two forms on one page never show each other's refusals; `FIELDS` maps the services'
field names to them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from console.forms import typed_text
from console.pages.council import _again, evaluate
from console.web import checked_form, redirect, signed_in, t
from contracts.rpc import evaluation_pb2 as pb
from runtime.text import typed_day

router = APIRouter()
FIELDS: dict[str, dict[str, str]] = {
    "conflict": {"member_id": "conflict_member_id", "reason": "conflict_reason"},
    "advisory": {"kind": "advisory_kind", "on": "advisory_on", "summary": "advisory_summary"},
    "rescore": {"members": "rescore_members", "reason": "rescore_reason"},
    "adopt": {"adopted_on": "adopted_on", "knockouts": "adopt_knockouts", "sheets": "sheets"},
    "convene": {},
}
"""Per form: the service's field name -> the form's field name."""


def _typed(form: FormData, action: str) -> dict[str, str]:
    return typed_text(form, FIELDS[action].values())


def _command(
    request: Request,
    dossier_id: str,
    action: str,
    form: FormData,
    method: str,
    asked: Any,
    done: str,
) -> Response:
    """Send `asked` to the evaluation service's `method` as the signed-in user; on a
    refusal, the dossier's page again with the messages at this form's fields and the
    typed values kept."""
    user = signed_in(request)
    names = FIELDS[action]
    _, refusal = evaluate(request, method, asked, frozenset(names) or frozenset({""}))
    if refusal:
        refusal.fields = {names[k]: v for k, v in refusal.fields.items()}
        if "sheets" in refusal.fields:  # quorum or divergence: about the whole council
            refusal.general = " ".join(
                filter(None, (refusal.general, refusal.fields.pop("sheets")))
            )
        typed = _typed(form, action)
        return _again(request, dossier_id, user, refusal, form=typed, action=action)
    return redirect(f"/hoi-dong/ho-so/{dossier_id}", t(request, done), request)


@router.post("/hoi-dong/ho-so/{dossier_id}/xung-dot")
def declare_conflict(
    request: Request, dossier_id: str, form: FormData = Depends(checked_form)
) -> Response:
    """A conflict of interest: a member's own (member_id empty: the signed-in member), or
    one the chair or secretary records; declared before that member scores."""
    typed = _typed(form, "conflict")
    member = typed["conflict_member_id"] or signed_in(request).username
    return _command(
        request, dossier_id, "conflict", form,
        "DeclareConflict", pb.DeclareConflictRequest(
            dossier_id=dossier_id, member_id=member, reason=typed["conflict_reason"]),
        "conflict_declared",
    )  # fmt: skip


@router.post("/hoi-dong/ho-so/{dossier_id}/tu-van")
def record_advisory(
    request: Request, dossier_id: str, form: FormData = Depends(checked_form)
) -> Response:
    typed = _typed(form, "advisory")
    return _command(
        request, dossier_id, "advisory", form,
        "RecordAdvisory", pb.RecordAdvisoryRequest(
            dossier_id=dossier_id, kind=typed["advisory_kind"],
            on=typed_day(typed["advisory_on"]), summary=typed["advisory_summary"]),
        "advisory_recorded",
    )  # fmt: skip


@router.post("/hoi-dong/ho-so/{dossier_id}/hop")
def convene(request: Request, dossier_id: str, form: FormData = Depends(checked_form)) -> Response:
    """Written opinions give way to a council meeting (the quorum rules then apply)."""
    return _command(
        request, dossier_id, "convene", form,
        "ConveneMeeting", pb.ConveneMeetingRequest(dossier_id=dossier_id),
        "meeting_convened",
    )  # fmt: skip


@router.post("/hoi-dong/ho-so/{dossier_id}/cham-lai")
def rescore(request: Request, dossier_id: str, form: FormData = Depends(checked_form)) -> Response:
    """The chosen members score again (none chosen: every member who scored)."""
    members = [str(m) for m in form.getlist("rescore_members")]
    reason = str(form.get("rescore_reason") or "").strip()
    return _command(
        request, dossier_id, "rescore", form,
        "RequestRescore", pb.RequestRescoreRequest(
            dossier_id=dossier_id, members=members, reason=reason),
        "rescore_asked",
    )  # fmt: skip


@router.post("/hoi-dong/ho-so/{dossier_id}/thong-qua")
def adopt(request: Request, dossier_id: str, form: FormData = Depends(checked_form)) -> Response:
    adopted_on = str(form.get("adopted_on") or "").strip()
    knockouts = [str(k) for k in form.getlist("adopt_knockouts")]
    return _command(
        request, dossier_id, "adopt", form,
        "AdoptResult", pb.AdoptResultRequest(
            dossier_id=dossier_id, adopted_on=typed_day(adopted_on), knockouts=knockouts),
        "adopted",
    )  # fmt: skip

"""One inspection (R3 Art. 9): what was planned, each visit with its team, findings
against the rule set's checklist and evidence, the conclusion and the remediation; and
the form that records a visit with its findings, evidence files and conclusion (passed,
remediation with a deadline and a follow-up visit, failed with a revocation ground).
The inspection service checks and refuses; the page shows each refusal at its field."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.datastructures import FormData, UploadFile

from console import texts_inspection  # noqa: F401  (registers the texts)
from console.forms import call, send_request
from console.pages.inspection import team_of
from console.refusals import Refusal
from console.web import checked_form, redirect, render_form, signed_in, t
from contracts.rpc import inspection_pb2 as pb
from contracts.rpc import inspection_pb2_grpc as pb_grpc
from runtime.text import nfc, typed_day

router = APIRouter()
STUB = pb_grpc.InspectionStub
CHECKLIST = (
    "quality", "production_conditions", "food_safety", "traceability", "mark_use",
    "still_operating",
)  # fmt: skip
OUTCOMES = ("remediation", "passed", "failed")
DATES = ("visited_on", "concluded_on", "deadline", "follow_up_on")
TEXTS = ("conclusion_no", "summary", "ground", "outcome", "team")
FIELDS = frozenset({*DATES, *TEXTS, "findings", "evidence", "others_compliant"})


def findings_of(posted: FormData) -> list[pb.Finding]:
    """The checklist items marked `ok` or `not_ok` (with their notes); the others are
    left out (see `others_compliant`)."""
    found = []
    for item in CHECKLIST:
        mark = str(posted.get(f"finding-{item}") or "")
        if mark in ("ok", "not_ok"):
            note = nfc(str(posted.get(f"note-{item}") or "").strip())
            found.append(pb.Finding(item=item, compliant=mark == "ok", note=note))
    return found


def evidence_of(posted: FormData) -> list[pb.EvidenceUpload]:
    """The uploaded files (none chosen: none)."""
    files = [f for f in posted.getlist("evidence") if isinstance(f, UploadFile) and f.filename]
    return [
        pb.EvidenceUpload(
            name=nfc(f.filename or ""),
            media_type=f.content_type or "application/octet-stream",
            data=f.file.read(),
        )
        for f in files
    ]


def visit_request(inspection_id: str, posted: FormData) -> pb.RecordVisitRequest:
    typed = {k: nfc(str(posted.get(k) or "").strip()) for k in (*DATES, *TEXTS)}
    fields: dict[str, Any] = {k: typed_day(typed[k]) for k in DATES}
    fields.update({k: typed[k] for k in TEXTS if k != "team"})
    return pb.RecordVisitRequest(
        inspection_id=inspection_id,
        **fields,
        team=team_of(typed["team"]),
        findings=findings_of(posted),
        others_compliant=posted.get("others_compliant") is not None,
        evidence=evidence_of(posted),
    )


@router.get("/kiem-tra/cuoc/{inspection_id}")
def inspection_page(request: Request, inspection_id: str) -> Response:
    signed_in(request)
    return _page(request, inspection_id)


def _page(
    request: Request, inspection_id: str, posted: FormData | None = None,
    refusal: Refusal | None = None,
) -> Response:  # fmt: skip
    asked = pb.GetInspectionRequest(inspection_id=inspection_id)
    found = call(request, "inspection", STUB, "GetInspection", asked)
    sent = {k: v for k, v in posted.items() if isinstance(v, str)} if posted else {}
    outcomes = [(o, t(request, f"out_{o}")) for o in OUTCOMES]
    return render_form(
        request, "inspection_visit.html", refusal, inspection=found, checklist=CHECKLIST,
        outcomes=outcomes, values=sent or {"team": _team_lines(found)},
    )  # fmt: skip


def _team_lines(found: Any) -> str:
    return "\n".join(f"{m.role}:{m.name}" for m in found.team)


@router.post("/kiem-tra/cuoc/{inspection_id}/ghi-nhan")
def record_visit(
    request: Request, inspection_id: str, posted: FormData = Depends(checked_form)
) -> Response:
    signed_in(request)
    asked = visit_request(inspection_id, posted)
    _, refusal = send_request(request, "inspection", STUB, "RecordVisit", asked, FIELDS)
    if refusal:
        return _page(request, inspection_id, posted, refusal)
    return redirect(f"/kiem-tra/cuoc/{inspection_id}", t(request, "visit_recorded"), request)

"""The six-month and annual reports to download (written by the reporting service) and
the audit trail of a product, dossier, decision or certificate."""

from __future__ import annotations

from contextlib import closing
from datetime import date
from typing import Any
from urllib.parse import quote

import grpc
from fastapi import APIRouter, Request
from fastapi.responses import Response

from console import texts_reports  # noqa: F401  (registers the texts)
from console.refusals import refusal_of
from console.web import client, render, signed_in
from contracts.rpc import audit_pb2, audit_pb2_grpc
from contracts.rpc import reporting_pb2 as rpb
from contracts.rpc import reporting_pb2_grpc as rpb_grpc
from runtime.clock import SystemClock

router = APIRouter()
MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KINDS = ("product", "dossier", "decision", "certificate")


def periods(today: date) -> list[tuple[str, str]]:
    """The periods offered: this year's and last year's halves and years ("2025-H1")."""
    keys = []
    for year in (today.year, today.year - 1):
        keys += [
            (f"{year}-H1", "period_h1"),
            (f"{year}-H2", "period_h2"),
            (str(year), "period_year"),
        ]
    return keys


def offered(request: Request) -> list[tuple[str, str]]:
    """The periods offered today, the date in the deployment's time zone (at 20:00Z on
    31/12 it is already the new year in Vietnam)."""
    return periods(SystemClock(request.app.state.settings.time_zone).today())


@router.get("/bao-cao")
def reports(request: Request) -> Response:
    signed_in(request)
    return render(request, "reports.html", periods=offered(request), form={}, general="")


@router.get("/bao-cao/tai")
def download(
    request: Request,
    period: str,
    kind: str = "docx",
    jurisdiction: str = "",
    number: str = "",
    issuer: str = "",
    signer: str = "",
) -> Response:
    signed_in(request)
    request_pb = rpb.GetReportRequest(
        period=period, jurisdiction=jurisdiction.strip(), number=number.strip(),
        issuer=issuer.strip(), signer=signer.strip(),
    )  # fmt: skip
    with closing(client(request)) as c:
        stub = rpb_grpc.ReportingStub(c.channel("reporting"))  # type: ignore[no-untyped-call]
        try:
            files = c.call(stub.GetReport, request_pb)
        except grpc.RpcError as error:
            refusal = refusal_of(error)
            message = " ".join([refusal.general, *refusal.fields.values()]).strip()
            form = {"period": period, "jurisdiction": jurisdiction, "number": number}
            return render(
                request, "reports.html", status_code=422, periods=offered(request),
                form=form, general=message,
            )  # fmt: skip
    xlsx = kind == "xlsx"
    name, content = (files.xlsx_name, files.xlsx) if xlsx else (files.docx_name, files.docx)
    return Response(
        content,
        media_type=MEDIA["xlsx" if xlsx else "docx"],
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"},
    )


@router.get("/nhat-ky")
def trail(request: Request, kind: str = "product", id: str = "") -> Response:
    signed_in(request)
    found: Any = None
    general = ""
    if id.strip():
        with closing(client(request)) as c:
            stub = audit_pb2_grpc.AuditStub(c.channel("reporting"))  # type: ignore[no-untyped-call]
            try:
                found = c.call(stub.GetTrail, audit_pb2.GetTrailRequest(kind=kind, id=id.strip()))
            except grpc.RpcError as error:
                refusal = refusal_of(error)
                general = " ".join([refusal.general, *refusal.fields.values()]).strip()
    return render(
        request, "trail.html", kinds=KINDS, kind=kind, id=id, trail=found, general=general
    )

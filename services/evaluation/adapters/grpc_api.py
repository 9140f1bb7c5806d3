"""gRPC adapter of the evaluation service: requests in, application calls, views out.

A command RPC is one row: the request's `Shape` (runtime.rpc_mapping: only the fields that
need converting are named), the application command it calls and the view of what that
returns (`grpc_views`). Queries and the sheet reply, which read more than one thing, are
methods."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
from google.protobuf.message import Message

from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc
from runtime.identity.scope import scoped
from runtime.rpc import (
    Register,
    handles_rejections,
    parse_uuid,
    request_lang,
    row_problems,
    to_context,
)
from runtime.rpc_mapping import Shape, as_date, as_uuids, command_rpc, dates, optional, uuids
from services.evaluation.adapters import documents, scope
from services.evaluation.adapters import grpc_views as views
from services.evaluation.application import EvaluationApp

Command = Callable[[EvaluationApp], Callable[..., Any]]
Handler = Callable[[Any, Message, grpc.ServicerContext], Message]


def command(shape: Shape, call: Command, reply: Callable[..., Message]) -> Handler:
    """A servicer method (`runtime.rpc_mapping.command_rpc`) whose view is in the caller's
    language."""
    return command_rpc(shape, call, reply, localised=True)


DOSSIER = Shape(convert=uuids("dossier_id"))
ON_DOSSIER = Shape(convert={**uuids("dossier_id"), **dates("on")})
SHEET = Shape(convert={**uuids("dossier_id"), "scored_on": optional(as_date)})


UNIT_FIELDS = ("commune", "province", "district", "legacy_commune", "legacy_province")


@scoped(pb.DESCRIPTOR.services_by_name["Evaluation"], scope.TABLE)
class EvaluationService(pb_grpc.EvaluationServicer):
    """Every method checks the caller's scope on the dossier or product it names first
    (`adapters/scope.py`)."""

    def __init__(self, app: EvaluationApp) -> None:
        self.app = app

    @handles_rejections
    def RecordEarlierRecognitions(
        self, request: pb.RecordEarlierRecognitionsRequest, context: grpc.ServicerContext
    ) -> pb.RecordEarlierRecognitionsReply:
        rows = []
        for row in request.rows:
            fields = {f.name: getattr(row, f.name) for f in row.DESCRIPTOR.fields}
            unit = {name: fields.pop(name) for name in UNIT_FIELDS}
            rows.append({**fields, "unit": unit})
        done = self.app.earlier.record(
            to_context(request.actor),
            rows,
            source_sha256=request.source_sha256,
            source_name=request.source_name,
            dry_run=request.dry_run,
            valid_rows_only=request.valid_rows_only,
        )
        return pb.RecordEarlierRecognitionsReply(
            recorded=done.recorded,
            unchanged=done.unchanged,
            problems=row_problems(done.problems, request_lang(context)),
        )

    # -- rounds and councils ----------------------------------------------------------
    OpenRound = command(
        Shape(convert=dates("on")), lambda app: app.councils.open_round, views.round_view
    )
    AppointMember = command(
        Shape(convert=uuids("round_id")), lambda app: app.councils.appoint_member, views.round_view
    )
    DeclareConflict = command(DOSSIER, lambda app: app.councils.declare_conflict, views.view)
    RecordAdvisory = command(ON_DOSSIER, lambda app: app.councils.record_advisory, views.view)
    RequestRescore = command(DOSSIER, lambda app: app.councils.request_rescore, views.view)
    ConveneMeeting = command(DOSSIER, lambda app: app.councils.convene_meeting, views.view)
    AdoptResult = command(
        Shape(
            convert={**uuids("dossier_id"), **dates("adopted_on")},
            rename={"knockouts": "council_knockouts"},
        ),
        lambda app: app.councils.adopt_result,
        views.view,
    )
    GetSheets = command(DOSSIER, lambda app: app.councils.sheets_for, views.sheets_view)

    # -- forwarding, the next level's answer, decisions ----------------------------------
    ApproveAndForward = command(
        ON_DOSSIER, lambda app: app.forwarding.approve_and_forward, views.view
    )
    RecordHigherLevelResult = command(
        Shape(convert={**uuids("dossier_id"), **dates("decided_on")}),
        lambda app: app.forwarding.record_higher_result,
        views.view,
    )
    Reevaluate = command(DOSSIER, lambda app: app.forwarding.reevaluate, views.view)
    IssueDecision = command(
        Shape(convert={**dates("decided_on"), "dossier_ids": as_uuids}),
        lambda app: app.decisions.issue_decision,
        views.decision_view,
    )

    # -- certificates and revocation ----------------------------------------------------
    OpenRevocation = command(
        Shape(convert={**uuids("product_id"), **dates("concluded_on")}),
        lambda app: app.certificates.open_revocation,
        views.certificates_view,
    )
    DecideRevocation = command(
        Shape(convert={**uuids("product_id"), **dates("decided_on")}),
        lambda app: app.certificates.decide_revocation,
        views.certificates_view,
    )

    # -- replies that read more than the command's result --------------------------------

    @handles_rejections
    def SubmitSheet(
        self, request: pb.SubmitSheetRequest, context: grpc.ServicerContext
    ) -> pb.SubmitSheetReply:
        ctx, kwargs = SHEET.command(request)
        evaluation = self.app.councils.submit_sheet(ctx, **kwargs)
        return pb.SubmitSheetReply(
            dossier_id=str(evaluation.dossier_id),
            member_id=ctx.actor.id,
            total=str(evaluation.sheets[ctx.actor.id]["total"]),
            submitted=sorted(evaluation.sheets),
        )

    @handles_rejections
    def GetRound(self, request: pb.GetRoundRequest, context: grpc.ServicerContext) -> pb.RoundView:
        round_ = self.app.get_round(parse_uuid("round_id", request.round_id))
        dossiers = self.app.dossiers_in(round_.id)
        return views.round_view(round_, request_lang(context), dossiers)

    @handles_rejections
    def GetCertificates(
        self, request: pb.GetCertificatesRequest, context: grpc.ServicerContext
    ) -> pb.CertificatesView:
        product_id = parse_uuid("product_id", request.product_id)
        return views.certificates_view(
            self.app.get_certification(product_id), self.app.clock.today(), request_lang(context)
        )

    @handles_rejections
    def GetDecisionDocument(
        self, request: pb.GetDecisionDocumentRequest, context: grpc.ServicerContext
    ) -> pb.Document:
        facts = self.app.documents.decision_of(parse_uuid("dossier_id", request.dossier_id))
        return _document(documents.decision_pdf(facts))

    @handles_rejections
    def GetCertificateDocument(
        self, request: pb.GetCertificateDocumentRequest, context: grpc.ServicerContext
    ) -> pb.Document:
        product_id = parse_uuid("product_id", request.product_id)
        facts = self.app.documents.certificate_of(product_id, request.certificate_no.strip())
        return _document(documents.certificate_pdf(facts))

    @handles_rejections
    def GetEvaluation(
        self, request: pb.GetEvaluationRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        evaluation = self.app.get_evaluation(parse_uuid("dossier_id", request.dossier_id))
        return views.view(evaluation, request_lang(context))


def _document(pdf: documents.Pdf) -> pb.Document:
    return pb.Document(file_name=pdf.file_name, media_type=pdf.media_type, content=pdf.content)


def register(app: EvaluationApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_EvaluationServicer_to_server(EvaluationService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Evaluation"].full_name

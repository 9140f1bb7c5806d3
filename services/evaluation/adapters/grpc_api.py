"""gRPC adapter of the evaluation service: requests in, views out, nothing else."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

import grpc

from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc
from rules import Tier
from rules.i18n import TIER_AUTHORITY
from runtime.rpc import Register, handles_rejections, parse_date, parse_uuid, to_context
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.certificates import ProductCertification
from services.evaluation.domain.decisions import RecognitionDecision
from services.evaluation.domain.model import Evaluation
from services.evaluation.domain.rounds import Round


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


class EvaluationService(pb_grpc.EvaluationServicer):
    def __init__(self, app: EvaluationApp) -> None:
        self.app = app

    @handles_rejections
    def OpenRound(
        self, request: pb.OpenRoundRequest, context: grpc.ServicerContext
    ) -> pb.RoundView:
        return round_view(
            self.app.councils.open_round(
                to_context(request.actor),
                level=request.level,
                jurisdiction=request.jurisdiction,
                on=parse_date("on", request.on),
            )
        )

    @handles_rejections
    def AppointMember(
        self, request: pb.AppointMemberRequest, context: grpc.ServicerContext
    ) -> pb.RoundView:
        return round_view(
            self.app.councils.appoint_member(
                to_context(request.actor),
                round_id=parse_uuid("round_id", request.round_id),
                member_id=request.member_id,
                name=request.name,
                role=request.role,
            )
        )

    @handles_rejections
    def GetRound(self, request: pb.GetRoundRequest, context: grpc.ServicerContext) -> pb.RoundView:
        round_ = self.app.get_round(parse_uuid("round_id", request.round_id))
        return round_view(round_, self.app.dossiers_in(round_.id))

    @handles_rejections
    def DeclareConflict(
        self, request: pb.DeclareConflictRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.councils.declare_conflict(
                to_context(request.actor),
                dossier_id=parse_uuid("dossier_id", request.dossier_id),
                member_id=request.member_id,
                reason=request.reason,
            )
        )

    @handles_rejections
    def RecordAdvisory(
        self, request: pb.RecordAdvisoryRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.councils.record_advisory(
                to_context(request.actor),
                dossier_id=parse_uuid("dossier_id", request.dossier_id),
                kind=request.kind,
                on=parse_date("on", request.on),
                summary=request.summary,
            )
        )

    @handles_rejections
    def SubmitSheet(
        self, request: pb.SubmitSheetRequest, context: grpc.ServicerContext
    ) -> pb.SubmitSheetReply:
        ctx = to_context(request.actor)
        evaluation = self.app.councils.submit_sheet(
            ctx,
            dossier_id=parse_uuid("dossier_id", request.dossier_id),
            choices=dict(request.choices),
            knockouts=list(request.knockouts),
        )
        return pb.SubmitSheetReply(
            dossier_id=str(evaluation.dossier_id),
            member_id=ctx.actor.id,
            total=str(evaluation.sheets[ctx.actor.id]["total"]),
            submitted=sorted(evaluation.sheets),
        )

    @handles_rejections
    def GetSheets(
        self, request: pb.GetSheetsRequest, context: grpc.ServicerContext
    ) -> pb.SheetsView:
        seen = self.app.councils.sheets_for(
            to_context(request.actor), dossier_id=parse_uuid("dossier_id", request.dossier_id)
        )
        return pb.SheetsView(
            submitted=seen["submitted"],
            conflicted=seen["conflicted"],
            mode=seen["mode"],
            sheets=[
                pb.SheetTotal(
                    member_id=m,
                    total=str(s["total"]),
                    part_a=str(s["parts"].get("A", "")),
                    part_b=str(s["parts"].get("B", "")),
                    part_c=str(s["parts"].get("C", "")),
                )
                for m, s in sorted(seen["sheets"].items())
            ],
            mean=seen["mean"] or "",
            spread=seen["spread"] or "",
        )

    @handles_rejections
    def RequestRescore(
        self, request: pb.RequestRescoreRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.councils.request_rescore(
                to_context(request.actor),
                dossier_id=parse_uuid("dossier_id", request.dossier_id),
                members=list(request.members),
                reason=request.reason,
            )
        )

    @handles_rejections
    def ConveneMeeting(
        self, request: pb.ConveneMeetingRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.councils.convene_meeting(
                to_context(request.actor), dossier_id=parse_uuid("dossier_id", request.dossier_id)
            )
        )

    @handles_rejections
    def AdoptResult(
        self, request: pb.AdoptResultRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.councils.adopt_result(
                to_context(request.actor),
                dossier_id=parse_uuid("dossier_id", request.dossier_id),
                adopted_on=parse_date("adopted_on", request.adopted_on),
                council_knockouts=list(request.knockouts),
            )
        )

    @handles_rejections
    def ApproveAndForward(
        self, request: pb.ApproveAndForwardRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.forwarding.approve_and_forward(
                to_context(request.actor),
                dossier_id=parse_uuid("dossier_id", request.dossier_id),
                on=parse_date("on", request.on),
            )
        )

    @handles_rejections
    def RecordHigherLevelResult(
        self, request: pb.RecordHigherLevelResultRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.forwarding.record_higher_result(
                to_context(request.actor),
                dossier_id=parse_uuid("dossier_id", request.dossier_id),
                result=request.result,
                score=request.score,
                star=request.star,
                decision_no=request.decision_no,
                decided_on=parse_date("decided_on", request.decided_on),
                signer=request.signer,
                reason=request.reason,
            )
        )

    @handles_rejections
    def Reevaluate(
        self, request: pb.ReevaluateRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(
            self.app.forwarding.reevaluate(
                to_context(request.actor), dossier_id=parse_uuid("dossier_id", request.dossier_id)
            )
        )

    @handles_rejections
    def IssueDecision(
        self, request: pb.IssueDecisionRequest, context: grpc.ServicerContext
    ) -> pb.DecisionView:
        return decision_view(
            self.app.decisions.issue_decision(
                to_context(request.actor),
                decision_no=request.decision_no,
                decided_on=parse_date("decided_on", request.decided_on),
                signer=request.signer,
                dossier_ids=[parse_uuid("dossier_ids", d) for d in request.dossier_ids],
            )
        )

    @handles_rejections
    def GetCertificates(
        self, request: pb.GetCertificatesRequest, context: grpc.ServicerContext
    ) -> pb.CertificatesView:
        return certificates_view(
            self.app.get_certification(parse_uuid("product_id", request.product_id))
        )

    @handles_rejections
    def OpenRevocation(
        self, request: pb.OpenRevocationRequest, context: grpc.ServicerContext
    ) -> pb.CertificatesView:
        return certificates_view(
            self.app.certificates.open_revocation(
                to_context(request.actor),
                product_id=parse_uuid("product_id", request.product_id),
                ground=request.ground,
                reference=request.reference,
                concluded_on=parse_date("concluded_on", request.concluded_on),
            )
        )

    @handles_rejections
    def DecideRevocation(
        self, request: pb.DecideRevocationRequest, context: grpc.ServicerContext
    ) -> pb.CertificatesView:
        return certificates_view(
            self.app.certificates.decide_revocation(
                to_context(request.actor),
                product_id=parse_uuid("product_id", request.product_id),
                decision_no=request.decision_no,
                decided_on=parse_date("decided_on", request.decided_on),
                signer=request.signer,
            )
        )

    @handles_rejections
    def GetEvaluation(
        self, request: pb.GetEvaluationRequest, context: grpc.ServicerContext
    ) -> pb.EvaluationView:
        return view(self.app.get_evaluation(parse_uuid("dossier_id", request.dossier_id)))


def view(evaluation: Evaluation) -> pb.EvaluationView:
    return pb.EvaluationView(
        dossier_id=str(evaluation.dossier_id),
        product_id=str(evaluation.product_id),
        product_name=evaluation.product_name,
        product_set=evaluation.product_set,
        status=evaluation.status,
        score=str(evaluation.score) if evaluation.score is not None else "",
        star=evaluation.star,
        outcome=evaluation.outcome,
        decision_no=evaluation.decision_no,
        rule_set_id=evaluation.rule_set_id,
        explanation=evaluation.explanation,
        round_id=str(evaluation.round_id),
        level=evaluation.level,
        mode=evaluation.mode,
        forwarded_to=evaluation.forwarded_to,
        certificate_no=evaluation.certificate_no,
        returned_options=list(evaluation.returned.get("options", [])),
        kind=evaluation.kind,
    )


def round_view(round_: Round, dossiers: list[UUID] | None = None) -> pb.RoundView:
    return pb.RoundView(
        round_id=str(round_.id),
        level=round_.level,
        jurisdiction=round_.jurisdiction,
        name=round_.name_vi,
        forwarded_by=_d(round_.forwarded_by),
        decided_by=_d(round_.decided_by),
        source=round_.source,
        status=round_.status,
        members=[
            pb.Member(member_id=m, name=v["name"], role=v["role"])
            for m, v in round_.members.items()
        ],
        dossier_ids=[str(d) for d in dossiers or ()],
    )


def decision_view(decision: RecognitionDecision) -> pb.DecisionView:
    return pb.DecisionView(
        decision_no=decision.decision_no,
        decided_on=_d(decision.decided_on),
        signer=decision.signer,
        authority=" ".join(
            (TIER_AUTHORITY[Tier(decision.authority)]["vi"], decision.jurisdiction)
        ).strip(),
        legal_basis=decision.legal_basis,
        items=[pb.DecisionItem(**item) for item in decision.items],
    )


def _case(entry: dict[str, Any] | None) -> str:
    if not entry:
        return ""
    return "; ".join(f"{k}={_d(v) if isinstance(v, date) else v}" for k, v in entry.items() if v)


def certificates_view(certification: ProductCertification) -> pb.CertificatesView:
    return pb.CertificatesView(
        product_id=str(certification.product_id),
        current=certification.current or "",
        certificates=[
            pb.Certificate(
                certificate_no=c["number"],
                dossier_id=c["dossier_id"],
                decision_no=c["decision_no"],
                star=c["star"],
                issuer=c["issuer"],
                rule_set_id=c["rule_set_id"],
                issued_on=_d(c["issued_on"]),
                valid_to=_d(c["valid_to"]),
                status=c["status"],
                notice_by=_d(c["notice_by"]),
                window_opens=_d(c["window_opens"]),
                window_closes=_d(c["window_closes"]),
                grace_until=_d(c["grace_until"]),
                revocation=_case(c["revocation"]),
                reevaluation=_case(c["reevaluation"]),
            )
            for c in certification.certificates.values()
        ],
    )


def register(app: EvaluationApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_EvaluationServicer_to_server(EvaluationService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Evaluation"].full_name

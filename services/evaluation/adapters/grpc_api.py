"""gRPC adapter of the evaluation service."""

from __future__ import annotations

import grpc

from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc
from runtime.rpc import Register, handles_rejections, parse_date, parse_uuid, to_context
from services.evaluation.application import EvaluationApp
from services.evaluation.domain.model import Evaluation


class EvaluationService(pb_grpc.EvaluationServicer):
    def __init__(self, app: EvaluationApp) -> None:
        self.app = app

    @handles_rejections
    def RecordCouncilScore(
        self, request: pb.RecordCouncilScoreRequest, context: grpc.ServicerContext
    ) -> pb.RecordCouncilScoreReply:
        evaluation = self.app.record_council_score(
            to_context(request.actor),
            dossier_id=parse_uuid("dossier_id", request.dossier_id),
            score=request.score,
            scored_on=parse_date("scored_on", request.scored_on),
        )
        return pb.RecordCouncilScoreReply(
            outcome=evaluation.outcome,
            star=evaluation.star,
            explanation=evaluation.explanation,
            decision_no=evaluation.decision_no,
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
    )


def register(app: EvaluationApp) -> Register:
    def add(server: grpc.Server) -> None:
        pb_grpc.add_EvaluationServicer_to_server(EvaluationService(app), server)

    return add


SERVICE_NAME = pb.DESCRIPTOR.services_by_name["Evaluation"].full_name

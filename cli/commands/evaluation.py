"""`ocop evaluation ...`: council results."""

from __future__ import annotations

import argparse
from typing import Any

from cli.client import Client, actor
from cli.output import emit
from contracts.rpc import evaluation_pb2 as pb
from contracts.rpc import evaluation_pb2_grpc as pb_grpc


def add(sub: Any) -> None:
    group = sub.add_parser("evaluation", help="Đánh giá, phân hạng: kết quả hội đồng")
    cmds = group.add_subparsers(dest="command", required=True)

    p = cmds.add_parser("score", help="Ghi điểm trung bình hội đồng đã thông qua")
    p.add_argument("--dossier", required=True)
    p.add_argument("--score", required=True, help="Điểm trung bình, ví dụ 65.50")
    p.add_argument("--scored-on", required=True, help="yyyy-mm-dd")
    p.set_defaults(func=score, role="council_secretary")

    p = cmds.add_parser("show", help="Xem kết quả đánh giá của một hồ sơ")
    p.add_argument("dossier_id")
    p.set_defaults(func=show, role="auditor")


def _stub(client: Client) -> pb_grpc.EvaluationStub:
    return pb_grpc.EvaluationStub(client.channel("evaluation"))


def score(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).RecordCouncilScore,
        pb.RecordCouncilScoreRequest(
            actor=actor(args.actor_id, args.role_override or args.role, args.jurisdiction),
            dossier_id=args.dossier,
            score=args.score,
            scored_on=args.scored_on,
        ),
        retry_not_found=True,
    )
    emit(
        {f.name: getattr(reply, f.name) for f in reply.DESCRIPTOR.fields},
        as_json=args.json,
        lang=args.lang,
    )
    return 0


def show(args: argparse.Namespace, client: Client) -> int:
    view = client.call(
        _stub(client).GetEvaluation,
        pb.GetEvaluationRequest(dossier_id=args.dossier_id),
        retry_not_found=True,
    )
    emit(
        {f.name: getattr(view, f.name) for f in view.DESCRIPTOR.fields},
        as_json=args.json,
        lang=args.lang,
    )
    return 0

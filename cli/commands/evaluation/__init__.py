"""`ocop evaluation ...`: rounds, councils, sheets, results, decisions, certificates.

Each module declares its commands as data (`cli.declare`); `views` prints the replies."""

from __future__ import annotations

from typing import Any

from cli.commands.evaluation import council, decisions, results, rounds, views
from cli.declare import Group, add_group
from contracts.rpc import evaluation_pb2_grpc as pb_grpc

GROUP = Group(
    "evaluation",
    (
        "Đánh giá, phân hạng: đợt, Hội đồng, quyết định",
        "Evaluation and ranking: rounds, councils, decisions",
    ),
    "evaluation",
    pb_grpc.EvaluationStub,
    (
        *rounds.COMMANDS,
        *council.COMMANDS,
        results.APPROVE,
        results.HIGHER,
        results.REEVALUATE,
        *decisions.COMMANDS,
        results.SHOW,
    ),
    views.show,
)


def add(sub: Any, lang: str = "vi") -> None:
    add_group(sub, GROUP, lang)

"""Evaluation rounds of a level and their councils."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cli.declare import Arg, Command, on
from contracts.rpc import evaluation_pb2 as pb

OFFICER = "province_officer"


def _jurisdiction(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"jurisdiction": args.unit or args.jurisdiction}


OPEN = Command(
    "open-round",
    ("Mở đợt đánh giá của một cấp", "Open an evaluation round of a level"),
    OFFICER,
    pb.OpenRoundRequest,
    (
        Arg(
            "--level",
            "Cấp đánh giá",
            "Evaluating level",
            required=True,
            choices=("district", "province", "ministry"),
        ),
        Arg(
            "--unit",
            "Mã địa bàn của đợt (mặc định: --jurisdiction)",
            "The round's unit code (default: --jurisdiction)",
            field="",
        ),
        on("--on", "Ngày mở", "Opened on"),
        Arg(
            "--period",
            "Kỳ của đợt: tháng/năm quyết định, vd. 05/2025 (mặc định: đợt chưa quyết định"
            " vào ngày mở)",
            "The round's period: its decision month, e.g. 05/2025 (default: the round"
            " still to be decided on the opening date)",
        ),
    ),
    derive=_jurisdiction,
)

APPOINT = Command(
    "appoint",
    ("Bổ nhiệm thành viên Hội đồng", "Appoint a council member"),
    OFFICER,
    pb.AppointMemberRequest,
    (
        Arg("--round", "Mã đợt", "Round id", required=True, field="round_id"),
        Arg(
            "--member",
            "Mã người dùng của thành viên",
            "The member's user id",
            required=True,
            field="member_id",
        ),
        Arg("--name", "Họ tên thành viên", "The member's name"),
        Arg(
            "--council-role",
            "Vai trò trong Hội đồng",
            "Role on the council",
            required=True,
            choices=("chair", "member", "secretary"),
            field="role",
        ),
    ),
)

SHOW = Command(
    "round",
    ("Xem đợt đánh giá và Hội đồng", "Show a round and its council"),
    "auditor",
    pb.GetRoundRequest,
    (Arg("round_id", "Mã đợt", "Round id"),),
    actor=False,
)

COMMANDS = (OPEN, APPOINT, SHOW)

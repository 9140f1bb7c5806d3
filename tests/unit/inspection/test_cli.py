"""`ocop inspection visit` turns the team, findings and evidence files into the request."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.declare import Command, Refused, request_fields
from cli.main import parser
from contracts.rpc import common_pb2


def test_a_visit_request_from_the_arguments(tmp_path: Path) -> None:
    photo = tmp_path / "nhan-san-pham.jpg"
    photo.write_bytes(b"\xff\xd8photo")
    args = parser().parse_args(
        [
            "inspection", "visit", "--inspection", "i-1", "--on", "05/11/2025",
            "--member", "agriculture:Nguyễn Văn An", "--member", "health:Trần Thị Bình",
            "--fail", "mark_use:Dán nhãn 4 sao", "--pass", "quality", "--others-ok",
            "--outcome", "failed", "--ground", "d", "--record", "KL-01/2025",
            "--evidence", str(photo),
        ]
    )  # fmt: skip
    command: Command = args.func.args[1]
    fields = request_fields(command, args)
    request: Any = command.request(**fields)
    assert request.visited_on == "2025-11-05"
    assert [(m.role, m.name) for m in request.team] == [
        ("agriculture", "Nguyễn Văn An"),
        ("health", "Trần Thị Bình"),
    ]
    assert [(f.item, f.compliant, f.note) for f in request.findings] == [
        ("quality", True, ""),
        ("mark_use", False, "Dán nhãn 4 sao"),
    ]
    assert request.others_compliant
    assert (request.evidence[0].name, request.evidence[0].media_type) == (
        "nhan-san-pham.jpg",
        "image/jpeg",
    )
    assert request.actor == common_pb2.Actor()  # the services take it from the sign-in


def test_a_member_without_a_role_is_refused_before_calling() -> None:
    args = parser().parse_args(
        ["inspection", "schedule", "--plan", "p", "--product", "x", "--on", "2025-11-05",
         "--member", "Nguyễn Văn An"]
    )  # fmt: skip
    with pytest.raises(Refused):
        request_fields(args.func.args[1], args)

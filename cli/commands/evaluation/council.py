"""The council at work: conflicts of interest, the advisory team, score sheets, rescoring,
the meeting, and the adopted result."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from cli.commands.common import DOSSIER
from cli.declare import Arg, Command, Refused, day, on
from contracts.rpc import evaluation_pb2 as pb

MEMBER = "council_member"
SECRETARY = "council_secretary"


def _read_sheet(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    document = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    if not isinstance(document, dict) or not isinstance(document.get("choices"), dict):
        raise ValueError("the sheet file needs a 'choices' mapping (criterion: option)")
    return document


def _sheet(args: argparse.Namespace) -> Mapping[str, Any]:
    """The sheet's choices and knock-outs: the --sheet file's, then the options'."""
    choices: dict[str, str] = {}
    knockouts = list(args.knockout)
    try:
        if args.sheet:
            document = _read_sheet(args.sheet)
            choices.update({str(k): str(v) for k, v in document["choices"].items()})
            knockouts += [str(k) for k in document.get("knockouts") or []]
        for item in args.choice:
            code, sep, option = item.partition("=")
            if not sep:
                raise ValueError(f"--choice {item!r}: expected criterion=option")
            choices[code.strip()] = option.strip()
    except (OSError, ValueError, yaml.YAMLError) as error:
        raise Refused(field="sheet", message=str(error)) from error
    return {"choices": choices, "knockouts": knockouts}


CONFLICT = Command(
    "conflict",
    ("Khai báo xung đột lợi ích", "Declare a conflict of interest"),
    MEMBER,
    pb.DeclareConflictRequest,
    (
        DOSSIER,
        Arg(
            "--member",
            "Thành viên có xung đột",
            "The conflicted member",
            required=True,
            field="member_id",
        ),
        Arg("--reason", "Lý do", "Reason", required=True),
    ),
)

ADVISORY = Command(
    "advisory",
    ("Ghi kết quả của Tổ tư vấn", "Record the advisory team's findings"),
    SECRETARY,
    pb.RecordAdvisoryRequest,
    (
        DOSSIER,
        Arg(
            "--kind",
            "Khảo sát thực tế hoặc kiểm nghiệm bổ sung",
            "Field survey or extra test",
            required=True,
            choices=("field_survey", "extra_test"),
        ),
        on("--on", "Ngày", "On"),
        Arg("--summary", "Tóm tắt kết quả", "Summary of the findings", required=True),
    ),
)

SUBMIT_SHEET = Command(
    "submit-sheet",
    ("Thành viên nộp phiếu chấm", "A member submits a score sheet"),
    MEMBER,
    pb.SubmitSheetRequest,
    (
        DOSSIER,
        Arg(
            "--sheet",
            "Tệp YAML/JSON: choices: {tiêu chí: phương án}",
            "YAML/JSON file: choices: {criterion: option}",
            type=Path,
            default=None,
            field="",
        ),
        Arg("--choice", "tiêu chí=phương án", "criterion=option", action="append", field=""),
        Arg(
            "--knockout",
            "Tiêu chí loại (lặp lại được)",
            "Knock-out criterion (repeatable)",
            action="append",
            field="",
        ),
        Arg(
            "--scored-on",
            "Ngày chấm (nếu nêu: ngày thông qua không được trước ngày này)",
            "The day scored (if given, the adoption may not be dated before it)",
            type=day,
        ),
    ),
    derive=_sheet,
    retry_not_found=True,
)

SHEETS = Command(
    "sheets",
    (
        "Xem phiếu (sau khi đã nộp phiếu của mình)",
        "Show the sheets (once your own is submitted)",
    ),
    MEMBER,
    pb.GetSheetsRequest,
    (DOSSIER,),
)

RESCORE = Command(
    "rescore",
    ("Yêu cầu chấm lại", "Ask for rescoring"),
    SECRETARY,
    pb.RequestRescoreRequest,
    (
        DOSSIER,
        Arg(
            "--member",
            "Thành viên chấm lại (lặp lại được)",
            "Member to rescore (repeatable)",
            action="append",
            field="members",
        ),
        Arg("--reason", "Lý do", "Reason"),
    ),
)

CONVENE = Command(
    "convene-meeting",
    ("Chuyển sang họp Hội đồng", "Move to a council meeting"),
    SECRETARY,
    pb.ConveneMeetingRequest,
    (DOSSIER,),
)

ADOPT = Command(
    "adopt",
    ("Hội đồng thông qua kết quả", "The council adopts the result"),
    SECRETARY,
    pb.AdoptResultRequest,
    (
        DOSSIER,
        on("--adopted-on", "Ngày thông qua", "Adopted on"),
        Arg(
            "--knockout",
            "Tiêu chí loại Hội đồng xác nhận (lặp lại được)",
            "Knock-out criterion the council confirms (repeatable)",
            action="append",
            field="knockouts",
        ),
    ),
)

COMMANDS = (CONFLICT, ADVISORY, SUBMIT_SHEET, SHEETS, RESCORE, CONVENE, ADOPT)

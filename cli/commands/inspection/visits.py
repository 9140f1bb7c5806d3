"""`ocop inspection visit`: a visit, its findings against the rule set's checklist and
its evidence files, and the conclusion (passed, remediation with a deadline, failed
with a revocation ground).

Findings are `--fail ITEM:NOTE` / `--pass ITEM` (quality, production_conditions,
food_safety, traceability, mark_use, still_operating), `--others-ok` for the items not
listed; evidence is `--evidence FILE` (repeat)."""

from __future__ import annotations

import argparse
import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cli.commands.inspection import views
from cli.commands.inspection.plans import TEAM, team
from cli.declare import Arg, Command, Refused, day, on
from contracts.rpc import inspection_pb2 as pb


def finding(text: str) -> pb.Finding:
    """`ITEM:note` as a non-compliant finding."""
    item, _, note = text.partition(":")
    return pb.Finding(item=item.strip(), compliant=False, note=note.strip())


def evidence(name: str) -> pb.EvidenceUpload:
    """The file `name` as evidence; refused (field `evidence`) when there is none."""
    path = Path(name)
    if not path.is_file():
        raise Refused(
            f"--evidence {name}: không có tệp này",
            field="evidence",
            en=f"--evidence {name}: no such file",
        )
    media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return pb.EvidenceUpload(name=path.name, media_type=media, data=path.read_bytes())


def visit(args: argparse.Namespace) -> Mapping[str, Any]:
    findings = [pb.Finding(item=i, compliant=True) for i in args.passed]
    return {
        **team(args),
        "findings": findings + [finding(text) for text in args.failed],
        "evidence": [evidence(name) for name in args.evidence],
    }


VISIT = Command(
    "visit",
    ("Ghi nhận lần kiểm tra, phát hiện và kết luận", "Record a visit, its findings and conclusion"),
    "province_officer",
    pb.RecordVisitRequest,
    (
        Arg(
            "--inspection",
            "Mã cuộc kiểm tra",
            "Inspection id",
            required=True,
            field="inspection_id",
        ),
        on("--on", "Ngày kiểm tra", "Visit date", field="visited_on"),
        TEAM,
        Arg(
            "--pass",
            "Nội dung đạt (lặp lại)",
            "A compliant item (repeat)",
            action="append",
            dest="passed",
            field="",
        ),
        Arg(
            "--fail",
            "Nội dung không đạt: MỤC:ghi chú",
            "A non-compliant item: ITEM:note",
            action="append",
            dest="failed",
            field="",
        ),
        Arg(
            "--others-ok",
            "Các nội dung không nêu đều đạt",
            "Items not listed were compliant",
            action="store_true",
            field="others_compliant",
        ),
        Arg(
            "--outcome",
            "Kết luận",
            "Outcome",
            required=True,
            choices=("passed", "remediation", "failed"),
        ),
        Arg(
            "--record",
            "Số biên bản/kết luận",
            "Conclusion record no.",
            required=True,
            field="conclusion_no",
        ),
        Arg(
            "--concluded-on",
            "Ngày kết luận (mặc định: ngày kiểm tra)",
            "Conclusion date (default: the visit date)",
            type=day,
        ),
        Arg("--summary", "Tóm tắt phát hiện", "Findings summary"),
        Arg(
            "--ground", "Căn cứ thu hồi: a, b, c, d, dd, e", "Revocation ground: a, b, c, d, dd, e"
        ),
        Arg("--deadline", "Hạn khắc phục", "Remediation deadline", type=day),
        Arg(
            "--follow-up",
            "Ngày kiểm tra lại",
            "Follow-up visit date",
            type=day,
            field="follow_up_on",
        ),
        Arg(
            "--evidence",
            "Tệp minh chứng (lặp lại)",
            "Evidence file (repeat)",
            action="append",
            field="",
        ),
    ),
    output=views.record,
    derive=visit,
)

"""Dossiers at the commune: submission (form 01), self-assessment (form 02), documents,
receipt, returns, the commune assessment (form 03), forwarding, and views."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cli.client import Client, command_actor
from cli.commands.common import DOSSIER, DOSSIER_ID, SEARCH
from cli.commands.registration import views
from cli.declare import Arg, Command, Refused, on
from cli.output import refuse
from contracts.rpc import registration_pb2 as pb
from runtime.text import nfc

CHUNK = 1024 * 1024
OFFICER = "commune_officer"
CRITERIA = ("local-raw-material", "local-labour", "idea-origin", "local-identity")


def _scores(args: argparse.Namespace) -> dict[str, Any]:
    """Form 02's choices: the --file's, then each --choice (the later one wins)."""
    scores: dict[str, pb.SelfScore] = {}
    try:
        document = json.loads(Path(args.file).read_text(encoding="utf-8")) if args.file else {}
    except (OSError, ValueError) as error:
        raise Refused(field="file", message=str(error)) from error
    if not isinstance(document, dict):
        raise Refused(field="file", message="expected a JSON object {criterion: option}")
    for code, entry in document.items():
        if isinstance(entry, dict):
            if "option" not in entry:
                raise Refused(
                    field="file", message=f"{code}: expected {{'option': …, 'evidence': […]}}"
                )
            scores[code] = pb.SelfScore(
                criterion=code, option=str(entry["option"]), evidence=entry.get("evidence", [])
            )
        else:
            scores[code] = pb.SelfScore(criterion=code, option=str(entry))
    for choice in args.choice:
        code, _, option = choice.partition("=")
        scores[code] = pb.SelfScore(criterion=code, option=option)
    return {"scores": list(scores.values())}


def _upload(args: argparse.Namespace, client: Client, method: Callable[..., Any]) -> int:
    """Stream the file in 1 MiB chunks; the first one carries the dossier and the name."""
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        refuse("invalid_argument", "file", str(error), as_json=args.json)
        return 2

    def chunks() -> Iterator[pb.DocumentChunk]:
        yield pb.DocumentChunk(
            actor=command_actor(args),
            dossier_id=args.dossier,
            name=nfc(path.name),
            category=args.category,
            data=data[:CHUNK],
        )
        for start in range(CHUNK, len(data), CHUNK):
            yield pb.DocumentChunk(data=data[start : start + CHUNK])

    return views.show(args, client.call(method, chunks()))


SUBMIT = Command(
    "submit-dossier",
    ("Xã tiếp nhận hồ sơ (Mẫu 01)", "The commune receives a dossier (form 01)"),
    OFFICER,
    pb.SubmitDossierRequest,
    (
        Arg("--product", "Mã sản phẩm", "Product id", required=True, field="product_id"),
        Arg(
            "--kind",
            "first | upgrade | re_evaluation",
            "first | upgrade | re_evaluation",
            default="first",
        ),
        on("--received-on", "Ngày xã tiếp nhận", "Received by the commune on"),
        Arg("--phone", "Điện thoại liên hệ", "Contact phone", field="contact_phone"),
        Arg("--email", "Thư điện tử liên hệ", "Contact e-mail", field="contact_email"),
        Arg(
            "--changes",
            "Nâng hạng: thay đổi so với sản phẩm cũ",
            "Upgrade: what changed since the product was recognised",
            type=nfc,
            field="changes_summary",
        ),
        Arg("--declared-samples", "Số mẫu kê khai", "Samples declared", type=int, default=0),
    ),
)

SELF_ASSESS = Command(
    "self-assess",
    (
        "Tự đánh giá theo phiếu của bộ sản phẩm (Mẫu 02)",
        "Self-assessment on the product set's sheet (form 02)",
    ),
    "producer",
    pb.RecordSelfAssessmentRequest,
    (
        DOSSIER,
        Arg(
            "--choice",
            "tiêu chí=phương án, ví dụ 1.1=3",
            "criterion=option, e.g. 1.1=3",
            action="append",
            field="",
        ),
        Arg(
            "--file",
            'JSON {"1.1": "3", …} hoặc {"1.1": {"option": "3", "evidence": […]}}',
            'JSON {"1.1": "3", …} or {"1.1": {"option": "3", "evidence": […]}}',
            field="",
        ),
    ),
    output=views.summary,
    derive=_scores,
)

ATTACH = Command(
    "attach",
    (
        "Đính kèm tài liệu (PDF, JPEG, PNG, DOCX, XLSX; ≤ 20 MiB)",
        "Attach a document (PDF, JPEG, PNG, DOCX, XLSX; ≤ 20 MiB)",
    ),
    "producer",
    pb.DocumentChunk,
    (
        DOSSIER,
        Arg("--file", "Tệp cần đính kèm", "The file to attach", required=True, field=""),
        Arg(
            "--category",
            "form_02, lab_test, quality_declaration…",
            "form_02, lab_test, quality_declaration…",
            default="other",
        ),
    ),
    rpc="AttachDocument",
    run=_upload,
)

RECEIVE = Command(
    "receive",
    (
        "Xã nhận bản giấy và/hoặc mẫu sản phẩm",
        "The commune receives the paper copy and/or samples",
    ),
    OFFICER,
    pb.ReceiveAtCommuneRequest,
    (
        DOSSIER,
        Arg("--paper-copy", "Đã nhận bản giấy", "The paper copy arrived", action="store_true"),
        Arg("--samples", "Số mẫu nhận được", "Samples received", type=int, default=0),
        on("--on", "Ngày nhận", "Received on", field="received_on"),
    ),
    output=views.summary,
)

RETURN = Command(
    "return-dossier",
    (
        "Trả hồ sơ để bổ sung (giữ nguyên mã hồ sơ)",
        "Return a dossier for completion (it keeps its id)",
    ),
    OFFICER,
    pb.ReturnDossierRequest,
    (
        DOSSIER,
        Arg("--reason", "Cần bổ sung gì", "What the dossier lacks", required=True, type=nfc),
        on("--on", "Ngày trả", "Returned on", field="returned_on"),
    ),
    output=views.summary,
)

RESUBMIT = Command(
    "resubmit-dossier",
    ("Nhận lại hồ sơ đã bổ sung", "Receive a completed dossier again"),
    OFFICER,
    pb.ResubmitDossierRequest,
    (DOSSIER, on("--received-on", "Ngày nhận lại", "Received again on")),
    output=views.summary,
)

ASSESS = Command(
    "assess",
    ("Xã đánh giá 4 tiêu chí (Mẫu 03)", "The commune assesses the 4 criteria (form 03)"),
    OFFICER,
    pb.AssessDossierRequest,
    (
        DOSSIER,
        Arg(
            "--report-no", "Số báo cáo (Mẫu 03)", "Report number (form 03)", required=True, type=nfc
        ),
        on("--assessed-on", "Ngày đánh giá", "Assessed on"),
        Arg(
            "--officer",
            "Cán bộ đánh giá (mặc định: người thực hiện)",
            "Assessing officer (default: the actor)",
            type=nfc,
        ),
        *(
            Arg(
                f"--no-{flag}",
                f"Tiêu chí {flag}: không đạt",
                f"Criterion {flag}: not met",
                action="store_false",
                dest=flag.replace("-", "_"),
            )
            for flag in CRITERIA
        ),
    ),
)

FORWARD = Command(
    "forward",
    (
        "Chuyển hồ sơ đã đánh giá lên cấp đánh giá",
        "Forward an assessed dossier to the evaluating level",
    ),
    OFFICER,
    pb.ForwardDossierRequest,
    (DOSSIER, on("--forwarded-on", "Ngày chuyển", "Forwarded on")),
)

SHOW = Command(
    "dossier",
    (
        "Xem hồ sơ (thiếu gì, hạn xử lý, thay đổi)",
        "Show a dossier (what it lacks, its deadline, changes)",
    ),
    "auditor",
    pb.GetDossierRequest,
    (DOSSIER_ID,),
    output=views.dossier,
    actor=False,
)

LIST = Command(
    "dossiers",
    (
        "Danh sách hồ sơ; --overdue: quá hạn xử lý của xã",
        "Dossiers; --overdue: past the commune's deadline",
    ),
    "auditor",
    pb.ListDossiersRequest,
    (
        Arg("--commune", "Lọc theo mã xã", "Filter by commune code", field="commune_code"),
        Arg(
            "--overdue",
            "Chỉ hồ sơ quá hạn",
            "Overdue dossiers only",
            action="store_true",
            field="overdue_only",
        ),
        SEARCH,
    ),
    output=views.dossier_list,
    actor=False,
)

COMMANDS = (SUBMIT, SELF_ASSESS, ATTACH, RECEIVE, RETURN, RESUBMIT, ASSESS, FORWARD, SHOW, LIST)

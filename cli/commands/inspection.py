"""`ocop inspection ...`: plans per period, scheduled and ad hoc inspections, visits with
findings and evidence, remediation, and the queries (coverage, history, open
remediations, overdue inspections).

Teams are given as `--member ROLE:NAME` (agriculture, health, market_surveillance,
commune, industry_trade); findings as `--fail ITEM:NOTE` / `--pass ITEM` against the
rule set's checklist (quality, production_conditions, food_safety, traceability,
mark_use, still_operating), with `--others-ok` for the items not listed."""

from __future__ import annotations

import argparse
import mimetypes
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from cli.declare import Arg, Command, Group, Refused, add_group, day, on
from cli.output import COMMON, emit, emit_table, message_record
from contracts.rpc import inspection_pb2 as pb
from contracts.rpc import inspection_pb2_grpc as pb_grpc

LABELS = {
    "plan_id": ("Mã kế hoạch", "Plan id"),
    "inspection_id": ("Mã cuộc kiểm tra", "Inspection id"),
    "period": ("Mã kỳ", "Period code"),
    "period_label": ("Kỳ kiểm tra", "Period"),
    "starts_on": ("Từ ngày", "From"),
    "ends_on": ("Đến ngày", "To"),
    "cadence_source": ("Căn cứ tần suất", "Cadence from"),
    "lead_agency": ("Cơ quan chủ trì", "Lead agency"),
    "inspected": ("Đã kiểm tra", "Inspected"),
    "due": ("Phải kiểm tra", "Due"),
    "coverage": ("Tỷ lệ đã kiểm tra", "Coverage"),
    "planned_on": ("Ngày dự kiến", "Planned on"),
    "kind": ("Loại kiểm tra", "Kind"),
    "trigger": ("Lý do đột xuất", "Trigger"),
    "conclusion_no": ("Số biên bản/kết luận", "Conclusion no."),
    "concluded_on": ("Ngày kết luận", "Concluded on"),
    "summary": ("Tóm tắt phát hiện", "Findings"),
    "ground": ("Căn cứ thu hồi đề xuất", "Proposed revocation ground"),
    "deadline": ("Hạn khắc phục", "Remediation deadline"),
    "follow_up_on": ("Ngày kiểm tra lại", "Follow-up visit"),
    "overdue_on": ("Quá hạn từ", "Overdue since"),
    "completed_on": ("Đã khắc phục ngày", "Remediated on"),
    "visits": ("Lần kiểm tra", "Visits"),
    "reason": ("Lý do rút", "Withdrawn because"),
    "product_name": ("Tên sản phẩm", "Product"),
    "commune_code": ("Mã xã", "Commune"),
    "team": ("Đoàn kiểm tra", "Team"),
    "certificate_status": ("Tình trạng giấy chứng nhận", "Certificate status"),
}
VALUES = {
    "periodic": ("định kỳ", "periodic"),
    "ad_hoc": ("đột xuất", "ad hoc"),
    "due": ("chưa kiểm tra", "due"),
    "scheduled": ("đã lên lịch", "scheduled"),
    "inspected": ("đã kiểm tra", "inspected"),
    "withdrawn": ("đã rút khỏi kế hoạch", "withdrawn"),
    "passed": ("đạt", "passed"),
    "remediation": ("phải khắc phục", "remediation required"),
    "overdue": ("quá hạn khắc phục", "remediation overdue"),
    "failed": ("không đạt", "failed"),
    "agriculture": ("Nông nghiệp và Môi trường", "agriculture"),
}
WORDS = COMMON.extend(LABELS, VALUES)

ENTRY_COLUMNS = ["product_id", "product_name", "star", "status", "planned_on", "outcome"]
INSPECTION_COLUMNS = ["inspection_id", "product_name", "kind", "status", "planned_on", "deadline"]
OVERDUE_COLUMNS = ["product_id", "product_name", "period", "planned_on", "status"]

TEAM = Arg(
    "--member",
    "Thành viên đoàn: VAI_TRÒ:Họ tên (lặp lại)",
    "Team member: ROLE:Name (repeat)",
    action="append",
    field="",
)
LEAD = Arg("--lead-agency", "Cơ quan chủ trì", "Lead agency", default="agriculture")
UNIT = Arg(
    "--unit", "Mã địa bàn (mặc định: tất cả)", "Unit code (default: all)", field="jurisdiction"
)


def _pair(text: str, option: str) -> tuple[str, str]:
    key, sep, value = text.partition(":")
    if not sep and option == "--member":
        raise Refused(f"{option} {text}: cần dạng VAI_TRÒ:Họ tên / expected ROLE:Name")
    return key.strip(), value.strip()


def _team(args: argparse.Namespace) -> Mapping[str, Any]:
    return {
        "team": [
            pb.TeamMember(role=r, name=n) for r, n in (_pair(m, "--member") for m in args.member)
        ]
    }


def _visit(args: argparse.Namespace) -> Mapping[str, Any]:
    findings = [pb.Finding(item=i, compliant=True) for i in args.passed]
    for text in args.failed:
        item, note = _pair(text, "--fail")
        findings.append(pb.Finding(item=item, compliant=False, note=note))
    evidence = []
    for name in args.evidence:
        path = Path(name)
        if not path.is_file():
            raise Refused(f"--evidence {name}: không có tệp này / no such file")
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        evidence.append(pb.EvidenceUpload(name=path.name, media_type=media, data=path.read_bytes()))
    return {**_team(args), "findings": findings, "evidence": evidence}


def _record(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.quiet:
        print(next(iter(record.values()), ""))
        return 0
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    flat = {
        k: v
        for k, v in record.items()
        if not isinstance(v, list) and v not in ("", 0) and k != "note"
    }
    if "team" in record:
        flat["team"] = ", ".join(f"{m['name']} ({m['role']})" for m in record["team"])
    if "visits" in record:
        flat["visits"] = len(record["visits"])
    emit(flat, as_json=False, lang=args.lang, words=WORDS)
    return 0


def _plan(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.quiet:
        print(record["plan_id"])
        return 0
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    label = record.pop("period_label_en") if args.lang == "en" else record["period_label"]
    head = {k: v for k, v in record.items() if k not in ("entries", "period_label_en")}
    head["period_label"] = label
    head["coverage"] = f"{record['inspected']}/{record['due']}"
    emit(head, as_json=False, lang=args.lang, words=WORDS)
    print()
    emit_table(record["entries"], ENTRY_COLUMNS, as_json=False, lang=args.lang, words=WORDS)
    return 0


def _inspections(args: argparse.Namespace, reply: Any) -> int:
    rows = message_record(reply)["inspections"]
    emit_table(rows, INSPECTION_COLUMNS, as_json=args.json, lang=args.lang, words=WORDS)
    return 0


def _history(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    head = {k: record[k] for k in ("certificate_no", "certificate_status")}
    emit(head, as_json=False, lang=args.lang, words=WORDS)
    emit_table(
        record["inspections"], INSPECTION_COLUMNS, as_json=False, lang=args.lang, words=WORDS
    )
    return 0


def _overdue(args: argparse.Namespace, reply: Any) -> int:
    rows = message_record(reply)["entries"]
    emit_table(rows, OVERDUE_COLUMNS, as_json=args.json, lang=args.lang, words=WORDS)
    return 0


PLAN = Command(
    "plan",
    ("Lập kế hoạch kiểm tra định kỳ của một kỳ", "Generate a period's inspection plan"),
    "province_officer",
    pb.GeneratePlanRequest,
    (
        Arg(
            "--on",
            "Một ngày trong kỳ (dd/mm/yyyy)",
            "Any day of the period",
            required=True,
            type=day,
        ),
        LEAD,
        TEAM,
    ),
    output=_plan,
    derive=_team,
)
SHOW_PLAN = Command(
    "show-plan",
    ("Kế hoạch của một kỳ và tỷ lệ đã kiểm tra", "A period's plan and its coverage"),
    "auditor",
    pb.GetPlanRequest,
    (
        Arg("--plan", "Mã kế hoạch", "Plan id", field="plan_id"),
        Arg(
            "--level",
            "Cấp lập kế hoạch",
            "Level of the planning office",
            default="province",
            choices=("district", "province", "central"),
        ),
        Arg("--unit", "Mã địa bàn của kế hoạch", "The plan's unit code", field="jurisdiction"),
        Arg(
            "--on",
            "Một ngày trong kỳ (dd/mm/yyyy hoặc yyyy-mm-dd)",
            "Any day of the period (dd/mm/yyyy or yyyy-mm-dd)",
            type=day,
        ),
    ),
    output=_plan,
    actor=False,
    retry_not_found=True,
)
ADD = Command(
    "add",
    ("Bổ sung sản phẩm vào kế hoạch", "Add a product to a plan"),
    "province_officer",
    pb.AddToPlanRequest,
    (
        Arg("--plan", "Mã kế hoạch", "Plan id", required=True, field="plan_id"),
        Arg("--product", "Mã sản phẩm", "Product id", required=True, field="product_id"),
    ),
    output=_plan,
)
SCHEDULE = Command(
    "schedule",
    ("Lên lịch kiểm tra một sản phẩm trong kế hoạch", "Schedule a planned product's inspection"),
    "province_officer",
    pb.ScheduleInspectionRequest,
    (
        Arg("--plan", "Mã kế hoạch", "Plan id", required=True, field="plan_id"),
        Arg("--product", "Mã sản phẩm", "Product id", required=True, field="product_id"),
        on("--on", "Ngày dự kiến kiểm tra", "Planned date", field="planned_on"),
        LEAD,
        TEAM,
    ),
    output=_record,
    derive=_team,
)
AD_HOC = Command(
    "ad-hoc",
    ("Mở cuộc kiểm tra đột xuất", "Open an ad hoc inspection"),
    "province_officer",
    pb.OpenAdHocRequest,
    (
        Arg("--product", "Mã sản phẩm", "Product id", required=True, field="product_id"),
        Arg(
            "--trigger",
            "Lý do: complaint, food_safety_alert, market_surveillance, other",
            "Trigger: complaint, food_safety_alert, market_surveillance, other",
            required=True,
        ),
        Arg("--note", "Nội dung phản ánh, cảnh báo", "What was reported"),
        on("--on", "Ngày dự kiến kiểm tra", "Planned date", field="planned_on"),
        LEAD,
        TEAM,
    ),
    output=_record,
    derive=_team,
)
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
    output=_record,
    derive=_visit,
)
SHOW = Command(
    "show",
    ("Một cuộc kiểm tra", "One inspection"),
    "auditor",
    pb.GetInspectionRequest,
    (Arg("inspection_id", "Mã cuộc kiểm tra", "Inspection id"),),
    output=_record,
    actor=False,
    retry_not_found=True,
)
HISTORY = Command(
    "history",
    ("Lịch sử kiểm tra của một sản phẩm", "A product's inspection history"),
    "auditor",
    pb.ProductHistoryRequest,
    (Arg("product_id", "Mã sản phẩm", "Product id"),),
    output=_history,
    actor=False,
    retry_not_found=True,
)
REMEDIATIONS = Command(
    "remediations",
    ("Các yêu cầu khắc phục đang mở và hạn", "Open remediations and their deadlines"),
    "auditor",
    pb.ListRequest,
    (UNIT,),
    output=_inspections,
    actor=False,
    rpc="OpenRemediations",
)
OVERDUE = Command(
    "overdue",
    ("Sản phẩm quá hạn kiểm tra theo kế hoạch", "Planned inspections past their date"),
    "auditor",
    pb.ListRequest,
    (UNIT,),
    output=_overdue,
    actor=False,
    rpc="OverdueInspections",
)

GROUP = Group(
    "inspection",
    ("Kiểm tra, giám sát sản phẩm OCOP (hậu kiểm)", "Post-certification inspection"),
    "inspection",
    pb_grpc.InspectionStub,
    (PLAN, SHOW_PLAN, ADD, SCHEDULE, AD_HOC, VISIT, SHOW, HISTORY, REMEDIATIONS, OVERDUE),
    _record,
)


def add(sub: Any, lang: str = "vi") -> None:
    add_group(sub, GROUP, lang)

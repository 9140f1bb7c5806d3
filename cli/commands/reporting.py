"""`ocop reporting ...`: the catalogue read model, the plan's KPIs and the reports."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from cli.commands import run
from cli.commands.common import PRODUCT_ID, SEARCH
from cli.declare import Arg, Command, Group, add_group, day
from cli.output import emit, emit_table, message_record, shown
from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc

COLUMNS = [
    "product_id",
    "name",
    "product_set",
    "status",
    "star",
    "score",
    "decision_no",
    "certificate_status",
    "valid_until",
]


def _row(message: Any) -> dict[str, Any]:
    return {f.name: getattr(message, f.name) for f in message.DESCRIPTOR.fields}


def _table(args: argparse.Namespace, reply: Any) -> int:
    emit_table([_row(p) for p in reply.products], COLUMNS, as_json=args.json, lang=args.lang)
    return 0


RECORD_LABELS = {
    "current_star": ("Hạng sao đang có hiệu lực", "Star in force"),
    "current_certificate_no": ("Số giấy chứng nhận đang có hiệu lực", "Certificate in force"),
    "current_decision_no": ("Quyết định công nhận", "Recognition decision"),
    "current_valid_from": ("Hiệu lực từ", "Valid from"),
    "current_valid_to": ("Hiệu lực đến", "Valid to"),
    "open_dossier_id": ("Hồ sơ đang xử lý", "Dossier in progress"),
    "open_dossier_kind": ("Loại hồ sơ đang xử lý", "Its kind"),
    "open_dossier_status": ("Tiến độ hồ sơ đang xử lý", "Its progress"),
    "higher_level": ("Cấp trên trả lời", "Answered by level"),
    "higher_outcome": ("Kết quả cấp trên", "Higher-level outcome"),
    "higher_score": ("Điểm cấp trên", "Higher-level score"),
    "higher_star": ("Hạng sao cấp trên", "Higher-level star"),
    "higher_reason": ("Lý do cấp trên", "Higher-level reason"),
    "higher_answered_on": ("Ngày cấp trên trả lời", "Answered on"),
    "higher_answered_by": ("Người ghi nhận trả lời", "Answer recorded by"),
    "certificate_no": ("Giấy chứng nhận gần nhất", "Latest certificate"),
    "certificate_status": ("Tình trạng giấy chứng nhận", "Certificate standing"),
    "valid_until": ("Hiệu lực đến hết ngày", "Valid until"),
}


def _record(args: argparse.Namespace, reply: Any) -> int:
    """A product's row: its catalogue status, then (issue 13 items 5 and 6) the certificate
    in force, the dossier in progress and the next level's answer, each only if there is
    one."""
    row = _row(reply)
    if args.json:
        emit(row, as_json=True, lang=args.lang)
        return 0
    i = 1 if args.lang == "en" else 0
    emit({k: v for k, v in row.items() if k not in RECORD_LABELS}, as_json=False, lang=args.lang)
    for key, labels in RECORD_LABELS.items():
        if row[key] not in ("", 0):
            print(f"{labels[i]}: {shown(row[key], i)}")
    return 0


NO_DATA = ("không có dữ liệu", "no data")
STATUS = {
    "below": ("chưa đạt", "not met"),
    "met": ("đạt", "met"),
    "stretch_met": ("vượt mức phấn đấu", "stretch met"),
}
SOURCES = {
    "registration": ("đăng ký", "registration"),
    "evaluation": ("đánh giá", "evaluation"),
    "inspection": ("kiểm tra", "inspection"),
    "promotion": ("xúc tiến", "promotion"),
}


def number(text: str, unit: str, index: int) -> str:
    """A KPI value or target as read: counts as integers, shares as percentages with the
    decimal comma in Vietnamese ("33,33 %")."""
    value = Decimal(text)
    if unit == "share":
        percent = f"{value * 100:.2f}".rstrip("0").rstrip(".")
        return (percent.replace(".", ",") if index == 0 else percent) + " %"
    return f"{value:f}".split(".")[0]


def _kpis(args: argparse.Namespace, reply: Any) -> int:
    """The KPI table: KPI, value, target, status; a header with the period and due date."""
    if args.json:
        print(json.dumps(message_record(reply), ensure_ascii=False, indent=2))
        return 0
    i = 1 if args.lang == "en" else 0
    place = reply.jurisdiction or ("toàn quốc", "all units")[i]
    dates = f"{shown(reply.starts, 0)} - {shown(reply.ends, 0)}"
    period = dates if "/" in reply.period else f"{reply.period} ({dates})"
    head = (f"Kỳ {period}, địa bàn {place}", f"Period {period}, unit {place}")[i]
    if reply.due:
        head += ("; hạn gửi báo cáo ", "; report due ")[i] + shown(reply.due, 0)
    print(head)
    if reply.missing_sources:
        names = ", ".join(SOURCES.get(s, (s, s))[i] for s in reply.missing_sources)
        print(("Chưa có dữ liệu từ: ", "No data yet from: ")[i] + names)
    header = [("Chỉ tiêu", "KPI"), ("Kết quả", "Actual"), ("Mục tiêu", "Target"),
              ("Đánh giá", "Status")]  # fmt: skip
    rows = []
    for line in reply.kpis:
        value = number(line.value, line.unit, i) if line.has_data else NO_DATA[i]
        if line.unit == "share" and line.has_data:
            value += f" ({line.numerator}/{line.denominator})"
        target = ""
        if line.has_target:
            target = "≥ " + number(line.minimum, line.unit, i)
            if line.stretch:
                target += (
                    (" (phấn đấu ", " (stretch ")[i] + number(line.stretch, line.unit, i) + ")"
                )
        status = STATUS.get(line.status, ("", ""))[i]
        rows.append([(line.label_vi, line.label_en)[i], value, target, status])
    cells = [[h[i] for h in header], *rows]
    widths = [max(len(r[c]) for r in cells) for c in range(len(header))]
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip())
    return 0


def _report(args: argparse.Namespace, reply: Any) -> int:
    """Write the .docx and the .xlsx into the folder `--out`; print their paths and the due
    date (the local policy's report of this period)."""
    folder = Path(args.out)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, data in ((reply.docx_name, reply.docx), (reply.xlsx_name, reply.xlsx)):
        path = folder / name
        path.write_bytes(data)
        written[name.rsplit(".", 1)[1]] = str(path)
    record = {**written, "report_code": reply.report_code, "due": reply.due}
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    i = 1 if args.lang == "en" else 0
    print(("Đã ghi: ", "Written: ")[i] + written["docx"])
    print(("Đã ghi: ", "Written: ")[i] + written["xlsx"])
    if reply.due:
        print(("Hạn gửi báo cáo: ", "Report due: ")[i] + shown(reply.due, 0))
    return 0


PERIOD = Arg(
    "--period",
    "Kỳ: 2025-H1 (6 tháng đầu năm), 2025-H2, 2025 (cả năm) hoặc dd/mm/yyyy-dd/mm/yyyy",
    "Period: 2025-H1 (first half), 2025-H2, 2025 (the year) or dd/mm/yyyy-dd/mm/yyyy",
)
JURISDICTION = Arg(
    "--jurisdiction",
    "Địa bàn: mã huyện (trước 2025, R1), mã tỉnh hoặc mã xã; bỏ trống: địa bàn của người dùng",
    "Unit: a district code (pre-2025, R1), a province or a commune; empty: the caller's own",
)
STARTS = Arg(
    "--from", "Từ ngày (dd/mm/yyyy), khi không có --period", "From (dd/mm/yyyy), without --period",
    type=day, dest="starts",
)  # fmt: skip
ENDS = Arg(
    "--to", "Đến ngày (dd/mm/yyyy), khi không có --period", "To (dd/mm/yyyy), without --period",
    type=day, dest="ends",
)  # fmt: skip

AS_OF = Arg(
    "--as-of",
    "Chỉ tiêu tại ngày này (dd/mm/yyyy): theo các sự kiện đã ghi đến hết ngày đó",
    "The KPIs on this day (dd/mm/yyyy): as the events recorded by its end make them",
    type=day,
)

GROUP = Group(
    "reporting",
    ("Báo cáo: danh mục sản phẩm và trạng thái", "Reporting: the product catalogue and status"),
    "reporting",
    pb_grpc.ReportingStub,
    (
        Command(
            "products",
            ("Danh sách sản phẩm", "Products"),
            "auditor",
            pb.ListProductsRequest,
            (
                Arg(
                    "--status",
                    "Lọc theo trạng thái, ví dụ recognised",
                    "Filter by status, e.g. recognised",
                ),
                SEARCH,
            ),
            output=_table,
            actor=False,
        ),
        Command(
            "product",
            ("Trạng thái và hạng sao của một sản phẩm", "A product's status and stars"),
            "auditor",
            pb.GetProductRequest,
            (PRODUCT_ID,),
            actor=False,
            retry_not_found=True,
        ),
        Command(
            "kpi",
            ("Chỉ tiêu kế hoạch OCOP: kết quả so với mục tiêu", "The plan's KPIs against targets"),
            "auditor",
            pb.GetKpisRequest,
            (PERIOD, JURISDICTION, STARTS, ENDS, AS_OF),
            output=_kpis,
            actor=False,
        ),
        Command(
            "report",
            (
                "Báo cáo 6 tháng, năm (.docx và .xlsx)",
                "The six-month or annual report (.docx, .xlsx)",
            ),
            "auditor",
            pb.GetReportRequest,
            (
                PERIOD,
                JURISDICTION,
                STARTS,
                ENDS,
                Arg(
                    "--out",
                    "Thư mục ghi báo cáo",
                    "Folder to write the report to",
                    required=True,
                    field="",
                ),
                Arg(
                    "--issuer",
                    'Cơ quan ban hành, ví dụ "UBND huyện Đăk Hà"',
                    'Issuing body, e.g. "UBND huyện Đăk Hà"',
                ),
                Arg(
                    "--number", "Số văn bản, ví dụ 125/BC-UBND", "Document number, e.g. 125/BC-UBND"
                ),
                Arg("--signer", "Người ký", "Who signs"),
            ),
            output=_report,
            actor=False,
        ),
    ),
    _record,
)


def add(sub: Any, lang: str = "vi") -> None:
    run.add_rebuild(add_group(sub, GROUP, lang), lang)

"""How inspection replies are printed: labels and values in Vietnamese or English, a
plan with its entries, an inspection, a product's history, the lists."""

from __future__ import annotations

import argparse
from typing import Any

from cli.output import COMMON, emit, emit_table, message_record, scalars

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


def record(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.quiet:
        print(next(iter(record.values()), ""))
        return 0
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    flat = {k: v for k, v in scalars(record).items() if k != "note"}
    if "team" in record:
        flat["team"] = ", ".join(f"{m['name']} ({m['role']})" for m in record["team"])
    if "visits" in record:
        flat["visits"] = len(record["visits"])
    emit(flat, as_json=False, lang=args.lang, words=WORDS)
    return 0


def plan(args: argparse.Namespace, reply: Any) -> int:
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


def inspections(args: argparse.Namespace, reply: Any) -> int:
    rows = message_record(reply)["inspections"]
    emit_table(rows, INSPECTION_COLUMNS, as_json=args.json, lang=args.lang, words=WORDS)
    return 0


def history(args: argparse.Namespace, reply: Any) -> int:
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


def overdue(args: argparse.Namespace, reply: Any) -> int:
    rows = message_record(reply)["entries"]
    emit_table(rows, OVERDUE_COLUMNS, as_json=args.json, lang=args.lang, words=WORDS)
    return 0

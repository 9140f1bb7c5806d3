"""How promotion replies are printed: labels and values in Vietnamese or English (the
published code lists name themselves), a record, a record with its rows, the showrooms,
the shares against the plan's targets."""

from __future__ import annotations

import argparse
from typing import Any

from cli.output import COMMON, Words, emit, emit_table, message_record, scalars
from contracts import promotion_codes as codes

LABELS = {
    "showroom_id": ("Mã điểm bán", "Showroom id"),
    "fair_id": ("Mã hội chợ", "Fair id"),
    "record_id": ("Mã bản ghi", "Record id"),
    "operator": ("Đơn vị vận hành", "Operator"),
    "opened_on": ("Ngày mở cửa", "Opened on"),
    "closed_on": ("Ngày đóng cửa", "Closed on"),
    "displayed": ("Đang trưng bày", "On display"),
    "place": ("Địa điểm (trong/ngoài tỉnh)", "Inside/outside the province"),
    "location": ("Nơi tổ chức", "Location"),
    "organiser": ("Đơn vị tổ chức", "Organiser"),
    "participants": ("Sản phẩm tham gia", "Products taking part"),
    "ocop_producers": ("Chủ thể OCOP", "OCOP producers"),
    "in_modern_channels": ("Có kênh phân phối hiện đại", "In modern channels"),
    "modern_channel_share": ("Tỷ lệ kênh hiện đại", "Modern-channel share"),
    "in_value_chains": ("Tham gia chuỗi giá trị", "In value chains"),
    "value_chain_share": ("Tỷ lệ chuỗi giá trị", "Value-chain share"),
    "on": ("Ngày", "Date"),
    "detail": ("Nội dung", "Detail"),
    "ref": ("Tham chiếu", "Reference"),
    "title": ("Tên", "Title"),
    "lead_unit": ("Đơn vị chủ trì", "Lead unit"),
    "budget_line": ("Dòng kinh phí", "Budget line"),
    "records": ("Số hoạt động đã ghi nhận", "Records"),
    "code": ("Mã", "Code"),
    "minimum": ("Chỉ tiêu tối thiểu", "Minimum"),
    "stretch": ("Chỉ tiêu phấn đấu", "Stretch"),
    "since": ("Từ ngày", "Since"),
    "until": ("Đến ngày", "Until"),
    "product_name": ("Tên sản phẩm", "Product"),
    "certificate_no": ("Số giấy chứng nhận", "Certificate no."),
    "reason": ("Lý do", "Reason"),
    "kind": ("Loại", "Kind"),
    "channel_type": ("Loại kênh", "Channel type"),
    "channel_id": ("Mã kênh", "Channel id"),
    "partner": ("Đối tác", "Partner"),
    "link_id": ("Mã liên kết", "Link id"),
    "raw_material_area": ("Vùng nguyên liệu", "Raw-material area"),
    "area": ("Diện tích", "Area"),
    "address": ("Địa chỉ", "Address"),
    "province_code": ("Mã tỉnh", "Province code"),
    "district_code": ("Mã huyện (trước 07/2025)", "District code (before 07/2025)"),
    "year": ("Năm", "Year"),
    "plan_id": ("Mã kế hoạch", "Plan id"),
    "contracts": ("Số hợp đồng", "Contracts"),
    "sales_vnd": ("Doanh thu (đồng)", "Sales (VND)"),
}
VALUES = {
    "planned": ("chưa thực hiện", "planned"),
    "under_way": ("đang thực hiện", "under way"),
    "done": ("đã hoàn thành", "done"),
    "below": ("chưa đạt", "below"),
    "met": ("đạt", "met"),
    "stretch_met": ("đạt mức phấn đấu", "stretch met"),
    "revoked": ("giấy chứng nhận bị thu hồi", "certificate revoked"),
    "expired": ("giấy chứng nhận hết hiệu lực", "certificate expired"),
    "by_operator": ("đơn vị vận hành rút", "taken down by the operator"),
    "inside": ("trong tỉnh", "inside the province"),
    "outside": ("ngoài tỉnh", "outside the province"),
}
_CODE_LISTS = (
    codes.CHANNEL_TYPES,
    codes.SUPPORT_KINDS,
    codes.FUNDING_SOURCES,
    codes.OUTREACH_CHANNELS,
    codes.UNITS,
    codes.ACTIVITY_KINDS,
)
# The published code lists name themselves; the words above win where a code means more
# than one thing here (a withdrawal's reason "revoked" names the certificate).
WORDS = COMMON.extend(
    LABELS,
    {
        **{k: (c.vi, c.en) for table in _CODE_LISTS for k, c in table.items()},
        **VALUES,
    },
)
# A producer's history names what happened: its kind "support" is support received, not
# the plan's activity kind of that name.
HISTORY_WORDS = WORDS.extend(
    values={
        "channel_joined": ("tham gia kênh phân phối", "joined a sales channel"),
        "channel_left": ("rời kênh phân phối", "left a sales channel"),
        "value_chain_linked": ("liên kết chuỗi giá trị", "value chain linked"),
        "value_chain_ended": ("kết thúc liên kết chuỗi", "value chain ended"),
        "displayed": ("trưng bày tại điểm bán", "on display"),
        "withdrawn": ("rút khỏi điểm bán, hội chợ, kênh", "withdrawn"),
        "support": ("nhận hỗ trợ", "support received"),
    }
)


def record(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    emit(scalars(record), as_json=False, lang=args.lang, quiet=args.quiet, words=WORDS)
    return 0


def with_rows(key: str, columns: list[str], words: Words = WORDS) -> Any:
    def show(args: argparse.Namespace, reply: Any) -> int:
        record = message_record(reply)
        if args.json:
            emit(record, as_json=True, lang=args.lang, words=words)
            return 0
        if args.quiet:
            print(next(iter(record.values()), ""))
            return 0
        emit(scalars(record), as_json=False, lang=args.lang, words=words)
        print()
        emit_table(record[key], columns, as_json=False, lang=args.lang, words=words)
        return 0

    return show


def showrooms(args: argparse.Namespace, reply: Any) -> int:
    rows = message_record(reply)["showrooms"]
    if args.json:
        emit_table(rows, [], as_json=True, lang=args.lang, words=WORDS)
        return 0
    for row in rows:
        row["displayed"] = ", ".join(d["product_name"] for d in row["displayed"]) or "—"
    emit_table(
        rows,
        ["showroom_id", "name", "commune_code", "opened_on", "displayed"],
        as_json=False,
        lang=args.lang,
        words=WORDS,
    )
    return 0


def percent(share: str, lang: str) -> str:
    """A share as people write it: "0.3000" -> "30 %", "0.3333" -> "33,3 %" (Vietnamese
    decimal comma; a point in English)."""
    value = f"{float(share) * 100:.1f}".removesuffix(".0")
    return f"{value if lang == 'en' else value.replace('.', ',')} %"


def shares(args: argparse.Namespace, reply: Any) -> int:
    record = message_record(reply)
    if args.json:
        emit(record, as_json=True, lang=args.lang, words=WORDS)
        return 0
    head = {k: percent(v, args.lang) if k.endswith("_share") else v for k, v in record.items()}
    del head["targets"]
    emit(head, as_json=False, lang=args.lang, words=WORDS)
    print()
    for target in record["targets"]:
        target["title"] = target["label_en"] if args.lang == "en" else target["label"]
        for bound in ("minimum", "stretch"):
            target[bound] = percent(target[bound], args.lang) if target[bound] else ""
    emit_table(
        record["targets"],
        ["title", "minimum", "stretch", "status"],
        as_json=False,
        lang=args.lang,
        words=WORDS,
    )
    return 0


PLAN_ACTIVITY_COLUMNS = ["code", "title", "kind", "lead_unit", "budget_line", "status", "records"]
plan = with_rows("activities", PLAN_ACTIVITY_COLUMNS)
"""A plan with its activities (every plan command's reply)."""

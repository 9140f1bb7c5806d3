"""How the CLI speaks: Vietnamese by default, English with --lang en, JSON with --json."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from google.protobuf.json_format import MessageToDict
from wcwidth import wcswidth

LABELS: dict[str, tuple[str, str]] = {
    # ocop import portfolio
    "line": ("Dòng", "Line"),
    "field": ("Trường", "Field"),
    "problem": ("Lỗi", "Problem"),
    "rows": ("Số dòng", "Rows"),
    "refused_rows": ("Dòng bị từ chối", "Refused rows"),
    "products_created": ("Sản phẩm mới", "Products registered"),
    "products_known": ("Sản phẩm đã có", "Products already registered"),
    "certificates_recorded": ("Giấy chứng nhận đã ghi", "Certificates recorded"),
    "certificates_unchanged": ("Giấy chứng nhận đã có", "Certificates already recorded"),
    "seconds": ("Thời gian (giây)", "Time (seconds)"),
    # audit (hash chains)
    "service": ("Dịch vụ", "Service"),
    "intact": ("Nguyên vẹn", "Intact"),
    "records": ("Số bản ghi", "Records"),
    "message": ("Kết luận", "Finding"),
    "head_position": ("Vị trí đầu chuỗi", "Head position"),
    "head_notification_id": ("Sự kiện đầu chuỗi", "Head event"),
    "head_hash": ("Băm đầu chuỗi", "Head hash"),
    "at": ("Thời điểm", "At"),
    # audit (trail, any past date)
    "as_of": ("Tính đến hết ngày", "As of the end of"),
    "valid_certificate": ("GCN còn hiệu lực", "Valid certificate"),
    "standing": ("Hiệu lực", "Standing"),
    "ended_by": ("Chấm dứt bởi", "Ended by"),
    "valid_from": ("Hiệu lực từ", "Valid from"),
    "valid_to": ("Hiệu lực đến", "Valid to"),
    "valid_until": ("Hiệu lực đến hết ngày", "Valid until"),
    "certificate_status": ("Tình trạng GCN", "Certificate"),
    "file": ("Tệp", "File"),
    "events": ("Số sự kiện", "Events"),
    # reporting rebuild
    "version": ("Phiên bản mới", "New version"),
    "replaced": ("Thay cho phiên bản", "Replaced version"),
    "replayed": ("Sự kiện đọc lại", "Events replayed"),
    "applied": ("Đã áp dụng", "Applied"),
    "duplicates": ("Đã có (bỏ qua)", "Already there (skipped)"),
    "dead": ("Lỗi (thư chết)", "Failed (dead letters)"),
    "events_per_second": ("Sự kiện/giây", "Events per second"),
    "products": ("Số sản phẩm", "Products"),
    "producer_id": ("Mã chủ thể", "Producer id"),
    "product_id": ("Mã sản phẩm", "Product id"),
    "dossier_id": ("Mã hồ sơ", "Dossier id"),
    "forwarded_to": ("Chuyển đến cấp", "Forwarded to"),
    "outcome": ("Kết quả", "Outcome"),
    "star": ("Hạng sao", "Stars"),
    "score": ("Điểm", "Score"),
    "explanation": ("Giải thích", "Explanation"),
    "decision_no": ("Số quyết định", "Decision no."),
    "status": ("Trạng thái", "Status"),
    "name": ("Tên", "Name"),
    "product_name": ("Tên sản phẩm", "Product name"),
    "product_set": ("Bộ sản phẩm", "Product set"),
    "commune_code": ("Mã xã", "Commune code"),
    "kind": ("Loại", "Kind"),
    "received_on": ("Ngày xã tiếp nhận", "Received by commune"),
    "assessed_on": ("Ngày xã đánh giá", "Assessed by commune"),
    "report_no": ("Số báo cáo", "Report no."),
    "rule_set_id": ("Bộ quy tắc", "Rule set"),
    "updated_at": ("Cập nhật", "Updated"),
    "idea_id": ("Mã ý tưởng", "Idea id"),
    "product_code": ("Mã số sản phẩm", "Product code"),
    "check_deadline": ("Hạn xã xử lý", "Commune deadline"),
    "overdue": ("Quá hạn", "Overdue"),
    "self_assessed": ("Đã tự chấm (tiêu chí)", "Self-assessed (criteria)"),
    "documents": ("Tài liệu", "Documents"),
    "paper_copy_received_on": ("Nhận bản giấy", "Paper copy received"),
    "samples": ("Số mẫu", "Samples"),
    "missing": ("Còn thiếu", "Missing"),
    "returns": ("Đã trả lại", "Returned"),
    "changes": ("Thay đổi so với hồ sơ trước", "Changes since the last dossier"),
    "forwarded_on": ("Ngày chuyển", "Forwarded on"),
    "criteria_not_met": ("Tiêu chí không đạt", "Criteria not met"),
    "reason": ("Lý do", "Reason"),
    "sha256": ("SHA-256", "SHA-256"),
    "size": ("Dung lượng (byte)", "Size (bytes)"),
    "media_type": ("Loại tệp", "Media type"),
    # evaluation
    "round_id": ("Mã đợt", "Round id"),
    "level": ("Cấp", "Level"),
    "jurisdiction": ("Địa bàn", "Jurisdiction"),
    "forwarded_by": ("Hạn chuyển hồ sơ", "Cut-off"),
    "decided_by": ("Hạn quyết định", "Decision due by"),
    "source": ("Căn cứ", "Source"),
    "members": ("Hội đồng", "Council"),
    "member_id": ("Thành viên", "Member"),
    "total": ("Tổng điểm", "Total"),
    "submitted": ("Đã nộp phiếu", "Sheets in"),
    "conflicted": ("Xung đột lợi ích", "Conflicts of interest"),
    "mode": ("Hình thức", "Mode"),
    "sheets": ("Phiếu", "Sheets"),
    "mean": ("Điểm trung bình", "Mean"),
    "spread": ("Chênh lệch", "Spread"),
    "decided_on": ("Ngày quyết định", "Decided on"),
    "signer": ("Người ký", "Signer"),
    "authority": ("Cơ quan", "Authority"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "items": ("Sản phẩm", "Products"),
    "current": ("Giấy chứng nhận hiện hành", "Current certificate"),
    "certificates": ("Giấy chứng nhận", "Certificates"),
    "certificate_no": ("Số giấy chứng nhận", "Certificate no."),
    "returned_options": ("Lựa chọn khi bị trả về", "Options when returned"),
    "dossier_ids": ("Hồ sơ trong đợt", "Dossiers in the round"),
}
VIETNAM = timezone(timedelta(hours=7), "ICT")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}.*)?$")
VALUES: dict[str, tuple[str, str]] = {
    "province": ("tỉnh", "province"),
    "district": ("huyện", "district"),
    "recognised": ("được công nhận", "recognised"),
    "not_recognised": ("không đạt", "not recognised"),
    "forwarded": ("chuyển cấp trên", "forwarded"),
    "registered": ("đã đăng ký", "registered"),
    "dossier_submitted": ("đã nộp hồ sơ", "dossier submitted"),
    "commune_assessed": ("xã đã đánh giá", "assessed by commune"),
    "scored": ("đã chấm điểm", "scored"),
    "submitted": ("đã nộp", "submitted"),
    "open": ("đang đánh giá", "under evaluation"),
    "returned": ("trả lại để bổ sung", "returned for completion"),
    "assessed": ("xã đã đánh giá (Mẫu 03)", "assessed by the commune (form 03)"),
    "idea_submitted": ("ý tưởng đã nộp", "idea submitted"),
    "idea_accepted": ("ý tưởng được chấp nhận", "idea accepted"),
    "idea_returned": ("ý tưởng bị trả lại", "idea returned"),
    "plan_submitted": ("phương án đã nộp", "business plan submitted"),
    "plan_approved": ("phương án được duyệt (bước 4)", "business plan approved (step 4)"),
    "plan_returned": ("phương án bị trả lại", "business plan returned"),
    "product_registered": ("đã thành sản phẩm", "product registered"),
    "first": ("lần đầu", "first evaluation"),
    "upgrade": ("nâng hạng", "upgrade"),
    "re_evaluation": ("đánh giá lại", "re-evaluation"),
    # evaluation
    "awaiting_decision": ("chờ quyết định công nhận", "awaiting the decision"),
    "awaiting_approval": ("chờ phê duyệt kết quả", "awaiting approval"),
    "rejected": ("bị loại", "rejected"),
    "not_upgraded": ("không nâng hạng", "not upgraded"),
    "meeting": ("họp Hội đồng", "council meeting"),
    "written": ("lấy ý kiến bằng văn bản", "written opinions"),
    "ministry": ("bộ", "ministry"),
    "valid": ("còn hiệu lực", "valid"),
    "expired": ("hết hiệu lực", "expired"),
    "revoked": ("đã thu hồi", "revoked"),
    "superseded": ("đã được thay thế", "superseded"),
    "not_yet_valid": ("chưa có hiệu lực", "not yet valid"),
    "returned_to_producer": ("trả chủ thể bổ sung", "returned to the producer"),
}


@dataclass(frozen=True)
class Words:
    """How a command group names its fields and values: its own words over the common ones.

    `labels` maps a field name, `values` a stored code, to (Vietnamese, English). A group's
    words win over the common ones for that group's output only, so two services may name
    the same code differently ("withdrawn" from an inspection plan, from a showroom)."""

    labels: Mapping[str, tuple[str, str]]
    values: Mapping[str, tuple[str, str]]

    def extend(
        self,
        labels: Mapping[str, tuple[str, str]] | None = None,
        values: Mapping[str, tuple[str, str]] | None = None,
    ) -> Words:
        return Words({**self.labels, **(labels or {})}, {**self.values, **(values or {})})

    def label(self, key: str, index: int) -> str:
        return self.labels.get(key, (key, key))[index]


COMMON = Words(LABELS, VALUES)


def shown(value: Any, index: int, words: Words = COMMON) -> str:
    """A value as a person reads it: names translated, dates as dd/mm/yyyy in Vietnamese."""
    text = str(value)
    if text in words.values:
        return words.values[text][index]
    if index == 0 and DATE.match(text):
        if len(text) == 10:
            return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
        moment = datetime.fromisoformat(text)
        if moment.tzinfo is not None:
            moment = moment.astimezone(VIETNAM)
        return moment.strftime("%d/%m/%Y %H:%M")
    return text


def emit(
    record: Mapping[str, Any],
    *,
    as_json: bool,
    lang: str,
    quiet: bool = False,
    words: Words = COMMON,
) -> None:
    """Print a record; `quiet` prints its first value alone (an id, for scripts)."""
    if quiet:
        print(next(iter(record.values()), ""))
        return
    if as_json:
        print(json.dumps(dict(record), ensure_ascii=False, indent=2, default=str))
        return
    index = 1 if lang == "en" else 0
    for key, value in record.items():
        if value in ("", None):
            continue
        print(f"{words.label(key, index)}: {shown(value, index, words)}")


def scalars(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record's fields for its summary: lists (printed as tables) and empty values
    ("" or 0) left out."""
    return {k: v for k, v in record.items() if not isinstance(v, list) and v not in ("", 0)}


def emit_table(
    rows: list[Mapping[str, Any]],
    columns: list[str],
    *,
    as_json: bool,
    lang: str,
    words: Words = COMMON,
) -> None:
    """Rows as a table with the columns' labels; values translated, dates dd/mm/yyyy."""
    if as_json:
        print(json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2, default=str))
        return
    index = 1 if lang == "en" else 0
    if not rows:
        print("(không có dữ liệu)" if index == 0 else "(nothing)")
        return
    header = [words.label(c, index) for c in columns]
    cells = [[shown(r[c], index, words) for c in columns] for r in rows]
    widths = [max(width(h), *(width(row[i]) for row in cells)) for i, h in enumerate(header)]
    print("  ".join(pad(h, w) for h, w in zip(header, widths, strict=True)))
    for row in cells:
        print("  ".join(pad(v, w) for v, w in zip(row, widths, strict=True)))


def width(text: str) -> int:
    """Columns `text` takes in a terminal: a combining mark none (the breve of Ba Na "ơ̆",
    a tone left decomposed), a wide character two (wcwidth); one line, newlines as spaces;
    text wcwidth cannot measure (a control character) counts one column a character."""
    line = text.replace("\n", " ")
    columns: int = wcswidth(line)
    return columns if columns >= 0 else len(line)


def pad(text: str, columns: int) -> str:
    """`text` on one line, padded with spaces to `columns` terminal columns."""
    line = text.replace("\n", " ")
    return line + " " * max(0, columns - width(line))


def fail(message: str) -> None:
    print(message, file=sys.stderr)


def refuse(code: str, field: str | None, message: str, *, as_json: bool) -> None:
    """A refusal on stderr: `field: message` for people, {code, field, message} as JSON.

    `code` is the gRPC status name in lower case (invalid_argument, not_found, …)."""
    if as_json:
        record = {"code": code, "field": field, "message": message}
        print(json.dumps(record, ensure_ascii=False), file=sys.stderr)
    else:
        fail(f"{field}: {message}" if field else message)


def message_record(message: Any) -> dict[str, Any]:
    """A gRPC reply as a plain dict, every field present, with the proto's field names."""
    record: dict[str, Any] = MessageToDict(
        message, preserving_proto_field_name=True, always_print_fields_with_no_presence=True
    )
    return record

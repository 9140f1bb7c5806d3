"""The audit trail as an Excel workbook (`ocop audit … --xlsx FILE`): one sheet, every
field of the trail's entries a column, labelled in the user's language."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from contracts.rpc import audit_pb2 as pb

LABELS: dict[str, tuple[str, str]] = {
    "when": ("Thời điểm (giờ Việt Nam)", "When (Vietnam time)"),
    "service": ("Dịch vụ", "Service"),
    "event_type": ("Sự kiện", "Event"),
    "what": ("Nội dung", "What"),
    "actor_id": ("Người thực hiện", "Actor"),
    "actor_role": ("Vai trò", "Role"),
    "actor_jurisdiction": ("Địa bàn", "Jurisdiction"),
    "rule_set_id": ("Bộ quy tắc", "Rule set"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "decision_no": ("Số quyết định", "Decision no."),
    "event_id": ("Mã sự kiện", "Event id"),
    "correlation_id": ("Mã luồng nghiệp vụ", "Correlation id"),
    "correlation": ("Luồng", "Flow"),
    "causation_id": ("Do sự kiện/lệnh", "Caused by (id)"),
    "caused_by": ("Do", "Caused by"),
    "aggregate_id": ("Mã đối tượng", "Aggregate id"),
    "aggregate_version": ("Phiên bản", "Version"),
    "occurred_at": ("Thời điểm (ISO)", "Occurred at (ISO)"),
    "topic": ("Chủ đề Kafka", "Kafka topic"),
}
"""A trail entry's field -> its (Vietnamese, English) label."""


def write_xlsx(
    path: Path, kind: str, subject: str, rows: list[Mapping[str, Any]], lang: str
) -> None:
    """The trail as one sheet, every field a column, with a title row naming the record."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    index = 1 if lang == "en" else 0
    columns = list(pb.TrailEntry.DESCRIPTOR.fields_by_name)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Vết kiểm toán" if index == 0 else "Audit trail"
    title = "Vết kiểm toán của" if index == 0 else "Audit trail of"
    sheet.append([f"{title} {kind} {subject}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([LABELS.get(c, (c, c))[index] for c in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    sheet.freeze_panes = "A3"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)

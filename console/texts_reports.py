"""Texts of the report and audit-trail pages (Vietnamese, English)."""

from __future__ import annotations

from console import i18n

i18n.add(
    {
        "reports": ("Báo cáo", "Reports"),
        "reports_intro": (
            "Báo cáo 6 tháng và năm theo thể thức Nghị định 30/2020 (.docx) kèm bảng số liệu "
            "(.xlsx).",
            "The six-month and annual reports in the Decree 30/2020 layout (.docx) with their "
            "tables (.xlsx).",
        ),
        "period": ("Kỳ báo cáo", "Period"),
        "period_h1": ("6 tháng đầu năm", "First half"),
        "period_h2": ("6 tháng cuối năm", "Second half"),
        "period_year": ("Cả năm", "Whole year"),
        "report_unit": (
            "Địa bàn (mã tỉnh, huyện trước 2025 hoặc xã; bỏ trống: địa bàn của bạn)",
            "Unit (province, pre-2025 district or commune code; empty: your own)",
        ),
        "report_number": ("Số văn bản", "Document number"),
        "report_issuer": ("Cơ quan ban hành", "Issuing body"),
        "download_docx": ("Tải báo cáo (.docx)", "Download the report (.docx)"),
        "download_xlsx": ("Tải số liệu (.xlsx)", "Download the tables (.xlsx)"),
        "audit_trail": ("Nhật ký kiểm toán", "Audit trail"),
        "audit_intro": (
            "Mọi sự kiện về một sản phẩm, hồ sơ, quyết định hoặc giấy chứng nhận: ai, khi nào, "
            "theo bộ quy tắc và căn cứ nào.",
            "Every event about a product, dossier, decision or certificate: who, when, under "
            "which rule set and legal basis.",
        ),
        "trail_kind": ("Loại", "Kind"),
        "kind_product": ("Sản phẩm (mã)", "Product (id)"),
        "kind_dossier": ("Hồ sơ (mã)", "Dossier (id)"),
        "kind_decision": ("Quyết định (số)", "Decision (number)"),
        "kind_certificate": ("Giấy chứng nhận (số)", "Certificate (number)"),
        "trail_id": ("Mã hoặc số", "Id or number"),
        "show": ("Xem", "Show"),
        "when": ("Thời điểm", "When"),
        "service": ("Dịch vụ", "Service"),
        "what": ("Nội dung", "What"),
        "who": ("Người thực hiện", "Who"),
        "no_events": ("Chưa có sự kiện nào.", "No events yet."),
    }
)

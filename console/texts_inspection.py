"""Texts of the inspection pages (Vietnamese, English)."""

from __future__ import annotations

from console import i18n

i18n.add(
    {
        "inspection": ("Kiểm tra, giám sát", "Inspection"),
        "open_remediations": ("Đang khắc phục", "Open remediations"),
        "overdue_inspections": ("Quá hạn kiểm tra", "Overdue inspections"),
        "planned_on": ("Ngày dự kiến", "Planned on"),
        "deadline": ("Hạn khắc phục", "Remediation deadline"),
        "product_history": ("Lịch sử kiểm tra của sản phẩm", "A product's inspections"),
        "ad_hoc": ("Mở kiểm tra đột xuất (Điều 9.1)", "Open an ad hoc inspection (Art. 9.1)"),
        "trigger": ("Lý do", "Trigger"),
        "tr_complaint": ("Đơn thư phản ánh", "Complaint"),
        "tr_food_safety_alert": ("Cảnh báo an toàn thực phẩm", "Food-safety alert"),
        "tr_market_surveillance": ("Quản lý thị trường phát hiện", "Market surveillance"),
        "tr_other": ("Khác", "Other"),
        "note": ("Ghi chú", "Note"),
        "lead_agency": ("Cơ quan chủ trì", "Lead agency"),
        "ag_agriculture": ("Nông nghiệp và Môi trường", "Agriculture"),
        "ag_health": ("Y tế", "Health"),
        "ag_market_surveillance": ("Quản lý thị trường", "Market surveillance"),
        "ag_commune": ("UBND xã", "Commune"),
        "ag_industry_trade": ("Công Thương", "Industry and trade"),
        "team": ("Đoàn kiểm tra (mỗi dòng: cơ quan:họ tên)", "Team (one per line: agency:name)"),
        "inspection_opened": ("Đã mở kiểm tra đột xuất.", "Ad hoc inspection opened."),
        "kind": ("Loại", "Kind"),
        "k_periodic": ("Định kỳ", "Periodic"),
        "k_ad_hoc": ("Đột xuất", "Ad hoc"),
        "i_scheduled": ("Đã lên lịch", "Scheduled"),
        "i_passed": ("Đạt", "Passed"),
        "i_remediation": ("Khắc phục", "Remediation"),
        "i_overdue": ("Quá hạn", "Overdue"),
        "i_failed": ("Không đạt", "Failed"),
    }
)

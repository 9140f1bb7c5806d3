"""Texts of the dossier pages."""

from __future__ import annotations

from console import i18n

i18n.add(
    {
        "dossier_list": ("Hồ sơ OCOP", "OCOP dossiers"),
        "dossier": ("Hồ sơ", "Dossier"),
        "overdue_only": ("Chỉ hồ sơ quá hạn", "Overdue only"),
        "overdue": ("Quá hạn", "Overdue"),
        "overdue_count": ("Số hồ sơ quá hạn", "Overdue dossiers"),
        "check_deadline": ("Hạn xã kiểm tra", "Commune deadline"),
        "rule_set_applied": ("Bộ tiêu chí áp dụng", "Rule set"),
        "missing": ("Còn thiếu", "Still missing"),
        "nothing_missing": ("Không thiếu gì.", "Nothing is missing."),
        "documents": ("Tài liệu", "Documents"),
        "returns": ("Các lần trả lại", "Returns"),
        "self_assessed": ("Tự đánh giá (Mẫu 02)", "Self-assessment (form 02)"),
        "criteria_of": ("{a}/{b} tiêu chí", "{a}/{b} criteria"),
        "attach": ("Tải lên tài liệu", "Upload a document"),
        "file": ("Tệp (PDF, PNG, JPEG)", "File (PDF, PNG, JPEG)"),
        "category": ("Loại tài liệu", "Document category"),
        "cat_form_02": ("Mẫu 02 — phiếu tự đánh giá", "Form 02 — self-assessment"),
        "cat_food_safety_certificate": ("Giấy chứng nhận ATTP", "Food-safety certificate"),
        "cat_quality_declaration": ("Bản công bố chất lượng", "Quality declaration"),
        "cat_lab_test": ("Phiếu kiểm nghiệm", "Lab test"),
        "cat_business_plan": ("Phương án SXKD", "Business plan"),
        "cat_other": ("Khác", "Other"),
        "receive": (
            "Xã tiếp nhận bản giấy và mẫu",
            "The commune receives the paper copy and samples",
        ),
        "paper_copy": ("Đã nhận bản giấy", "Paper copy received"),
        "samples": ("Số mẫu", "Samples"),
        "return": ("Trả hồ sơ cho chủ thể", "Return the dossier to the producer"),
        "returned_on": ("Ngày trả", "Returned on"),
        "resubmit": ("Nộp lại hồ sơ (trả lời yêu cầu bổ sung)", "Resubmit (answer the return)"),
        "assess": ("Báo cáo đánh giá của xã (Mẫu 03)", "The commune's assessment (form 03)"),
        "report_no": ("Số báo cáo", "Report number"),
        "assessed_on": ("Ngày báo cáo", "Assessed on"),
        "local_raw_material": ("Nguyên liệu địa phương", "Local raw material"),
        "local_labour": ("Lao động địa phương", "Local labour"),
        "idea_origin": ("Ý tưởng xuất phát tại địa phương", "Idea from the locality"),
        "local_identity": ("Mang bản sắc địa phương", "Local identity"),
        "officer": ("Cán bộ đánh giá", "Assessing officer"),
        "forward": ("Chuyển hồ sơ lên cấp trên", "Forward the dossier"),
        "forwarded_on": ("Ngày chuyển", "Forwarded on"),
        "forwarded_to": ("Đã chuyển đến", "Forwarded to"),
        "self_assess": ("Tự đánh giá theo phiếu của bộ sản phẩm", "Self-assess on the set's sheet"),
        "self_assess_hint": (
            "Chọn một mức cho mỗi tiêu chí; ★ đánh dấu mức tối thiểu của hạng sao.",
            "Pick one option per criterion; ★ marks a star rating's minimum.",
        ),
        "min_star": ("tối thiểu {n}★", "{n}★ minimum"),
        "size": ("Kích thước", "Size"),
        "status_label": ("Trạng thái", "Status"),
        "kind_label": ("Loại", "Kind"),
        "actions": ("Thao tác", "Actions"),
        "preview": ("Xem trước tệp đã chọn", "Preview of the chosen file"),
        "open_document": ("Xem", "View"),
        "download_document": ("Tải về", "Download"),
        "document_too_large": (
            "Tài liệu vượt giới hạn 20 MiB: không hiển thị.",
            "The document exceeds the 20 MiB limit: not shown.",
        ),
    }
)

# Statuses as the services name them (the page shows the name itself when not listed).
i18n.add(
    {
        "ds_submitted": ("Đã tiếp nhận, chờ xã kiểm tra", "Submitted, awaiting the commune"),
        "ds_returned": ("Đã trả cho chủ thể bổ sung", "Returned to the producer"),
        "ds_assessed": ("Xã đã đánh giá (Mẫu 03)", "Assessed by the commune"),
        "ds_forwarded": ("Đã chuyển lên cấp trên", "Forwarded"),
        "ds_idea_submitted": ("Ý tưởng đã nộp", "Idea submitted"),
        "ds_idea_accepted": ("Ý tưởng được chấp nhận", "Idea accepted"),
        "ds_idea_returned": ("Ý tưởng bị trả lại", "Idea returned"),
        "ds_plan_submitted": ("Phương án đã nộp", "Plan submitted"),
        "ds_plan_approved": ("Phương án được phê duyệt", "Plan approved"),
        "ds_plan_returned": ("Phương án bị trả lại", "Plan returned"),
        "ds_product_registered": ("Đã đăng ký sản phẩm", "Product registered"),
    }
)

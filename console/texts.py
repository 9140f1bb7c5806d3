"""The layout's and the sign-in pages' texts (Vietnamese, English)."""

from __future__ import annotations

from console import i18n

i18n.add(
    {
        "app_name": ("Hệ thống quản lý Chương trình OCOP", "OCOP programme system"),
        "app_short": ("OCOP", "OCOP"),
        "skip": ("Bỏ qua, đến nội dung chính", "Skip to main content"),
        "lang_other": ("English", "Tiếng Việt"),
        "lang_switch": ("Đổi ngôn ngữ sang tiếng Anh", "Switch the language to Vietnamese"),
        "home": ("Trang chủ", "Home"),
        "sign_in": ("Đăng nhập", "Sign in"),
        "sign_out": ("Đăng xuất", "Sign out"),
        "signed_in_as": ("Đang đăng nhập:", "Signed in as:"),
        "username": ("Tên đăng nhập", "Username"),
        "password": ("Mật khẩu", "Password"),
        "sign_in_refused": (
            "Tên đăng nhập hoặc mật khẩu không đúng.",
            "Wrong username or password.",
        ),
        "issuer_unreachable": (
            "Không kết nối được máy chủ đăng nhập; hãy thử lại sau.",
            "The sign-in server cannot be reached; try again later.",
        ),
        "sign_in_sso": (
            "Đăng nhập bằng tài khoản của cơ quan",
            "Sign in with your office account",
        ),
        "sign_in_failed": (
            "Đăng nhập không thành công; hãy thử lại.",
            "Sign-in failed; try again.",
        ),
        "signed_out": ("Đã đăng xuất.", "Signed out."),
        "session_expired": (
            "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.",
            "Your session has expired; sign in again.",
        ),
        "csrf_refused": (
            "Biểu mẫu đã hết hạn hoặc không hợp lệ; hãy tải lại trang và gửi lại.",
            "The form has expired or is not valid; reload the page and send it again.",
        ),
        "denied": ("Bạn không có quyền thực hiện thao tác này.", "You may not do this."),
        "unavailable": (
            "Không kết nối được dịch vụ; hãy thử lại sau ít phút.",
            "A service cannot be reached; try again in a few minutes.",
        ),
        "not_found": ("Không tìm thấy.", "Not found."),
        "refused": ("Yêu cầu bị từ chối.", "The request was refused."),
        "bad_request": ("Yêu cầu không hợp lệ.", "The request is not valid."),
        "too_large": (
            "Dữ liệu gửi lên quá lớn (tệp tối đa 20 MB).",
            "What was sent is too large (files up to 20 MB).",
        ),
        "server_error": (
            "Lỗi máy chủ; hãy thử lại sau. (Server error; try again later.)",
            "Server error; try again later.",
        ),
        "sign_in_throttled": (
            "Đăng nhập sai quá nhiều lần; hãy thử lại sau {minutes} phút.",
            "Too many failed sign-ins; try again in {minutes} minutes.",
        ),
        "error": ("Lỗi", "Error"),
        "role": ("Vai trò", "Role"),
        "unit": ("Địa bàn", "Unit"),
        "welcome": ("Xin chào", "Welcome"),
        "public_lookup": ("Tra cứu sản phẩm OCOP", "Look up an OCOP product"),
        "product_code": ("Mã sản phẩm", "Product code"),
        "look_up": ("Tra cứu", "Look up"),
        "footer": (
            "Chương trình Mỗi xã một sản phẩm (OCOP) — phần mềm nguồn mở",
            "One Commune One Product (OCOP) programme — open-source software",
        ),
        "save": ("Lưu", "Save"),
        "send": ("Gửi", "Send"),
        "field_error": ("Lỗi ở trường này:", "Error in this field:"),
        "form_errors": (
            "Chưa lưu được: hãy sửa các trường được đánh dấu.",
            "Not saved: correct the marked fields.",
        ),
        "done": ("Đã lưu.", "Saved."),
        "menu_council": ("Hội đồng", "Council"),
        "menu_decisions": ("Quyết định", "Decisions"),
        "menu_certificates": ("Giấy chứng nhận", "Certificates"),
        "menu_inspection": ("Kiểm tra", "Inspection"),
        "menu_reports": ("Báo cáo", "Reports"),
    }
)

# The roles of runtime.identity.claims.ROLES, as people call them.
i18n.add(
    {
        "role_producer": ("Chủ thể sản xuất", "Producer"),
        "role_commune_officer": ("Cán bộ OCOP cấp xã", "Commune OCOP officer"),
        "role_commune_committee": ("UBND cấp xã", "Commune People's Committee"),
        "role_district_officer": ("Phòng chuyên môn cấp huyện", "District office"),
        "role_finance_office": ("Phòng Tài chính - Kế hoạch", "Finance office"),
        "role_economy_office": ("Phòng Kinh tế - Hạ tầng", "Economy office"),
        "role_culture_office": ("Phòng Văn hóa", "Culture office"),
        "role_health_office": ("Phòng Y tế", "Health office"),
        "role_health_centre": ("Trung tâm Y tế", "Health centre"),
        "role_outreach_centre": ("Trung tâm Văn hóa - Truyền thông", "Outreach centre"),
        "role_province_officer": ("Cơ quan thường trực OCOP tỉnh", "Provincial OCOP office"),
        "role_council_member": ("Thành viên Hội đồng", "Council member"),
        "role_council_secretary": ("Thư ký Hội đồng", "Council secretary"),
        "role_authority": ("Chủ tịch UBND", "People's Committee chair"),
        "role_ministry": ("Bộ Nông nghiệp và Môi trường", "Ministry"),
        "role_auditor": ("Kiểm toán, thanh tra", "Auditor"),
        "role_ops": ("Vận hành hệ thống", "Operations"),
    }
)

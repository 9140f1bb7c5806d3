"""Texts of the promotion pages (Vietnamese, English), and the names of promotion's code
lists (contracts/promotion_codes.py) as `pc_<list>_<code>` so selects and tables show
them in the page's language."""

from __future__ import annotations

from console import i18n
from contracts import promotion_codes as codes

LISTS = {
    "channel": codes.CHANNEL_TYPES,
    "place": codes.PLACES,
    "support": codes.SUPPORT_KINDS,
    "source": codes.FUNDING_SOURCES,
    "outreach": codes.OUTREACH_CHANNELS,
    "unit": codes.UNITS,
    "activity": codes.ACTIVITY_KINDS,
    "reason": codes.WITHDRAWAL_REASONS,
}
i18n.add(
    {
        f"pc_{name}_{code}": (entry.vi, entry.en)
        for name, listed in LISTS.items()
        for code, entry in listed.items()
    }
)


def options(name: str) -> tuple[tuple[str, str], ...]:
    """A code list as a select's (value, text key) options."""
    return tuple((code, f"pc_{name}_{code}") for code in LISTS[name])


i18n.add(
    {
        "pc_area_ha": ("héc-ta (ha)", "hectares (ha)"),
        "pc_area_m2": ("mét vuông (m²)", "square metres (m²)"),
        "pc_partner_cooperative_members": ("Thành viên hợp tác xã", "Cooperative members"),
        "pc_partner_households": ("Hộ dân", "Households"),
        "pc_partner_company": ("Doanh nghiệp", "Company"),
        "pc_partner_cooperative": ("Hợp tác xã", "Cooperative"),
        "pa_planned": ("Chưa thực hiện", "Planned"),
        "pa_under_way": ("Đang thực hiện", "Under way"),
        "pa_done": ("Đã hoàn thành", "Done"),
        "ph_channel_joined": ("Tham gia kênh", "Joined a channel"),
        "ph_channel_left": ("Rời kênh", "Left a channel"),
        "ph_value_chain_linked": ("Liên kết chuỗi giá trị", "Value chain linked"),
        "ph_value_chain_ended": ("Kết thúc liên kết", "Value chain ended"),
        "ph_displayed": ("Trưng bày tại điểm bán", "Displayed in a showroom"),
        "ph_withdrawn": ("Rút sản phẩm", "Withdrawn"),
        "ph_fair": ("Tham gia hội chợ", "Took part in a fair"),
        "ph_support": ("Được hỗ trợ", "Support granted"),
    }
)

i18n.add(
    {
        "pp_plan": ("Kế hoạch xúc tiến thương mại năm", "The year's promotion plan"),
        "pp_year": ("Năm kế hoạch", "The plan's year"),
        "pp_none": ("Địa bàn chưa có kế hoạch năm này.", "The unit has no plan for this year."),
        "pp_adopt": ("Lập kế hoạch năm", "Adopt the year's plan"),
        "pp_title": ("Tên kế hoạch", "The plan's title"),
        "pp_budget_lines": ("Dòng kinh phí", "Budget lines"),
        "pp_budget_hint": (
            "Mỗi dòng: MÃ:SỐ_TIỀN:NGUỒN:Tên, ví dụ KP1:50000000:district_budget:Ngân sách huyện",
            "One per line: CODE:AMOUNT_VND:SOURCE:Label, "
            "e.g. KP1:50000000:district_budget:District budget",
        ),
        "pp_activities": ("Hoạt động", "Activities"),
        "pp_activities_hint": (
            "Mỗi dòng: MÃ:LOẠI:DÒNG_KINH_PHÍ:Tên, ví dụ HD1:showroom:KP1:Điểm bán OCOP",
            "One per line: CODE:KIND:BUDGET_LINE:Title, e.g. HD1:showroom:KP1:OCOP showroom",
        ),
        "pp_line_parts": (
            "Dòng {n} thiếu phần (cần {k} phần cách nhau bởi dấu hai chấm).",
            "Line {n} is missing parts ({k} parts separated by colons).",
        ),
        "pp_line_amount": (
            "Dòng {n}: số tiền phải là số nguyên đồng.",
            "Line {n}: the amount must be whole đồng.",
        ),
        "pp_add_activity": ("Bổ sung hoạt động", "Add an activity"),
        "pp_complete": ("Đánh dấu hoàn thành", "Mark done"),
        "pp_code": ("Mã", "Code"),
        "pp_activity_kind": ("Loại hoạt động", "Kind"),
        "pp_activity_title": ("Tên hoạt động", "Title"),
        "pp_budget_line": ("Dòng kinh phí", "Budget line"),
        "pp_budget_vnd": ("Kinh phí (đồng)", "Budget (VND)"),
        "pp_lead_unit": ("Đơn vị chủ trì", "Lead unit"),
        "pp_with_units": ("Đơn vị phối hợp", "Working with"),
        "pp_with_hint": (
            "Mã đơn vị, cách nhau bởi dấu phẩy (để trống: agriculture).",
            "Unit codes, comma separated (empty: agriculture).",
        ),
        "pp_amount": ("Số tiền (đồng)", "Amount (VND)"),
        "pp_granted": ("Đã cấp", "Granted"),
        "pp_source": ("Nguồn kinh phí", "Funding source"),
        "pp_records": ("Số lần ghi nhận", "Records"),
        "ps_open": ("Mở điểm giới thiệu, bán sản phẩm", "Open a showroom"),
        "ps_showroom": ("Điểm giới thiệu, bán sản phẩm", "Showroom"),
        "ps_include_closed": ("Kể cả điểm đã đóng cửa", "Closed ones too"),
        "ps_name": ("Tên điểm bán", "Name"),
        "ps_province": ("Mã tỉnh", "Province code"),
        "ps_district": ("Mã huyện (trước 01/07/2025)", "District code (before 1/7/2025)"),
        "ps_operator": ("Đơn vị vận hành", "Operator"),
        "ps_activity_code": ("Mã hoạt động trong kế hoạch năm", "Activity code of the plan"),
        "ps_closed_on": ("Ngày đóng cửa", "Closed on"),
        "ps_close": ("Đóng cửa điểm bán", "Close the showroom"),
        "ps_display": ("Trưng bày sản phẩm", "Display a product"),
        "ps_since": ("Trưng bày từ ngày", "On display from"),
        "ps_take_down": ("Rút sản phẩm khỏi điểm bán", "Take a product down"),
        "ps_taken_on": ("Ngày rút", "Taken down on"),
        "ps_past": ("Đã trưng bày", "Displayed before"),
        "ps_until": ("Đến ngày", "Until"),
        "pf_fairs": ("Hội chợ, triển lãm", "Fairs and exhibitions"),
        "pf_record": ("Ghi nhận hội chợ, triển lãm", "Record a fair or exhibition"),
        "pf_name": ("Tên hội chợ", "Name"),
        "pf_place": ("Trong hay ngoài tỉnh", "Inside or outside the province"),
        "pf_location": ("Nơi tổ chức", "Location"),
        "pf_starts_on": ("Từ ngày", "From"),
        "pf_ends_on": ("Đến ngày", "To"),
        "pf_organiser": ("Đơn vị tổ chức", "Organiser"),
        "pf_participate": ("Sản phẩm tham gia hội chợ", "A product takes part"),
        "pf_result": ("Kết quả tham gia của sản phẩm", "A product's results"),
        "pf_contracts": ("Số hợp đồng ký kết", "Contracts signed"),
        "pf_sales": ("Doanh thu (đồng)", "Sales (VND)"),
        "pf_participants": ("Sản phẩm tham gia", "Participants"),
        "pf_withdrawn": ("Đã rút", "Withdrawn"),
        "pf_no_read": (
            "Hội chợ không có trang xem lại: hãy ghi lại mã hội chợ để bổ sung sản phẩm sau.",
            "A fair has no page to read it again: note its id to add products later.",
        ),
        "pf_fair_id": ("Mã hội chợ", "Fair id"),
        "pr_producer": ("Xúc tiến thương mại của chủ thể", "A producer's promotion"),
        "pr_find": ("Mở chủ thể theo mã", "Open a producer by id"),
        "pr_history": ("Lịch sử xúc tiến", "Promotion history"),
        "pr_no_history": ("Chưa có ghi nhận nào.", "Nothing recorded yet."),
        "pr_join": ("Tham gia kênh phân phối", "Join a sales channel"),
        "pr_channel_type": ("Loại kênh", "Channel type"),
        "pr_partner": ("Đối tác", "Partner"),
        "pr_since": ("Từ ngày", "Since"),
        "pr_until": ("Đến ngày (nếu có)", "Until (if any)"),
        "pr_product_ids": ("Mã sản phẩm (mỗi dòng một mã)", "Product ids (one per line)"),
        "pr_leave": ("Rời kênh phân phối", "Leave a channel"),
        "pr_channel_id": ("Mã kênh (cột Mã của lịch sử)", "Channel id (the history's Ref)"),
        "pr_on": ("Ngày", "On"),
        "pr_link": ("Liên kết chuỗi giá trị", "Link a value chain"),
        "pr_raw_material_area": ("Vùng nguyên liệu", "Raw-material area"),
        "pr_area": ("Diện tích (số thập phân, ví dụ 12.5)", "Area (a decimal, e.g. 12.5)"),
        "pr_area_unit": ("Đơn vị diện tích", "Area unit"),
        "pr_partner_kind": ("Loại đối tác", "Partner kind"),
        "pr_contract_no": ("Số hợp đồng liên kết", "Contract no."),
        "pr_end_chain": ("Kết thúc liên kết chuỗi", "End a value chain"),
        "pr_link_id": ("Mã liên kết (cột Mã của lịch sử)", "Link id (the history's Ref)"),
        "pr_support": ("Ghi nhận hỗ trợ cho chủ thể", "Record support to the producer"),
        "pr_support_kind": ("Nội dung hỗ trợ", "Kind of support"),
        "pr_granted_on": ("Ngày hỗ trợ", "Granted on"),
        "pr_ref": ("Mã", "Ref"),
        "pr_detail": ("Nội dung", "Detail"),
        "po_outreach": ("Truyền thông, đào tạo", "Communication and training"),
        "po_campaign": ("Ghi nhận hoạt động truyền thông", "Record a communication campaign"),
        "po_title": ("Nội dung", "Title"),
        "po_channel": ("Kênh truyền thông", "Channel"),
        "po_audience": ("Đối tượng", "Audience"),
        "po_held_on": ("Ngày thực hiện", "Held on"),
        "po_training": ("Ghi nhận lớp đào tạo, tập huấn", "Record a training course"),
        "po_topic": ("Chủ đề", "Topic"),
        "po_officials": ("Số cán bộ tham gia", "Officials attending"),
        "po_producers": ("Số chủ thể tham gia", "Producers attending"),
        "po_recorded": ("Đã ghi nhận, mã {id}.", "Recorded, id {id}."),
        "pm_plan": ("Kế hoạch năm", "The year's plan"),
        "pm_showrooms": ("Điểm bán", "Showrooms"),
        "pm_fairs": ("Hội chợ", "Fairs"),
        "pm_producers": ("Kênh, chuỗi, hỗ trợ chủ thể", "Channels, chains, support"),
        "pm_outreach": ("Truyền thông, đào tạo", "Communication, training"),
        "pm_shares": ("Tỷ lệ và điểm bán", "Shares and showrooms"),
    }
)

"""The code lists of promotion, published with its contracts: channel types (modern or
traditional), places of a fair, support kinds, funding sources, outreach channels,
trainees' roles, the units of the plan, activity kinds and withdrawal reasons. Each code
is what events and gRPC carry; its Vietnamese and English names are what people read.

Sources: the seed plan (Kon Tum district 2025, OCOP-RULES.md §11 [L]) sections II.1-II.3
(modern channels: supermarkets, convenience stores, e-commerce platforms; value chains
with a stable raw-material area; at least one showroom), III.1-III.2 (communication and
training), III.5 (fairs inside and outside the province) and IV (funding: the national
target programme for new rural areas, province, district and commune budgets, producers'
own funds, other lawful sources)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One entry of a code list: its Vietnamese and English names."""

    vi: str
    en: str
    modern: bool = False

    def label(self, lang: str = "vi") -> str:
        return self.en if lang == "en" else self.vi


CHANNEL_TYPES: dict[str, Code] = {
    "supermarket": Code("Siêu thị", "Supermarket", modern=True),
    "convenience_store": Code("Cửa hàng tiện lợi", "Convenience store", modern=True),
    "ecommerce": Code("Sàn thương mại điện tử", "E-commerce platform", modern=True),
    "postal_ecommerce": Code(
        "Sàn thương mại điện tử của Bưu điện (postmart, voso)",
        "Postal e-commerce platform (postmart, voso)",
        modern=True,
    ),
    "own_shop": Code("Cửa hàng của chủ thể", "Own shop"),
    "wholesale": Code("Bán buôn, đại lý", "Wholesale, agents"),
    "export": Code("Xuất khẩu", "Export"),
}

PLACES: dict[str, Code] = {
    "inside": Code("Trong tỉnh", "Inside the province"),
    "outside": Code("Ngoài tỉnh", "Outside the province"),
}

SUPPORT_KINDS: dict[str, Code] = {
    "training": Code("Đào tạo, tập huấn", "Training"),
    "consulting": Code("Tư vấn", "Consulting"),
    "design": Code("Thiết kế sản phẩm, bao bì, nhãn mác", "Product and packaging design"),
    "trade_fair": Code("Chi phí tham gia hội chợ, triển lãm", "Trade-fair costs"),
    "certification": Code("Phí chứng nhận, kiểm nghiệm", "Certification and testing fees"),
    "equipment": Code("Máy móc, thiết bị", "Equipment"),
}

FUNDING_SOURCES: dict[str, Code] = {
    "ntp_new_rural": Code(
        "Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        "National target programme for new rural areas",
    ),
    "province_budget": Code("Ngân sách tỉnh", "Province budget"),
    "district_budget": Code("Ngân sách huyện", "District budget"),
    "commune_budget": Code("Ngân sách xã", "Commune budget"),
    "producer_own": Code("Vốn của chủ thể", "Producers' own funds"),
    "other_lawful": Code("Nguồn hợp pháp khác", "Other lawful sources"),
}

OUTREACH_CHANNELS: dict[str, Code] = {
    "radio": Code("Đài truyền thanh", "Radio"),
    "television": Code("Truyền hình", "Television"),
    "newspaper": Code("Báo in, báo điện tử", "Newspaper"),
    "website": Code("Cổng thông tin điện tử", "Web portal"),
    "social_media": Code("Mạng xã hội", "Social media"),
    "leaflet": Code("Tờ rơi, pa-nô, áp phích", "Leaflets and posters"),
    "meeting": Code("Hội nghị, họp dân", "Meetings"),
}

TRAINEE_ROLES: dict[str, Code] = {
    "official": Code("Cán bộ", "Officials"),
    "producer": Code("Chủ thể sản xuất", "Producers"),
}

# The seed plan: the economy and infrastructure office leads, with the agriculture office.
UNITS: dict[str, Code] = {
    "economy_infrastructure": Code("Phòng Kinh tế và Hạ tầng", "Economy and infrastructure office"),
    "agriculture": Code("Phòng Nông nghiệp và Môi trường", "Agriculture office"),
    "culture_information": Code("Phòng Văn hóa và Thông tin", "Culture and information office"),
    "finance_planning": Code("Phòng Tài chính - Kế hoạch", "Finance and planning office"),
    "commune": Code("UBND xã", "Commune People's Committee"),
    "outreach_centre": Code("Trung tâm Văn hóa, Thể thao và Truyền thông", "Outreach centre"),
}

ACTIVITY_KINDS: dict[str, Code] = {
    "fair": Code("Hội chợ, triển lãm", "Fairs and exhibitions"),
    "showroom": Code("Điểm giới thiệu và bán sản phẩm OCOP", "OCOP showrooms"),
    "channel": Code("Kênh phân phối hiện đại", "Modern sales channels"),
    "value_chain": Code("Liên kết chuỗi giá trị", "Value chains"),
    "campaign": Code("Truyền thông", "Communication"),
    "training": Code("Đào tạo, tập huấn", "Training"),
    "support": Code("Hỗ trợ chủ thể", "Support to producers"),
}

# Why a product leaves a showroom, a fair or a channel listing.
WITHDRAWAL_REASONS: dict[str, Code] = {
    "revoked": Code("Giấy chứng nhận OCOP bị thu hồi", "OCOP certificate revoked"),
    "expired": Code("Giấy chứng nhận OCOP hết hiệu lực", "OCOP certificate expired"),
    "by_operator": Code("Đơn vị vận hành rút sản phẩm", "Taken down by the operator"),
    "closed": Code("Điểm bán đóng cửa", "The showroom closed"),
    "left": Code("Chủ thể rời kênh", "The producer left the channel"),
}

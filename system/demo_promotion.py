"""Promotion demo data for the embedded mode: the province's 2025 promotion plan and what
the Kon Tum producers of the demo (system/demo.py) did under it, recorded through the
same commands an officer would use, once promotion has learnt of the producers.

What is real: the producers, their districts, the seed plan's kinds of activity, lead
units and funding sources (OCOP-RULES.md §11 [L]). What is made up for the demo and
marked "(dữ liệu mẫu)": the plan's amounts, the showrooms' and fairs' names, places and
dates, channel partners, raw-material areas and contract numbers, support amounts.
Nothing is displayed or entered in a fair: that needs a certificate in force on the day,
which of the imported register only the eight of 28/06/2024 have in 2025, and the README's
promotion walkthrough displays the product its district council recognises."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from contracts.envelope import Actor
from runtime.commands import CommandContext
from services.promotion.domain.products import Producer

PROVINCE = "51"
MARK = " (dữ liệu mẫu)"
BUDGET = (
    {
        "code": "NTM-XTTM",
        "label": "Xúc tiến thương mại OCOP" + MARK,
        "amount_vnd": 300_000_000,
        "funding_source": "ntp_new_rural",
    },
    {
        "code": "NST-TT",
        "label": "Truyền thông, đào tạo" + MARK,
        "amount_vnd": 120_000_000,
        "funding_source": "province_budget",
    },
)
ACTIVITIES = (
    {
        "code": "HC",
        "title": "Tham gia hội chợ, triển lãm trong và ngoài tỉnh",
        "kind": "fair",
        "budget_line": "NTM-XTTM",
    },
    {
        "code": "DB",
        "title": "Duy trì điểm giới thiệu và bán sản phẩm OCOP",
        "kind": "showroom",
        "budget_line": "NTM-XTTM",
    },
    {"code": "KPP", "title": "Đưa sản phẩm OCOP vào kênh phân phối hiện đại", "kind": "channel"},
    {
        "code": "CGT",
        "title": "Liên kết chuỗi giá trị gắn với vùng nguyên liệu",
        "kind": "value_chain",
        "lead_unit": "agriculture",
        "with_units": ["economy_infrastructure"],
    },
    {
        "code": "TT",
        "title": "Tuyên truyền về Chương trình OCOP",
        "kind": "campaign",
        "lead_unit": "culture_information",
        "budget_line": "NST-TT",
    },
    {
        "code": "DT",
        "title": "Tập huấn cán bộ và chủ thể OCOP",
        "kind": "training",
        "budget_line": "NST-TT",
    },
    {
        "code": "HT",
        "title": "Hỗ trợ chủ thể thiết kế bao bì, tham gia hội chợ",
        "kind": "support",
        "budget_line": "NTM-XTTM",
    },
)
# (producer, channel type, partner, since)
CHANNELS = (
    ("Công ty cổ phần Vingin", "supermarket", "Co.opmart Kon Tum" + MARK, date(2025, 3, 1)),
    ("Công ty cổ phần Vingin", "postal_ecommerce", "postmart.vn" + MARK, date(2025, 4, 15)),
    (
        "Công ty TNHH MTV Sim Thiên Sơn",
        "convenience_store",
        "Cửa hàng tiện lợi tại Măng Đen" + MARK,
        date(2025, 5, 1),
    ),
    (
        "Hợp tác xã Nông nghiệp sản xuất và Thương mại Sáu Nhung",
        "ecommerce",
        "Shopee" + MARK,
        date(2025, 6, 1),
    ),
    ("Hộ kinh doanh Đặng Tuấn Vũ", "own_shop", "Cửa hàng tại xã Tê Xăng" + MARK, date(2024, 1, 1)),
    (
        "Công ty TNHH Thảo dược Tây Nguyên",
        "wholesale",
        "Đại lý tại TP Kon Tum" + MARK,
        date(2024, 9, 1),
    ),
)
# (producer, raw-material area, area ha, partner kind, partner, contract, since)
CHAINS = (
    (
        "Hợp tác xã Nông nghiệp sản xuất và Thương mại Sáu Nhung",
        "Vùng cà phê xã Đăk Hà" + MARK,
        "45",
        "cooperative_members",
        "Các hộ thành viên HTX" + MARK,
        "HĐLK-01/2025" + MARK,
        date(2025, 1, 10),
    ),
    (
        "Công ty cổ phần Sâm Ngọc Linh Tu Mơ Rông - Kon Tum",
        "Vùng sâm Ngọc Linh Tu Mơ Rông" + MARK,
        "12.5",
        "households",
        "Các hộ trồng sâm" + MARK,
        "HĐLK-02/2025" + MARK,
        date(2025, 2, 1),
    ),
    (
        "Công ty TNHH MTV Sim Thiên Sơn",
        "Vùng sim rừng Măng Đen" + MARK,
        "30",
        "households",
        "Các hộ thu hái sim" + MARK,
        "HĐLK-03/2025" + MARK,
        date(2025, 3, 15),
    ),
)


SHOWROOMS: tuple[dict[str, Any], ...] = (
    {
        "name": "Trung tâm giới thiệu và bán sản phẩm OCOP tỉnh" + MARK,
        "address": "Phường Kon Tum",
        "commune_code": "23293",
        "province_code": PROVINCE,
        "operator": "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch" + MARK,
        "opened_on": date(2025, 1, 6),
        "activity_code": "DB",
    },
    {
        "name": "Điểm bán sản phẩm OCOP Măng Đen" + MARK,
        "address": "Xã Măng Đen",
        "commune_code": "23476",
        "province_code": PROVINCE,
        "operator": "Hợp tác xã Dịch vụ Du lịch Măng Đen" + MARK,
        "opened_on": date(2025, 4, 20),
        "activity_code": "DB",
    },
)
FAIRS: tuple[dict[str, Any], ...] = (
    {
        "name": "Hội chợ Thương mại – OCOP tỉnh" + MARK,
        "place": "inside",
        "location": "Quảng trường 16/3, TP Kon Tum",
        "starts_on": date(2025, 3, 14),
        "ends_on": date(2025, 3, 18),
        "organiser": "Sở Công Thương" + MARK,
        "activity_code": "HC",
    },
    {
        "name": "Hội chợ OCOP khu vực miền Trung – Tây Nguyên" + MARK,
        "place": "outside",
        "location": "TP Đà Nẵng",
        "starts_on": date(2025, 8, 7),
        "ends_on": date(2025, 8, 11),
        "organiser": "Sở Công Thương Đà Nẵng" + MARK,
        "activity_code": "HC",
    },
)
# (producer, kind, amount in VND, granted on)
GRANTS = (
    (
        "Hợp tác xã Nông nghiệp sản xuất và Thương mại Sáu Nhung",
        "design",
        25_000_000,
        date(2025, 4, 2),
    ),
    ("Công ty TNHH MTV Sim Thiên Sơn", "trade_fair", 8_000_000, date(2025, 8, 1)),
)


def load_promotion_demo(system: Any) -> int:
    """Record the demo promotion once (after the demo producers reached promotion);
    returns how many records were made (0 if there is a 2025 plan already)."""
    app = system.promotion.app
    if app.plan_of(PROVINCE, 2025) is not None:
        return 0
    ctx = CommandContext(
        actor=Actor(id="demo-loader", role="province_officer", jurisdiction=PROVINCE)
    )
    producers: dict[str, UUID] = {}

    for producer in app.every(Producer):
        if producer.name:
            producers[producer.name] = producer.producer_id
    app.plans.adopt(
        ctx,
        year=2025,
        title="Kế hoạch xúc tiến thương mại sản phẩm OCOP năm 2025" + MARK,
        budget_lines=BUDGET,
        activities=ACTIVITIES,
    )
    made = 1
    made += _venues(app, ctx)
    made += _channels_and_chains(app, ctx, producers)
    made += _outreach(app, ctx, producers)
    return made


def _venues(app: Any, ctx: CommandContext) -> int:
    """The showrooms opened and the fairs held; how many."""
    for showroom in SHOWROOMS:
        app.venues.open_showroom(ctx, **showroom)
    for fair in FAIRS:
        app.venues.record_fair(ctx, **fair)
    return len(SHOWROOMS) + len(FAIRS)


def _channels_and_chains(app: Any, ctx: CommandContext, producers: dict[str, UUID]) -> int:
    """The sales channels joined and the supply chains linked, of the producers there are;
    how many."""
    made = 0
    for name, kind, partner, since in CHANNELS:
        if name in producers:
            app.channels.join(
                ctx,
                producer_id=producers[name],
                channel_type=kind,
                partner=partner,
                since=since,
            )
            made += 1
    for name, area_name, area, partner_kind, partner, contract, since in CHAINS:
        if name in producers:
            app.channels.link(
                ctx,
                producer_id=producers[name],
                raw_material_area=area_name,
                area=area,
                area_unit="ha",
                partner_kind=partner_kind,
                partner=partner,
                contract_no=contract,
                since=since,
            )
            made += 1
    return made


def _outreach(app: Any, ctx: CommandContext, producers: dict[str, UUID]) -> int:
    """A television campaign, a training and the grants of the producers there are; how
    many."""
    app.outreach.campaign(
        ctx,
        title="Chuyên mục “Sản phẩm OCOP Kon Tum” trên sóng truyền hình" + MARK,
        channel="television",
        audience="Người tiêu dùng trong và ngoài tỉnh",
        held_on=date(2025, 5, 15),
        activity_code="TT",
    )
    app.outreach.training(
        ctx,
        topic="Kỹ năng bán hàng trên sàn thương mại điện tử" + MARK,
        organiser="Sở Công Thương" + MARK,
        starts_on=date(2025, 6, 10),
        ends_on=date(2025, 6, 11),
        participants={"official": 15, "producer": 40},
        activity_code="DT",
    )
    made = 2
    for name, kind, amount, on in GRANTS:
        if name in producers:
            app.outreach.grant(
                ctx,
                producer_id=producers[name],
                kind=kind,
                amount_vnd=amount,
                funding_source="ntp_new_rural",
                granted_on=on,
                budget_line="NTM-XTTM",
                activity_code="HT",
            )
            made += 1
    return made

"""`ocop promotion open-showroom|close-showroom|display|take-down|showrooms|fair|
participate|fair-result`: OCOP showrooms and what they display, fairs and the products
taking part (only a product whose certificate is in force, R3 Art. 8)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cli.commands.common import PRODUCT
from cli.commands.promotion import views
from cli.commands.promotion.fields import (
    ACTIVITY,
    DAYS,
    FAIR,
    ORGANISER,
    ROLE,
    SHOWROOM,
    UNIT,
    amount,
)
from cli.declare import Arg, Command, on
from contracts.rpc import promotion_pb2 as pb


def sales_field(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"sales_vnd": amount(args.sales or "0", "--sales", "sales_vnd")}


OPEN_SHOWROOM = Command(
    "open-showroom",
    ("Mở điểm giới thiệu và bán sản phẩm OCOP", "Open an OCOP showroom / sales point"),
    ROLE,
    pb.OpenShowroomRequest,
    (
        Arg("--name", "Tên điểm bán", "Name", required=True),
        Arg("--address", "Địa chỉ", "Address"),
        Arg("--commune", "Mã xã", "Commune code", required=True, field="commune_code"),
        Arg("--province", "Mã tỉnh", "Province code", required=True, field="province_code"),
        Arg(
            "--district",
            "Mã huyện (trước 01/07/2025)",
            "District code (before 1/7/2025)",
            field="district_code",
        ),
        Arg("--operator", "Đơn vị vận hành", "Operator", required=True),
        on("--on", "Ngày mở cửa", "Opened on", field="opened_on"),
        ACTIVITY,
    ),
)

CLOSE_SHOWROOM = Command(
    "close-showroom",
    ("Đóng cửa điểm bán", "Close a showroom"),
    ROLE,
    pb.CloseShowroomRequest,
    (SHOWROOM, on("--on", "Ngày đóng cửa", "Closed on", field="closed_on")),
)

DISPLAY = Command(
    "display",
    ("Trưng bày sản phẩm OCOP tại điểm bán", "Display a certified product"),
    ROLE,
    pb.DisplayProductRequest,
    (SHOWROOM, PRODUCT, on("--since", "Trưng bày từ ngày", "On display from")),
    rpc="DisplayProduct",
)

TAKE_DOWN = Command(
    "take-down",
    ("Rút sản phẩm khỏi điểm bán", "Take a product down"),
    ROLE,
    pb.TakeDownProductRequest,
    (SHOWROOM, PRODUCT, on("--on", "Ngày rút", "Taken down on")),
    rpc="TakeDownProduct",
)

SHOWROOMS = Command(
    "showrooms",
    ("Các điểm bán và sản phẩm đang trưng bày", "Showrooms and what they display"),
    "auditor",
    pb.ListShowroomsRequest,
    (
        UNIT,
        Arg(
            "--all",
            "Kể cả điểm đã đóng cửa",
            "Closed ones too",
            action="store_true",
            field="include_closed",
        ),
    ),
    output=views.showrooms,
    actor=False,
    rpc="ListShowrooms",
)

RECORD_FAIR = Command(
    "fair",
    ("Ghi nhận hội chợ, triển lãm", "Record a fair or exhibition"),
    ROLE,
    pb.RecordFairRequest,
    (
        Arg("--name", "Tên hội chợ", "Name", required=True),
        Arg(
            "--place",
            "Trong hay ngoài tỉnh",
            "Inside or outside the province",
            required=True,
            choices=("inside", "outside"),
        ),
        Arg("--location", "Nơi tổ chức", "Location", required=True),
        *DAYS,
        ORGANISER,
        ACTIVITY,
    ),
    rpc="RecordFair",
)

PARTICIPATE = Command(
    "participate",
    ("Sản phẩm tham gia hội chợ", "A product takes part in a fair"),
    ROLE,
    pb.RecordParticipationRequest,
    (FAIR, PRODUCT),
    output=views.with_rows("participants", ["product_id", "product_name", "certificate_no"]),
    rpc="RecordParticipation",
)

FAIR_RESULT = Command(
    "fair-result",
    ("Kết quả tham gia hội chợ của sản phẩm", "A product's results at a fair"),
    ROLE,
    pb.RecordFairResultRequest,
    (
        FAIR,
        PRODUCT,
        Arg("--contracts", "Số hợp đồng ký kết", "Contracts signed", type=int, default=0),
        Arg("--sales", "Doanh thu (đồng)", "Sales (VND)", field=""),
        Arg("--note", "Ghi chú", "Note"),
    ),
    output=views.with_rows("participants", ["product_name", "contracts", "sales_vnd"]),
    derive=sales_field,
    rpc="RecordFairResult",
)

COMMANDS = (
    OPEN_SHOWROOM,
    CLOSE_SHOWROOM,
    DISPLAY,
    TAKE_DOWN,
    SHOWROOMS,
    RECORD_FAIR,
    PARTICIPATE,
    FAIR_RESULT,
)

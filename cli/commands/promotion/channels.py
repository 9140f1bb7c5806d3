"""`ocop promotion join-channel|leave-channel|link-chain|end-chain`: a producer's sales
channels (modern or not, by type) and value-chain links with raw-material areas."""

from __future__ import annotations

from cli.commands.common import PRODUCER
from cli.commands.promotion.fields import ROLE, SPAN
from cli.commands.promotion.views import with_rows
from cli.declare import Arg, Command, on
from contracts.rpc import promotion_pb2 as pb

JOIN_CHANNEL = Command(
    "join-channel",
    ("Chủ thể tham gia kênh phân phối", "A producer joins a sales channel"),
    ROLE,
    pb.JoinChannelRequest,
    (
        PRODUCER,
        Arg(
            "--type",
            "Loại kênh: supermarket, convenience_store, ecommerce, "
            "postal_ecommerce, own_shop, wholesale, export",
            "Channel type: supermarket, convenience_store, ecommerce, postal_ecommerce, "
            "own_shop, wholesale, export",
            required=True,
            field="channel_type",
        ),
        Arg("--partner", "Đối tác (siêu thị, sàn...)", "Partner", required=True),
        *SPAN,
        Arg(
            "--product",
            "Sản phẩm OCOP bán qua kênh (lặp lại)",
            "Certified product sold there (repeat)",
            action="append",
            field="product_ids",
        ),
    ),
    output=with_rows("channels", ["channel_id", "channel_type", "partner", "since", "until"]),
    rpc="JoinChannel",
)

LEAVE_CHANNEL = Command(
    "leave-channel",
    ("Chủ thể rời kênh phân phối", "A producer leaves a channel"),
    ROLE,
    pb.LeaveChannelRequest,
    (
        PRODUCER,
        Arg("--channel", "Mã kênh", "Channel id", required=True, field="channel_id"),
        on("--on", "Ngày cuối", "Last day"),
    ),
    output=with_rows("channels", ["channel_id", "channel_type", "partner", "since", "until"]),
    rpc="LeaveChannel",
)

LINK_CHAIN = Command(
    "link-chain",
    ("Liên kết chuỗi giá trị với vùng nguyên liệu", "Link a producer to a value chain"),
    ROLE,
    pb.LinkValueChainRequest,
    (
        PRODUCER,
        Arg(
            "--area-name",
            "Vùng nguyên liệu",
            "Raw-material area",
            required=True,
            field="raw_material_area",
        ),
        Arg("--area", "Diện tích", "Area", required=True),
        Arg(
            "--unit",
            "Đơn vị diện tích",
            "Area unit",
            default="ha",
            choices=("ha", "m2"),
            field="area_unit",
        ),
        Arg(
            "--partner-kind",
            "Loại đối tác",
            "Partner kind",
            required=True,
            choices=("cooperative_members", "households", "company", "cooperative"),
        ),
        Arg("--partner", "Đối tác", "Partner", required=True),
        Arg(
            "--contract",
            "Số hợp đồng liên kết",
            "Contract no.",
            required=True,
            field="contract_no",
        ),
        *SPAN,
    ),
    output=with_rows("value_chains", ["link_id", "raw_material_area", "area", "partner"]),
    rpc="LinkValueChain",
)

END_CHAIN = Command(
    "end-chain",
    ("Kết thúc liên kết chuỗi", "End a value-chain link"),
    ROLE,
    pb.EndValueChainRequest,
    (
        PRODUCER,
        Arg("--link", "Mã liên kết", "Link id", required=True, field="link_id"),
        on("--on", "Ngày kết thúc", "Ended on"),
    ),
    output=with_rows("value_chains", ["link_id", "raw_material_area", "since", "until"]),
    rpc="EndValueChain",
)

COMMANDS = (JOIN_CHANNEL, LEAVE_CHANNEL, LINK_CHAIN, END_CHAIN)

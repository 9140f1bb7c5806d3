"""`ocop promotion campaign|training|support|shares|history`: communication, training
and support granted to producers, and the reads: the shares of OCOP producers in modern
channels and value chains on a date, and a producer's history."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cli.commands.promotion import views
from cli.commands.promotion.fields import ACTIVITY, PRODUCER, ROLE, UNIT, amount
from cli.declare import Arg, Command, day, on
from contracts.rpc import promotion_pb2 as pb


def training_fields(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"participants": {"official": args.officials, "producer": args.producers}}


def amount_field(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"amount_vnd": amount(args.amount, "--amount", "amount_vnd")}


CAMPAIGN = Command(
    "campaign",
    ("Ghi nhận hoạt động truyền thông", "Record a communication campaign"),
    ROLE,
    pb.RecordCampaignRequest,
    (
        Arg("--title", "Nội dung", "Title", required=True),
        Arg(
            "--channel",
            "Kênh: radio, television, newspaper, website, social_media, leaflet, meeting",
            "Channel: radio, television, newspaper, website, social_media, leaflet, meeting",
            required=True,
        ),
        Arg("--audience", "Đối tượng", "Audience", required=True),
        on("--on", "Ngày thực hiện", "Held on", field="held_on"),
        ACTIVITY,
    ),
    rpc="RecordCampaign",
)

TRAINING = Command(
    "training",
    ("Ghi nhận lớp đào tạo, tập huấn", "Record a training course"),
    ROLE,
    pb.RecordTrainingRequest,
    (
        Arg("--topic", "Chủ đề", "Topic", required=True),
        Arg("--organiser", "Đơn vị tổ chức", "Organiser", required=True),
        on("--from", "Từ ngày", "From", field="starts_on"),
        on("--to", "Đến ngày", "To", field="ends_on"),
        Arg(
            "--officials",
            "Số cán bộ tham gia",
            "Officials attending",
            type=int,
            default=0,
            field="",
        ),
        Arg(
            "--producers",
            "Số chủ thể tham gia",
            "Producers attending",
            type=int,
            default=0,
            field="",
        ),
        ACTIVITY,
    ),
    derive=training_fields,
    rpc="RecordTraining",
)

SUPPORT = Command(
    "support",
    ("Ghi nhận hỗ trợ cho chủ thể", "Record support granted to a producer"),
    ROLE,
    pb.GrantSupportRequest,
    (
        PRODUCER,
        Arg(
            "--kind",
            "Nội dung: training, consulting, design, trade_fair, certification, equipment",
            "Kind: training, consulting, design, trade_fair, certification, equipment",
            required=True,
        ),
        Arg("--amount", "Số tiền (đồng)", "Amount (VND)", required=True, field=""),
        Arg(
            "--source",
            "Nguồn: ntp_new_rural, province_budget, district_budget, "
            "commune_budget, producer_own, other_lawful",
            "Funding source: ntp_new_rural, "
            "province_budget, district_budget, commune_budget, producer_own, other_lawful",
            required=True,
            field="funding_source",
        ),
        on("--on", "Ngày hỗ trợ", "Granted on", field="granted_on"),
        Arg("--budget-line", "Dòng kinh phí của kế hoạch", "The plan's budget line"),
        ACTIVITY,
        Arg("--note", "Ghi chú", "Note"),
    ),
    derive=amount_field,
    rpc="GrantSupport",
)

SHARES = Command(
    "shares",
    (
        "Tỷ lệ chủ thể OCOP có kênh hiện đại, tham gia chuỗi giá trị vào một ngày",
        "Shares of OCOP producers in modern channels and value chains on a date",
    ),
    "auditor",
    pb.SharesRequest,
    (
        UNIT,
        Arg(
            "--on",
            "Ngày (dd/mm/yyyy; mặc định: hôm nay)",
            "Date (dd/mm/yyyy; default: today)",
            type=day,
        ),
    ),
    output=views.shares,
    actor=False,
    rpc="GetShares",
)

HISTORY = Command(
    "history",
    ("Lịch sử xúc tiến thương mại của một chủ thể", "A producer's promotion history"),
    "auditor",
    pb.ProducerHistoryRequest,
    (Arg("producer_id", "Mã chủ thể", "Producer id"),),
    output=views.with_rows("entries", ["on", "kind", "detail", "reason"], views.HISTORY_WORDS),
    actor=False,
    retry_not_found=True,
    rpc="GetProducerHistory",
)

COMMANDS = (CAMPAIGN, TRAINING, SUPPORT, SHARES, HISTORY)

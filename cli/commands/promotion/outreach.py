"""`ocop promotion plan|add-activity|activity-done|show-plan|campaign|training|support|
shares|history`: the year's promotion plan, communication, training and support granted
to producers, and the reads: the shares of OCOP producers in modern channels and value
chains on a date, and a producer's history.

Budget lines are given as `--budget CODE:AMOUNT_VND:SOURCE:Label`, activities as
`--activity CODE:KIND:BUDGET_LINE:Title` (the economy and infrastructure office leads,
with the agriculture office, unless `--lead` says otherwise for one activity added
later). Amounts are whole đồng."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cli.commands.common import PRODUCER
from cli.commands.promotion import views
from cli.commands.promotion.fields import ACTIVITY, DAYS, ORGANISER, ROLE, UNIT, YEAR, amount, parts
from cli.declare import Arg, Command, day, on
from contracts.rpc import promotion_pb2 as pb


def plan_fields(args: argparse.Namespace) -> Mapping[str, Any]:
    lines = []
    for text in args.budget:
        code, sum_, source, label = parts(text, "--budget", 4, "budget_lines")
        lines.append(
            pb.BudgetLine(
                code=code,
                amount_vnd=amount(sum_, "--budget", "budget_lines"),
                funding_source=source,
                label=label,
            )
        )
    activities = []
    for text in args.activity_item:
        code, kind, line, title = parts(text, "--activity", 4, "activities")
        activities.append(pb.Activity(code=code, kind=kind, budget_line=line, title=title))
    return {"budget_lines": lines, "activities": activities}


def add_fields(args: argparse.Namespace) -> Mapping[str, Any]:
    code, kind, line, title = parts(args.item, "--item", 4, "activity")
    return {
        "activity": pb.Activity(
            code=code,
            kind=kind,
            budget_line=line,
            title=title,
            lead_unit=args.lead,
            with_units=args.with_unit,
        )
    }


PLAN = Command(
    "plan",
    ("Lập kế hoạch xúc tiến thương mại của năm", "Adopt the year's promotion plan"),
    ROLE,
    pb.AdoptPlanRequest,
    (
        YEAR,
        Arg("--title", "Tên kế hoạch", "The plan's title", required=True),
        Arg(
            "--budget",
            "Dòng kinh phí: MÃ:SỐ_TIỀN:NGUỒN:Tên (lặp lại)",
            "Budget line: CODE:AMOUNT_VND:SOURCE:Label (repeat)",
            action="append",
            field="",
        ),
        Arg(
            "--activity",
            "Hoạt động: MÃ:LOẠI:DÒNG_KINH_PHÍ:Tên (lặp lại)",
            "Activity: CODE:KIND:BUDGET_LINE:Title (repeat)",
            action="append",
            dest="activity_item",
            field="",
        ),
    ),
    output=views.plan,
    derive=plan_fields,
)

ADD_ACTIVITY = Command(
    "add-activity",
    ("Bổ sung hoạt động vào kế hoạch", "Add an activity to the plan"),
    ROLE,
    pb.AddActivityRequest,
    (
        YEAR,
        Arg(
            "--item",
            "Hoạt động: MÃ:LOẠI:DÒNG_KINH_PHÍ:Tên",
            "Activity: CODE:KIND:LINE:Title",
            required=True,
            field="",
        ),
        Arg("--lead", "Đơn vị chủ trì", "Lead unit", default="economy_infrastructure", field=""),
        Arg(
            "--with-unit",
            "Đơn vị phối hợp (lặp lại)",
            "Unit working with it (repeat)",
            action="append",
            field="",
        ),
    ),
    output=views.plan,
    derive=add_fields,
)

ACTIVITY_DONE = Command(
    "activity-done",
    ("Đánh dấu hoạt động đã hoàn thành", "Mark an activity done"),
    ROLE,
    pb.CompleteActivityRequest,
    (YEAR, Arg("--code", "Mã hoạt động", "Activity code", required=True)),
    output=views.plan,
    rpc="CompleteActivity",
)

SHOW_PLAN = Command(
    "show-plan",
    ("Kế hoạch năm và tình trạng các hoạt động", "The year's plan and its activities"),
    "auditor",
    pb.GetPlanRequest,
    (
        Arg("--unit", "Mã địa bàn", "Unit code", required=True, field="jurisdiction"),
        YEAR,
    ),
    output=views.plan,
    actor=False,
    retry_not_found=True,
)


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
        ORGANISER,
        *DAYS,
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


PLAN_COMMANDS = (PLAN, ADD_ACTIVITY, ACTIVITY_DONE, SHOW_PLAN)
COMMANDS = (CAMPAIGN, TRAINING, SUPPORT, SHARES, HISTORY)

"""`ocop promotion plan|add-activity|activity-done|show-plan`: the year's promotion plan.

Budget lines are given as `--budget CODE:AMOUNT_VND:SOURCE:Label`, activities as
`--activity CODE:KIND:BUDGET_LINE:Title` (the economy and infrastructure office leads,
with the agriculture office, unless `--lead` says otherwise for one activity added
later). Amounts are whole đồng."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cli.commands.promotion.fields import ROLE, YEAR, amount, parts
from cli.commands.promotion.views import PLAN_ACTIVITY_COLUMNS, with_rows
from cli.declare import Arg, Command
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
    output=with_rows("activities", PLAN_ACTIVITY_COLUMNS),
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
    output=with_rows("activities", PLAN_ACTIVITY_COLUMNS),
    derive=add_fields,
)

ACTIVITY_DONE = Command(
    "activity-done",
    ("Đánh dấu hoạt động đã hoàn thành", "Mark an activity done"),
    ROLE,
    pb.CompleteActivityRequest,
    (YEAR, Arg("--code", "Mã hoạt động", "Activity code", required=True)),
    output=with_rows("activities", PLAN_ACTIVITY_COLUMNS),
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
    output=with_rows("activities", PLAN_ACTIVITY_COLUMNS),
    actor=False,
    retry_not_found=True,
)

COMMANDS = (PLAN, ADD_ACTIVITY, ACTIVITY_DONE, SHOW_PLAN)

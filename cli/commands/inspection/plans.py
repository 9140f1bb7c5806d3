"""`ocop inspection plan|show-plan|add|schedule|ad-hoc`: a period's plan, what it
covers, and the inspections scheduled from it or opened ad hoc, with their teams.

A team is given as `--member ROLE:NAME` (repeat; roles: agriculture, health,
market_surveillance, commune, industry_trade)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from cli.commands.common import PRODUCT
from cli.commands.inspection import views
from cli.declare import Arg, Command, Refused, day, on
from contracts.rpc import inspection_pb2 as pb

TEAM = Arg(
    "--member",
    "Thành viên đoàn: VAI_TRÒ:Họ tên (lặp lại)",
    "Team member: ROLE:Name (repeat)",
    action="append",
    field="",
)
PLAN_ID = Arg("--plan", "Mã kế hoạch", "Plan id", required=True, field="plan_id")
PLANNED_ON = on("--on", "Ngày dự kiến kiểm tra", "Planned date", field="planned_on")
LEAD = Arg("--lead-agency", "Cơ quan chủ trì", "Lead agency", default="agriculture")


def member(text: str) -> pb.TeamMember:
    """`ROLE:Name` as a team member; refused (field `team`) without the role."""
    role, sep, name = text.partition(":")
    if not sep:
        raise Refused(
            f"--member {text}: cần dạng VAI_TRÒ:Họ tên",
            field="team",
            en=f"--member {text}: expected ROLE:Name",
        )
    return pb.TeamMember(role=role.strip(), name=name.strip())


def team(args: argparse.Namespace) -> Mapping[str, Any]:
    return {"team": [member(m) for m in args.member]}


PLAN = Command(
    "plan",
    ("Lập kế hoạch kiểm tra định kỳ của một kỳ", "Generate a period's inspection plan"),
    "province_officer",
    pb.GeneratePlanRequest,
    (
        Arg(
            "--on",
            "Một ngày trong kỳ (dd/mm/yyyy)",
            "Any day of the period",
            required=True,
            type=day,
        ),
        LEAD,
        TEAM,
    ),
    output=views.plan,
    derive=team,
)

SHOW_PLAN = Command(
    "show-plan",
    ("Kế hoạch của một kỳ và tỷ lệ đã kiểm tra", "A period's plan and its coverage"),
    "auditor",
    pb.GetPlanRequest,
    (
        Arg("--plan", "Mã kế hoạch", "Plan id", field="plan_id"),
        Arg(
            "--level",
            "Cấp lập kế hoạch",
            "Level of the planning office",
            default="province",
            choices=("district", "province", "central"),
        ),
        Arg("--unit", "Mã địa bàn của kế hoạch", "The plan's unit code", field="jurisdiction"),
        Arg(
            "--on",
            "Một ngày trong kỳ (dd/mm/yyyy hoặc yyyy-mm-dd)",
            "Any day of the period (dd/mm/yyyy or yyyy-mm-dd)",
            type=day,
        ),
    ),
    output=views.plan,
    actor=False,
    retry_not_found=True,
)

ADD = Command(
    "add",
    ("Bổ sung sản phẩm vào kế hoạch", "Add a product to a plan"),
    "province_officer",
    pb.AddToPlanRequest,
    (
        PLAN_ID,
        PRODUCT,
    ),
    output=views.plan,
)

SCHEDULE = Command(
    "schedule",
    ("Lên lịch kiểm tra một sản phẩm trong kế hoạch", "Schedule a planned product's inspection"),
    "province_officer",
    pb.ScheduleInspectionRequest,
    (PLAN_ID, PRODUCT, PLANNED_ON, LEAD, TEAM),
    output=views.record,
    derive=team,
)

AD_HOC = Command(
    "ad-hoc",
    ("Mở cuộc kiểm tra đột xuất", "Open an ad hoc inspection"),
    "province_officer",
    pb.OpenAdHocRequest,
    (
        PRODUCT,
        Arg(
            "--trigger",
            "Lý do: complaint, food_safety_alert, market_surveillance, other",
            "Trigger: complaint, food_safety_alert, market_surveillance, other",
            required=True,
        ),
        Arg("--note", "Nội dung phản ánh, cảnh báo", "What was reported"),
        PLANNED_ON,
        LEAD,
        TEAM,
    ),
    output=views.record,
    derive=team,
)

COMMANDS = (PLAN, SHOW_PLAN, ADD, SCHEDULE, AD_HOC)

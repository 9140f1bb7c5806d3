"""`ocop inspection show|history|remediations|overdue`: one inspection, a product's
history, the open remediations and the planned inspections past their date."""

from __future__ import annotations

from typing import Any

from cli.commands.inspection import views
from cli.declare import Arg, Command, Output
from contracts.rpc import inspection_pb2 as pb

UNIT = Arg(
    "--unit", "Mã địa bàn (mặc định: tất cả)", "Unit code (default: all)", field="jurisdiction"
)

# (name, help vi/en, request, its arguments, output, retried while not yet known, RPC)
READS: tuple[tuple[str, tuple[str, str], Any, tuple[Arg, ...], Output, bool, str], ...] = (
    (
        "show",
        ("Một cuộc kiểm tra", "One inspection"),
        pb.GetInspectionRequest,
        (Arg("inspection_id", "Mã cuộc kiểm tra", "Inspection id"),),
        views.record,
        True,
        "",
    ),
    (
        "history",
        ("Lịch sử kiểm tra của một sản phẩm", "A product's inspection history"),
        pb.ProductHistoryRequest,
        (Arg("product_id", "Mã sản phẩm", "Product id"),),
        views.history,
        True,
        "",
    ),
    (
        "remediations",
        ("Các yêu cầu khắc phục đang mở và hạn", "Open remediations and their deadlines"),
        pb.ListRequest,
        (UNIT,),
        views.inspections,
        False,
        "OpenRemediations",
    ),
    (
        "overdue",
        ("Sản phẩm quá hạn kiểm tra theo kế hoạch", "Planned inspections past their date"),
        pb.ListRequest,
        (UNIT,),
        views.overdue,
        False,
        "OverdueInspections",
    ),
)
# Reads for the auditor role and every office above it; they carry no actor.
COMMANDS = tuple(
    Command(name, help, "auditor", request, args, output=output, actor=False,
            retry_not_found=retry, rpc=rpc)
    for name, help, request, args, output, retry, rpc in READS
)  # fmt: skip

"""`ocop reporting ...`: the catalogue read model."""

from __future__ import annotations

import argparse
from typing import Any

from cli.commands import run
from cli.commands.common import PRODUCT_ID, SEARCH
from cli.declare import Arg, Command, Group, add_group
from cli.output import emit, emit_table
from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc

COLUMNS = ["product_id", "name", "product_set", "status", "star", "score", "decision_no"]


def _row(message: Any) -> dict[str, Any]:
    return {f.name: getattr(message, f.name) for f in message.DESCRIPTOR.fields}


def _table(args: argparse.Namespace, reply: Any) -> int:
    emit_table([_row(p) for p in reply.products], COLUMNS, as_json=args.json, lang=args.lang)
    return 0


def _record(args: argparse.Namespace, reply: Any) -> int:
    emit(_row(reply), as_json=args.json, lang=args.lang)
    return 0


GROUP = Group(
    "reporting",
    ("Báo cáo: danh mục sản phẩm và trạng thái", "Reporting: the product catalogue and status"),
    "reporting",
    pb_grpc.ReportingStub,
    (
        Command(
            "products",
            ("Danh sách sản phẩm", "Products"),
            "auditor",
            pb.ListProductsRequest,
            (
                Arg(
                    "--status",
                    "Lọc theo trạng thái, ví dụ recognised",
                    "Filter by status, e.g. recognised",
                ),
                SEARCH,
            ),
            output=_table,
            actor=False,
        ),
        Command(
            "product",
            ("Trạng thái và hạng sao của một sản phẩm", "A product's status and stars"),
            "auditor",
            pb.GetProductRequest,
            (PRODUCT_ID,),
            actor=False,
            retry_not_found=True,
        ),
    ),
    _record,
)


def add(sub: Any, lang: str = "vi") -> None:
    run.add_rebuild(add_group(sub, GROUP, lang), lang)

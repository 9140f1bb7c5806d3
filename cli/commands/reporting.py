"""`ocop reporting ...`: the catalogue read model."""

from __future__ import annotations

import argparse
from typing import Any

from cli.client import Client
from cli.output import emit, emit_table
from contracts.rpc import reporting_pb2 as pb
from contracts.rpc import reporting_pb2_grpc as pb_grpc

COLUMNS = ["product_id", "name", "product_set", "status", "star", "score", "decision_no"]


def add(sub: Any) -> None:
    group = sub.add_parser("reporting", help="Báo cáo: danh mục sản phẩm và trạng thái")
    cmds = group.add_subparsers(dest="command", required=True)

    p = cmds.add_parser("products", help="Danh sách sản phẩm")
    p.add_argument("--status", default="", help="Lọc theo trạng thái, ví dụ recognised")
    p.set_defaults(func=products, role="auditor")

    p = cmds.add_parser("product", help="Trạng thái và hạng sao của một sản phẩm")
    p.add_argument("product_id")
    p.set_defaults(func=product, role="auditor")


def _stub(client: Client) -> pb_grpc.ReportingStub:
    return pb_grpc.ReportingStub(client.channel("reporting"))


def _row(message: Any) -> dict[str, Any]:
    return {f.name: getattr(message, f.name) for f in message.DESCRIPTOR.fields}


def products(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(_stub(client).ListProducts, pb.ListProductsRequest(status=args.status))
    emit_table([_row(p) for p in reply.products], COLUMNS, as_json=args.json, lang=args.lang)
    return 0


def product(args: argparse.Namespace, client: Client) -> int:
    reply = client.call(
        _stub(client).GetProduct,
        pb.GetProductRequest(product_id=args.product_id),
        retry_not_found=True,
    )
    emit(_row(reply), as_json=args.json, lang=args.lang)
    return 0

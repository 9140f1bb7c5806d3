"""`ocop audit …`: the audit trail and any past date (reporting's `Audit` gRPC service),
and the hash chains of the services' stores (`verify`, `anchor`).

`ocop audit product|dossier|decision|certificate ID [--xlsx FILE]`: every event about the
record, oldest first (table, `--json`, or an .xlsx workbook); `ocop audit product ID
--as-of dd/mm/yyyy` and `ocop audit products --as-of dd/mm/yyyy`: status and
certificates as recorded by the end of that day.

`verify|anchor [--service S]` are local commands: they open the stores named by the
settings (`OCOP_STORE`, `OCOP_DATA_DIR`, `OCOP_PG_*`) directly, not over gRPC (exit
codes: 0 every chain intact, 1 a chain does not verify, the first altered, removed or
inserted record named; 2 refused: memory store, unknown service).

This module declares the commands as data (`cli.declare`); `trail` prints the replies,
`workbook` writes the .xlsx, `chains` runs `verify` and `anchor`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from cli.commands.audit import chains
from cli.commands.audit.trail import products_as_of, trail
from cli.commands.common import SEARCH
from cli.declare import Arg, Command, Group, add_group, day
from contracts.rpc import audit_pb2 as pb
from contracts.rpc import audit_pb2_grpc as pb_grpc


def _as_of(required: bool) -> Arg:
    return Arg(
        "--as-of",
        "Trạng thái theo các sự kiện đã ghi đến hết ngày này (dd/mm/yyyy)",
        "The status as the events recorded by the end of this day say (dd/mm/yyyy)",
        required=required,
        type=day,
        field="",
    )


XLSX = Arg(
    "--xlsx",
    "Ghi toàn bộ vết kiểm toán ra tệp Excel này",
    "Write the whole trail to this Excel file",
    type=Path,
    default=None,
    field="",
)


def _trail_command(kind: str, help_vi: str, help_en: str, id_vi: str, id_en: str) -> Command:
    extra = (_as_of(False),) if kind == "product" else ()
    return Command(
        kind,
        (help_vi, help_en),
        "auditor",
        pb.GetTrailRequest,
        (Arg("id", id_vi, id_en), *extra, XLSX),
        fixed={"kind": kind},
        actor=False,
        rpc="GetTrail",
        run=lambda args, client, method: trail(_with_kind(args, kind), client, method),
    )


def _with_kind(args: argparse.Namespace, kind: str) -> argparse.Namespace:
    args.kind = kind
    return args


GROUP = Group(
    "audit",
    (
        "Kiểm toán: vết các quyết định, trạng thái tại một ngày, chuỗi băm của kho sự kiện",
        "Audit: decision trails, the state on a past date, the stores' hash chains",
    ),
    "reporting",
    pb_grpc.AuditStub,
    (
        _trail_command(
            "product",
            "Mọi sự kiện về một sản phẩm, theo thời gian (hoặc trạng thái tại --as-of)",
            "Every event about a product, in time order (or its status --as-of a date)",
            "Mã sản phẩm",
            "Product id",
        ),
        _trail_command(
            "dossier",
            "Mọi sự kiện về một hồ sơ, theo thời gian",
            "Every event about a dossier, in time order",
            "Mã hồ sơ",
            "Dossier id",
        ),
        _trail_command(
            "decision",
            "Mọi sự kiện về một quyết định (công nhận, thu hồi) và hồ sơ của nó",
            "Every event about a decision (recognition, revocation) and its dossiers",
            "Số quyết định, ví dụ 125/QĐ-UBND",
            "Decision number, e.g. 125/QĐ-UBND",
        ),
        _trail_command(
            "certificate",
            "Mọi sự kiện về một giấy chứng nhận và hồ sơ của nó",
            "Every event about a certificate and its dossier",
            "Số giấy chứng nhận",
            "Certificate number",
        ),
        Command(
            "products",
            ("Trạng thái mọi sản phẩm tại một ngày", "Every product's status on a date"),
            "auditor",
            pb.ListProductsAsOfRequest,
            (
                _as_of(True),
                Arg("--status", "Lọc theo trạng thái", "Filter by status"),
                SEARCH,
            ),
            actor=False,
            run=products_as_of,
        ),
    ),
    lambda args, reply: 0,
)


def add(sub: Any, lang: str = "vi") -> None:
    chains.add(add_group(sub, GROUP, lang), lang)

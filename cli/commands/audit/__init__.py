"""`ocop audit …`: the audit trail and any past date (reporting's `Audit` gRPC service),
and the hash chains of the services' stores (`verify`, `anchor`).

`ocop audit product|dossier|decision|certificate ID [--xlsx FILE]`: every event about the
record, oldest first (table, `--json`, or an .xlsx workbook); `ocop audit product ID
--as-of dd/mm/yyyy` and `ocop audit products --as-of dd/mm/yyyy`: status and
certificates as recorded by the end of that day.

`verify|anchor [--service S]` are local commands: they open the stores named by the
settings (`OCOP_STORE`, `OCOP_DATA_DIR`, `OCOP_PG_*`) directly, not over gRPC (exit
codes: 0 every chain intact, 1 a chain does not verify, the first altered, removed or
inserted record named; 2 refused: memory store, unknown service)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cli.client import Client
from cli.commands.common import SEARCH
from cli.declare import Arg, Command, Group, add_group, all_pages, day
from cli.output import emit, emit_table, message_record, refuse
from contracts.rpc import audit_pb2 as pb
from contracts.rpc import audit_pb2_grpc as pb_grpc
from runtime.settings import Settings

TRAIL_TABLE = [
    "when",
    "service",
    "what",
    "actor_id",
    "actor_role",
    "actor_jurisdiction",
    "rule_set_id",
    "decision_no",
    "correlation",
    "caused_by",
]
"""The columns a terminal shows; `--json` and `--xlsx` give every field of the entry."""
AS_OF_TABLE = ["product_id", "name", "status", "star", "decision_no", "valid_certificate"]
CERTIFICATE_TABLE = ["certificate_no", "star", "decision_no", "valid_to", "standing", "ended_by"]
LABELS: dict[str, tuple[str, str]] = {
    "when": ("Thời điểm (giờ Việt Nam)", "When (Vietnam time)"),
    "service": ("Dịch vụ", "Service"),
    "event_type": ("Sự kiện", "Event"),
    "what": ("Nội dung", "What"),
    "actor_id": ("Người thực hiện", "Actor"),
    "actor_role": ("Vai trò", "Role"),
    "actor_jurisdiction": ("Địa bàn", "Jurisdiction"),
    "rule_set_id": ("Bộ quy tắc", "Rule set"),
    "legal_basis": ("Căn cứ pháp lý", "Legal basis"),
    "decision_no": ("Số quyết định", "Decision no."),
    "event_id": ("Mã sự kiện", "Event id"),
    "correlation_id": ("Mã luồng nghiệp vụ", "Correlation id"),
    "correlation": ("Luồng", "Flow"),
    "causation_id": ("Do sự kiện/lệnh", "Caused by (id)"),
    "caused_by": ("Do", "Caused by"),
    "aggregate_id": ("Mã đối tượng", "Aggregate id"),
    "aggregate_version": ("Phiên bản", "Version"),
    "occurred_at": ("Thời điểm (ISO)", "Occurred at (ISO)"),
    "topic": ("Chủ đề Kafka", "Kafka topic"),
}


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


def _trail_rows(reply: Any) -> list[Mapping[str, Any]]:
    rows: list[dict[str, Any]] = [message_record(e) for e in reply.entries]
    for row in rows:
        row["correlation"] = str(row["correlation_id"])[:8]
    return list(rows)


def _trail(args: argparse.Namespace, client: Client, method: Callable[..., Any]) -> int:
    """GetTrail, or GetProductAsOf when `--as-of` is given."""
    if getattr(args, "as_of", ""):
        stub = pb_grpc.AuditStub(client.channel("reporting"))
        request = pb.GetProductAsOfRequest(product_id=args.id, as_of=args.as_of)
        return _product_as_of(args, client.call(stub.GetProductAsOf, request))
    reply = client.call(method, pb.GetTrailRequest(kind=args.kind, id=args.id))
    rows = _trail_rows(reply)
    if args.xlsx is not None:
        _write_xlsx(args.xlsx, args.kind, args.id, rows, args.lang)
        emit({"file": str(args.xlsx), "events": len(rows)}, as_json=args.json, lang=args.lang)
        return 0
    if args.json:
        emit_table(rows, [], as_json=True, lang=args.lang)
    else:
        _table(rows, TRAIL_TABLE, args.lang)
    return 0


def _product_as_of(args: argparse.Namespace, reply: Any) -> int:
    record = {"as_of": reply.as_of, **message_record(reply.product)}
    certificates: list[Mapping[str, Any]] = [message_record(c) for c in reply.certificates]
    if args.json:
        emit({**record, "certificates": certificates}, as_json=True, lang=args.lang)
        return 0
    emit(record, as_json=False, lang=args.lang)
    if certificates:
        print()
        _table(certificates, CERTIFICATE_TABLE, args.lang)
    return 0


def _products_as_of(args: argparse.Namespace, client: Client, method: Callable[..., Any]) -> int:
    request = pb.ListProductsAsOfRequest(as_of=args.as_of, status=args.status, query=args.search)
    reply = all_pages(client, method, request, client.call(method, request))
    rows: list[Mapping[str, Any]] = [
        {**message_record(p.product), "valid_certificate": p.valid_certificate}
        for p in reply.products
    ]
    emit_table(rows, AS_OF_TABLE, as_json=args.json, lang=args.lang)
    return 0


def _table(rows: list[Mapping[str, Any]], columns: list[str], lang: str) -> None:
    index = 1 if lang == "en" else 0
    labelled: list[Mapping[str, Any]] = [
        {LABELS.get(c, (c, c))[index]: r.get(c, "") for c in columns} for r in rows
    ]
    emit_table(labelled, [LABELS.get(c, (c, c))[index] for c in columns], as_json=False, lang=lang)


def _write_xlsx(
    path: Path, kind: str, subject: str, rows: list[Mapping[str, Any]], lang: str
) -> None:
    """The trail as one sheet, every field a column, with a title row naming the record."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    index = 1 if lang == "en" else 0
    columns = list(pb.TrailEntry.DESCRIPTOR.fields_by_name)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Vết kiểm toán" if index == 0 else "Audit trail"
    title = "Vết kiểm toán của" if index == 0 else "Audit trail of"
    sheet.append([f"{title} {kind} {subject}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append([LABELS.get(c, (c, c))[index] for c in columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(c, "") for c in columns])
    sheet.freeze_panes = "A3"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


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
        run=lambda args, client, method: _trail(_with_kind(args, kind), client, method),
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
            run=_products_as_of,
        ),
    ),
    lambda args, reply: 0,
)


def add(sub: Any, lang: str = "vi") -> None:
    from system.audit import STORED

    vi = lang != "en"
    actions = add_group(sub, GROUP, lang)
    for name, vi_help, en_help in (
        (
            "verify",
            "Tính lại chuỗi băm, chỉ ra bản ghi đầu tiên bị sửa, xóa hoặc chèn",
            "Recompute the hash chains; name the first altered, removed or inserted record",
        ),
        (
            "anchor",
            "In đầu chuỗi băm kèm thời điểm (để công bố ra ngoài)",
            "Print the chain heads with the time (to publish outside)",
        ),
    ):
        p = actions.add_parser(name, help=vi_help if vi else en_help)
        p.add_argument(
            "--service",
            choices=STORED,
            default=None,
            help="Một dịch vụ (mặc định: tất cả)" if vi else "One service (default: all)",
        )
        p.set_defaults(func=audit_command, local=True, action=name)


def audit_command(args: argparse.Namespace) -> int:
    from system.audit import STORED, check, describe

    settings = Settings()
    if settings.store == "memory":
        refuse(
            "failed_precondition",
            "store",
            "Kho trong bộ nhớ chỉ tồn tại trong tiến trình đang chạy: không có gì để kiểm tra"
            if args.lang != "en"
            else "A memory store lives only inside its process: nothing to verify",
            as_json=args.json,
        )
        return 2
    at = datetime.now(UTC)
    services = [args.service] if args.service else list(STORED)
    records: list[Mapping[str, Any]] = [
        describe(check(settings, s), args.lang, settings.time_zone, at) for s in services
    ]
    intact = all(r["intact"] for r in records)
    if args.action == "anchor":
        columns = ["service", "head_position", "head_notification_id", "head_hash", "at"]
        if not intact:
            columns = ["service", "message"]
            records = [r for r in records if not r["intact"]]
    else:
        columns = ["service", "intact", "records", "message"]
    if len(records) == 1 and not args.json:
        emit({c: records[0][c] for c in columns}, as_json=False, lang=args.lang)
    else:
        emit_table(records, columns, as_json=args.json, lang=args.lang)
    return 0 if intact else 1

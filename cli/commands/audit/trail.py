"""What `ocop audit` prints of reporting's `Audit` replies: a record's trail (a table,
`--json`, or an .xlsx workbook), a product's status and certificates on a past date, and
every product's status on that date."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import Any

from cli.client import Client
from cli.commands.audit.workbook import LABELS, write_xlsx
from cli.declare import all_pages
from cli.output import emit, emit_table, message_record
from contracts.rpc import audit_pb2 as pb
from contracts.rpc import audit_pb2_grpc as pb_grpc

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


def _trail_rows(reply: Any) -> list[Mapping[str, Any]]:
    rows: list[dict[str, Any]] = [message_record(e) for e in reply.entries]
    for row in rows:
        row["correlation"] = str(row["correlation_id"])[:8]
    return list(rows)


def trail(args: argparse.Namespace, client: Client, method: Callable[..., Any]) -> int:
    """GetTrail, or GetProductAsOf when `--as-of` is given."""
    if getattr(args, "as_of", ""):
        stub = pb_grpc.AuditStub(client.channel("reporting"))
        request = pb.GetProductAsOfRequest(product_id=args.id, as_of=args.as_of)
        return _product_as_of(args, client.call(stub.GetProductAsOf, request))
    reply = client.call(method, pb.GetTrailRequest(kind=args.kind, id=args.id))
    rows = _trail_rows(reply)
    if args.xlsx is not None:
        write_xlsx(args.xlsx, args.kind, args.id, rows, args.lang)
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


def products_as_of(args: argparse.Namespace, client: Client, method: Callable[..., Any]) -> int:
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

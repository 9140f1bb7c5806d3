"""`ocop audit verify|anchor [--service S]`: local commands that open the stores named by
the settings (`OCOP_STORE`, `OCOP_DATA_DIR`, `OCOP_PG_*`) directly, not over gRPC, and
recompute their hash chains (exit codes: 0 every chain intact, 1 a chain does not
verify, the first altered, removed or inserted record named; 2 refused: memory store,
unknown service)."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from cli.output import emit, emit_table, refuse
from runtime.settings import Settings


def add(actions: Any, lang: str = "vi") -> None:
    """The `verify` and `anchor` sub-commands on the audit group's `actions`."""
    from system.audit import STORED

    vi = lang != "en"
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

"""How registration replies are printed: records, a dossier's summary and full view, lists."""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from typing import Any

from cli.output import emit, emit_table, message_record
from contracts.rpc import registration_pb2 as pb

IDEA_COLUMNS = ["idea_id", "name", "product_set", "status", "reason"]


def flat(value: Any) -> Any:
    """Lists as one line for people ("-" when empty); JSON keeps them as lists."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "-"
    return value


def show(args: argparse.Namespace, message: Any) -> int:
    """Any reply, field by field (`--quiet`: its first value, the id just made)."""
    record = message_record(message)
    if not args.json:
        record = {k: flat(v) for k, v in record.items()}
    emit(record, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def summary(args: argparse.Namespace, view: pb.DossierView) -> int:
    """A dossier after a change: its status and what it still lacks."""
    record = {
        "dossier_id": view.dossier_id,
        "status": view.status,
        "self_assessed": f"{view.self_assessed}/{view.criteria_on_sheet}",
        "samples": view.samples,
        "missing": list(view.missing) if args.json else flat(list(view.missing)),
    }
    emit(record, as_json=args.json, lang=args.lang, quiet=args.quiet)
    return 0


def dossier(args: argparse.Namespace, view: pb.DossierView) -> int:
    """One dossier in full: what it lacks, its deadline, documents, returns and changes."""
    if args.json or args.quiet:
        return show(args, view)
    record = {
        "dossier_id": view.dossier_id,
        "product_code": view.product_code,
        "product_set": view.product_set,
        "kind": view.kind,
        "status": view.status,
        "rule_set_id": view.rule_set_id,
        "received_on": view.received_on,
        "check_deadline": view.check_deadline,
        "overdue": ("có" if args.lang == "vi" else "yes") if view.overdue else "",
        "self_assessed": f"{view.self_assessed}/{view.criteria_on_sheet}",
        "documents": "; ".join(
            f"{d.name} ({d.media_type}, {d.size} B, sha256 {d.sha256[:12]}…)"
            for d in view.documents
        ),
        "paper_copy_received_on": view.paper_copy_received_on,
        "samples": view.samples,
        "missing": "; ".join(view.missing) or "-",
        "returns": "; ".join(view.returns),
        "changes": "; ".join(f"{c.criterion}: {c.before} → {c.after}" for c in view.changes),
        "assessed_on": view.assessed_on,
        "report_no": view.report_no,
        "forwarded_to": view.forwarded_to,
        "forwarded_on": view.forwarded_on,
    }
    emit(record, as_json=False, lang=args.lang)
    return 0


def dossier_list(args: argparse.Namespace, reply: pb.DossierList) -> int:
    """The overdue count, then one line per dossier."""
    record: dict[str, Any] = {
        "overdue": reply.overdue,
        "dossiers": [
            {
                "dossier_id": d.dossier_id,
                "product_code": d.product_code,
                "status": d.status,
                "received_on": d.received_on,
                "check_deadline": d.check_deadline,
                "overdue": d.overdue,
            }
            for d in reply.dossiers
        ],
    }
    if args.json:
        print(json.dumps(record, ensure_ascii=False, indent=2))
        return 0
    label = "Quá hạn" if args.lang == "vi" else "Overdue"
    total = "" if args.overdue else f" / {len(reply.dossiers)}"
    print(f"{label}: {reply.overdue}{total}")
    for d in record["dossiers"]:
        print("  ".join(str(v) for v in d.values()))
    return 0


def idea_table(args: argparse.Namespace, reply: pb.IdeaList) -> int:
    rows: list[Mapping[str, Any]] = [message_record(i) for i in reply.ideas]
    emit_table(rows, IDEA_COLUMNS, as_json=args.json, lang=args.lang)
    return 0

"""`ocop registration bundle DOSSIER_ID --out DIR`: the dossier the next level receives,
fetched as the province does (streamed, resumed after a broken stream, every document
checked against its SHA-256: `system.bundle`), written to DIR as `manifest.json` and the
documents under their names."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cli.client import Client
from cli.commands.common import DOSSIER_ID
from cli.declare import Arg, Command
from cli.output import emit
from contracts.rpc import registration_pb2 as pb
from system.bundle import fetch_bundle


def _fetch(args: argparse.Namespace, client: Client, method: Callable[..., Any]) -> int:
    got = fetch_bundle(method, args.dossier_id, metadata=client.metadata)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").write_text(
        json.dumps(got.manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    for document in got.manifest["documents"]:
        name = Path(document["name"]).name or document["sha256"]
        (out / f"{document['sha256'][:8]}-{name}").write_bytes(got.documents[document["sha256"]])
    emit(
        {
            "dossier_id": args.dossier_id,
            "parts": got.last_sequence,
            "documents": len(got.manifest["documents"]),
            "verified": True,
            "out": str(out),
        },
        as_json=args.json,
        lang=args.lang,
    )
    return 0


BUNDLE = Command(
    "bundle",
    (
        "Tải hồ sơ đầy đủ cấp trên nhận (kiểm tra mã băm từng tài liệu)",
        "Fetch the full dossier the next level receives (each document's hash checked)",
    ),
    "province_officer",
    pb.GetDossierBundleRequest,
    (
        DOSSIER_ID,
        Arg("--out", "Thư mục ghi hồ sơ", "Folder to write the bundle to", required=True, field=""),
    ),
    rpc="GetDossierBundle",
    run=_fetch,
    actor=False,
)

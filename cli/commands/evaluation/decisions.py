"""Recognition decisions, certificates and their revocation (Điều 8.1)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from cli.commands.common import DOSSIER, PRODUCT, PRODUCT_ID
from cli.declare import Arg, Command, on
from contracts.rpc import evaluation_pb2 as pb

DECIDED_ON = on("--decided-on", "Ngày quyết định", "Decided on")
DECISION_NO = Arg("--decision-no", "Số quyết định", "Decision number", required=True)

DECIDE = Command(
    "decide",
    ("Ban hành quyết định công nhận", "Issue a recognition decision"),
    "authority",
    pb.IssueDecisionRequest,
    (
        DECISION_NO,
        DECIDED_ON,
        Arg("--signer", "Người ký", "Signer", required=True),
        Arg(
            "--dossier",
            "Mã hồ sơ (lặp lại được)",
            "Dossier id (repeatable)",
            action="append",
            required=True,
            field="dossier_ids",
        ),
    ),
)

CERTIFICATES = Command(
    "certificates",
    ("Giấy chứng nhận của sản phẩm", "A product's certificates"),
    "auditor",
    pb.GetCertificatesRequest,
    (PRODUCT_ID,),
    actor=False,
    retry_not_found=True,
)

OPEN_REVOCATION = Command(
    "open-revocation",
    ("Mở hồ sơ thu hồi", "Open a revocation case"),
    "province_officer",
    pb.OpenRevocationRequest,
    (
        PRODUCT,
        Arg(
            "--ground",
            "a, b, c, d, dd, e (Điều 8.1)",
            "a, b, c, d, dd, e (Article 8.1)",
            required=True,
        ),
        Arg("--reference", "Văn bản kết luận", "The conclusion it rests on", required=True),
        on("--concluded-on", "Ngày kết luận", "Concluded on"),
    ),
)

REVOKE = Command(
    "revoke",
    ("Quyết định thu hồi giấy chứng nhận", "Decide to revoke the certificate"),
    "authority",
    pb.DecideRevocationRequest,
    (
        PRODUCT,
        DECISION_NO,
        DECIDED_ON,
        Arg("--signer", "Người ký", "Signer"),
    ),
)

OUT = Arg(
    "--out",
    "Tệp .pdf hoặc thư mục để ghi (mặc định: thư mục hiện tại)",
    "A .pdf file or a folder to write to (default: the current folder)",
    default=".",
    field="",
)


def _save(args: argparse.Namespace, reply: Any) -> int:
    """Write the PDF to `--out` (a file, or a folder: then under its own name); print
    where."""
    target = Path(args.out)
    path = target if target.suffix.lower() == ".pdf" else target / reply.file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(reply.content)
    if args.json:
        print(json.dumps({"file": str(path), "bytes": len(reply.content)}, ensure_ascii=False))
    else:
        print(("Đã ghi: ", "Written: ")[args.lang == "en"] + str(path))
    return 0


DECISION_PDF = Command(
    "decision-pdf",
    (
        "Quyết định công nhận (PDF, thể thức Nghị định 30/2020) của một hồ sơ",
        "The recognition decision of a dossier (PDF, Decree 30/2020 layout)",
    ),
    "auditor",
    pb.GetDecisionDocumentRequest,
    (DOSSIER, OUT),
    output=_save,
    actor=False,
)

CERTIFICATE_PDF = Command(
    "certificate-pdf",
    (
        "Giấy chứng nhận sản phẩm OCOP (PDF); không in giấy đã bị thu hồi",
        "The OCOP certificate (PDF); a revoked one is not printed",
    ),
    "auditor",
    pb.GetCertificateDocumentRequest,
    (
        PRODUCT,
        Arg(
            "--certificate",
            "Số giấy chứng nhận (mặc định: giấy hiện hành)",
            "Certificate number (default: the current one)",
            field="certificate_no",
        ),
        OUT,
    ),
    output=_save,
    actor=False,
)

COMMANDS = (DECIDE, CERTIFICATES, DECISION_PDF, CERTIFICATE_PDF, OPEN_REVOCATION, REVOKE)

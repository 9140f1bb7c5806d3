"""Recognition decisions, certificates and their revocation (Điều 8.1)."""

from __future__ import annotations

from cli.commands.common import PRODUCT_ID
from cli.declare import Arg, Command, on
from contracts.rpc import evaluation_pb2 as pb

PRODUCT = Arg("--product", "Mã sản phẩm", "Product id", required=True, field="product_id")
DECISION_NO = Arg("--decision-no", "Số quyết định", "Decision number", required=True)

DECIDE = Command(
    "decide",
    ("Ban hành quyết định công nhận", "Issue a recognition decision"),
    "authority",
    pb.IssueDecisionRequest,
    (
        DECISION_NO,
        on("--decided-on", "Ngày quyết định", "Decided on"),
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
        on("--decided-on", "Ngày quyết định", "Decided on"),
        Arg("--signer", "Người ký", "Signer"),
    ),
)

COMMANDS = (DECIDE, CERTIFICATES, OPEN_REVOCATION, REVOKE)

"""Recognition decisions, certificates and their revocation (Điều 8.1)."""

from __future__ import annotations

from cli.declare import Arg, Command, on
from contracts.rpc import evaluation_pb2 as pb

PRODUCT = Arg("--product", required=True, field="product_id")

DECIDE = Command(
    "decide",
    ("Ban hành quyết định công nhận", "Issue a recognition decision"),
    "authority",
    pb.IssueDecisionRequest,
    (
        Arg("--decision-no", required=True),
        on("--decided-on", "Ngày quyết định", "Decided on"),
        Arg("--signer", required=True),
        Arg("--dossier", action="append", required=True, field="dossier_ids"),
    ),
)

CERTIFICATES = Command(
    "certificates",
    ("Giấy chứng nhận của sản phẩm", "A product's certificates"),
    "auditor",
    pb.GetCertificatesRequest,
    (Arg("product_id"),),
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
        Arg("--reference", required=True),
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
        Arg("--decision-no", required=True),
        on("--decided-on", "Ngày quyết định", "Decided on"),
        Arg("--signer"),
    ),
)

COMMANDS = (DECIDE, CERTIFICATES, OPEN_REVOCATION, REVOKE)

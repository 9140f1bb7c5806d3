"""After the council: approval and forwarding, the higher level's answer, re-evaluation,
and a dossier's evaluation as it stands."""

from __future__ import annotations

from cli.commands.common import DOSSIER, DOSSIER_ID
from cli.declare import Arg, Command, on
from contracts.rpc import evaluation_pb2 as pb

APPROVE = Command(
    "approve-forward",
    ("Phê duyệt kết quả, chuyển cấp trên", "Approve the result, forward to the higher level"),
    "authority",
    pb.ApproveAndForwardRequest,
    (DOSSIER, on("--on", "Ngày phê duyệt", "Approved on")),
)

HIGHER = Command(
    "higher-result",
    ("Ghi kết quả của cấp trên", "Record the higher level's result"),
    "province_officer",
    pb.RecordHigherLevelResultRequest,
    (
        DOSSIER,
        Arg(
            "--result",
            "Kết quả của cấp trên",
            "The higher level's result",
            required=True,
            choices=("recognised", "returned"),
        ),
        Arg("--score", "Điểm cấp trên chấm", "The higher level's score", required=True),
        Arg("--star", "Hạng sao được công nhận", "Stars recognised", type=int, default=0),
        Arg("--decision-no", "Số quyết định", "Decision number"),
        on("--decided-on", "Ngày quyết định của cấp trên", "Decided on by the higher level"),
        Arg("--signer", "Người ký", "Signer"),
        Arg("--reason", "Lý do trả về", "Why it was returned"),
    ),
)

REEVALUATE = Command(
    "reevaluate",
    ("Đánh giá lại hồ sơ cấp trên trả về", "Re-evaluate a dossier the higher level returned"),
    "province_officer",
    pb.ReevaluateRequest,
    (DOSSIER,),
)

SHOW = Command(
    "show",
    ("Xem kết quả đánh giá của một hồ sơ", "Show a dossier's evaluation"),
    "auditor",
    pb.GetEvaluationRequest,
    (DOSSIER_ID,),
    actor=False,
    retry_not_found=True,
)

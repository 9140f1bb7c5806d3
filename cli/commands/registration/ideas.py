"""Steps 2–4 of the cycle: product ideas and business plans."""

from __future__ import annotations

from cli.commands.common import PRODUCER, SEARCH
from cli.commands.registration import views
from cli.declare import Arg, Command, on
from contracts.rpc import registration_pb2 as pb
from runtime.text import nfc

OFFICER = "commune_officer"
IDEA = Arg("--idea", "Mã ý tưởng", "Idea id", required=True, field="idea_id")
ON = on("--on", "Ngày", "On")
REASON = Arg("--reason", "Lý do trả lại", "Why it is returned", required=True, type=nfc)
TEXT = Arg("--text", "Nội dung (tóm tắt)", "The text (a summary)", type=nfc)

REGISTER_IDEA = Command(
    "register-idea",
    ("Bước 2: đăng ký ý tưởng sản phẩm", "Step 2: register a product idea"),
    OFFICER,
    pb.RegisterIdeaRequest,
    (
        PRODUCER,
        Arg("--name", "Tên ý tưởng sản phẩm", "The product idea's name", required=True, type=nfc),
        Arg(
            "--set",
            "Bộ sản phẩm 1–26",
            "Product set 1–26",
            type=int,
            required=True,
            dest="product_set",
        ),
        Arg("--description", "Mô tả", "Description", type=nfc),
        on("--on", "Ngày nộp", "Submitted on", field="submitted_on"),
    ),
)


def _advance(name: str, vi: str, en: str, extra: Arg | None) -> Command:
    """One step of an idea or its plan: `AdvanceIdea` with the action the name says."""
    action = name.replace("-idea", "").replace("-", "_")
    return Command(
        name,
        (vi, en),
        OFFICER,
        pb.AdvanceIdeaRequest,
        (IDEA, ON, extra) if extra else (IDEA, ON),
        fixed={"action": action},
    )


ADVANCE = (
    _advance("accept-idea", "Chấp nhận ý tưởng", "Accept an idea", None),
    _advance(
        "return-idea", "Trả lại ý tưởng (kèm lý do)", "Return an idea (with the reason)", REASON
    ),
    _advance("resubmit-idea", "Nộp lại ý tưởng đã bị trả", "Resubmit a returned idea", TEXT),
    _advance(
        "submit-plan",
        "Bước 3: nộp phương án sản xuất kinh doanh",
        "Step 3: submit the business plan",
        TEXT,
    ),
    _advance(
        "approve-plan",
        "Duyệt phương án (bắt đầu bước 4)",
        "Approve the business plan (step 4 begins)",
        None,
    ),
    _advance(
        "return-plan",
        "Trả lại phương án (kèm lý do)",
        "Return the business plan (with the reason)",
        REASON,
    ),
)

LIST_IDEAS = Command(
    "ideas",
    ("Ý tưởng và phương án (bước 2–4) đang ở đâu", "Where ideas and plans (steps 2–4) stand"),
    "auditor",
    pb.ListIdeasRequest,
    (
        Arg("--producer", "Lọc theo mã chủ thể", "Filter by producer id", field="producer_id"),
        SEARCH,
    ),
    output=views.idea_table,
    actor=False,
)

COMMANDS = (REGISTER_IDEA, *ADVANCE, LIST_IDEAS)

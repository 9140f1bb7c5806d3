"""Refusals the evaluation aggregates share, with their Vietnamese and English text."""

from __future__ import annotations

from uuid import UUID

from runtime.errors import CommandRejected, precondition

# Why a dossier cannot be recognised, by its status (anything else: the generic text).
NOT_DECIDABLE: dict[str, tuple[str, str]] = {
    "open": ("Hội đồng chưa thông qua kết quả.", "The council has not adopted a result yet."),
    "recognised": ("Sản phẩm đã được công nhận.", "The product is already recognised."),
    "not_recognised": (
        "Sản phẩm không đạt (1-2 sao): không ban hành quyết định.",
        "Not recognised (1-2 stars): no decision is issued.",
    ),
    "rejected": ("Hồ sơ bị loại: không ban hành quyết định.", "Rejected: no decision is issued."),
    "forwarded": (
        "Hồ sơ đã chuyển cấp trên, đang chờ kết quả.",
        "Forwarded: waiting for the next level's answer.",
    ),
}


def not_decidable(dossier_id: UUID, status: str) -> CommandRejected:
    """The refusal of a decision for a dossier in `status` (field `dossier_ids`)."""
    vi, en = NOT_DECIDABLE.get(
        status,
        (
            f"Hồ sơ ở trạng thái '{status}', không thể công nhận.",
            f"The dossier is '{status}': nothing to recognise.",
        ),
    )
    return precondition("dossier_ids", f"{dossier_id}: {vi}", f"{dossier_id}: {en}")

"""What a dossier still lacks under its rule set, and what changed since the product's
previous dossier: read-only answers the commune and the producer ask before form 03."""

from __future__ import annotations

from typing import Any

from services.registration.application.rulebook import Requirements
from services.registration.domain.dossier import Dossier

RE_EVALUATION_PAPERS = (
    ("three_year_update", "cập nhật 3 năm", "the 3-year update"),
    ("renewed_papers", "giấy tờ có thời hạn đã gia hạn", "renewed papers"),
)
"""Documents a re-evaluation dossier must carry: (category, vi, en)."""


def missing(need: Requirements, dossier: Dossier) -> list[tuple[str, str]]:
    """The gaps of `dossier` against `need`, (vi, en) per item; empty when complete."""
    gaps: list[tuple[str, str]] = []
    unanswered = [c for c in need.sheet if c not in dossier.self_assessment]
    if unanswered:
        codes = ", ".join(unanswered)
        gaps.append(
            (
                f"Mẫu 02 thiếu tự chấm điểm {len(unanswered)} tiêu chí ({codes})",
                f"form 02 lacks the self-score of {len(unanswered)} criteria ({codes})",
            )
        )
    if need.paper_copies and dossier.paper_copy_received_on is None:
        gaps.append(("chưa nhận bản giấy", "no paper copy received"))
    if need.electronic_copies and not dossier.documents:
        gaps.append(("chưa có bản điện tử (tài liệu đính kèm)", "no electronic copy"))
    if need.samples and dossier.samples < need.samples:
        gaps.append(
            (
                f"mới nhận {dossier.samples}/{need.samples} mẫu sản phẩm",
                f"{dossier.samples} of {need.samples} samples received",
            )
        )
    categories = {d["category"] for d in dossier.documents.values()}
    gaps.extend(
        (
            f"thiếu {vi[:1].lower()}{vi[1:]} ({category})",
            f"missing the {en[:1].lower()}{en[1:]} ({category})",
        )
        for category, vi, en in need.documents
        if category not in categories
    )
    if dossier.kind == "re_evaluation":
        gaps.extend(
            (f"thiếu {vi}", f"missing {en}")
            for category, vi, en in RE_EVALUATION_PAPERS
            if category not in categories
        )
    return gaps


def _lower(label: str) -> str:
    """A document's name inside a sentence ("thiếu giấy chứng nhận …")."""
    return label[:1].lower() + label[1:]


def changes_since(previous: Dossier, dossier: Dossier) -> dict[str, Any]:
    """How `dossier` differs from the product's `previous` forwarded one: the criteria
    whose self-score changed (`before`/`after` option) and the documents added."""
    before = {code: entry.get("option") for code, entry in previous.self_assessment.items()}
    criteria = {
        code: {"before": before.get(code), "after": entry["option"]}
        for code, entry in dossier.self_assessment.items()
        if before.get(code) != entry["option"]
    }
    added = [d["name"] for s, d in dossier.documents.items() if s not in previous.documents]
    return {"previous_dossier_id": str(previous.id), "criteria": criteria, "documents_added": added}

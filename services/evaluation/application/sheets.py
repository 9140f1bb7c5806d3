"""Who may read the council's sheets, and what they see (`app.councils.sheets_for`).

A scoring member sees nothing of the others (nor the running mean) until their own sheet
is in; the secretary sees who has scored; once the result is adopted, the council, the
OCOP office and auditors see the sheets, and nobody else does (they never leave this
service). Refusals are `CommandRejected` (permission_denied) in both languages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from contracts.envelope import Actor
from rules import RuleSet
from services.evaluation.application.support import mean_of
from services.evaluation.domain.council import refuse_permission, spread
from services.evaluation.domain.model import Evaluation
from services.evaluation.domain.rounds import Round

# Besides the council's own members, who may read adopted sheets: the OCOP office that
# runs the council at its level, and auditors.
SHEET_READERS = ("province_officer", "district_officer", "auditor")


def visible_sheets(
    actor: Actor, evaluation: Evaluation, round_: Round, rule_set: Callable[[], RuleSet]
) -> dict[str, Any]:
    """The sheets' view for `actor`: who submitted and who declared a conflict, the mode,
    and (when allowed) each member's total and parts with the mean and spread as text
    (`rule_set()` gives the dossier's rule set, read only when there are sheets)."""
    me = actor.id
    adopted = evaluation.status != "open"
    view: dict[str, Any] = {
        "submitted": sorted(evaluation.sheets),
        "conflicted": sorted(evaluation.conflicts),
        "mode": evaluation.mode,
        "sheets": {},
        "mean": None,
        "spread": None,
    }
    if me in round_.scoring_members() and not adopted and me not in evaluation.sheets:
        raise refuse_permission(
            "Thành viên chỉ xem phiếu của người khác (và điểm trung bình) sau khi đã nộp phiếu của mình.",  # noqa: E501
            "A member sees the others' sheets (and the running mean) only after submitting their own.",  # noqa: E501
        )
    if not adopted and me not in round_.scoring_members():
        if me == round_.secretary:
            return view
        raise refuse_permission(
            "Phiếu chấm của Hội đồng chỉ được xem sau khi kết quả được thông qua.",
            "Council sheets can be read only after the result is adopted.",
        )
    if me not in round_.members and actor.role not in SHEET_READERS:
        raise refuse_permission(
            "Phiếu chấm chỉ dành cho Hội đồng, cơ quan OCOP và kiểm toán viên.",
            "Council sheets are for the council, the OCOP office and auditors only.",
        )
    totals = {m: s["total"] for m, s in evaluation.sheets.items()}
    view["sheets"] = {
        m: {"total": s["total"], "parts": s["parts"]} for m, s in evaluation.sheets.items()
    }
    if totals:
        view["mean"] = str(mean_of(rule_set(), list(totals.values())))
        view["spread"] = str(spread(totals))
    return view

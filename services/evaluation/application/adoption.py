"""How the council's result is adopted: the council is complete and agrees closely enough
(quorum, or every written opinion; no divergence above the regulation's limit), the
result is computed by `rules.council_result`, and what it means here (outcome, status)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rules import (
    CouncilResult,
    MemberSheet,
    NotCompetentError,
    RuleSet,
    SheetError,
    ShortfallMode,
    council_result,
    explain,
)
from runtime.clock import check_not_before_any
from runtime.errors import CommandRejected
from services.evaluation.application.support import invalid, require_open
from services.evaluation.domain.council import LEVEL_TIER, CouncilRules, quorum_problem, spread
from services.evaluation.domain.model import ROUND_OPENED, Evaluation
from services.evaluation.domain.rounds import Round
from services.evaluation.domain.text import public_explanation

# Statuses after which a pending re-evaluation gave no certificate (the old one stays).
NO_CERTIFICATE = ("not_recognised", "rejected", "not_upgraded")


def check_dates_and_council(
    rules: CouncilRules, evaluation: Evaluation, round_: Round, adopted_on: date
) -> None:
    """Refuses adoption twice, dated before the council's round opened or before any of
    the evaluation's dated facts (its arrival, advisory records, the sheets it adopts, a
    return from the next level: `Evaluation.dated_facts`), without quorum (or a written
    opinion missing), or with members' totals further apart than the regulation allows."""
    require_open(evaluation)
    check_not_before_any(
        "adopted_on", adopted_on, [(round_.opened_on, ROUND_OPENED), *evaluation.dated_facts()]
    )
    _check_attendance(rules, evaluation, round_)
    _check_divergence(rules, evaluation)


def _check_attendance(rules: CouncilRules, evaluation: Evaluation, round_: Round) -> None:
    members = round_.scoring_members()
    conflicted = list(evaluation.conflicts)
    submitted = list(evaluation.sheets)
    if evaluation.mode == "written":
        missing = [m for m in members if m not in conflicted and m not in submitted]
        if missing:
            raise CommandRejected(
                "failed_precondition",
                "sheets",
                f"Đánh giá bằng văn bản: còn thiếu ý kiến của {', '.join(missing)}.",
                f"Written opinions: still missing from {', '.join(missing)}.",
            )
        return
    problem = quorum_problem(rules, members, round_.chair, conflicted, submitted)
    if problem:
        raise CommandRejected("failed_precondition", "sheets", *problem)


def _check_divergence(rules: CouncilRules, evaluation: Evaluation) -> None:
    totals = {m: s["total"] for m, s in evaluation.sheets.items()}
    gap = spread(totals)
    if gap <= rules.divergence_points:
        return
    low = min(totals, key=lambda m: totals[m])
    high = max(totals, key=lambda m: totals[m])
    written = evaluation.mode == "written"
    then_vi = (
        "Hội đồng cần họp (convene-meeting)."
        if written
        else "Hội đồng yêu cầu chấm lại (rescore) trước khi thông qua."
    )
    then_en = (
        "The council must meet (convene-meeting)."
        if written
        else "The council must request a re-score before adopting."
    )
    raise CommandRejected(
        "failed_precondition",
        "sheets",
        f"Điểm của các thành viên chênh nhau {gap} điểm ({low} và {high}), vượt ngưỡng "
        f"{rules.divergence_points}. {then_vi}",
        f"Members' totals are {gap} points apart ({low} and {high}), above the "
        f"{rules.divergence_points}-point limit. {then_en}",
    )


def council_result_of(
    evaluation: Evaluation,
    rule_set: RuleSet,
    shortfall: ShortfallMode,
    council_knockouts: Sequence[str],
    adopted_on: date,
) -> CouncilResult:
    """`rules.council_result` on the members' sheets; a sheet error refuses its field."""
    sheets = [
        MemberSheet(member=m, choices=s["choices"], knockouts=tuple(s["knockouts"]))
        for m, s in sorted(evaluation.sheets.items())
    ]
    try:
        return council_result(
            rule_set,
            evaluation.product_set,
            sheets,
            mode=shortfall,
            council_knockouts=tuple(council_knockouts),
            tier=LEVEL_TIER[evaluation.level],
            on=adopted_on,
        )
    except SheetError as error:
        raise invalid(error.place, error.render("vi"), error.render("en")) from error
    except NotCompetentError as error:
        # A council the rule set does not have (district/commune under R3), a district
        # council after 30/06/2025, or a lapsed rule set (in_force_until).
        raise CommandRejected(
            "failed_precondition", error.place, error.render("vi"), error.render("en")
        ) from error


def outcome_and_status(
    evaluation: Evaluation, result: CouncilResult, held: dict[str, Any] | None
) -> tuple[str, str]:
    """The public outcome and the dossier's next status: rejected, "không đạt" (no star)
    or 1-2★ end here; a result whose score reaches the next level's threshold is
    forwarded (after approval where the rule set asks it; the next level applies the
    minimums); a shortfall found by this level's council for a dossier forwarded to it
    goes back down with no certificate ("returned_down"); an upgrade that does not
    raise the star held is not an upgrade."""
    if result.outcome.value == "rejected":
        return "rejected", "rejected"
    if result.outcome.value == "not_recognised":
        return "not_recognised", "not_recognised"
    if result.outcome.value == "returned":
        return "returned", "returned_down"
    if result.routing.action == "forward":
        return "forwarded", (
            "awaiting_approval" if result.routing.approve_result_by else "adopted_forward"
        )
    if evaluation.kind == "upgrade" and held and (result.awarded_star or 0) <= held["star"]:
        return "not_recognised", "not_upgraded"
    return "recognised", "awaiting_decision"


def adopted_fields(
    evaluation: Evaluation,
    rule_set: RuleSet,
    result: CouncilResult,
    held: dict[str, Any] | None,
) -> dict[str, Any]:
    """What `Evaluation.ResultAdopted` records of the council's result."""
    outcome, status = outcome_and_status(evaluation, result, held)
    explained = explain(rule_set, result, product=evaluation.product_name)
    return {
        "score": result.total,
        "parts": {str(p): v for p, v in result.parts.items()},
        "band": result.band_star,
        "awarded_star": result.awarded_star,
        "outcome": outcome,
        "status": status,
        "routing": result.routing.model_dump(mode="json"),
        "explanation": public_explanation(explained, "vi"),
        "explanation_en": public_explanation(explained, "en"),
        "members_scoring": len(evaluation.sheets),
    }

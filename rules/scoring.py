"""The scoring engine: member sheets → council result with band, minimums, knock-outs.

* A member picks exactly one option per leaf criterion (within one case where
  the sheet offers alternative option sets); part subtotals and a total follow.
* The council result is the mean of the members' totals (parts averaged the
  same way), rounded as the rule set says (2 decimals, half-up).
* Bands are half-open; the awarded star is the highest star whose band the
  score reaches and whose (cumulative) minimums are met (``cap``), or the
  band's star only if all its minimums are met (``reject``). Any knock-out
  ends the evaluation as ``rejected``. 1★/2★ get no certificate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from rules.catalogue import rubric_for
from rules.competence import ensure_may_score
from rules.errors import SheetError
from rules.model import ApplicabilityCondition, RuleSet, ShortfallMode, Tier
from rules.results import (
    CouncilResult,
    KnockoutCheck,
    MinimumCheck,
    ModeOutcome,
    Outcome,
    ScoredLine,
    ScoredSheet,
)
from rules.rubric import PartCode
from rules.sheets import MemberSheet
from rules.stars import band_for, decide, knockout_checks, minimum_checks, mode_star

PARTS: tuple[PartCode, ...] = ("A", "B", "C")
MINIMUM_STARS = (3, 4, 5)

__all__ = [
    "PARTS",
    "CouncilResult",
    "KnockoutCheck",
    "MinimumCheck",
    "ModeOutcome",
    "Outcome",
    "ScoredLine",
    "ScoredSheet",
    "band_for",
    "council_mean",
    "council_result",
    "mode_star",
    "score_member",
]


def score_member(rule_set: RuleSet, product_set: int, sheet: MemberSheet) -> ScoredSheet:
    """Validate one member's sheet against the set's rubric and add it up.

    The sheet's conditions apply: a criterion that counts only with another
    ("Chỉ áp dụng khi có câu chuyện sản phẩm") scores 0 without it, and
    alternative answer sets (set 26's "Trường hợp 1/2") may not be mixed.
    Raises :class:`SheetError` naming the field (``members[TV1].choices.2.3``).
    """
    rubric = rubric_for(rule_set, product_set)
    where = f"members[{sheet.member}]"
    leaves = {leaf.code: (part, leaf) for part, leaf in rubric.leaves()}
    unknown = sorted(set(sheet.choices) - set(leaves))
    if unknown:
        raise SheetError(
            f"{where}.choices.{unknown[0]}",
            f"unknown criterion for product set {product_set}",
            f"tiêu chí không có trong bộ sản phẩm {product_set}",
        )
    missing = [code for code in leaves if code not in sheet.choices]
    if missing:
        raise SheetError(
            f"{where}.choices",
            f"no option chosen for criteria {', '.join(missing)}",
            f"chưa chọn phương án cho các tiêu chí {', '.join(missing)}",
        )
    lines = []
    for code, (part, leaf) in leaves.items():
        option = leaf.option(sheet.choices[code])
        if option is None:
            numbers = ", ".join(o.id for o in leaf.options)
            raise SheetError(
                f"{where}.choices.{code}",
                f"unknown option {sheet.choices[code]!r} (options: {numbers})",
                f"không có phương án {sheet.choices[code]!r} (các phương án: {numbers})",
            )
        lines.append(
            ScoredLine(
                criterion=code,
                part=part.code,
                option=option.id,
                points=option.points,
                max=leaf.max,
                case=option.case,
            )
        )
    lines = _apply_conditions(rule_set, product_set, lines, where)
    _check_knockouts(rule_set, product_set, sheet.knockouts, f"{where}.knockouts")
    parts = {p: sum((ln.points for ln in lines if ln.part == p), Decimal(0)) for p in PARTS}
    return ScoredSheet(
        member=sheet.member,
        rule_set_id=rule_set.id,
        product_set=product_set,
        lines=tuple(lines),
        parts=parts,
        total=sum(parts.values(), Decimal(0)),
        knockouts=sheet.knockouts,
    )


def _apply_conditions(
    rule_set: RuleSet, product_set: int, lines: list[ScoredLine], where: str
) -> list[ScoredLine]:
    by_code = {line.criterion: line for line in lines}
    for cond in rule_set.conditions_for(product_set):
        if isinstance(cond, ApplicabilityCondition):
            needed = by_code[cond.requires]
            if needed.points < cond.requires_min_points:
                line = by_code[cond.criterion]
                by_code[cond.criterion] = line.model_copy(
                    update={"points": Decimal(0), "applicable": False}
                )
            continue
        cases = {code: by_code[code].case for code in cond.criteria}
        if len(set(cases.values())) > 1:
            first, *_ = cond.criteria
            odd = next(c for c in cond.criteria if cases[c] != cases[first])
            raise SheetError(
                f"{where}.choices.{odd}",
                f"case {cases[odd]} mixed with case {cases[first]} of criterion {first}: "
                f"one sheet answers criteria {', '.join(cond.criteria)} within one case",
                f"trường hợp {cases[odd]} lẫn với trường hợp {cases[first]} của tiêu chí "
                f"{first}: một phiếu chỉ chọn một trường hợp cho các tiêu chí "
                f"{', '.join(cond.criteria)}",
            )
    return [by_code[line.criterion] for line in lines]


def _check_knockouts(rule_set: RuleSet, product_set: int, codes: Sequence[str], where: str) -> None:
    applicable = {k.code for k in rule_set.knockouts_for(product_set) if not k.zero_points_in}
    known = ", ".join(sorted(applicable))
    for code in codes:
        if code not in applicable:
            raise SheetError(
                f"{where}.{code}",
                f"not a knock-out of product set {product_set} (known: {known})",
                f"không phải điều kiện loại của bộ {product_set} (có: {known})",
            )


def council_mean(rule_set: RuleSet, values: Sequence[Decimal]) -> Decimal:
    """Arithmetic mean rounded as the rule set says (2 decimals, half-up)."""
    quantum = Decimal(1).scaleb(-rule_set.scoring.decimals)
    raw = sum(values, Decimal(0)) / Decimal(len(values))
    return raw.quantize(quantum, rounding=rule_set.scoring.rounding)


def council_result(
    rule_set: RuleSet,
    product_set: int,
    sheets: Sequence[MemberSheet | ScoredSheet],
    *,
    mode: ShortfallMode | None = None,
    council_knockouts: Sequence[str] = (),
    tier: Tier | None = None,
    on: date | None = None,
    minimums_gate_forwarding: bool = False,
) -> CouncilResult:
    """Combine the members' sheets into the council's result.

    ``mode`` defaults to the rule set's default (cap); ``tier`` is the council
    that scored (default: the rule set's first scoring tier); ``on`` is the
    council's date, used for tier abolitions and the rule set's lapse;
    ``minimums_gate_forwarding`` is the deployment switch of that name (off:
    forwarding is decided by score, see :func:`rules.route`).

    Raises :class:`rules.NotCompetentError` for a council the rule set does
    not have or no longer has on ``on`` (a district council after 30/06/2025,
    any district or commune council under R3) or a rule set that lapsed
    (``in_force_until``), and :class:`SheetError` for a sheet that does not fit.
    """
    at = tier or rule_set.first_scoring_tier
    ensure_may_score(rule_set, at, on)
    if not sheets:
        raise SheetError("members", "at least one member sheet is needed", "cần ít nhất một phiếu")
    rubric = rubric_for(rule_set, product_set)
    scored = tuple(
        s if isinstance(s, ScoredSheet) else score_member(rule_set, product_set, s) for s in sheets
    )
    names = [s.member for s in scored]
    if len(set(names)) != len(names):
        raise SheetError("members", "a member appears twice", "một thành viên xuất hiện hai lần")
    _check_knockouts(rule_set, product_set, council_knockouts, "knockouts")
    total = council_mean(rule_set, [s.total for s in scored])
    parts = {p: council_mean(rule_set, [s.parts[p] for s in scored]) for p in PARTS}
    band = band_for(rule_set, total)
    checks = minimum_checks(rule_set, rubric, scored)
    knockouts = knockout_checks(rule_set, product_set, scored, council_knockouts)
    rejected = any(k.triggered for k in knockouts)
    chosen = mode or rule_set.scoring.minimum_shortfall_default
    return CouncilResult(
        rule_set_id=rule_set.id,
        rule_set_version=rule_set.version,
        product_set=product_set,
        tier=at,
        mode=chosen,
        members=scored,
        total=total,
        parts=parts,
        band_star=band,
        minimums=checks,
        knockouts=knockouts,
        by_mode=tuple(
            decide(rule_set, m, total, band, checks, rejected, at, on, minimums_gate_forwarding)
            for m in ShortfallMode
        ),
    )

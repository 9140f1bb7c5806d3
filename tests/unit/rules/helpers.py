"""Builders for score sheets used by the rules tests."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from rules import MemberSheet, RuleSet, rubric_for
from rules.rubric import Criterion, Option


def floor_points(leaf: Criterion, star: int | None) -> Decimal:
    """Points needed on ``leaf`` to meet every minimum up to ``star`` (cumulative)."""
    if star is None:
        return Decimal(0)
    marked = [o.points for o in leaf.options if o.min_star is not None and o.min_star <= star]
    return max(marked, default=Decimal(0))


def top_option(leaf: Criterion, case: str = "1") -> Option:
    """The best option (within ``case`` where the criterion offers alternative cases)."""
    return max((o for o in leaf.options if o.case in (None, case)), key=lambda o: o.points)


def sheet_at(
    rule_set: RuleSet,
    product_set: int,
    target: int | Decimal,
    *,
    floor_star: int | None = None,
    overrides: Mapping[str, str] | None = None,
    member: str = "TV1",
    case: str = "1",
) -> MemberSheet:
    """A member sheet totalling exactly ``target`` that keeps every minimum up to
    ``floor_star`` (except where ``overrides`` fixes an option)."""
    fixed = dict(overrides or {})
    rubric = rubric_for(rule_set, product_set)
    chosen: dict[str, Option] = {}
    for _, leaf in rubric.leaves():
        option = leaf.option(fixed[leaf.code]) if leaf.code in fixed else top_option(leaf, case)
        assert option is not None
        chosen[leaf.code] = option
    needed = sum((o.points for o in chosen.values()), Decimal(0)) - Decimal(target)
    assert needed >= 0, f"cannot reach {target}: the maximum is below it"
    for _, leaf in rubric.leaves():
        if needed == 0:
            break
        if leaf.code in fixed:
            continue
        current = chosen[leaf.code]
        low = floor_points(leaf, floor_star)
        candidates = [
            o
            for o in leaf.options
            if o.case == current.case and o.points >= low and o.points >= current.points - needed
        ]
        best = min(candidates, key=lambda o: o.points)
        needed -= current.points - best.points
        chosen[leaf.code] = best
    assert needed == 0, f"cannot reach exactly {target}"
    return MemberSheet(member=member, choices={c: o.id for c, o in chosen.items()})


def lowest_sheet(rule_set: RuleSet, product_set: int, member: str = "TV1") -> MemberSheet:
    rubric = rubric_for(rule_set, product_set)
    return MemberSheet(
        member=member,
        choices={
            leaf.code: min(leaf.options, key=lambda o: o.points).id for _, leaf in rubric.leaves()
        },
    )


def with_deadlines(rule_set: RuleSet, **changes: object) -> RuleSet:
    """``rule_set`` with some of its deadlines changed (a variant no shipped file has)."""
    return rule_set.model_copy(update={"deadlines": rule_set.deadlines.model_copy(update=changes)})

"""Whether a rule set agrees with itself: bands, tiers, return paths and sheet conditions.

:class:`rules.model.RuleSet` runs :func:`rule_set_problems` on construction; each
problem names its place (``rule set R3 › scoring.bands: …``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise
from typing import TYPE_CHECKING

from rules.rubric import ProductSetRubric
from rules.sections import ApplicabilityCondition
from rules.terms import CONDITIONAL_NOTE, Step

if TYPE_CHECKING:
    from rules.model import RuleSet


def rule_set_problems(rs: RuleSet) -> Iterator[str]:
    where = f"rule set {rs.id}"
    if rs.effective_to is not None and rs.effective_to < rs.effective_from:
        yield f"{where} › effective_to: before effective_from"
    yield from _scoring_problems(rs, where)
    yield from _tier_problems(rs, where)
    numbers = {s.number for s in rs.rubric.sets}
    for knockout in rs.knockouts:
        missing = sorted(set(knockout.sets) - numbers)
        if missing:
            yield f"{where} › knockouts.{knockout.code}: unknown product sets {missing}"
    info_numbers = {p.number for p in rs.product_sets}
    if info_numbers != numbers:
        yield f"{where} › product_sets: {sorted(info_numbers ^ numbers)} not in both lists"
    if rs.sheets_available and not rs.rubric.sets:
        yield f"{where} › sheets_available: true, but the rubric has no sheets"
    codes = [g.code for g in rs.revocation_grounds]
    if len(set(codes)) != len(codes):
        yield f"{where} › revocation_grounds: codes repeated {codes}"
    yield from _return_problems(rs, where)
    yield from _condition_problems(rs, where)


def _scoring_problems(rs: RuleSet, where: str) -> Iterator[str]:
    maxima = rs.scoring.part_maxima
    total = sum(maxima.values(), Decimal(0))
    if total != Decimal(100):
        yield f"{where} › scoring.part_maxima: parts add up to {total}, not 100"
    stars = [b.star for b in rs.scoring.bands]
    if sorted(stars) != [1, 2, 3, 4, 5]:
        yield f"{where} › scoring.bands: need stars 1-5 once each, found {stars}"
    ordered = sorted(rs.scoring.bands, key=lambda b: b.star)
    if ordered and ordered[0].min_score != 0:
        yield f"{where} › scoring.bands: the 1★ band must start at 0"
    for low, high in pairwise(ordered):
        if high.min_score <= low.min_score:
            yield f"{where} › scoring.bands: {high.star}★ must start above {low.star}★"
    for product_set in rs.rubric.sets:
        for code, maximum in product_set.part_maxima().items():
            expected = maxima.get(code)
            if expected != maximum:
                yield (
                    f"{where} › set {product_set.number} › part {code}: maximum {maximum} "
                    f"differs from the rule set's part maximum {expected}"
                )


def _tier_problems(rs: RuleSet, where: str) -> Iterator[str]:
    # A succession may record a tier the rule set never had (R2/R3: the district, so
    # that a district is refused with the reform as reason); it grants it no role.
    known = set(rs.tiers)
    for succession in rs.tier_successions:
        if succession.successor not in known:
            yield f"{where} › tier_successions: successor {succession.successor} is not in tiers"
    if rs.first_scoring_tier not in known:
        yield f"{where} › first_scoring_tier: {rs.first_scoring_tier} is not in tiers"
    for step, by_star in rs.authorities.items():
        for star, tiers in by_star.items():
            if star != "any" and star not in {"1", "2", "3", "4", "5"}:
                yield f"{where} › authorities.{step}: unknown star key {star!r}"
            unknown = [t.value for t in tiers if t not in known]
            if unknown:
                yield f"{where} › authorities.{step}.{star}: tiers {unknown} are not in tiers"
    for rule in rs.forwarding:
        if rule.from_tier not in known or rule.to_tier not in known:
            yield f"{where} › forwarding: {rule.from_tier}→{rule.to_tier} uses an unknown tier"


def _return_problems(rs: RuleSet, where: str) -> Iterator[str]:
    scored = rs.authorities.get(Step.SCORE, {})
    for i, path in enumerate(rs.return_paths):
        lowest = min(
            (int(s) for s, t in scored.items() if s != "any" and path.from_tier in t), default=None
        )
        if lowest != path.short_of_star:
            yield (
                f"{where} › return_paths[{i}].short_of_star: {path.short_of_star}, but "
                f"the {path.from_tier.value} council scores from {lowest}★"
            )
        if not any(
            r.from_tier == path.to_tier and r.to_tier == path.from_tier for r in rs.forwarding
        ):
            yield (
                f"{where} › return_paths[{i}]: nothing is forwarded "
                f"{path.to_tier.value}→{path.from_tier.value}"
            )


def _condition_problems(rs: RuleSet, where: str) -> Iterator[str]:
    """Conditions must name real criteria, and every sheet note they encode is covered."""
    covered: set[tuple[int, str]] = set()
    for i, cond in enumerate(rs.conditions):
        for number in cond.sets:
            here = f"{where} › conditions[{i}] › set {number}"
            sheet = rs.rubric.product_set(number)
            if sheet is None:
                yield f"{here}: unknown product set"
                continue
            codes = (cond.criterion,) if isinstance(cond, ApplicabilityCondition) else cond.criteria
            covered.update((number, code) for code in codes)
            if isinstance(cond, ApplicabilityCondition):
                yield from _applicability_problems(cond, sheet, here)
                continue
            for code in cond.criteria:
                leaf = sheet.leaf(code)
                if leaf is None or not leaf.cases:
                    yield f"{here} › {code}: not a criterion with alternative cases"
    for sheet in rs.rubric.sets:
        for _, leaf in sheet.leaves():
            needs = bool(leaf.cases) or any(n.startswith(CONDITIONAL_NOTE) for n in leaf.notes)
            if needs and (sheet.number, leaf.code) not in covered:
                yield (
                    f"{where} › set {sheet.number} › {leaf.code}: "
                    "condition in the sheet but not in conditions"
                )


def _applicability_problems(
    cond: ApplicabilityCondition, sheet: ProductSetRubric, here: str
) -> Iterator[str]:
    leaf, needed = sheet.leaf(cond.criterion), sheet.leaf(cond.requires)
    if leaf is None or needed is None:
        yield f"{here}: criterion {cond.criterion} or {cond.requires} missing"
        return
    if cond.note not in leaf.notes:
        yield f"{here} › {cond.criterion}: the sheet has no note {cond.note!r}"
    if not any(o.points >= cond.requires_min_points for o in needed.options):
        yield f"{here} › {cond.requires}: no option reaches {cond.requires_min_points}"

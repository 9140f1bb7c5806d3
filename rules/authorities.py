"""Who does what under a rule set: authority look-up and routing of a council result."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from rules.model import RuleSet, Step, Tier

CERTIFIED_FLOOR = 3


def _succeeded(rule_set: RuleSet, tier: Tier, on: date | None) -> Tier:
    """The tier that holds ``tier``'s roles on ``on`` (after abolitions)."""
    if on is None:
        return tier
    for succession in rule_set.tier_successions:
        if succession.tier == tier and on > succession.last_day:
            return _succeeded(rule_set, succession.successor, on)
    return tier


def authorities(
    rule_set: RuleSet, star: int | None, step: Step, on: date | None = None
) -> tuple[Tier, ...]:
    """Every tier that may perform ``step`` for ``star`` (primary first); may be empty."""
    by_star = rule_set.authorities.get(step, {})
    tiers = by_star.get(str(star)) if star is not None else None
    if tiers is None:
        tiers = by_star.get("any", ())
    out: list[Tier] = []
    for tier in tiers:
        actual = _succeeded(rule_set, tier, on)
        if actual not in out:
            out.append(actual)
    return tuple(out)


def authority(
    rule_set: RuleSet, star: int | None, step: Step, on: date | None = None
) -> Tier | None:
    """The tier that performs ``step`` for ``star`` under ``rule_set``, or ``None``.

    ``on`` applies tier abolitions (e.g. an R1 district role after 30/06/2025
    passes to the province). Steps that do not depend on the star (receive,
    pre-assess) accept ``star=None``.
    """
    found = authorities(rule_set, star, step, on)
    return found[0] if found else None


def may_act(
    rule_set: RuleSet, tier: Tier, step: Step, star: int | None = None, on: date | None = None
) -> bool:
    """Whether ``tier`` may perform ``step`` (e.g. issue RecognitionDecided) for ``star``."""
    if step in (Step.RECOGNISE, Step.REVOKE) and (
        star is None or star not in rule_set.scoring.certified_stars
    ):
        return False
    return tier in authorities(rule_set, star, step, on)


def lowest_star_scored_by(rule_set: RuleSet, tier: Tier, on: date | None = None) -> int | None:
    stars = [s for s in range(1, 6) if tier in authorities(rule_set, s, Step.SCORE, on)]
    return min(stars) if stars else None


class Routing(BaseModel):
    """What happens next with a council result."""

    model_config = ConfigDict(frozen=True)

    action: Literal["recognise", "forward", "none"]
    tier: Tier | None = None
    approve_result_by: Tier | None = None
    alternatives: tuple[Literal["recognise", "reevaluate"], ...] = ()


def route(
    rule_set: RuleSet,
    at: Tier,
    score: Decimal,
    star: int | None,
    on: date | None = None,
) -> Routing:
    """Route a result scored by the council of tier ``at`` with awarded ``star``.

    Forwarded when a forwarding rule from ``at`` applies (score threshold, and
    if the rule requires it, the awarded star is one the next tier scores);
    otherwise the star's recognising authority decides. Results coming back from
    a higher council keep the lower tier's alternative (re-evaluate).
    """
    if star is None or star not in rule_set.scoring.certified_stars:
        return Routing(action="none")
    for rule in rule_set.forwarding:
        if _succeeded(rule_set, rule.from_tier, on) != at or score < rule.min_score:
            continue
        next_tier = _succeeded(rule_set, rule.to_tier, on)
        lowest = lowest_star_scored_by(rule_set, next_tier, on)
        if rule.requires_minimums and (lowest is None or star < lowest):
            continue
        if next_tier == at:
            continue
        approver = rule.approve_result_by
        return Routing(
            action="forward",
            tier=next_tier,
            approve_result_by=_succeeded(rule_set, approver, on) if approver else None,
        )
    recogniser = authority(rule_set, star, Step.RECOGNISE, on)
    alternatives: tuple[Literal["recognise", "reevaluate"], ...] = ()
    for path in rule_set.return_paths:
        back_to = _succeeded(rule_set, path.to_tier, on)
        if _succeeded(rule_set, path.from_tier, on) != at or back_to == at:
            continue
        if score < path.below_score:
            alternatives = tuple(o for o in path.options if o != "recognise")
    return Routing(action="recognise", tier=recogniser, alternatives=alternatives)

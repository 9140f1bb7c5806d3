"""Who does what under a rule set: authority look-up and routing of a council result."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from rules.model import ReturnOption, ReturnPath, RuleSet, Step, Tier

CERTIFIED_FLOOR = 3


def succeeded(rule_set: RuleSet, tier: Tier, on: date | None) -> Tier:
    """The tier that holds ``tier``'s roles on ``on`` (after abolitions)."""
    if on is None:
        return tier
    for succession in rule_set.tier_successions:
        if succession.tier == tier and on > succession.last_day:
            return succeeded(rule_set, succession.successor, on)
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
        actual = succeeded(rule_set, tier, on)
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
    """Whether ``tier`` may perform ``step`` (e.g. issue RecognitionDecided) for ``star``.

    Scoring, recognising and approving results are refused after the rule set's
    ``in_force_until`` (R1/R2 after 21/07/2026); revoking, inspecting and expiry
    notices go on for the certificates it issued (R3 Art. 12.1).
    """
    if step in (Step.RECOGNISE, Step.REVOKE) and (
        star is None or star not in rule_set.scoring.certified_stars
    ):
        return False
    deciding = step in (Step.SCORE, Step.RECOGNISE, Step.APPROVE_RESULT)
    if deciding and on is not None and not rule_set.in_force_on(on):
        return False
    return tier in authorities(rule_set, star, step, on)


def lowest_star_scored_by(rule_set: RuleSet, tier: Tier, on: date | None = None) -> int | None:
    stars = [s for s in range(1, 6) if tier in authorities(rule_set, s, Step.SCORE, on)]
    return min(stars) if stars else None


RoutingAction = Literal["recognise", "forward", "return", "none"]


class Routing(BaseModel):
    """What happens next with a council result.

    * ``recognise``: ``tier`` decides the star and issues the certificate.
    * ``forward``: the dossier goes to ``tier``'s council (after
      ``approve_result_by`` approves the result, R3 Art. 7.3.e); no certificate.
    * ``return``: a higher council found the product short of ``short_of_star``
      (the star it was forwarded for); the dossier goes back to ``tier`` with
      ``alternatives`` — ``recognise`` at ``recognisable_star`` where the score and
      minimums allow it, or ``reevaluate`` — and no certificate exists until that
      tier acts (R3 Art. 7.4.g; seed plan footnote 2).
    * ``none``: 1★/2★, "không đạt" or rejected: no decision, no certificate.
    """

    model_config = ConfigDict(frozen=True)

    action: RoutingAction
    tier: Tier | None = None
    approve_result_by: Tier | None = None
    alternatives: tuple[ReturnOption, ...] = ()
    recognisable_star: int | None = None
    short_of_star: int | None = None


def route(
    rule_set: RuleSet,
    at: Tier,
    score: Decimal,
    star: int | None,
    on: date | None = None,
    *,
    reachable: frozenset[int] | None = None,
    minimums_gate_forwarding: bool = False,
) -> Routing:
    """Route a result scored by the council of tier ``at``.

    ``star`` is the star the result supports under the shortfall mode in use
    (``None`` when "không đạt" or rejected); ``reachable`` the stars whose
    cumulative minimums are met (default: all). Order, as the law reads:

    1. Forward by score: a forwarding rule from ``at`` whose threshold the score
       reaches sends the dossier up (seed plan "từ 70 điểm trở lên"; R3 Art.
       7.3.e "≥ 90"); the higher council applies the minimums. With
       ``minimums_gate_forwarding`` (a deployment switch, off by default) the
       next tier's lowest star must also be reachable.
    2. A higher council (one a return path leaves from) that finds the product
       below the star it was forwarded for returns it to the lower tier.
    3. Otherwise the star's recognising authority decides (3★-5★ only).
    """
    for rule in rule_set.forwarding:
        if succeeded(rule_set, rule.from_tier, on) != at or score < rule.min_score:
            continue
        next_tier = succeeded(rule_set, rule.to_tier, on)
        if next_tier == at:
            continue
        if minimums_gate_forwarding:
            lowest = lowest_star_scored_by(rule_set, next_tier, on)
            if lowest is None or (reachable is not None and lowest not in reachable):
                continue
        approver = rule.approve_result_by
        return Routing(
            action="forward",
            tier=next_tier,
            approve_result_by=succeeded(rule_set, approver, on) if approver else None,
        )
    certified = rule_set.scoring.certified_stars
    for path in rule_set.return_paths:
        back_to = succeeded(rule_set, path.to_tier, on)
        if succeeded(rule_set, path.from_tier, on) != at or back_to == at:
            continue
        if star is not None and star >= path.short_of_star:
            break
        return _returning(rule_set, path, back_to, star, on)
    if star is None or star not in certified:
        return Routing(action="none")
    return Routing(action="recognise", tier=authority(rule_set, star, Step.RECOGNISE, on))


def _returning(
    rule_set: RuleSet, path: ReturnPath, back_to: Tier, star: int | None, on: date | None
) -> Routing:
    certified = rule_set.scoring.certified_stars
    lower = star if star is not None and star in certified else None
    options: tuple[ReturnOption, ...] = tuple(
        o
        for o in path.options
        if o == "reevaluate"
        or (lower is not None and may_act(rule_set, back_to, Step.RECOGNISE, lower, on))
    )
    return Routing(
        action="return",
        tier=back_to,
        alternatives=options,
        recognisable_star=lower if "recognise" in options else None,
        short_of_star=path.short_of_star,
    )


def return_route(
    rule_set: RuleSet,
    above: Tier,
    score: Decimal,
    on: date | None = None,
    *,
    star: int | None = None,
) -> Routing:
    """The options of the lower tier when the council of ``above`` sends a dossier back.

    Used where only the higher level's answer is known (its score, and perhaps the
    star its result supports): ``star`` defaults to the highest certified star
    below the one the dossier was forwarded for that the score's band reaches.
    ``action="none"`` if no return path leaves ``above``.
    """
    band = max(b.star for b in rule_set.scoring.bands if score >= b.min_score)
    for path in rule_set.return_paths:
        back_to = succeeded(rule_set, path.to_tier, on)
        if succeeded(rule_set, path.from_tier, on) != above or back_to == above:
            continue
        if star is None:
            fits = [
                s for s in rule_set.scoring.certified_stars if s <= band and s < path.short_of_star
            ]
            star = max(fits) if fits else None
        elif star >= path.short_of_star:
            star = None
        return _returning(rule_set, path, back_to, star, on)
    return Routing(action="none")

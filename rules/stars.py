"""The star a council result supports: bands, minimums, knock-outs and the outcome per mode.

* Bands are half-open; the awarded star is the highest star whose band the
  score reaches and whose (cumulative) minimums are met (``cap``), or the
  band's star only if all its minimums are met (``reject``). Any knock-out
  ends the evaluation as ``rejected``. 1★/2★ get no certificate.
* Where the result then goes (forward, return, recognise) is
  :func:`rules.authorities.route`'s decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from rules.authorities import Routing, route
from rules.model import RuleSet, ShortfallMode, Tier
from rules.results import KnockoutCheck, MinimumCheck, ModeOutcome, Outcome, ScoredSheet
from rules.rubric import ProductSetRubric


def band_for(rule_set: RuleSet, score: Decimal) -> int:
    """The star band of ``score``: the highest band whose lower bound it reaches."""
    reached = [b.star for b in rule_set.scoring.bands if score >= b.min_score]
    return max(reached) if reached else 1


def minimum_checks(
    rule_set: RuleSet, rubric: ProductSetRubric, sheets: Sequence[ScoredSheet]
) -> tuple[MinimumCheck, ...]:
    checks = []
    for _, leaf in rubric.leaves():
        for option in leaf.options:
            if option.min_star is None:
                continue
            points = tuple(s.points(leaf.code) for s in sheets)
            if rule_set.scoring.minimum_aggregation == "mean":
                met = sum(points, Decimal(0)) / len(points) >= option.points
            else:
                met = all(p >= option.points for p in points)
            checks.append(
                MinimumCheck(
                    star=option.min_star,
                    criterion=leaf.code,
                    criterion_label=leaf.label,
                    required_option=option.id,
                    required_label=option.label,
                    required_points=option.points,
                    member_points=points,
                    met=met,
                )
            )
    return tuple(sorted(checks, key=lambda c: c.star))


def knockout_checks(
    rule_set: RuleSet,
    product_set: int,
    sheets: Sequence[ScoredSheet],
    council_flags: Sequence[str],
) -> tuple[KnockoutCheck, ...]:
    checks = []
    for knockout in rule_set.knockouts_for(product_set):
        if knockout.zero_points_in:
            zeros = [
                code
                for code in knockout.zero_points_in
                if sum((s.points(code) for s in sheets), Decimal(0)) == 0
            ]
            flagged = tuple(f"criterion {c}" for c in zeros)
        else:
            by_members = tuple(s.member for s in sheets if knockout.code in s.knockouts)
            flagged = (("council",) if knockout.code in council_flags else ()) + by_members
        checks.append(
            KnockoutCheck(
                code=knockout.code,
                label_vi=knockout.label.vi,
                label_en=knockout.label.en,
                triggered=bool(flagged),
                flagged_by=flagged,
            )
        )
    return tuple(checks)


def _reachable(rule_set: RuleSet, checks: Sequence[MinimumCheck], star: int) -> bool:
    """Whether every minimum counted for ``star`` is met (cumulative if the rules say so)."""
    cumulative = rule_set.scoring.minimums_cumulative
    relevant = [c for c in checks if (c.star <= star if cumulative else c.star == star)]
    return all(c.met for c in relevant)


def mode_star(
    rule_set: RuleSet, mode: ShortfallMode, band: int, checks: Sequence[MinimumCheck]
) -> int | None:
    """The star a result supports under ``mode`` (§14.8), or ``None`` for "không đạt".

    Bands below the lowest certified star (1★, 2★) are their own star (no
    certificate, §14.10). Otherwise ``cap`` gives the highest certified star up
    to the band whose cumulative minimums are met, ``reject`` the band's star
    only if its minimums are met. A star is never a cap below 3★: a 50-<70
    result missing a 3★ minimum is "không đạt", not 2★ (§1.1, §1.3).
    """
    certified = rule_set.scoring.certified_stars
    if band < min(certified):
        return band
    if mode == ShortfallMode.CAP:
        met = [s for s in certified if s <= band and _reachable(rule_set, checks, s)]
        return max(met) if met else None
    return band if _reachable(rule_set, checks, band) else None


def decide(
    rule_set: RuleSet,
    mode: ShortfallMode,
    total: Decimal,
    band: int,
    checks: Sequence[MinimumCheck],
    rejected: bool,
    tier: Tier,
    on: date | None,
    gate: bool,
) -> ModeOutcome:
    if rejected:
        return ModeOutcome(
            mode=mode,
            outcome=Outcome.REJECTED,
            awarded_star=None,
            certificate_issued=False,
            routing=Routing(action="none"),
        )
    star = mode_star(rule_set, mode, band, checks)
    reachable = frozenset(
        s for s in rule_set.scoring.certified_stars if _reachable(rule_set, checks, s)
    )
    routing = route(
        rule_set, tier, total, star, on, reachable=reachable, minimums_gate_forwarding=gate
    )
    outcome = {
        "forward": Outcome.FORWARDED,
        "return": Outcome.RETURNED,
        "recognise": Outcome.RECOGNISED,
        "none": Outcome.NOT_RECOGNISED,
    }[routing.action]
    return ModeOutcome(
        mode=mode,
        outcome=outcome,
        awarded_star=star,
        certificate_issued=outcome == Outcome.RECOGNISED,
        routing=routing,
    )

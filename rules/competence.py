"""Whether a tier or a rule set may still act on a day: abolished tiers, lapsed rule sets.

Each refusal is a :class:`NotCompetentError` naming the field, the successor
that holds the roles and the legal basis, in Vietnamese and English.
"""

from __future__ import annotations

from datetime import date

from rules.authorities import succeeded
from rules.errors import RulesError
from rules.model import RuleSet, Tier
from rules.text import fmt_date


class NotCompetentError(RulesError):
    """A tier or rule set asked to act where the law no longer (or never) lets it.

    Raised for a council the rule set does not have (a district or commune
    council under R3), a tier after its abolition (district councils after
    30/06/2025), and a rule set after ``in_force_until`` (R1/R2 after
    21/07/2026). The message names the field and the successor.
    """


def ensure_tier_exists(rule_set: RuleSet, tier: Tier, on: date, *, field: str = "tier") -> None:
    """Refuse ``tier`` acting on ``on`` (:class:`NotCompetentError` naming ``field``).

    The one check of an administrative level against the law in force: a tier
    abolished before ``on`` (a district after 30/06/2025, whatever the rule set:
    R1 for pending dossiers, R2/R3 which have none) is refused with its last
    day, the successor that holds its roles and the legal basis
    (``tier_successions[*].basis``); a tier the rule set's procedure does not
    have (a commune council) is refused naming the tiers it has.
    """
    for succession in rule_set.tier_successions:
        if succession.tier == tier and on > succession.last_day:
            successor = succeeded(rule_set, tier, on)
            basis = succession.basis
            raise NotCompetentError(
                field,
                f"the {tier.value} tier ended on {fmt_date(succession.last_day)}; "
                f"on {fmt_date(on)} "
                f"its roles belong to the {successor.value}. "
                f"Basis: {basis.en if basis else succession.source}",
                f"cấp {TIER_VI[tier]} chấm dứt từ sau ngày {fmt_date(succession.last_day)}; ngày "
                f"{fmt_date(on)} nhiệm vụ thuộc cấp {TIER_VI[successor]}"
                + (f". Căn cứ: {basis.vi}" if basis else ""),
            )
    if tier not in rule_set.tiers:
        names = ", ".join(t.value for t in rule_set.tiers)
        names_vi = ", ".join(f"cấp {TIER_VI[t]}" for t in rule_set.tiers)
        raise NotCompetentError(
            field,
            f"{rule_set.id} has no {tier.value} level (levels: {names})",
            f"{rule_set.id} không có cấp {TIER_VI[tier]} (chỉ có: {names_vi})",
        )


def ensure_may_score(rule_set: RuleSet, tier: Tier, on: date | None = None) -> None:
    """Refuse a council result the rule set cannot accept (see :class:`NotCompetentError`).

    ``on`` is the council's date (adoption of the result); without it only the
    tier's membership of the procedure is checked.
    """
    councils = rule_set.scoring_tiers()
    if tier not in councils:
        names = ", ".join(t.value for t in councils)
        names_vi = ", ".join(f"cấp {TIER_VI[t]}" for t in councils)
        raise NotCompetentError(
            "tier",
            f"{rule_set.id} has no {tier.value} council (councils: {names})",
            f"{rule_set.id} không có hội đồng cấp {TIER_VI[tier]} (chỉ có: {names_vi})",
        )
    if on is None:
        return
    ensure_tier_exists(rule_set, tier, on)
    ensure_in_force(rule_set, on)


def ensure_in_force(rule_set: RuleSet, on: date) -> None:
    """Refuse a decision under a rule set that lapsed before ``on`` (``in_force_until``)."""
    if rule_set.in_force_on(on):
        return
    until = rule_set.in_force_until
    assert until is not None
    successor = rule_set.succeeded_by or "?"
    raise NotCompetentError(
        "in_force_until",
        f"{rule_set.id} lapsed after {fmt_date(until)}; a decision on {fmt_date(on)} falls under "
        f"{successor}",
        f"{rule_set.id} hết hiệu lực sau ngày {fmt_date(until)}; quyết định ngày {fmt_date(on)} "
        f"phải theo {successor}",
    )


TIER_VI: dict[Tier, str] = {
    Tier.COMMUNE: "xã",
    Tier.DISTRICT: "huyện",
    Tier.PROVINCE: "tỉnh",
    Tier.CENTRAL: "trung ương",
}

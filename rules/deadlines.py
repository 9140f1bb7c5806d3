"""Deadlines a rule set sets: commune check, evaluation rounds, certificates, revocation.

Every function takes the governing rule set and returns ``None`` where that rule
set sets no such deadline (e.g. 148's commune check time was not found).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict

from rules.deployment import LocalPolicy
from rules.model import LastDayConvention, MonthDay, Round, RuleSet, Tier
from rules.text import LocalText
from rules.workdays import WorkingCalendar, add_days, add_months, add_working_days


def commune_check_deadline(
    received_on: date,
    rule_set: RuleSet,
    calendar: WorkingCalendar | None = None,
    local_policies: Sequence[LocalPolicy] = (),
) -> date | None:
    """Last day for the commune's check and report (form 03), ``None`` if nothing sets one.

    The rule set's working days (R3: 15, Art. 7.2) or, where it sets none (R1/R2),
    those of the first local policy in effect on ``received_on`` and written for
    the rule set (the Kon Tum 2025 plan's commune step: 15 working days).
    """
    days = rule_set.deadlines.commune_check_working_days
    if days is None:
        days = next(
            (
                p.commune_check_working_days
                for p in local_policies
                if p.commune_check_working_days is not None
                and rule_set.id in p.applies_to_rule_sets
                and p.covers(received_on)
            ),
            None,
        )
    return None if days is None else add_working_days(received_on, days, calendar)


class RoundAssignment(BaseModel):
    """The evaluation round a forwarded dossier belongs to."""

    model_config = ConfigDict(frozen=True)

    tier: Tier
    name: LocalText
    forwarded_by: date
    decided_by: date
    source: str


def _round_dates(forwarded_by: MonthDay, decided_by: MonthDay, year: int) -> tuple[date, date]:
    cutoff = forwarded_by.on(year)
    decision = decided_by.on(year)
    if decision < cutoff:
        decision = decided_by.on(year + 1)
    return cutoff, decision


def _assignment(tier: Tier, rnd: Round, year: int, source: str) -> RoundAssignment:
    """``rnd`` of ``year`` as dates (a decision day before the cut-off falls a year later)."""
    cutoff, decision = _round_dates(rnd.forwarded_by, rnd.decided_by, year)
    return RoundAssignment(
        tier=tier, name=rnd.name, forwarded_by=cutoff, decided_by=decision, source=source
    )


def assign_round(
    forwarded_on: date,
    rule_set: RuleSet,
    tier: Tier = Tier.PROVINCE,
    local_policies: Sequence[LocalPolicy] = (),
) -> RoundAssignment | None:
    """The first round of ``tier`` whose cut-off (inclusive) is on or after ``forwarded_on``.

    Rounds come from the rule set (R3 Art. 5) and from local policies in effect
    for that rule set. A round of a tier abolished before the round's decision
    date (the Kon Tum district's November 2025 round: districts ended
    30/06/2025) is not offered: the successor tier's rounds are looked up
    instead. ``None`` if nothing defines a round.
    """
    for succession in rule_set.tier_successions:
        if succession.tier == tier and forwarded_on > succession.last_day:
            return assign_round(forwarded_on, rule_set, succession.successor, local_policies)
    options: list[RoundAssignment] = []
    for year in (forwarded_on.year, forwarded_on.year + 1):
        for rnd in rule_set.deadlines.rounds.get(tier, ()):
            options.append(_assignment(tier, rnd, year, rule_set.id))
        for policy in local_policies:
            if rule_set.id not in policy.applies_to_rule_sets:
                continue
            for local in policy.rounds:
                assigned = _assignment(tier, local, year, policy.id)
                if local.tier == tier and policy.covers(assigned.forwarded_by):
                    options.append(assigned)
    ended = next((s.last_day for s in rule_set.tier_successions if s.tier == tier), None)
    eligible = [
        o
        for o in options
        if o.forwarded_by >= forwarded_on and (ended is None or o.decided_by <= ended)
    ]
    if eligible:
        return min(eligible, key=lambda o: (o.forwarded_by, o.decided_by))
    successor = next((s.successor for s in rule_set.tier_successions if s.tier == tier), None)
    if successor is not None:
        return assign_round(forwarded_on, rule_set, successor, local_policies)
    return None


def certificate_valid_to(
    issued_on: date, rule_set: RuleSet, convention: LastDayConvention | None = None
) -> date:
    """Last valid day of a certificate issued on ``issued_on`` (36 months, §14.21)."""
    rule = convention or rule_set.deadlines.valid_to_convention
    anniversary = add_months(issued_on, rule_set.deadlines.certificate_validity_months)
    return anniversary if rule == LastDayConvention.SAME_DAY else anniversary - timedelta(days=1)


def reevaluation_window(valid_to: date, rule_set: RuleSet) -> tuple[date, date] | None:
    """(first, last) filing day for re-evaluation (R3: 180 to 120 days before expiry)."""
    window = rule_set.deadlines.reevaluation_window
    if window is None:
        return None
    return (
        valid_to - timedelta(days=window.opens_days_before),
        valid_to - timedelta(days=window.closes_days_before),
    )


FilingTiming = Literal["early", "on_time", "late"]


def reevaluation_filing_timing(
    filed_on: date, valid_to: date, rule_set: RuleSet
) -> FilingTiming | None:
    """Whether a re-evaluation filed on ``filed_on`` is inside the window (§14.22)."""
    window = reevaluation_window(valid_to, rule_set)
    if window is None:
        return None
    opens, closes = window
    if filed_on < opens:
        return "early"
    return "on_time" if filed_on <= closes else "late"


def late_filer_valid_until(valid_to: date, rule_set: RuleSet) -> date | None:
    """Latest day a late re-evaluation filer's certificate stays valid (R3 Art. 12.3)."""
    days = rule_set.deadlines.late_reevaluation_grace_days
    return None if days is None else add_days(valid_to, days)


def expiry_notice_date(valid_to: date, rule_set: RuleSet) -> date | None:
    """Latest day for the issuer's expiry notice (R1/R2: 30 days before expiry)."""
    days = rule_set.deadlines.expiry_notice_days_before
    return None if days is None else valid_to - timedelta(days=days)


def reevaluation_decision_deadline(complete_on: date, rule_set: RuleSet) -> date | None:
    """Latest decision day for a re-evaluation (R3: 45 days from the complete dossier)."""
    days = rule_set.deadlines.reevaluation_decision_days
    return None if days is None else add_days(complete_on, days)


def revocation_deadline(concluded_on: date, rule_set: RuleSet) -> date | None:
    """Latest day for a revocation decision (R3: 15 days from the conclusion, Art. 8.4)."""
    days = rule_set.deadlines.revocation_days
    return None if days is None else add_days(concluded_on, days)


CertificateState = Literal["valid", "expired", "revoked"]


def certificate_state(
    valid_to: date,
    today: date,
    *,
    revoked_on: date | None = None,
    extended_until: date | None = None,
) -> CertificateState:
    """State of a certificate on ``today`` (§14.3, §14.25).

    ``extended_until`` is a late filer's limit (see :func:`late_filer_valid_until`)
    or the decision date, whichever the caller knows applies.
    """
    if revoked_on is not None and today >= revoked_on:
        return "revoked"
    last = max(valid_to, extended_until) if extended_until else valid_to
    return "valid" if today <= last else "expired"


class CertificateDates(BaseModel):
    """Every date that follows from a recognition decision's date."""

    model_config = ConfigDict(frozen=True)

    issued_on: date
    valid_to: date
    reevaluation_opens: date | None
    reevaluation_closes: date | None
    expiry_notice_by: date | None
    late_filer_valid_until: date | None


def certificate_dates(
    issued_on: date,
    issued_under: RuleSet,
    *,
    renewal_rules: RuleSet | None = None,
    convention: LastDayConvention | None = None,
) -> CertificateDates:
    """Dates of a certificate issued under ``issued_under``.

    Validity and the expiry notice follow the issuing rule set (a later rule set
    never changes them, §14.3); the re-evaluation window and the late-filer
    limit follow ``renewal_rules``, the rules in force when renewal is due
    (defaults to the issuing rule set).
    """
    valid_to = certificate_valid_to(issued_on, issued_under, convention)
    renewal = renewal_rules or issued_under
    window = reevaluation_window(valid_to, renewal)
    return CertificateDates(
        issued_on=issued_on,
        valid_to=valid_to,
        reevaluation_opens=window[0] if window else None,
        reevaluation_closes=window[1] if window else None,
        expiry_notice_by=expiry_notice_date(valid_to, issued_under),
        late_filer_valid_until=late_filer_valid_until(valid_to, renewal),
    )

"""Which rule set governs a dossier, and what the transition articles demand of it.

A dossier is bound to the rule set in force on its filing date (the commune's
receipt date, §14.1). A later rule set's transition articles may add deadlines
to dossiers still pending when it takes effect (R3 Art. 12).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from rules.deployment import Deployment, LocalPolicy
from rules.errors import UnknownRuleSetError
from rules.loader import all_local_policies, all_rule_sets
from rules.model import DossierKind, RuleSet
from rules.text import LocalText, fmt_date
from rules.workdays import add_days


class Selection(BaseModel):
    """The rule set chosen for a filing date, with the reason and local additions."""

    model_config = ConfigDict(frozen=True)

    rule_set: RuleSet
    filing_date: date
    reason: LocalText
    local_policies: tuple[LocalPolicy, ...] = ()
    deployment_tier_active: bool = True


class TransitionTerms(BaseModel):
    """A pending dossier's deadline under a later rule set's transition articles."""

    model_config = ConfigDict(frozen=True)

    continues_under: str
    imposed_by: str
    kind: DossierKind
    filing_date: date
    decide_by: date
    source: str


def select_rule_set(
    filing_date: date,
    deployment: Deployment | None = None,
    *,
    rule_sets: Sequence[RuleSet] | None = None,
    local_policies: Sequence[LocalPolicy] | None = None,
    importing: bool = False,
) -> Selection:
    """Select the rule set governing a dossier filed (received by the commune) on ``filing_date``.

    A rule set without sheets (R0, 1048/2019) governs only imported history:
    it is returned with ``importing=True``, otherwise the date is refused
    (:class:`UnknownRuleSetError` on ``filing_date``).

    Rule sets are national; the deployment adds the local policies it opted in
    to (those in effect on the filing date and written for that rule set) and
    learns whether its own tier still exists under the selected rule set on the
    filing date (a district deployment is inactive from 01/07/2025, even for a
    dossier still governed by R1).
    """
    rule_set = _governing(filing_date, rule_sets or all_rule_sets(), importing)
    policies: tuple[LocalPolicy, ...] = ()
    active = True
    if deployment is not None:
        pool = local_policies if local_policies is not None else all_local_policies()
        policies, active = _deployment_terms(rule_set, filing_date, deployment, pool)
    return Selection(
        rule_set=rule_set,
        filing_date=filing_date,
        reason=_reason(rule_set, filing_date),
        local_policies=policies,
        deployment_tier_active=active,
    )


def _governing(filing_date: date, rule_sets: Sequence[RuleSet], importing: bool) -> RuleSet:
    """The latest rule set covering ``filing_date``; refuses one without sheets unless importing."""
    candidates = [rs for rs in rule_sets if rs.covers(filing_date)]
    if not candidates:
        raise UnknownRuleSetError(
            "filing_date",
            f"no shipped rule set governs dossiers filed on {fmt_date(filing_date)}",
            f"không có bộ quy tắc nào áp dụng cho hồ sơ nộp ngày {fmt_date(filing_date)}",
        )
    rule_set = max(candidates, key=lambda rs: rs.effective_from)
    if not rule_set.sheets_available and not importing:
        raise UnknownRuleSetError(
            "filing_date",
            f"a dossier filed on {fmt_date(filing_date)} falls under {rule_set.id}, whose sheets "
            "are not available: its results can only be imported (rules.import_result)",
            f"hồ sơ nộp ngày {fmt_date(filing_date)} thuộc {rule_set.id}, "
            "không có phiếu chấm điểm: "
            "chỉ nhập kết quả đã quyết định (rules.import_result)",
        )
    return rule_set


def _reason(rule_set: RuleSet, filing_date: date) -> LocalText:
    """Why ``rule_set`` governs a dossier filed on ``filing_date`` (both languages)."""
    ends = f" đến {fmt_date(rule_set.effective_to)}" if rule_set.effective_to else ""
    ends_en = f" to {fmt_date(rule_set.effective_to)}" if rule_set.effective_to else ""
    return LocalText(
        vi=(
            f"Hồ sơ tiếp nhận ngày {fmt_date(filing_date)} thuộc {rule_set.id} "
            f"(áp dụng cho hồ sơ tiếp nhận từ {fmt_date(rule_set.effective_from)}{ends})"
        ),
        en=(
            f"Dossier received on {fmt_date(filing_date)} falls under {rule_set.id} "
            f"(governs dossiers received from {fmt_date(rule_set.effective_from)}{ends_en})"
        ),
    )


def _deployment_terms(
    rule_set: RuleSet, filing_date: date, deployment: Deployment, pool: Sequence[LocalPolicy]
) -> tuple[tuple[LocalPolicy, ...], bool]:
    """The local policies the deployment opted in to, and whether its tier is still active."""
    policies = tuple(
        p
        for p in pool
        if p.id in deployment.local_policies
        and p.covers(filing_date)
        and rule_set.id in p.applies_to_rule_sets
    )
    active = deployment.tier in rule_set.tiers and not any(
        s.tier == deployment.tier and filing_date > s.last_day for s in rule_set.tier_successions
    )
    return policies, active


def transition_terms(
    filing_date: date,
    kind: DossierKind,
    *,
    evaluated_on: date | None = None,
    rule_sets: Sequence[RuleSet] | None = None,
) -> TransitionTerms | None:
    """Deadline imposed on a dossier still pending when a later rule set took effect.

    ``evaluated_on`` is when the dossier was evaluated (``None``: not yet); a
    dossier evaluated before the later rule set took effect has no transition
    deadline. Under R3: first/upgrade dossiers decided within 60 days of
    22/05/2026 (by 21/07/2026), re-evaluations within 30 (by 21/06/2026).
    """
    pool = rule_sets or all_rule_sets()
    governing = select_rule_set(filing_date, rule_sets=pool).rule_set
    for later in pool:
        terms = later.transition
        if terms is None or governing.id not in terms.legacy_rule_sets:
            continue
        if filing_date >= terms.pending_filed_before:
            continue
        if evaluated_on is not None and evaluated_on < terms.counted_from:
            continue
        days = (
            terms.reevaluation_days
            if kind == DossierKind.REEVALUATION
            else terms.first_or_upgrade_days
        )
        return TransitionTerms(
            continues_under=governing.id,
            imposed_by=later.id,
            kind=kind,
            filing_date=filing_date,
            decide_by=add_days(terms.counted_from, days),
            source=terms.source,
        )
    return None


def is_overdue(deadline: date, *, today: date, done_on: date | None = None) -> bool:
    """True if the step was (or, not yet done, is by ``today``) later than ``deadline``."""
    return (done_on or today) > deadline

"""OCOP-RULES.md §14, rules 01-03 and 29-33: which rule set governs a dossier, and
the product sets, jurisdictions, targets and reports it configures. One test per rule, named
after its number; the other rules are in the `test_rules_section14_*` modules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rules import (
    Deployment,
    DossierKind,
    NotCompetentError,
    RuleSet,
    SheetError,
    Step,
    Tier,
    UnknownRuleSetError,
    assign_round,
    authority,
    certificate_dates,
    certificate_state,
    ensure_tier_exists,
    import_result,
    is_overdue,
    load_local_policy,
    load_rule_set,
    plan_targets,
    product_sets,
    report_periods,
    reports_due,
    rubric_for,
    select_rule_set,
    target_status,
    transition_terms,
)
from rules.rubric import PartCode

from .helpers import with_deadlines

# ----- rule-set selection ---------------------------------------------------


@pytest.mark.parametrize(
    ("filed", "expected"),
    [
        (date(2026, 5, 10), "R2"),
        (date(2026, 5, 25), "R3"),
        (date(2023, 2, 24), "R1"),
        (date(2025, 7, 5), "R1"),
        (date(2025, 7, 6), "R2"),
        (date(2026, 5, 21), "R2"),
        (date(2026, 5, 22), "R3"),
    ],
)
def test_rule_01_rule_set_chosen_by_filing_date(filed: date, expected: str) -> None:
    assert select_rule_set(filed).rule_set.id == expected


def test_rule_01_r0_before_r1_and_nothing_before_r0() -> None:
    """R0 governs 21/08/2019-23/02/2023 but has no sheets: only imports select it."""
    assert select_rule_set(date(2023, 2, 23), importing=True).rule_set.id == "R0"
    assert select_rule_set(date(2019, 8, 21), importing=True).rule_set.id == "R0"
    with pytest.raises(UnknownRuleSetError, match="23/02/2023 falls under R0"):
        select_rule_set(date(2023, 2, 23))
    with pytest.raises(UnknownRuleSetError, match="20/08/2019"):
        select_rule_set(date(2019, 8, 20), importing=True)


def test_rule_02_r3_transition_deadlines() -> None:
    first = transition_terms(date(2026, 5, 10), DossierKind.FIRST)
    upgrade = transition_terms(date(2026, 5, 10), DossierKind.UPGRADE)
    again = transition_terms(date(2026, 5, 10), DossierKind.REEVALUATION)
    assert first is not None and upgrade is not None and again is not None
    assert first.continues_under == "R2" and first.imposed_by == "R3"
    assert first.decide_by == upgrade.decide_by == date(2026, 7, 21)
    assert again.decide_by == date(2026, 6, 21)
    assert not is_overdue(first.decide_by, today=date(2026, 7, 21))
    assert is_overdue(first.decide_by, today=date(2026, 7, 22))
    assert is_overdue(again.decide_by, today=date(2026, 7, 1), done_on=date(2026, 6, 22))
    assert not is_overdue(again.decide_by, today=date(2026, 7, 1), done_on=date(2026, 6, 21))
    # An R1 dossier still pending on 22/05/2026 gets the same deadline.
    old = transition_terms(date(2025, 3, 1), DossierKind.FIRST)
    assert old is not None and old.continues_under == "R1"
    # Evaluated before R3 took effect, or filed under R3: no transition deadline.
    assert (
        transition_terms(date(2026, 5, 10), DossierKind.FIRST, evaluated_on=date(2026, 5, 20))
        is None
    )
    assert transition_terms(date(2026, 5, 25), DossierKind.FIRST) is None


def test_rule_03_certificates_keep_their_own_expiry(r1: RuleSet, r3: RuleSet) -> None:
    issued = date(2024, 3, 15)
    own = certificate_dates(issued, r1)
    # A later rule set with another validity and no expiry notice changes neither.
    shorter = with_deadlines(r3, certificate_validity_months=24, expiry_notice_days_before=None)
    renewed_later = certificate_dates(issued, r1, renewal_rules=shorter)
    assert own.valid_to == renewed_later.valid_to == date(2027, 3, 15)
    assert own.expiry_notice_by == renewed_later.expiry_notice_by == date(2027, 2, 13)
    assert certificate_dates(issued, shorter).valid_to == date(2026, 3, 15)
    # R3 taking effect does not end it: still valid after 22/05/2026 until valid_to.
    assert certificate_state(own.valid_to, date(2026, 6, 1)) == "valid"
    assert certificate_state(own.valid_to, date(2027, 3, 15)) == "valid"
    assert certificate_state(own.valid_to, date(2027, 3, 16)) == "expired"


def test_rule_03_an_imported_r0_certificate_keeps_its_star() -> None:
    """A 1048-era certificate is imported as decided: its star is not re-scored."""
    r0 = load_rule_set("R0")
    parts: dict[PartCode, Decimal] = {"A": Decimal(30), "B": Decimal(20), "C": Decimal(22)}
    imported = import_result(
        r0, total=Decimal("72"), parts=parts, star=4, decided_on=date(2022, 9, 1)
    )
    assert imported.star == 4 and imported.rule_set_id == "R0" and not imported.rescored
    assert certificate_dates(imported.decided_on, r0).valid_to == date(2025, 9, 1)


# ----- product sets, jurisdictions, targets ----------------------------------


def test_rule_29_product_set_determines_rubric_and_samples(r3: RuleSet) -> None:
    sets = product_sets(r3)
    assert [s.number for s in sets] == list(range(1, 27))
    for info in sets:
        assert rubric_for(r3, info.number).number == info.number
        assert info.managing_agency
        assert info.samples_required == (info.number != 26)
    assert sets[12].name.vi == "Cà phê, ca cao"
    with pytest.raises(SheetError, match="product_set"):
        rubric_for(r3, 27)


def test_rule_31_district_roles_end_30_06_2025(r1: RuleSet, r2: RuleSet) -> None:
    assert authority(r1, 3, Step.RECOGNISE, on=date(2025, 6, 30)) == Tier.DISTRICT
    assert authority(r1, 3, Step.RECOGNISE, on=date(2025, 7, 1)) == Tier.PROVINCE
    deployment = Deployment(jurisdiction="kontum-district", tier=Tier.DISTRICT)
    assert select_rule_set(date(2025, 6, 30), deployment).deployment_tier_active
    for day in (1, 5):  # still R1 filings, but the district no longer exists
        selection = select_rule_set(date(2025, 7, day), deployment)
        assert selection.rule_set.id == "R1" and not selection.deployment_tier_active
    assert not select_rule_set(date(2025, 7, 10), deployment).deployment_tier_active
    # R2 has no district at all: its succession only records why (the reform), for refusals
    assert Tier.DISTRICT not in r2.tiers
    assert [(s.tier, s.last_day) for s in r2.tier_successions] == [
        (Tier.DISTRICT, date(2025, 6, 30))
    ]


@pytest.mark.parametrize(
    ("rule_set_id", "on", "refused"),
    [
        ("R1", date(2025, 6, 30), False),  # the district's last day
        ("R1", date(2025, 7, 1), True),  # the first day without districts (R1 filings to 05/07)
        ("R1", date(2025, 7, 5), True),
        ("R2", date(2025, 7, 6), True),  # 1489 repealed the district point
        ("R2", date(2025, 11, 5), True),  # the Kon Tum plan's November round
        ("R3", date(2026, 6, 1), True),
    ],
)
def test_rule_31_a_district_acting_after_30_06_2025_is_refused_with_the_reason(
    rule_set_id: str, on: date, refused: bool
) -> None:
    """One check for every district act after the reform: the level is refused with the
    field named, the last day, the successor and the legal basis in both languages."""
    rule_set = load_rule_set(rule_set_id)
    if not refused:
        ensure_tier_exists(rule_set, Tier.DISTRICT, on, field="level")
        return
    with pytest.raises(NotCompetentError) as error:
        ensure_tier_exists(rule_set, Tier.DISTRICT, on, field="level")
    day = on.strftime("%d/%m/%Y")
    assert error.value.place == "level"
    assert error.value.render("vi").startswith(
        f"level: cấp huyện chấm dứt từ sau ngày 30/06/2025; ngày {day} nhiệm vụ thuộc cấp tỉnh. "
        "Căn cứ: chính quyền địa phương hai cấp từ 01/07/2025 (Nghị quyết 202/2025/QH15)"
    )
    assert "1489/QĐ-TTg" in error.value.vi
    assert error.value.render("en").startswith(
        f"level: the district tier ended on 30/06/2025; on {day} its roles belong to the "
        "province. Basis: two-level local government"
    )


def test_rule_31_a_level_the_procedure_lacks_is_refused(r3: RuleSet) -> None:
    """Without a recorded abolition, a level the rule set lacks is refused by name."""
    ensure_tier_exists(r3, Tier.COMMUNE, date(2026, 6, 1))
    bare = r3.model_copy(update={"tier_successions": ()})
    with pytest.raises(NotCompetentError) as error:
        ensure_tier_exists(bare, Tier.DISTRICT, date(2026, 6, 1))
    assert error.value.render("en") == (
        "tier: R3 has no district level (levels: commune, province, central)"
    )
    assert error.value.render("vi") == (
        "tier: R3 không có cấp huyện (chỉ có: cấp xã, cấp tỉnh, cấp trung ương)"
    )


def test_rule_31_no_district_round_after_the_reform(r1: RuleSet, r2: RuleSet) -> None:
    """The Kon Tum plan's November 2025 district round is offered under no rule set: R1's
    district ends before its decision, R2 has no district (its dossiers go to the province)."""
    kontum = load_local_policy("kontum-district-2025")
    assert "R2" in kontum.applies_to_rule_sets
    for rule_set, forwarded in ((r1, date(2025, 6, 15)), (r2, date(2025, 10, 20))):
        assigned = assign_round(forwarded, rule_set, Tier.DISTRICT, [kontum])
        assert assigned is None or assigned.tier != Tier.DISTRICT


def test_rule_32_kpi_targets_are_configured_per_jurisdiction_and_year() -> None:
    policy = load_local_policy("kontum-district-2025")
    targets = {t.code: t for t in policy.targets[2025]}
    assert targets["new_3_star"].minimum == 10
    assert targets["new_4_star"].minimum == 1
    assert targets["cooperative_share"].minimum == Decimal("0.40")
    modern = targets["modern_channel_share"]
    assert (modern.of, modern.minimum, modern.stretch) == (
        "producers",
        Decimal("0.30"),
        Decimal("0.50"),
    )
    assert target_status(modern, Decimal("0.29")) == "below"
    assert target_status(modern, Decimal("0.30")) == "met"
    assert target_status(modern, Decimal("0.60")) == "stretch_met"  # 50% is no maximum
    assert target_status(targets["new_3_star"], 9) == "below"
    assert target_status(targets["new_3_star"], 10) == "met"
    assert plan_targets([policy], 2025) == policy.targets[2025]
    assert plan_targets([policy], 2026) == ()
    opted_in = Deployment(jurisdiction="kontum-district", local_policies=(policy.id,))
    assert select_rule_set(date(2025, 3, 1), opted_in).local_policies == (policy,)
    assert select_rule_set(date(2025, 3, 1), Deployment(jurisdiction="x")).local_policies == ()
    assert select_rule_set(date(2026, 3, 1), opted_in).local_policies == ()


def test_rule_33_report_periods_and_due_dates_are_configured() -> None:
    policy = load_local_policy("kontum-district-2025")
    reports = report_periods([policy], 2025)
    assert [(r.code, r.starts, r.ends, r.due, r.to) for r in reports] == [
        ("six_month", date(2025, 1, 1), date(2025, 6, 30), date(2025, 7, 15), Tier.PROVINCE),
        ("annual", date(2025, 1, 1), date(2025, 12, 31), date(2026, 1, 15), Tier.PROVINCE),
    ]
    assert [r.code for r in reports_due([policy], date(2026, 1, 1), date(2026, 1, 31))] == [
        "annual"
    ]
    assert report_periods([policy], 2026) == ()
    later = policy.model_copy(
        update={"reports": (policy.reports[0].model_copy(update={"due_days": 5}),)}
    )
    assert report_periods([later], 2025)[0].due == date(2025, 7, 5)

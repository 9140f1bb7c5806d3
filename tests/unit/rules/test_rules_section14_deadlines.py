"""OCOP-RULES.md §14, rules 16-27: dossier contents, rounds and deadlines,
certificates, re-evaluation, revocation and inspection. One test per rule, named after its
number."""

from __future__ import annotations

from datetime import date

import pytest

from rules import (
    DossierKind,
    LastDayConvention,
    RulesError,
    RuleSet,
    Step,
    Tier,
    WorkingCalendar,
    assign_round,
    authority,
    certificate_dates,
    certificate_state,
    certificate_valid_to,
    commune_check_deadline,
    dossier_requirements,
    expiry_notice_date,
    inspection_plan,
    is_overdue,
    late_filer_valid_until,
    load_local_policy,
    load_rule_set,
    next_periodic_inspection,
    reevaluation_decision_deadline,
    reevaluation_filing_timing,
    reevaluation_window,
    revocation_deadline,
    revocation_ground,
    revocation_grounds,
)

from .helpers import with_deadlines

# ----- dossiers and deadlines ------------------------------------------------


def test_rule_16_r3_dossier_contents(r3: RuleSet) -> None:
    first = dossier_requirements(r3, DossierKind.FIRST, 13)
    assert [f.code for f in first.forms] == ["Mẫu 01", "Mẫu 02"]
    assert (first.paper_copies, first.electronic_copies, first.samples) == (1, 1, 5)
    assert dossier_requirements(r3, DossierKind.FIRST, 26).samples == 0
    upgrade = dossier_requirements(r3, DossierKind.UPGRADE, 13)
    assert "thay đổi" in upgrade.forms[1].label.vi
    again = dossier_requirements(r3, DossierKind.REEVALUATION, 13)
    labels = " ".join(f.label.vi for f in again.forms)
    assert "3 năm" in labels and "gia hạn" in labels


@pytest.mark.parametrize("rule_set_id", ["R1", "R2", "R3"])
def test_rule_16_papers_the_sheet_knocks_out_are_required(rule_set_id: str) -> None:
    """§14.9/§14.16: a food product's dossier needs its food-safety certificate under every
    rule set whose sheets knock it out without one (R1-R3 use the 2026 sheets), for every
    kind; a handicraft (21) or a tourism service (26) does not."""
    rule_set = load_rule_set(rule_set_id)
    for kind in DossierKind:
        coffee = dossier_requirements(rule_set, kind, 13).documents
        assert [(d.category, d.knockout) for d in coffee] == [
            ("food_safety_certificate", "food_safety_certificate")
        ]
        assert coffee[0].label.vi == "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"
    food_sets = {
        n
        for n in range(1, 27)
        if "food_safety_certificate"
        in [d.category for d in dossier_requirements(rule_set, DossierKind.FIRST, n).documents]
    }
    assert food_sets == set(range(1, 18))
    assert dossier_requirements(rule_set, DossierKind.FIRST, 21).documents == ()
    assert dossier_requirements(rule_set, DossierKind.FIRST, 26).documents == ()
    liquor = dossier_requirements(rule_set, DossierKind.FIRST, 15).documents
    assert [d.category for d in liquor] == ["food_safety_certificate", "production_licence"]


def test_rule_17_commune_check_in_working_days(r1: RuleSet, r3: RuleSet) -> None:
    # Friday 06/02/2026; Tết holidays 16-20/02/2026 are skipped.
    deadline = commune_check_deadline(date(2026, 2, 6), r3)
    assert deadline == date(2026, 3, 6)
    no_holidays = WorkingCalendar(public_holidays=False)
    assert commune_check_deadline(date(2026, 2, 6), r3, no_holidays) == date(2026, 2, 27)
    assert is_overdue(deadline, today=date(2026, 3, 9))
    assert not is_overdue(deadline, today=date(2026, 3, 6))
    assert commune_check_deadline(date(2024, 2, 6), r1) is None


def test_rule_17_r1_commune_check_comes_from_the_local_policy(r1: RuleSet, r2: RuleSet) -> None:
    """R1/R2 set no commune time limit (148/1489 as found): the Kon Tum 2025 plan's 15
    working days apply to dossiers it covers; R3's own 15 days are never replaced."""
    kontum = load_local_policy("kontum-district-2025")
    assert r1.deadlines.commune_check_working_days is None
    # Monday 03/03/2025 + 15 working days = Monday 24/03/2025
    assert commune_check_deadline(date(2025, 3, 3), r1, local_policies=[kontum]) == date(
        2025, 3, 24
    )
    assert commune_check_deadline(date(2025, 3, 3), r1) is None
    assert commune_check_deadline(date(2025, 9, 1), r2, local_policies=[kontum]) is not None
    assert commune_check_deadline(date(2024, 3, 1), r1, local_policies=[kontum]) is None
    r3 = load_rule_set("R3")
    lenient = kontum.model_copy(
        update={"commune_check_working_days": 30, "applies_to_rule_sets": ("R3",),
                "effective_to": None}
    )  # fmt: skip
    assert commune_check_deadline(date(2026, 6, 1), r3, local_policies=[lenient]) == (
        commune_check_deadline(date(2026, 6, 1), r3)
    )


@pytest.mark.parametrize(
    ("forwarded", "decided_by"),
    [
        (date(2026, 4, 30), date(2026, 6, 30)),
        (date(2026, 5, 1), date(2026, 12, 30)),
        (date(2026, 10, 30), date(2026, 12, 30)),
        (date(2026, 10, 31), date(2027, 6, 30)),
    ],
)
def test_rule_18_province_rounds(r3: RuleSet, forwarded: date, decided_by: date) -> None:
    assigned = assign_round(forwarded, r3, Tier.PROVINCE)
    assert assigned is not None and assigned.decided_by == decided_by


def test_rule_18_local_rounds_are_configured(r1: RuleSet) -> None:
    kontum = load_local_policy("kontum-district-2025")
    assert assign_round(date(2025, 4, 15), r1, Tier.DISTRICT) is None
    may = assign_round(date(2025, 4, 15), r1, Tier.DISTRICT, [kontum])
    assert may is not None and may.decided_by == date(2025, 5, 31) and may.source == kontum.id
    # The November round would be decided after districts ended (30/06/2025): it is
    # not offered; R1 names no province round, so no round is assigned.
    assert assign_round(date(2025, 5, 2), r1, Tier.DISTRICT, [kontum]) is None
    assert assign_round(date(2025, 7, 3), r1, Tier.DISTRICT, [kontum]) is None


@pytest.mark.parametrize(
    ("forwarded", "decided_by"),
    [
        (date(2026, 7, 30), date(2026, 9, 30)),
        (date(2026, 7, 31), date(2027, 3, 30)),
        (date(2027, 1, 30), date(2027, 3, 30)),
        (date(2027, 1, 31), date(2027, 9, 30)),
    ],
)
def test_rule_19_central_rounds(r3: RuleSet, forwarded: date, decided_by: date) -> None:
    assigned = assign_round(forwarded, r3, Tier.CENTRAL)
    assert assigned is not None and assigned.decided_by == decided_by


# ----- certificates, re-evaluation, revocation, inspection -----------------


def test_rule_21_valid_to_convention(r3: RuleSet) -> None:
    assert certificate_valid_to(date(2026, 8, 5), r3) == date(2029, 8, 5)
    assert certificate_valid_to(date(2026, 8, 5), r3, LastDayConvention.DAY_BEFORE) == date(
        2029, 8, 4
    )
    assert certificate_valid_to(date(2024, 2, 29), r3) == date(2027, 2, 28)
    # The rule set's own data decides when no convention is passed.
    day_before = with_deadlines(r3, valid_to_convention=LastDayConvention.DAY_BEFORE)
    assert certificate_valid_to(date(2026, 8, 5), day_before) == date(2029, 8, 4)
    assert certificate_valid_to(date(2026, 8, 5), day_before, LastDayConvention.SAME_DAY) == date(
        2029, 8, 5
    )
    assert certificate_valid_to(
        date(2026, 8, 5), with_deadlines(r3, certificate_validity_months=24)
    ) == date(2028, 8, 5)


def test_rule_22_reevaluation_window_and_late_filers(r1: RuleSet, r3: RuleSet) -> None:
    valid_to = date(2029, 8, 5)
    assert reevaluation_window(valid_to, r3) == (date(2029, 2, 6), date(2029, 4, 7))
    assert reevaluation_filing_timing(date(2029, 2, 5), valid_to, r3) == "early"
    assert reevaluation_filing_timing(date(2029, 2, 6), valid_to, r3) == "on_time"
    assert reevaluation_filing_timing(date(2029, 4, 7), valid_to, r3) == "on_time"
    assert reevaluation_filing_timing(date(2029, 4, 8), valid_to, r3) == "late"
    assert late_filer_valid_until(valid_to, r3) == date(2030, 2, 1)
    assert reevaluation_window(valid_to, r1) is None


def test_rule_23_r1_expiry_notice(r1: RuleSet, r3: RuleSet) -> None:
    assert expiry_notice_date(date(2027, 3, 15), r1) == date(2027, 2, 13)
    assert certificate_dates(date(2024, 3, 15), r1).expiry_notice_by == date(2027, 2, 13)
    assert expiry_notice_date(date(2029, 8, 5), r3) is None
    assert authority(r1, 3, Step.NOTIFY_EXPIRY) == Tier.DISTRICT


def test_rule_24_reevaluation_decided_within_45_days(r1: RuleSet, r3: RuleSet) -> None:
    assert reevaluation_decision_deadline(date(2029, 3, 1), r3) == date(2029, 4, 15)
    assert reevaluation_decision_deadline(date(2029, 3, 1), r1) is None


def test_rule_25_expiry_and_grace(r3: RuleSet) -> None:
    valid_to = date(2029, 8, 5)
    grace = late_filer_valid_until(valid_to, r3)
    assert certificate_state(valid_to, date(2029, 8, 5)) == "valid"
    assert certificate_state(valid_to, date(2029, 8, 6)) == "expired"
    assert certificate_state(valid_to, date(2029, 10, 1), extended_until=grace) == "valid"
    assert certificate_state(valid_to, date(2030, 2, 2), extended_until=grace) == "expired"


def test_rule_26_revocation_authority_and_deadline(r3: RuleSet) -> None:
    assert authority(r3, 3, Step.REVOKE) == Tier.PROVINCE
    assert authority(r3, 4, Step.REVOKE) == Tier.PROVINCE
    assert authority(r3, 5, Step.REVOKE) == Tier.CENTRAL
    assert revocation_deadline(date(2026, 9, 1), r3) == date(2026, 9, 16)
    valid_to = date(2029, 8, 5)
    assert certificate_state(valid_to, date(2027, 1, 1), revoked_on=date(2026, 12, 1)) == "revoked"
    assert certificate_state(valid_to, date(2026, 11, 30), revoked_on=date(2026, 12, 1)) == "valid"


def test_rule_26_revocation_grounds_a_to_e(r1: RuleSet, r3: RuleSet) -> None:
    """R3 Art. 8.1: a, b, c, d, đ, e — the only grounds; others are refused."""
    assert [g.letter for g in revocation_grounds(r3)] == ["a", "b", "c", "d", "đ", "e"]
    assert revocation_ground(r3, "dd").label.vi == "Chủ thể không còn sản xuất sản phẩm OCOP"
    assert "kiểm tra, giám sát" in revocation_ground(r3, "b").label.vi
    assert [g.code for g in revocation_grounds(r1)] == ["a", "b", "c", "d", "dd", "e"]
    with pytest.raises(RulesError, match=r"ground: R3 has no revocation ground 'f'"):
        revocation_ground(r3, "f")
    assert revocation_grounds(load_rule_set("R0")) == ()


def test_rule_27_inspection_frequency_is_local_policy(r1: RuleSet, r3: RuleSet) -> None:
    kontum = load_local_policy("kontum-district-2025")
    national = inspection_plan(r3, 3, [kontum], on=date(2026, 8, 1))
    assert national.every_months is None  # R3 Art. 9 sets no frequency
    assert national.kinds == ("periodic", "ad_hoc") and len(national.scope) == 2
    assert national.authorities == (Tier.PROVINCE, Tier.CENTRAL)
    assert inspection_plan(r3, 5).authorities[0] == Tier.CENTRAL
    assert next_periodic_inspection(date(2026, 8, 1), r3, 3, [kontum]) is None
    local = inspection_plan(r1, 3, [kontum], on=date(2025, 3, 1))
    assert local.every_months == 3 and local.frequency_source == kontum.id
    assert next_periodic_inspection(date(2025, 3, 31), r1, 3, [kontum]) == date(2025, 6, 30)
    assert inspection_plan(r1, 3, [], on=date(2025, 3, 1)).every_months is None
    assert inspection_plan(r1, 3, [kontum], on=date(2026, 3, 1)).every_months is None

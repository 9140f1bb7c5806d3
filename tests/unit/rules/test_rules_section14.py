"""OCOP-RULES.md §14: every testable rule about rule sets, scoring, deadlines and
authorities, one test per rule, named after its number."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rules import (
    Deployment,
    DossierKind,
    LastDayConvention,
    MemberSheet,
    NotCompetentError,
    Outcome,
    RulesError,
    RuleSet,
    SheetError,
    ShortfallMode,
    Step,
    Tier,
    UnknownRuleSetError,
    WorkingCalendar,
    assign_round,
    authority,
    band_for,
    certificate_dates,
    certificate_state,
    certificate_valid_to,
    commune_check_deadline,
    council_mean,
    council_result,
    dossier_requirements,
    ensure_tier_exists,
    expiry_notice_date,
    import_result,
    inspection_plan,
    is_overdue,
    late_filer_valid_until,
    load_local_policy,
    load_rule_set,
    may_act,
    next_periodic_inspection,
    plan_targets,
    product_sets,
    reevaluation_decision_deadline,
    reevaluation_filing_timing,
    reevaluation_window,
    report_periods,
    reports_due,
    revocation_deadline,
    revocation_ground,
    revocation_grounds,
    rubric_for,
    score_member,
    select_rule_set,
    target_status,
    transition_terms,
)
from rules.build import build_rule_set
from rules.errors import RuleSetError
from rules.loader import load_bundle
from rules.rubric import PartCode

from .helpers import lowest_sheet, sheet_at


@pytest.fixture(scope="module")
def r1() -> RuleSet:
    return load_rule_set("R1")


@pytest.fixture(scope="module")
def r2() -> RuleSet:
    return load_rule_set("R2")


@pytest.fixture(scope="module")
def r3() -> RuleSet:
    return load_rule_set("R3")


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


def _with_deadlines(rule_set: RuleSet, **changes: object) -> RuleSet:
    return rule_set.model_copy(update={"deadlines": rule_set.deadlines.model_copy(update=changes)})


def test_rule_03_certificates_keep_their_own_expiry(r1: RuleSet, r3: RuleSet) -> None:
    issued = date(2024, 3, 15)
    own = certificate_dates(issued, r1)
    # A later rule set with another validity and no expiry notice changes neither.
    shorter = _with_deadlines(r3, certificate_validity_months=24, expiry_notice_days_before=None)
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


# ----- scoring --------------------------------------------------------------


def test_rule_04_part_maxima_and_refusal_of_bad_sums(r1: RuleSet, r2: RuleSet, r3: RuleSet) -> None:
    assert load_rule_set("R0").scoring.part_maxima == {"A": 35, "B": 25, "C": 40}
    for rule_set in (r1, r2, r3):
        assert rule_set.scoring.part_maxima == {"A": 40, "B": 25, "C": 35}
        for sheet in rule_set.rubric.sets:
            assert sheet.part_maxima() == {"A": 40, "B": 25, "C": 35}, sheet.number
    from .test_rules_loading import r3_document

    document = r3_document()
    document["scoring"]["part_maxima"] = {"A": 35, "B": 25, "C": 40}  # the R0 split
    with pytest.raises(RuleSetError, match=r"set 1 › part A: maximum 40 differs"):
        build_rule_set(document, load_bundle("qd26-2026"))
    document["scoring"]["part_maxima"] = {"A": 40, "B": 25, "C": 30}
    with pytest.raises(RuleSetError, match=r"parts add up to 95, not 100"):
        build_rule_set(document, load_bundle("qd26-2026"))


def test_rule_05_exactly_one_option_per_leaf(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 13, 80)
    scored = score_member(r3, 13, sheet)
    rubric = rubric_for(r3, 13)
    for line in scored.lines:
        leaf = rubric.leaf(line.criterion)
        assert leaf is not None
        option = leaf.option(line.option)
        assert option is not None and line.points == option.points <= leaf.max
    missing = MemberSheet(
        member="TV1", choices={k: v for k, v in sheet.choices.items() if k != "2.3"}
    )
    with pytest.raises(SheetError, match=r"members\[TV1\]\.choices.*2\.3"):
        score_member(r3, 13, missing)
    wrong = MemberSheet(member="TV1", choices={**sheet.choices, "2.3": "9"})
    with pytest.raises(SheetError, match=r"members\[TV1\]\.choices\.2\.3.*unknown option '9'"):
        score_member(r3, 13, wrong)
    # Alternative option sets ("Trường hợp 1/2"): an option of either case is one answer.
    for case in ("1", "2"):
        tourism = sheet_at(r3, 26, 70, case=case)
        scored = score_member(r3, 26, tourism)
        assert {ln.case for ln in scored.lines if ln.criterion in ("8", "9", "15")} == {case}
    # …but one sheet does not mix them (set 26's condition, validated on load).
    mixed = MemberSheet(member="TV1", choices={**sheet_at(r3, 26, 70).choices, "9": "4"})
    with pytest.raises(SheetError, match=r"members\[TV1\]\.choices\.9: case 2 mixed with case 1"):
        score_member(r3, 26, mixed)


def test_rule_05_story_structure_counts_only_with_a_story(r3: RuleSet) -> None:
    """Sheets 1-25, 5.2 "Chỉ áp dụng khi có câu chuyện sản phẩm"."""
    story = MemberSheet(member="TV1", choices={**sheet_at(r3, 13, 80).choices, "5.2": "3"})
    with_story = {ln.criterion: ln for ln in score_member(r3, 13, story).lines}
    assert with_story["5.2"].points == 2 and with_story["5.2"].applicable
    none = MemberSheet(member="TV1", choices={**story.choices, "5.1": "1"})
    scored = score_member(r3, 13, none)
    without = {ln.criterion: ln for ln in scored.lines}
    assert without["5.1"].points == 0
    assert without["5.2"].points == 0 and not without["5.2"].applicable
    assert scored.total == score_member(r3, 13, story).total - with_story["5.1"].points - 2


def test_rule_06_mean_of_members_two_decimals(r3: RuleSet) -> None:
    assert council_mean(r3, [Decimal(70), Decimal(70), Decimal(69)]) == Decimal("69.67")
    assert council_mean(r3, [Decimal(70)] * 7 + [Decimal(71)]) == Decimal("70.13")  # half-up
    sheets = [sheet_at(r3, 13, t, member=f"TV{i}") for i, t in enumerate((70, 70, 69))]
    result = council_result(r3, 13, sheets)
    assert result.total == Decimal("69.67")
    assert result.band_star == 3


def test_rule_06_part_subtotals_are_member_means(r3: RuleSet) -> None:
    """Worked by hand: set 13 at the top is A 40 / B 25 / C 35. TV2 answers 1.1 with
    option 1 (1 point instead of 3: A 38); TV3 answers 5.3 with option 1 (0 of 5: B 20)
    and 7 with option 1 (0 of 5: C 30). Means: A 39.33, B 23.33, C 33.33; totals 100, 98
    and 90, mean 96.00 (the part means add up to 95.99: each is rounded on its own)."""
    top = sheet_at(r3, 13, 100)
    tv2 = MemberSheet(member="TV2", choices={**top.choices, "1.1": "1"})
    tv3 = MemberSheet(member="TV3", choices={**top.choices, "5.3": "1", "7": "1"})
    result = council_result(r3, 13, [top, tv2, tv3])
    assert [m.parts for m in result.members] == [
        {"A": 40, "B": 25, "C": 35},
        {"A": 38, "B": 25, "C": 35},
        {"A": 40, "B": 20, "C": 30},
    ]
    assert result.parts == {"A": Decimal("39.33"), "B": Decimal("23.33"), "C": Decimal("33.33")}
    assert result.total == Decimal("96.00")


@pytest.mark.parametrize(
    ("score", "star"),
    [
        ("69.99", 3),
        ("70.00", 4),
        ("89.99", 4),
        ("90.00", 5),
        ("100", 5),
        ("49.99", 2),
        ("50.00", 3),
        ("29.99", 1),
        ("30.00", 2),
        ("0", 1),
    ],
)
def test_rule_07_bands_half_open(r3: RuleSet, score: str, star: int) -> None:
    assert band_for(r3, Decimal(score)) == star


def test_rule_08_minimums_cap_or_reject_set_1(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 1, 75, floor_star=4, overrides={"2.3": "2"})  # 2 pts, no e-trace code
    cap = council_result(r3, 1, [sheet], mode=ShortfallMode.CAP)
    reject = council_result(r3, 1, [sheet], mode=ShortfallMode.REJECT)
    assert cap.total == Decimal("75.00") and cap.band_star == 4
    assert [c.criterion for c in cap.unmet(4)] == ["2.3"]
    assert cap.minimums_met(3)
    assert cap.awarded_star == 3 and cap.outcome == Outcome.RECOGNISED and cap.certificate_issued
    assert reject.awarded_star is None and reject.outcome == Outcome.NOT_RECOGNISED
    assert not reject.certificate_issued
    # With the e-traceability option it is 4★ in both modes.
    full = sheet_at(r3, 1, 75, floor_star=4)
    for mode in ShortfallMode:
        assert council_result(r3, 1, [full], mode=mode).awarded_star == 4


def test_rule_08_missing_a_3_star_minimum_is_not_recognised_and_no_star(r3: RuleSet) -> None:
    """ "Không đạt" is not 2★: 2★ needs 30-<50 points (§1.1, §1.3)."""
    sheet = sheet_at(
        r3, 1, 60, floor_star=3, overrides={"2.2": "1"}
    )  # below the 3★ packaging floor
    for mode in ShortfallMode:
        result = council_result(r3, 1, [sheet], mode=mode)
        assert result.band_star == 3
        assert result.awarded_star is None and result.outcome == Outcome.NOT_RECOGNISED
        assert result.recognised_star is None and not result.certificate_issued
        assert result.routing.action == "none"


def test_rule_08_every_member_must_reach_a_minimum(r3: RuleSet) -> None:
    """R3 aggregates a minimum over every member ('all_members'), not their mean:
    TV1 gives 2.3 the e-traceability option (3), TV2 and TV3 do not (2) → 4★ missed."""
    assert r3.scoring.minimum_aggregation == "all_members"
    with_code = sheet_at(r3, 13, 80, floor_star=4, overrides={"2.3": "3"})
    without = [
        MemberSheet(member=m, choices={**with_code.choices, "2.3": "2", "2.4": "2"})
        for m in ("TV2", "TV3")
    ]
    result = council_result(r3, 13, [with_code, *without])
    check = next(c for c in result.minimums if c.star == 4 and c.criterion == "2.3")
    assert check.member_points == (Decimal(3), Decimal(2), Decimal(2)) and not check.met
    assert result.awarded_star == 3
    unanimous = council_result(r3, 13, [with_code] * 1)
    assert unanimous.awarded_star == 4


@pytest.mark.parametrize(
    ("product_set", "code"),
    [
        (1, "falsified_dossier"),
        (1, "food_safety_certificate"),
        (13, "imported_or_untraceable_material"),
        (5, "copy_of_other_product"),
        (21, "ip_violation"),
        (1, "unacceptable_foreign_matter"),
        (15, "production_licence"),
    ],
)
def test_rule_09_knockouts_reject_whatever_the_score(
    r3: RuleSet, product_set: int, code: str
) -> None:
    best = sheet_at(r3, product_set, 100)
    flagged = MemberSheet(member="TV2", choices=best.choices, knockouts=(code,))
    for result in (
        council_result(r3, product_set, [best], council_knockouts=[code]),
        council_result(r3, product_set, [best, flagged]),
    ):
        assert result.total == 100
        for mode in ShortfallMode:
            outcome = result.under(mode)
            assert outcome.outcome == Outcome.REJECTED
            assert outcome.awarded_star is None and not outcome.certificate_issued
        assert [k.code for k in result.knockouts if k.triggered] == [code]


def test_rule_09_zero_sensory_score_rejects_set_16(r3: RuleSet) -> None:
    best = sheet_at(r3, 16, 100)
    zero = MemberSheet(member="TV1", choices={**best.choices, "6.1": "1"})  # 0 points
    result = council_result(r3, 16, [zero])
    assert result.outcome == Outcome.REJECTED
    assert next(k for k in result.knockouts if k.triggered).code == "zero_sensory_score"


def test_rule_09_set_16_zero_is_the_council_mean_not_one_member(r3: RuleSet) -> None:
    """One member's 0 on 6.1 while another gives points is not the knock-out."""
    best = sheet_at(r3, 16, 100, member="TV2")
    zero = MemberSheet(member="TV1", choices={**best.choices, "6.1": "1"})
    result = council_result(r3, 16, [zero, best])
    assert result.outcome != Outcome.REJECTED
    assert not any(k.triggered for k in result.knockouts)


def test_rule_09_knockout_must_belong_to_the_set(r3: RuleSet) -> None:
    with pytest.raises(SheetError, match=r"knockouts\.ip_violation"):
        council_result(r3, 1, [sheet_at(r3, 1, 80)], council_knockouts=["ip_violation"])


@pytest.mark.parametrize(("target", "star"), [(40, 2), (25, 1)])
def test_rule_10_no_certificate_for_one_and_two_stars(r3: RuleSet, target: int, star: int) -> None:
    rubric_floor = council_result(r3, 13, [lowest_sheet(r3, 13)]).total
    assert rubric_floor < target
    result = council_result(r3, 13, [sheet_at(r3, 13, target)])
    assert result.band_star == star
    assert result.awarded_star == star
    assert result.outcome == Outcome.NOT_RECOGNISED
    assert not result.certificate_issued
    assert result.routing.action == "none"


# ----- authorities and routing ---------------------------------------------


def test_rule_11_r1_district_scores_and_forwards(r1: RuleSet) -> None:
    assert authority(r1, None, Step.RECEIVE) == Tier.DISTRICT
    assert authority(r1, None, Step.PRE_ASSESS) == Tier.COMMUNE
    assert authority(r1, 3, Step.SCORE) == Tier.DISTRICT
    assert authority(r1, 3, Step.RECOGNISE) == Tier.DISTRICT
    assert authority(r1, 4, Step.RECOGNISE) == Tier.PROVINCE
    assert authority(r1, 5, Step.RECOGNISE) == Tier.CENTRAL
    three = council_result(r1, 13, [sheet_at(r1, 13, 60, floor_star=3)], tier=Tier.DISTRICT)
    assert three.routing.action == "recognise" and three.routing.tier == Tier.DISTRICT
    assert three.certificate_issued and three.awarded_star == 3
    four = sheet_at(r1, 13, 75, floor_star=4)
    at_district = council_result(r1, 13, [four], tier=Tier.DISTRICT)
    assert at_district.routing.action == "forward" and at_district.routing.tier == Tier.PROVINCE
    assert at_district.outcome == Outcome.FORWARDED and not at_district.certificate_issued
    at_province = council_result(r1, 13, [four], tier=Tier.PROVINCE)
    assert at_province.routing.action == "recognise" and at_province.routing.tier == Tier.PROVINCE
    five = council_result(r1, 13, [sheet_at(r1, 13, 92, floor_star=5)], tier=Tier.PROVINCE)
    assert five.routing.action == "forward" and five.routing.tier == Tier.CENTRAL
    assert five.routing.approve_result_by == Tier.PROVINCE


def test_rule_11_r1_forwarding_is_decided_by_score(r1: RuleSet) -> None:
    """Seed plan: "đạt từ 70 điểm trở lên sẽ được chuyển hồ sơ … cấp tỉnh". A district
    75 missing a 4★ minimum (no e-traceability code) goes to the province, which
    applies the minimums; the district does not cap it to 3★."""
    short = sheet_at(r1, 13, 75, floor_star=4, overrides={"2.3": "2"})
    for mode in ShortfallMode:
        result = council_result(r1, 13, [short], tier=Tier.DISTRICT, mode=mode)
        assert result.under(mode).routing.action == "forward"
        assert result.under(mode).routing.tier == Tier.PROVINCE
        assert not result.under(mode).certificate_issued
    below = council_result(r1, 13, [sheet_at(r1, 13, 69, floor_star=3)], tier=Tier.DISTRICT)
    assert below.routing.action == "recognise" and below.routing.tier == Tier.DISTRICT


def test_rule_11_minimums_gate_forwarding_is_a_switch_off_by_default(r1: RuleSet) -> None:
    """The pre-issue-12 reading survives only as Deployment.minimums_gate_forwarding."""
    assert Deployment(jurisdiction="x").minimums_gate_forwarding is False
    short = sheet_at(r1, 13, 75, floor_star=4, overrides={"2.3": "2"})
    gated = council_result(r1, 13, [short], tier=Tier.DISTRICT, minimums_gate_forwarding=True)
    assert gated.routing.action == "recognise" and gated.routing.tier == Tier.DISTRICT
    assert gated.awarded_star == 3 and gated.certificate_issued


@pytest.mark.parametrize("mode", list(ShortfallMode))
def test_rule_11_r1_province_shortfall_returns_to_the_district(
    r1: RuleSet, mode: ShortfallMode
) -> None:
    """A province result below 4★ (missed minimum, or a score under 70) goes back to the
    district: recognise 3★ where the score and minimums allow it, or re-evaluate; no
    certificate until the district acts. 45 can only be re-evaluated (seed footnote 2)."""
    short = sheet_at(r1, 13, 75, floor_star=4, overrides={"2.3": "2"})
    result = council_result(r1, 13, [short], tier=Tier.PROVINCE, mode=mode).under(mode)
    assert result.outcome == Outcome.RETURNED and not result.certificate_issued
    assert result.routing.action == "return" and result.routing.tier == Tier.DISTRICT
    assert result.routing.short_of_star == 4
    if mode == ShortfallMode.CAP:
        assert result.routing.alternatives == ("recognise", "reevaluate")
        assert result.routing.recognisable_star == 3
    else:
        assert result.routing.alternatives == ("reevaluate",)
    sixty_five = council_result(r1, 13, [sheet_at(r1, 13, 65, floor_star=3)], tier=Tier.PROVINCE)
    assert sixty_five.routing.action == "return" and sixty_five.routing.recognisable_star == 3
    low = council_result(r1, 13, [sheet_at(r1, 13, 45)], tier=Tier.PROVINCE, mode=mode)
    assert low.outcome == Outcome.RETURNED and not low.certificate_issued
    assert low.routing.tier == Tier.DISTRICT and low.routing.alternatives == ("reevaluate",)


def test_rule_12_r2_r3_have_no_district_step(r2: RuleSet, r3: RuleSet) -> None:
    for rule_set in (r2, r3):
        assert Tier.DISTRICT not in rule_set.tiers
        assert rule_set.first_scoring_tier == Tier.PROVINCE
        assert authority(rule_set, None, Step.RECEIVE) == Tier.COMMUNE
        assert authority(rule_set, None, Step.PRE_ASSESS) == Tier.COMMUNE
        assert authority(rule_set, 3, Step.RECOGNISE) == Tier.PROVINCE
        assert authority(rule_set, 4, Step.RECOGNISE) == Tier.PROVINCE
        assert authority(rule_set, 5, Step.RECOGNISE) == Tier.CENTRAL
        assert authority(rule_set, 5, Step.APPROVE_RESULT) == Tier.PROVINCE
        report = rule_set.dossier.commune_report
        assert report is not None and "lao động địa phương" in report.criteria.vi
        result = council_result(rule_set, 13, [sheet_at(rule_set, 13, 92, floor_star=5)])
        assert result.routing.action == "forward" and result.routing.tier == Tier.CENTRAL
        assert result.routing.approve_result_by == Tier.PROVINCE
        # 92 points but a 5★ minimum missing: still forwarded to the ministry, whose
        # council applies the 5★ minimums (R3 Art. 7.3.e: "≥ 90 điểm").
        short = sheet_at(rule_set, 13, 92, floor_star=4, overrides={"4.1": "3"})
        short_result = council_result(rule_set, 13, [short])
        assert short_result.routing.action == "forward"
        assert short_result.routing.tier == Tier.CENTRAL and not short_result.certificate_issued


def test_rule_12_no_district_or_commune_council_under_r3(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 13, 60, floor_star=3)
    for tier in (Tier.DISTRICT, Tier.COMMUNE):
        with pytest.raises(NotCompetentError, match=rf"tier: R3 has no {tier.value} council"):
            council_result(r3, 13, [sheet], tier=tier)


def test_rule_12_district_council_refused_after_30_06_2025(r1: RuleSet) -> None:
    sheet = sheet_at(r1, 13, 60, floor_star=3)
    ok = council_result(r1, 13, [sheet], tier=Tier.DISTRICT, on=date(2025, 6, 30))
    assert ok.routing.tier == Tier.DISTRICT
    with pytest.raises(NotCompetentError, match=r"tier: the district tier ended on 30/06/2025"):
        council_result(r1, 13, [sheet], tier=Tier.DISTRICT, on=date(2025, 7, 2))
    # The successor (province) scores the pending R1 dossier and recognises 3★ itself.
    moved = council_result(r1, 13, [sheet], tier=Tier.PROVINCE, on=date(2025, 7, 2))
    assert moved.routing.action == "recognise" and moved.routing.tier == Tier.PROVINCE


@pytest.mark.parametrize("score", [85, 92])
def test_rule_13_central_shortfall_back_to_province(r3: RuleSet, score: int) -> None:
    """R3 Art. 7.4.g: below 5★ at the central council (85, or 92 missing a 5★ minimum)
    returns the dossier to the province: recognise 4★ or re-evaluate; no certificate."""
    sheet = sheet_at(r3, 13, score, floor_star=4, overrides={"4.1": "3"})
    result = council_result(r3, 13, [sheet], tier=Tier.CENTRAL)
    assert result.awarded_star == 4 and result.outcome == Outcome.RETURNED
    assert result.routing.action == "return" and result.routing.tier == Tier.PROVINCE
    assert result.routing.alternatives == ("recognise", "reevaluate")
    assert result.routing.recognisable_star == 4 and result.routing.short_of_star == 5
    assert not result.certificate_issued  # nothing until the province acts
    five = council_result(r3, 13, [sheet_at(r3, 13, 92, floor_star=5)], tier=Tier.CENTRAL)
    assert five.routing.action == "recognise" and five.routing.tier == Tier.CENTRAL
    assert five.certificate_issued


def test_rule_14_only_the_configured_authority_may_decide(r1: RuleSet, r3: RuleSet) -> None:
    assert not may_act(r3, Tier.COMMUNE, Step.RECOGNISE, 3)
    assert may_act(r3, Tier.PROVINCE, Step.RECOGNISE, 3)
    assert may_act(r3, Tier.PROVINCE, Step.RECOGNISE, 4)
    assert not may_act(r3, Tier.PROVINCE, Step.RECOGNISE, 5)
    assert may_act(r3, Tier.CENTRAL, Step.RECOGNISE, 5)
    assert not may_act(r3, Tier.PROVINCE, Step.REVOKE, 5)
    assert may_act(r3, Tier.CENTRAL, Step.REVOKE, 5)
    assert not may_act(r3, Tier.PROVINCE, Step.RECOGNISE, 2)
    assert may_act(r1, Tier.DISTRICT, Step.RECOGNISE, 3, on=date(2025, 6, 30))
    assert not may_act(r1, Tier.DISTRICT, Step.RECOGNISE, 3, on=date(2025, 7, 1))
    assert may_act(r1, Tier.PROVINCE, Step.RECOGNISE, 3, on=date(2025, 7, 1))


def test_rule_14_lapsed_rule_sets_no_longer_decide(r2: RuleSet) -> None:
    """R2 (1489) lapsed after 21/07/2026 (R3 Art. 11.2): no scoring or recognition on
    01/09/2026; revocation of its certificates goes on (R3 Art. 12.1)."""
    assert may_act(r2, Tier.PROVINCE, Step.RECOGNISE, 3, on=date(2026, 7, 21))
    assert not may_act(r2, Tier.PROVINCE, Step.RECOGNISE, 3, on=date(2026, 9, 1))
    assert may_act(r2, Tier.PROVINCE, Step.REVOKE, 3, on=date(2026, 9, 1))
    sheet = sheet_at(r2, 13, 60, floor_star=3)
    with pytest.raises(NotCompetentError, match=r"in_force_until: R2 lapsed after 21/07/2026.*R3"):
        council_result(r2, 13, [sheet], on=date(2026, 9, 1))


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
    day_before = _with_deadlines(r3, valid_to_convention=LastDayConvention.DAY_BEFORE)
    assert certificate_valid_to(date(2026, 8, 5), day_before) == date(2029, 8, 4)
    assert certificate_valid_to(date(2026, 8, 5), day_before, LastDayConvention.SAME_DAY) == date(
        2029, 8, 5
    )
    assert certificate_valid_to(
        date(2026, 8, 5), _with_deadlines(r3, certificate_validity_months=24)
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

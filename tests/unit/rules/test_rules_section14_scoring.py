"""OCOP-RULES.md §14, rules 04-10: scoring a sheet, the council's mean, bands,
minimums and knock-outs. One test per rule, named after its number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rules import (
    MemberSheet,
    Outcome,
    RuleSet,
    SheetError,
    ShortfallMode,
    band_for,
    council_mean,
    council_result,
    load_rule_set,
    rubric_for,
    score_member,
)
from rules.build import build_rule_set
from rules.errors import RuleSetError
from rules.loader import load_bundle

from .helpers import lowest_sheet, sheet_at

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

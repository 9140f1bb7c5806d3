"""Tests added after the mutation run (make mutation): each kills surviving mutants of
rules/scoring.py, rules/authorities.py or rules/selection.py that changed behaviour the
law fixes. The §14 rule each protects is in its name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from rules import (
    Deployment,
    DossierKind,
    NotCompetentError,
    Outcome,
    RuleSet,
    SheetError,
    Tier,
    council_result,
    load_local_policy,
    load_rule_set,
    return_route,
    route,
    score_member,
    select_rule_set,
    transition_terms,
)

from .helpers import sheet_at


def _scoring(rule_set: RuleSet, **changes: object) -> RuleSet:
    return rule_set.model_copy(update={"scoring": rule_set.scoring.model_copy(update=changes)})


@pytest.mark.parametrize(
    ("rule_set_id", "at", "score"), [("R1", "district", 70), ("R3", "province", 90)]
)
def test_rule_11_forwarding_threshold_is_inclusive(rule_set_id: str, at: str, score: int) -> None:
    rule_set = load_rule_set(rule_set_id)
    star = 5 if score == 90 else 4
    exact = council_result(
        rule_set, 13, [sheet_at(rule_set, 13, score, floor_star=star)], tier=Tier(at)
    )
    assert exact.total == score and exact.routing.action == "forward"
    below = council_result(
        rule_set, 13, [sheet_at(rule_set, 13, score - 1, floor_star=star)], tier=Tier(at)
    )
    assert below.routing.action == "recognise"


def test_rule_11_route_forwards_by_score_unless_the_switch_is_on(r1: RuleSet) -> None:
    """route() itself: the gate is off by default; on, it forwards only what is reachable."""
    assert route(r1, Tier.DISTRICT, Decimal(75), 3, reachable=frozenset({3})).action == "forward"
    gated = route(
        r1, Tier.DISTRICT, Decimal(75), 3, reachable=frozenset({3}), minimums_gate_forwarding=True
    )
    assert gated.action == "recognise" and gated.tier == Tier.DISTRICT
    met = route(
        r1,
        Tier.DISTRICT,
        Decimal(75),
        4,
        reachable=frozenset({3, 4}),
        minimums_gate_forwarding=True,
    )
    assert met.action == "forward" and met.tier == Tier.PROVINCE
    full = sheet_at(r1, 13, 75, floor_star=4)
    result = council_result(r1, 13, [full], tier=Tier.DISTRICT, minimums_gate_forwarding=True)
    assert result.routing.action == "forward"


def test_rule_31_r1_province_after_the_district_ended(r1: RuleSet) -> None:
    """From 01/07/2025 the province holds the district's roles: it recognises 3★ itself
    (nothing to return to) and still forwards ≥ 90 to the Ministry."""
    short = sheet_at(r1, 13, 75, floor_star=4, overrides={"2.3": "2"})
    after = council_result(r1, 13, [short], tier=Tier.PROVINCE, on=date(2025, 7, 2))
    assert after.outcome == Outcome.RECOGNISED and after.awarded_star == 3
    assert after.routing.tier == Tier.PROVINCE and after.certificate_issued
    before = council_result(r1, 13, [short], tier=Tier.PROVINCE, on=date(2025, 6, 30))
    assert before.routing.action == "return" and before.routing.tier == Tier.DISTRICT
    five = council_result(
        r1, 13, [sheet_at(r1, 13, 92, floor_star=5)], tier=Tier.PROVINCE, on=date(2025, 7, 2)
    )
    assert five.routing.action == "forward" and five.routing.tier == Tier.CENTRAL


@pytest.mark.parametrize(
    ("above", "score", "tier", "options", "star"),
    [
        ("province", "75.00", "district", ("recognise", "reevaluate"), 3),
        ("province", "45.00", "district", ("reevaluate",), None),
        ("central", "92.00", "province", ("recognise", "reevaluate"), 4),
        ("central", "60.00", "province", ("recognise", "reevaluate"), 3),
    ],
)
def test_rule_13_return_route_gives_the_lower_level_its_options(
    above: str, score: str, tier: str, options: tuple[str, ...], star: int | None
) -> None:
    rule_set = load_rule_set("R1" if above == "province" else "R3")
    back = return_route(rule_set, Tier(above), Decimal(score), date(2025, 6, 10))
    assert (back.action, back.tier, back.alternatives, back.recognisable_star) == (
        "return",
        Tier(tier),
        options,
        star,
    )


def test_rule_13_return_route_respects_a_given_star_and_abolitions(
    r1: RuleSet, r3: RuleSet
) -> None:
    assert return_route(r3, Tier.CENTRAL, Decimal(92), star=5).recognisable_star is None
    assert return_route(r3, Tier.CENTRAL, Decimal(92), star=3).recognisable_star == 3
    assert return_route(r3, Tier.PROVINCE, Decimal(80)).action == "none"
    # After 30/06/2025 the R1 province has no district to return to.
    assert return_route(r1, Tier.PROVINCE, Decimal(75), date(2025, 7, 2)).action == "none"


def test_rule_08_a_minimum_is_met_by_every_member_not_by_the_mean(r3: RuleSet) -> None:
    """2.2's 3★ floor is 2 points: 3, 3 and 1 average 2.33 but one member is below."""
    top = sheet_at(r3, 13, 60, floor_star=3, overrides={"2.2": "4"})
    low = top.model_copy(update={"member": "TV3", "choices": {**top.choices, "2.2": "2"}})
    members = [top, top.model_copy(update={"member": "TV2"}), low]
    strict = council_result(r3, 13, members)
    assert not next(c for c in strict.minimums if c.criterion == "2.2" and c.star == 3).met
    assert strict.awarded_star is None and strict.outcome == Outcome.NOT_RECOGNISED
    lenient = council_result(_scoring(r3, minimum_aggregation="mean"), 13, members)
    assert lenient.awarded_star == 3


def test_rule_08_non_cumulative_minimums_are_per_star(r3: RuleSet) -> None:
    """If a rule set said minimums were not cumulative, a 4★ needs only the 4★ markers."""
    sheet = sheet_at(r3, 13, 75, floor_star=4, overrides={"2.2": "2"})  # 3★ floor missed
    assert council_result(r3, 13, [sheet]).awarded_star is None
    assert council_result(_scoring(r3, minimums_cumulative=False), 13, [sheet]).awarded_star == 4


def test_rule_05_a_one_point_story_is_a_story(r3: RuleSet) -> None:
    """5.1 "Có câu chuyện sản phẩm" (1 point) is a story: 5.2 still counts."""
    base = sheet_at(r3, 13, 80)
    sheet = base.model_copy(update={"choices": {**base.choices, "5.1": "2", "5.2": "3"}})
    lines = {ln.criterion: ln for ln in score_member(r3, 13, sheet).lines}
    assert lines["5.1"].points == 1 and lines["5.2"].points == 2 and lines["5.2"].applicable


def test_rule_06_scored_sheets_are_accepted_and_members_counted_once(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 13, 80)
    scored = score_member(r3, 13, sheet)
    assert council_result(r3, 13, [scored]).total == 80
    with pytest.raises(SheetError, match=r"^members: a member appears twice$"):
        council_result(r3, 13, [sheet, sheet])
    with pytest.raises(SheetError, match=r"^members: at least one member sheet is needed$"):
        council_result(r3, 13, [])


def test_rule_09_a_member_knockout_must_belong_to_the_set(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 1, 80).model_copy(update={"knockouts": ("ip_violation",)})
    with pytest.raises(
        SheetError, match=r"^members\[TV1\]\.knockouts\.ip_violation: not a knock-out"
    ):
        score_member(r3, 1, sheet)


def test_rule_01_the_latest_rule_set_wins_and_selection_defaults(r3: RuleSet) -> None:
    later = r3.model_copy(update={"id": "R4", "effective_from": date(2027, 1, 1)})
    pool = [load_rule_set("R2"), r3, later]
    assert select_rule_set(date(2027, 3, 1), rule_sets=pool).rule_set.id == "R4"
    assert select_rule_set(date(2026, 12, 31), rule_sets=pool).rule_set.id == "R3"
    plain = select_rule_set(date(2026, 6, 1))
    assert plain.deployment_tier_active and plain.local_policies == ()
    assert "01/06/2026" in plain.reason.vi and "22/05/2026" in plain.reason.en
    kontum = load_local_policy("kontum-district-2025")
    opted = Deployment(jurisdiction="x", local_policies=(kontum.id,))
    assert select_rule_set(date(2025, 3, 1), opted).local_policies == (kontum,)
    assert select_rule_set(date(2025, 3, 1), opted, local_policies=[]).local_policies == ()


def test_rule_02_evaluated_on_the_day_r3_took_effect_is_still_pending() -> None:
    on_the_day = transition_terms(
        date(2026, 5, 10), DossierKind.FIRST, evaluated_on=date(2026, 5, 22)
    )
    assert on_the_day is not None and on_the_day.decide_by == date(2026, 7, 21)


def test_rule_14_refusals_name_the_successor(r3: RuleSet) -> None:
    r2 = load_rule_set("R2")
    sheet = sheet_at(r2, 13, 60, floor_star=3)
    with pytest.raises(NotCompetentError) as lapsed:
        council_result(r2, 13, [sheet], on=date(2026, 9, 1))
    assert lapsed.value.render("vi") == (
        "in_force_until: R2 hết hiệu lực sau ngày 21/07/2026; quyết định ngày 01/09/2026 "
        "phải theo R3"
    )
    with pytest.raises(NotCompetentError) as absent:
        council_result(r3, 13, [sheet_at(r3, 13, 60, floor_star=3)], tier=Tier.DISTRICT)
    assert absent.value.render("en") == (
        "tier: R3 has no district council (councils: province, central)"
    )


def test_rule_07_return_route_reads_the_band_half_open(r1: RuleSet) -> None:
    """A province score of exactly 50.00 is in the 3★ band: the district may recognise 3★;
    49.99 can only be re-evaluated."""
    at_edge = return_route(r1, Tier.PROVINCE, Decimal("50.00"), date(2025, 6, 10))
    assert at_edge.recognisable_star == 3
    below = return_route(r1, Tier.PROVINCE, Decimal("49.99"), date(2025, 6, 10))
    assert below.recognisable_star is None and below.alternatives == ("reevaluate",)


def test_rule_01_the_selection_reason_names_the_period() -> None:
    r2 = select_rule_set(date(2026, 5, 10))
    assert r2.reason.vi == (
        "Hồ sơ tiếp nhận ngày 10/05/2026 thuộc R2 "
        "(áp dụng cho hồ sơ tiếp nhận từ 06/07/2025 đến 21/05/2026)"
    )
    assert r2.reason.en.endswith("(governs dossiers received from 06/07/2025 to 21/05/2026)")
    r3 = select_rule_set(date(2026, 6, 1))
    assert r3.reason.en.endswith("(governs dossiers received from 22/05/2026)")
    with pytest.raises(Exception) as refused:
        select_rule_set(date(2020, 1, 1))
    assert "chỉ nhập kết quả đã quyết định (rules.import_result)" in str(
        getattr(refused.value, "vi", "")
    )


def test_rule_05_sheet_errors_in_vietnamese(r3: RuleSet) -> None:
    sheet = sheet_at(r3, 13, 80)
    missing = sheet.model_copy(
        update={"choices": {k: v for k, v in sheet.choices.items() if k not in ("2.3", "5.1")}}
    )
    with pytest.raises(SheetError) as refused:
        score_member(r3, 13, missing)
    assert refused.value.render("vi") == (
        "members[TV1].choices: chưa chọn phương án cho các tiêu chí 2.3, 5.1"
    )
    wrong = sheet.model_copy(update={"choices": {**sheet.choices, "2.3": "9"}})
    with pytest.raises(SheetError) as refused:
        score_member(r3, 13, wrong)
    assert refused.value.render("vi").endswith("(các phương án: 1, 2, 3)")

"""OCOP-RULES.md §14, rules 11-14: which authority scores, forwards, returns and
decides. One test per rule, named after its number."""

from __future__ import annotations

from datetime import date

import pytest

from rules import (
    Deployment,
    NotCompetentError,
    Outcome,
    RuleSet,
    ShortfallMode,
    Step,
    Tier,
    authority,
    council_result,
    may_act,
)

from .helpers import sheet_at

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

"""Property-based tests (hypothesis) of the bands and the minimum requirements."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rules import (
    CouncilResult,
    MemberSheet,
    Outcome,
    RuleSet,
    ShortfallMode,
    band_for,
    council_result,
    load_rule_set,
)
from rules.rubric import ProductSetRubric

from .helpers import floor_points

R3 = load_rule_set("R3")
SETS = st.integers(min_value=1, max_value=26)
SCORES = st.decimals(min_value=0, max_value=100, places=2)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rank(star: int | None) -> int:
    """Certified stars rank by number; 1★/2★ and "không đạt" all rank 0 (no certificate)."""
    return star if star is not None and star >= 3 else 0


def _recognised(result: CouncilResult, mode: ShortfallMode) -> int | None:
    outcome = result.under(mode)
    return outcome.awarded_star if outcome.outcome == Outcome.RECOGNISED else None


@st.composite
def sheets(
    draw: st.DrawFn, rubric: ProductSetRubric, floor_star: int | None = None, member: str = "TV1"
) -> MemberSheet:
    """A member sheet drawing one option per leaf, keeping minimums up to ``floor_star``."""
    choices = {}
    case = draw(st.sampled_from(["1", "2"]))  # set 26: one case per sheet
    for _, leaf in rubric.leaves():
        low = floor_points(leaf, floor_star)
        allowed = [o for o in leaf.options if o.points >= low and o.case in (None, case)]
        choices[leaf.code] = draw(st.sampled_from(allowed)).id
    return MemberSheet(member=member, choices=choices)


@given(SCORES)
def test_band_is_the_highest_band_reached(score: Decimal) -> None:
    star = band_for(R3, score)
    bands = {b.star: b.min_score for b in R3.scoring.bands}
    assert score >= bands[star]
    assert star == 5 or score < bands[star + 1]


@given(SCORES, SCORES)
def test_bands_are_monotone(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert band_for(R3, low) <= band_for(R3, high)


@FAST
@given(st.data(), SETS)
def test_meeting_every_4_star_minimum_in_the_4_star_band_is_4_stars(
    data: st.DataObject, number: int
) -> None:
    rubric = R3.sheet(number)
    assert rubric is not None
    sheet = data.draw(sheets(rubric, floor_star=4))
    result = council_result(R3, number, [sheet])
    assume(Decimal(70) <= result.total < Decimal(90))
    assume(not any(k.triggered for k in result.knockouts))  # set 16: a zero sensory score
    for mode in ShortfallMode:
        assert result.under(mode).awarded_star == 4
        assert result.under(mode).certificate_issued


def _lower_below_floor(
    rule_set: RuleSet, number: int, sheet: MemberSheet, code: str
) -> MemberSheet:
    rubric = rule_set.sheet(number)
    assert rubric is not None
    leaf = rubric.leaf(code)
    assert leaf is not None
    floor = floor_points(leaf, 3)
    below = min((o for o in leaf.options if o.points < floor), key=lambda o: o.points)
    return MemberSheet(member=sheet.member, choices={**sheet.choices, code: below.id})


@FAST
@given(st.data(), SETS)
def test_lowering_a_3_star_minimum_never_raises_the_star(data: st.DataObject, number: int) -> None:
    """In cap mode the awarded star never rises; in both modes the recognised
    (certified) star never rises — it disappears. In reject mode 'không đạt' and
    a 1★/2★ result are both "not recognised", so they are compared as such."""
    rubric = R3.sheet(number)
    assert rubric is not None
    floored = [
        leaf.code
        for _, leaf in rubric.leaves()
        if any(o.points < floor_points(leaf, 3) for o in leaf.options)
    ]
    assume(floored)
    sheet = data.draw(sheets(rubric, floor_star=data.draw(st.sampled_from([None, 3, 4, 5]))))
    code = data.draw(st.sampled_from(floored))
    lowered = _lower_below_floor(R3, number, sheet, code)
    before = council_result(R3, number, [sheet])
    after = council_result(R3, number, [lowered])
    assert after.total <= before.total
    cap_before, cap_after = before.under(ShortfallMode.CAP), after.under(ShortfallMode.CAP)
    assert _rank(cap_after.awarded_star) <= _rank(cap_before.awarded_star)
    for mode in ShortfallMode:
        assert _rank(_recognised(after, mode)) <= _rank(_recognised(before, mode))
        assert _recognised(after, mode) is None
        assert not after.under(mode).certificate_issued


@FAST
@given(st.data(), SETS, st.integers(min_value=1, max_value=9))
def test_the_mean_never_leaves_0_to_100(data: st.DataObject, number: int, size: int) -> None:
    rubric = R3.sheet(number)
    assert rubric is not None
    members = [data.draw(sheets(rubric, member=f"TV{i}")) for i in range(size)]
    result = council_result(R3, number, members)
    assert Decimal(0) <= result.total <= Decimal(100)
    maxima = rubric.part_maxima()
    for part, value in result.parts.items():
        assert Decimal(0) <= value <= maxima[part]
    totals = [m.total for m in result.members]
    assert min(totals) - Decimal("0.005") <= result.total <= max(totals) + Decimal("0.005")
